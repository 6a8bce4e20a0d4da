package org.shuxiang.circulation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** What an overdue return costs under a rule: days late beyond the grace days, by the daily fee, capped. */
public final class Fees {

    private Fees() {
    }

    /** Days late, counted from the due date: a return on the due date is on time. */
    public static long daysLate(LocalDate due, LocalDate returned) {
        return Math.max(0, ChronoUnit.DAYS.between(due, returned));
    }

    /** The overdue fee in fen; 0 within the grace days, and never more than the rule's cap per item. */
    public static int overdueCents(LoanRule rule, LocalDate due, LocalDate returned) {
        long late = daysLate(due, returned);
        if (late <= rule.graceDays() || rule.suspensionDays() > 0) {
            return 0;
        }
        return (int) Math.min((long) rule.feeCapCents(), late * rule.dailyFeeCents());
    }
}
