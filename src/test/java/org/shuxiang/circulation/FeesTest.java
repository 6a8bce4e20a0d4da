package org.shuxiang.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Overdue fees: 0.10 元 a day after the due date, capped at 10 元 an item, nothing within the grace days. */
class FeesTest {

    private static final LocalDate DUE = LocalDate.of(2026, 12, 1);

    private static LoanRule rule(int graceDays, int suspensionDays) {
        return new LoanRule(1, null, null, null, 30, 1, 30, 20, null, 5, 10, 1000, graceDays, suspensionDays, null);
    }

    @Test
    void a_return_on_the_due_date_costs_nothing() {
        assertThat(Fees.overdueCents(rule(0, 0), DUE, DUE)).isZero();
    }

    @Test
    void each_day_late_costs_the_daily_fee() {
        assertThat(Fees.overdueCents(rule(0, 0), DUE, DUE.plusDays(15))).isEqualTo(150);
    }

    @Test
    void the_fee_stops_at_the_cap_per_item() {
        assertThat(Fees.overdueCents(rule(0, 0), DUE, DUE.plusDays(400))).isEqualTo(1000);
    }

    @Test
    void within_the_grace_days_nothing_is_charged_and_after_them_every_late_day_is() {
        assertThat(Fees.overdueCents(rule(3, 0), DUE, DUE.plusDays(3))).isZero();
        assertThat(Fees.overdueCents(rule(3, 0), DUE, DUE.plusDays(4))).isEqualTo(40);
    }

    @Test
    void a_rule_with_suspension_days_charges_no_fee() {
        assertThat(Fees.overdueCents(rule(0, 7), DUE, DUE.plusDays(10))).isZero();
    }
}
