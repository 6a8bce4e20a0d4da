package org.shuxiang.network.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.shuxiang.network.ManagingOrgUnits;
import org.shuxiang.network.NetworkTree;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.network.UnitType;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Permission;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/org-units}: the organisation tree of the network. */
@RestController
@RequestMapping("/api/v1/org-units")
class OrgUnitController {

    record MoveBody(@Pattern(regexp = OrgUnitBody.CODE) String parentCode) {
    }

    record SubtreeNode(String code, String nameZh, String nameEn, UnitType type, boolean active,
                       List<SubtreeNode> children) {
    }

    record CalendarAnswer(String code, Instant at, boolean openAt, LocalDate from, LocalDate nextOpenDay) {
    }

    private final OrgUnits units;
    private final ManagingOrgUnits managing;
    private final AccessControl access;

    OrgUnitController(OrgUnits units, ManagingOrgUnits managing, AccessControl access) {
        this.units = units;
        this.managing = managing;
        this.access = access;
    }

    @GetMapping
    List<OrgUnitBody> list(@RequestParam Optional<UnitType> type, @RequestParam Optional<String> subtree,
                           @RequestParam Optional<Boolean> active) {
        access.requireSomewhere(Permission.NETWORK_READ);
        return units.list(subtree.orElse(null), type.orElse(null), active.orElse(null)).stream()
                .map(OrgUnitBody::of).toList();
    }

    @GetMapping("/{code}")
    OrgUnitBody get(@PathVariable String code) {
        access.requireSomewhere(Permission.NETWORK_READ);
        return OrgUnitBody.of(units.get(code));
    }

    @GetMapping("/{code}/subtree")
    SubtreeNode subtree(@PathVariable String code) {
        access.requireSomewhere(Permission.NETWORK_READ);
        List<OrgUnit> all = units.list(code, null, null);
        Map<String, OrgUnit> byCode = new HashMap<>();
        all.forEach(u -> byCode.put(u.code(), u));
        return node(units.tree(), byCode, code);
    }

    @GetMapping("/{code}/calendar")
    CalendarAnswer calendar(@PathVariable String code,
                            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Optional<Instant> at,
                            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) Optional<LocalDate> from) {
        access.requireSomewhere(Permission.NETWORK_READ);
        Instant when = at.orElseGet(Instant::now);
        LocalDate day = from.orElseGet(units::today);
        return new CalendarAnswer(code, when, units.isOpenAt(code, when), day,
                units.nextOpenDay(code, day).orElse(null));
    }

    @PostMapping
    ResponseEntity<OrgUnitBody> create(@Valid @RequestBody OrgUnitBody body) {
        OrgUnit created = managing.create(body.toUnit());
        return ResponseEntity.created(URI.create("/api/v1/org-units/" + created.code())).body(OrgUnitBody.of(created));
    }

    @PutMapping("/{code}")
    OrgUnitBody update(@PathVariable String code, @Valid @RequestBody OrgUnitBody body) {
        OrgUnit unit = body.toUnit();
        return OrgUnitBody.of(managing.update(new OrgUnit(code, unit.parentCode(), unit.type(), unit.nameZh(),
                unit.nameEn(), unit.operatorCode(), unit.address(), unit.latitude(), unit.longitude(),
                unit.services(), unit.active(), unit.openingHours(), unit.closedPeriods())));
    }

    @PostMapping("/{code}/move")
    OrgUnitBody move(@PathVariable String code, @Valid @RequestBody MoveBody body) {
        return OrgUnitBody.of(managing.move(code, body.parentCode()));
    }

    @PostMapping("/{code}/deactivate")
    OrgUnitBody deactivate(@PathVariable String code) {
        return OrgUnitBody.of(managing.deactivate(code));
    }

    @PostMapping("/{code}/reactivate")
    OrgUnitBody reactivate(@PathVariable String code) {
        return OrgUnitBody.of(managing.reactivate(code));
    }

    private static SubtreeNode node(NetworkTree tree, Map<String, OrgUnit> byCode, String code) {
        OrgUnit unit = byCode.get(code);
        List<SubtreeNode> children = tree.childrenOf(code).stream()
                .filter(byCode::containsKey)
                .sorted()
                .map(child -> node(tree, byCode, child))
                .toList();
        return new SubtreeNode(unit.code(), unit.nameZh(), unit.nameEn(), unit.type(), unit.active(), children);
    }
}
