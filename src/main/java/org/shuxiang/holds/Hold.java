package org.shuxiang.holds;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A hold: a reader's request for a title (or one copy) at a pickup point. {@code queuePosition} counts
 * from 1 among the waiting holds of the title (0 once a copy is on its way or on the shelf).
 */
public record Hold(long id, long readerId, long recordId, String title, Long itemId, String pickupUnit, Status status,
                   Long targetItemId, String targetBarcode, String targetUnit, Instant placedAt,
                   LocalDate suspendedUntil, Instant readyAt, LocalDate expiresOn, int queuePosition) {

    /** Where a hold stands. */
    public enum Status { WAITING, IN_TRANSIT, READY, FULFILLED, CANCELLED, EXPIRED }
}
