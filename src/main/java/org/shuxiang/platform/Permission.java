package org.shuxiang.platform;

/** What an actor may do; roles and API keys are sets of permissions on a part of the network. */
public enum Permission {
    /** Read the organisation tree (units, hours, operators). */
    NETWORK_READ,
    /** Create, change, move and deactivate units. */
    NETWORK_WRITE,
    /** Create staff accounts and grant roles. */
    STAFF_MANAGE,
    /** Issue and revoke API keys for machines and partners. */
    API_KEY_MANAGE,
    /** Read the audit log. */
    AUDIT_READ,
    /** Read operational metrics. */
    METRICS_READ,
    /** Check out, check in, renew, take fees. */
    CIRCULATE,
    /** See and change readers' records. */
    PATRONS_MANAGE,
    /** Catalogue records and items. */
    CATALOG_MANAGE,
    /** See the data of the scope without changing anything (evaluation, statistics). */
    READ_ALL
}
