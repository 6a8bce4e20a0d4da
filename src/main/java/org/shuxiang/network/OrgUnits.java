package org.shuxiang.network;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.UnitHierarchy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The network module's public face for reading: units, the tree, and the calendar questions that
 * due dates and hold shelves ask ("is unit X open at time T", "next open day at unit X").
 */
@Service
public class OrgUnits implements UnitHierarchy {

    private final OrgUnitRepository units;
    private final NetworkTreeCache trees;
    private final Clock clock;

    OrgUnits(OrgUnitRepository units, NetworkTreeCache trees, Clock clock) {
        this.units = units;
        this.trees = trees;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<OrgUnit> find(String code) {
        return units.find(code);
    }

    @Transactional(readOnly = true)
    public OrgUnit get(String code) {
        return units.find(code).orElseThrow(() -> new RefusedException(NetworkRefusal.UNIT_NOT_FOUND, code));
    }

    /** Units, optionally only those under {@code subtreeRoot} and of one type. */
    @Transactional(readOnly = true)
    public List<OrgUnit> list(String subtreeRoot, UnitType type, Boolean active) {
        Set<String> codes = null;
        if (subtreeRoot != null) {
            codes = tree().subtree(subtreeRoot);
            if (codes.isEmpty()) {
                throw new RefusedException(NetworkRefusal.UNIT_NOT_FOUND, subtreeRoot);
            }
        }
        return units.list(codes, type, active);
    }

    /**
     * Every active unit, from memory: read once and again whenever the network changes on any node.
     * For pages that show the whole network (maps, lists of pickup points) on every view.
     */
    public List<OrgUnit> active() {
        return trees.active();
    }

    /** A unit's Chinese name from the network tree in memory, or its code when the tree does not know it. */
    public String nameOf(String code) {
        return trees.tree().find(code).map(NetworkTree.Node::name).orElse(code);
    }

    /** The Chinese names of these units, by code, from the network tree in memory; unknown codes are left out. */
    public java.util.Map<String, String> namesOf(java.util.Collection<String> codes) {
        NetworkTree tree = trees.tree();
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (String code : codes) {
            tree.find(code).ifPresent(node -> names.put(code, node.name()));
        }
        return names;
    }

    public NetworkTree tree() {
        return trees.tree();
    }

    /**
     * Whether the unit is open at {@code time}, in the network's time zone. From memory, like
     * {@link #cached}: no transaction to join, which a checkout's due date would pay for at every loan.
     */
    public boolean isOpenAt(String code, Instant time) {
        return UnitCalendar.of(cached(code)).isOpenAt(LocalDateTime.ofInstant(time, clock.getZone()));
    }

    /**
     * A unit with its hours and closed days from memory, for the hot paths (checkouts, holds, kiosks):
     * read once, and read again after any change to the network on any node.
     */
    public OrgUnit cached(String code) {
        return trees.unit(code).orElseThrow(() -> new RefusedException(NetworkRefusal.UNIT_NOT_FOUND, code));
    }

    /** The first day on or after {@code from} on which the unit opens; from memory, like {@link #isOpenAt}. */
    public Optional<LocalDate> nextOpenDay(String code, LocalDate from) {
        return UnitCalendar.of(cached(code)).nextOpenDay(from);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    @Override
    public boolean exists(String unitCode) {
        return tree().contains(unitCode);
    }

    @Override
    public boolean isWithin(String unitCode, String ancestorCode) {
        return tree().isWithin(unitCode, ancestorCode);
    }

    @Override
    public boolean isRoot(String unitCode) {
        return tree().find(unitCode).filter(node -> node.parentCode() == null).isPresent();
    }

    @Override
    public Optional<String> operatorOf(String unitCode) {
        return tree().find(unitCode).map(NetworkTree.Node::operatorCode);
    }

    @Override
    public Set<String> subtree(String rootCode) {
        return tree().subtree(rootCode);
    }
}
