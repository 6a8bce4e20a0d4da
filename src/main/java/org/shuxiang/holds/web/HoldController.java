package org.shuxiang.holds.web;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.shuxiang.holds.Hold;
import org.shuxiang.holds.Holds;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Holds: {@code /api/v1/holds}. */
@RestController
@RequestMapping("/api/v1/holds")
class HoldController {

    record PlaceBody(@NotBlank @Size(max = 20) String cardNumber, @NotNull Long recordId, Long itemId,
                     @NotBlank String pickupUnit) {
    }

    /** {@code suspendedUntil} null thaws a suspended hold; {@code pickupUnit} moves it to another pickup point. */
    record ChangeBody(LocalDate suspendedUntil, Boolean resume, String pickupUnit, Integer priority) {
    }

    record ExpiryAnswer(int expired) {
    }

    record CaptureBody(@NotBlank @Size(max = 32) String barcode, @NotBlank String unit) {
    }

    record CostBody(@NotBlank String fromUnit, @NotBlank String toUnit, @NotNull @jakarta.validation.constraints.Min(0)
                    Integer cost) {
    }

    private final Holds holds;
    private final org.shuxiang.holds.TransportCosts costs;

    HoldController(Holds holds, org.shuxiang.holds.TransportCosts costs) {
        this.holds = holds;
        this.costs = costs;
    }

    /** The costs of moving books between units that differ from the default (the tree distance). */
    @GetMapping("/transport-costs")
    List<org.shuxiang.holds.TransportCosts.Cost> costs() {
        return costs.list();
    }

    @org.springframework.web.bind.annotation.PutMapping("/transport-costs")
    org.shuxiang.holds.TransportCosts.Cost setCost(@Valid @RequestBody CostBody body) {
        return costs.set(new org.shuxiang.holds.TransportCosts.Cost(body.fromUnit(), body.toUnit(), body.cost()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Hold place(@Valid @RequestBody PlaceBody body) {
        return holds.place(body.cardNumber(), body.recordId(), body.itemId(), body.pickupUnit());
    }

    @GetMapping
    List<Hold> ofReader(@RequestParam long readerId) {
        return holds.ofReader(readerId);
    }

    @PatchMapping("/{id}")
    Hold change(@PathVariable long id, @RequestBody ChangeBody body) {
        Hold hold = null;
        if (body.pickupUnit() != null) {
            hold = holds.changePickup(id, body.pickupUnit());
        }
        if (body.priority() != null) {
            hold = holds.prioritise(id, body.priority());
        }
        if (body.suspendedUntil() != null) {
            hold = holds.suspend(id, body.suspendedUntil());
        } else if (Boolean.TRUE.equals(body.resume())) {
            hold = holds.suspend(id, null);
        }
        return hold != null ? hold : holds.ofReaderHold(id);
    }

    @DeleteMapping("/{id}")
    Hold cancel(@PathVariable long id) {
        return holds.cancel(id);
    }

    /** The copies a unit is asked to take from its shelves. */
    @GetMapping("/pull-list")
    List<Hold> pullList(@RequestParam String unit) {
        return holds.pullList(unit);
    }

    /** A copy taken from the shelf for a hold: on the pickup shelf here, or sent to the pickup point. */
    @PostMapping("/captures")
    Holds.Trap capture(@Valid @RequestBody CaptureBody body) {
        return holds.capture(body.barcode(), body.unit());
    }

    /** The pickup shelf of a unit, soonest to expire first. */
    @GetMapping("/shelf")
    List<Hold> shelf(@RequestParam String unit) {
        return holds.shelf(unit);
    }

    /** Expires the holds whose days on the pickup shelf are over (also run every hour). */
    @PostMapping("/expiry")
    ExpiryAnswer expire() {
        return new ExpiryAnswer(holds.expireNow());
    }
}
