package org.shuxiang.logistics;

import java.time.Instant;

/** One move of an item between two units: why, and when it was routed, sent and received. */
public record Transit(long id, long itemId, String barcode, String title, String fromUnit, String toUnit, Reason reason,
                     Long holdId, Instant routedAt, Instant sentAt, Instant receivedAt, String receivedUnit,
                     String status) {

    /** Why an item travels. */
    public enum Reason { RETURN_TO_OWNER, HOLD, REBALANCING }
}
