package org.shuxiang.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.RefusedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to the network: create, update, move, deactivate and reactivate units, and add operators.
 * Each is one transaction: checked, done, audited; or refused and nothing changed. Changes to the
 * tree's shape take a cluster-wide lock so that two concurrent moves cannot build a cycle.
 */
@Service
public class ManagingOrgUnits {

    private final OrgUnitRepository units;
    private final OperatorRepository operators;
    private final NetworkTreeCache trees;
    private final AccessControl access;
    private final AuditLog audit;

    ManagingOrgUnits(OrgUnitRepository units, OperatorRepository operators, NetworkTreeCache trees,
                     AccessControl access, AuditLog audit) {
        this.units = units;
        this.operators = operators;
        this.trees = trees;
        this.access = access;
        this.audit = audit;
    }

    @Transactional
    public OrgUnit create(OrgUnit unit) {
        if (unit.parentCode() == null) {
            access.requireWholeNetwork(Permission.NETWORK_WRITE);
        } else {
            access.require(Permission.NETWORK_WRITE, unit.parentCode());
        }
        checkContent(unit);
        units.lockTree();
        NetworkTree tree = trees.reload();
        if (tree.contains(unit.code())) {
            throw RefusedException.onField("code", NetworkRefusal.DUPLICATE_UNIT_CODE, unit.code());
        }
        refuseIfPresent(tree.checkPlacement(unit.type(), unit.parentCode()), "parentCode", unit.code(), unit.type(),
                unit.parentCode());
        units.insert(unit);
        trees.changed();
        audit.record("ORG_UNIT_CREATED", "ORG_UNIT", unit.code(), unit.code(), Map.of("unit", unit));
        return units.find(unit.code()).orElseThrow();
    }

    /** Changes a unit's names, operator, address, services, hours and closed days; not its place or type. */
    @Transactional
    public OrgUnit update(OrgUnit changed) {
        OrgUnit current = existing(changed.code());
        access.require(Permission.NETWORK_WRITE, current.code());
        OrgUnit unit = new OrgUnit(current.code(), current.parentCode(), current.type(), changed.nameZh(),
                changed.nameEn(), changed.operatorCode(), changed.address(), changed.latitude(), changed.longitude(),
                changed.services(), current.active(), changed.openingHours(), changed.closedPeriods());
        checkContent(unit);
        units.update(unit);
        // names, operators, hours and closed days are all kept in memory on every node
        trees.changed();
        audit.record("ORG_UNIT_UPDATED", "ORG_UNIT", unit.code(), unit.code(),
                Map.of("before", current, "after", unit));
        return units.find(unit.code()).orElseThrow();
    }

    @Transactional
    public OrgUnit move(String code, String newParentCode) {
        OrgUnit current = existing(code);
        access.require(Permission.NETWORK_WRITE, code);
        if (newParentCode != null) {
            access.require(Permission.NETWORK_WRITE, newParentCode);
        }
        units.lockTree();
        NetworkTree tree = trees.reload();
        refuseIfPresent(tree.checkMove(code, newParentCode), "parentCode", code, current.type(), newParentCode);
        units.move(code, newParentCode);
        trees.changed();
        audit.record("ORG_UNIT_MOVED", "ORG_UNIT", code, code,
                details("from", current.parentCode(), "to", newParentCode));
        return units.find(code).orElseThrow();
    }

    /** Takes a unit out of service; refused while units beneath it are still active. */
    @Transactional
    public OrgUnit deactivate(String code) {
        return setActive(code, false);
    }

    /** Puts a unit back in service; its parent must be active. */
    @Transactional
    public OrgUnit reactivate(String code) {
        return setActive(code, true);
    }

    private OrgUnit setActive(String code, boolean active) {
        OrgUnit current = existing(code);
        access.require(Permission.NETWORK_WRITE, code);
        units.lockTree();
        NetworkTree tree = trees.reload();
        refuseIfPresent(active ? tree.checkReactivation(code) : tree.checkDeactivation(code), "code", code,
                current.type(), current.parentCode());
        if (current.active() == active) {
            return current;
        }
        units.setActive(code, active);
        trees.changed();
        audit.record(active ? "ORG_UNIT_REACTIVATED" : "ORG_UNIT_DEACTIVATED", "ORG_UNIT", code, code, Map.of());
        return units.find(code).orElseThrow();
    }

    @Transactional
    public Operator addOperator(Operator operator) {
        access.requireWholeNetwork(Permission.NETWORK_WRITE);
        if (!operators.insert(operator)) {
            throw RefusedException.onField("code", NetworkRefusal.DUPLICATE_OPERATOR_CODE, operator.code());
        }
        audit.record("OPERATOR_CREATED", "OPERATOR", operator.code(), null, Map.of("operator", operator));
        return operator;
    }

    /** The rules on a unit's own content: hours, closed periods, coordinates, operator. */
    private void checkContent(OrgUnit unit) {
        unit.openingHours().check().ifPresent(r -> {
            throw RefusedException.onField("openingHours", r);
        });
        List<ClosedPeriod> periods = unit.closedPeriods();
        for (int i = 0; i < periods.size(); i++) {
            if (!periods.get(i).isValid()) {
                throw RefusedException.onField("closedPeriods[" + i + "]", NetworkRefusal.INVALID_CLOSED_PERIOD);
            }
            for (int j = 0; j < i; j++) {
                if (periods.get(j).overlaps(periods.get(i))) {
                    throw RefusedException.onField("closedPeriods[" + i + "]",
                            NetworkRefusal.OVERLAPPING_CLOSED_PERIODS);
                }
            }
        }
        if ((unit.latitude() == null) != (unit.longitude() == null)) {
            throw RefusedException.onField(unit.latitude() == null ? "latitude" : "longitude",
                    NetworkRefusal.COORDINATES_INCOMPLETE);
        }
        if (!operators.exists(unit.operatorCode())) {
            throw RefusedException.onField("operatorCode", NetworkRefusal.OPERATOR_NOT_FOUND, unit.operatorCode());
        }
    }

    private OrgUnit existing(String code) {
        return units.find(code).orElseThrow(() -> new RefusedException(NetworkRefusal.UNIT_NOT_FOUND, code));
    }

    private static void refuseIfPresent(Optional<NetworkRefusal> refusal, String field, Object... arguments) {
        refusal.ifPresent(r -> {
            throw RefusedException.onField(field, r, arguments);
        });
    }

    private static Map<String, Object> details(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
