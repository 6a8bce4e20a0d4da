package org.shuxiang.platform;

import java.util.Map;

/**
 * The audit log: every change made through the API, and every access to a reader's personal data,
 * is recorded in the same transaction as the change, with who, when, from where and what.
 */
public interface AuditLog {

    /**
     * Records an event by the current actor.
     *
     * @param action     what was done, e.g. {@code ORG_UNIT_CREATED}
     * @param targetType the kind of thing it was done to, e.g. {@code ORG_UNIT}
     * @param targetId   its identifier, e.g. the unit code
     * @param unitCode   the unit the event belongs to, for scoping who may read it (may be null)
     * @param details    what changed, stored as JSON
     */
    void record(String action, String targetType, String targetId, String unitCode, Map<String, ?> details);
}
