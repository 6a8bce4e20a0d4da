package org.shuxiang.platform;

import static org.shuxiang.platform.Permission.API_KEY_MANAGE;
import static org.shuxiang.platform.Permission.AUDIT_READ;
import static org.shuxiang.platform.Permission.CATALOG_MANAGE;
import static org.shuxiang.platform.Permission.CIRCULATE;
import static org.shuxiang.platform.Permission.METRICS_READ;
import static org.shuxiang.platform.Permission.NETWORK_READ;
import static org.shuxiang.platform.Permission.NETWORK_WRITE;
import static org.shuxiang.platform.Permission.PATRONS_MANAGE;
import static org.shuxiang.platform.Permission.READ_ALL;
import static org.shuxiang.platform.Permission.STAFF_MANAGE;

import java.util.EnumSet;
import java.util.Set;

/** A staff role; granted on a subtree of the network, it gives its permissions there and nowhere else. */
public enum Role {
    ADMINISTRATOR(EnumSet.allOf(Permission.class)),
    /** The central library's managers: the whole network's structure and services, not accounts. */
    NETWORK_MANAGER(EnumSet.of(NETWORK_READ, NETWORK_WRITE, METRICS_READ, AUDIT_READ, CIRCULATE,
            PATRONS_MANAGE, CATALOG_MANAGE, READ_ALL)),
    /** A main library's manager, on that library's subtree. */
    LIBRARY_MANAGER(EnumSet.of(NETWORK_READ, NETWORK_WRITE, CIRCULATE, PATRONS_MANAGE, CATALOG_MANAGE,
            READ_ALL)),
    CIRCULATION_STAFF(EnumSet.of(NETWORK_READ, CIRCULATE, PATRONS_MANAGE)),
    CATALOGUER(EnumSet.of(NETWORK_READ, CATALOG_MANAGE)),
    /** An outsourcing company's staff, on the units their company runs. */
    OPERATOR_STAFF(EnumSet.of(NETWORK_READ, CIRCULATE, PATRONS_MANAGE)),
    /** Read-only, for evaluation. */
    AUDITOR(EnumSet.of(NETWORK_READ, AUDIT_READ, METRICS_READ, READ_ALL));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }
}
