package org.shuxiang.circulation;

import java.time.Instant;

/** A fee a reader owes: overdue, lost or damaged; {@code owedCents} is what is left after payments and waivers. */
public record Fee(long id, long readerId, Long loanId, String barcode, String title, String kind, int amountCents,
                  int paidCents, int waivedCents, Instant createdAt) {

    public int owedCents() {
        return amountCents - paidCents - waivedCents;
    }
}
