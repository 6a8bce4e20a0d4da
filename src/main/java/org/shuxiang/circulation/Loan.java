package org.shuxiang.circulation;

import java.time.Instant;
import java.time.LocalDate;

/** A loan: an item lent to a reader at a unit, due on a day, renewed so many times, perhaps returned. */
public record Loan(long id, long itemId, String barcode, String title, long readerId, String cardNumber,
                   String lendingUnit, Long ruleId, Instant checkedOutAt, LocalDate dueOn, int renewals,
                   Instant returnedAt, String returnUnit) {

    /** This loan ended at {@code at} at {@code unit}. */
    Loan returned(Instant at, String unit) {
        return new Loan(id, itemId, barcode, title, readerId, cardNumber, lendingUnit, ruleId, checkedOutAt, dueOn,
                renewals, at, unit);
    }

    /** This loan renewed once more, now due on {@code due}. */
    Loan renewed(LocalDate due) {
        return new Loan(id, itemId, barcode, title, readerId, cardNumber, lendingUnit, ruleId, checkedOutAt, due,
                renewals + 1, returnedAt, returnUnit);
    }
}
