package org.shuxiang.desk;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpSession;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Permission;
import org.springframework.stereotype.Component;

/**
 * The unit a staff member works at: one of the units where they may circulate, chosen once and kept in
 * the session (a desk is at one place), the first of them until they choose.
 */
@Component
class DeskUnits {

    static final String ATTRIBUTE = "shuxiang.desk.unit";

    private final AccessControl access;
    private final OrgUnits units;

    DeskUnits(AccessControl access, OrgUnits units) {
        this.access = access;
        this.units = units;
    }

    /** The active units where the staff member holds {@code permission}, main libraries and branches first. */
    List<OrgUnit> where(Permission permission) {
        Optional<Set<String>> scope = access.unitsWhere(permission);
        boolean holds = access.currentActor().scopes().stream().anyMatch(s -> s.permissions().contains(permission));
        if (!holds) {
            return List.of();
        }
        return units.active().stream()
                .filter(u -> scope.isEmpty() || scope.get().contains(u.code()))
                .sorted(Comparator.comparing((OrgUnit u) -> u.type().ordinal()).thenComparing(OrgUnit::code))
                .toList();
    }

    /** The desk's unit: {@code requested} when the staff member may circulate there, else the one kept, else the first. */
    Optional<OrgUnit> current(HttpSession session, String requested) {
        List<OrgUnit> mine = where(Permission.CIRCULATE);
        for (String code : new String[] {requested, (String) session.getAttribute(ATTRIBUTE)}) {
            if (code != null) {
                Optional<OrgUnit> chosen = mine.stream().filter(u -> u.code().equals(code)).findFirst();
                if (chosen.isPresent()) {
                    session.setAttribute(ATTRIBUTE, code);
                    return chosen;
                }
            }
        }
        return mine.stream().findFirst();
    }
}
