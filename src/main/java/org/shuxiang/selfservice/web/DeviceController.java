package org.shuxiang.selfservice.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.shuxiang.patrons.CardType;
import org.shuxiang.selfservice.CardIssuing;
import org.shuxiang.selfservice.DeviceKind;
import org.shuxiang.selfservice.Devices;
import org.shuxiang.selfservice.DoorEntries;
import org.shuxiang.selfservice.PeopleCounts;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/devices}: the registry for staff (register, list, alerts, counts, the door log) and the
 * device API for the devices themselves, which call with their own API key (heartbeat, counts, door
 * checks, card issuing). Every device call is also a sign of life.
 */
@RestController
@RequestMapping("/api/v1/devices")
class DeviceController {

    record RegistrationBody(@NotBlank @Size(max = 40) String code, @NotNull DeviceKind kind,
                            @Size(max = 100) String name, @NotBlank String unitCode, @Size(max = 64) String sip2Login) {
    }

    record HeartbeatBody(@Size(max = 500) String status) {
    }

    record CountsBody(@NotNull @Size(min = 1, max = 1000) List<@Valid @NotNull IntervalBody> intervals) {
    }

    record IntervalBody(@NotNull Instant from, @NotNull Instant to, @NotNull @Min(0) Integer in,
                        @NotNull @Min(0) Integer out) {
    }

    record CountsStored(int stored) {
    }

    record EntryBody(@NotBlank @Size(max = 40) String cardNumber) {
    }

    record ApplicationBody(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 18) String identityNumber,
                           @Size(max = 30) String phone, @Size(max = 200) String address,
                           @Size(max = 200) String email, CardType cardType, @Size(max = 20) String cardNumber,
                           @Size(max = 6) String pin, Boolean creditConsent, @Min(0) Integer depositCents) {
    }

    private final Devices devices;
    private final PeopleCounts counts;
    private final DoorEntries doors;
    private final CardIssuing issuing;

    DeviceController(Devices devices, PeopleCounts counts, DoorEntries doors, CardIssuing issuing) {
        this.devices = devices;
        this.counts = counts;
        this.doors = doors;
        this.issuing = issuing;
    }

    // staff

    @PostMapping
    ResponseEntity<Devices.Registered> register(@Valid @RequestBody RegistrationBody body) {
        Devices.Registered registered = devices.register(body.code(), body.kind(), body.name(), body.unitCode(),
                body.sip2Login());
        return ResponseEntity.created(URI.create("/api/v1/devices/" + registered.device().code())).body(registered);
    }

    @GetMapping
    List<Devices.Device> list(@RequestParam(required = false) String unit) {
        return devices.list(unit);
    }

    @GetMapping("/{code}")
    Devices.Device get(@PathVariable String code) {
        return devices.get(code);
    }

    @PostMapping("/{code}/disable")
    Devices.Device disable(@PathVariable String code) {
        return devices.disable(code);
    }

    @PostMapping("/{code}/keys")
    Devices.Registered newKey(@PathVariable String code) {
        return devices.newKey(code);
    }

    @GetMapping("/alerts")
    List<Devices.Alert> alerts(@RequestParam(defaultValue = "true") boolean open,
                               @RequestParam(defaultValue = "100") int limit) {
        return devices.alerts(open, limit);
    }

    @GetMapping("/counts")
    List<PeopleCounts.Hour> hourly(@RequestParam String unit, @RequestParam Instant from, @RequestParam Instant to,
                                   @RequestParam(defaultValue = "false") boolean subtree) {
        return counts.hourly(unit, from, to, subtree);
    }

    @GetMapping("/entries")
    List<DoorEntries.Logged> entries(@RequestParam String unit, @RequestParam Instant from, @RequestParam Instant to,
                                     @RequestParam(defaultValue = "500") int limit) {
        return doors.log(unit, from, to, limit);
    }

    // the devices themselves

    @GetMapping("/me")
    Devices.Device me() {
        Devices.Device device = devices.current();
        devices.seen(device);
        return device;
    }

    @PostMapping("/heartbeat")
    Devices.Device heartbeat(@Valid @RequestBody(required = false) HeartbeatBody body) {
        return devices.heartbeat(devices.current(), body == null ? null : body.status());
    }

    @PostMapping("/counts")
    CountsStored count(@Valid @RequestBody CountsBody body) {
        Devices.Device device = devices.current();
        int stored = counts.record(device, body.intervals().stream()
                .map(i -> new PeopleCounts.Interval(i.from(), i.to(), i.in(), i.out())).toList());
        devices.seen(device);
        return new CountsStored(stored);
    }

    @PostMapping("/entries")
    DoorEntries.Entry enter(@Valid @RequestBody EntryBody body) {
        Devices.Device device = devices.current();
        DoorEntries.Entry entry = doors.check(device, body.cardNumber(), LocaleContextHolder.getLocale());
        devices.seen(device);
        return entry;
    }

    @PostMapping("/registrations")
    ResponseEntity<CardIssuing.Issued> issue(@Valid @RequestBody ApplicationBody body) {
        Devices.Device device = devices.current();
        CardIssuing.Issued issued = issuing.issue(device, new CardIssuing.Application(body.name(),
                body.identityNumber(), body.phone(), body.address(), body.email(), body.cardType(), body.cardNumber(),
                body.pin(), Boolean.TRUE.equals(body.creditConsent()), body.depositCents()));
        devices.seen(device);
        return ResponseEntity.created(URI.create("/api/v1/readers/" + issued.reader().id())).body(issued);
    }
}
