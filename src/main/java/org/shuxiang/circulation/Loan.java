package org.shuxiang.circulation;

import java.time.Instant;
import java.time.LocalDate;

/** A loan: an item lent to a reader at a unit, due on a day, renewed so many times, perhaps returned. */
public record Loan(long id, long itemId, String barcode, String title, long readerId, String cardNumber,
                   String lendingUnit, Long ruleId, Instant checkedOutAt, LocalDate dueOn, int renewals,
                   Instant returnedAt, String returnUnit) {
}
