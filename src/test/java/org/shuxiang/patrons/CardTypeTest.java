package org.shuxiang.patrons;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Cards expire: after five years, and a child's card on the eighteenth birthday if that comes first. */
class CardTypeTest {

    private static final LocalDate ISSUED = LocalDate.of(2026, 11, 27);

    @Test
    void an_adult_card_is_good_for_five_years() {
        assertThat(CardType.ADULT.expiry(ISSUED, LocalDate.of(1985, 3, 12))).isEqualTo(LocalDate.of(2031, 11, 27));
    }

    @Test
    void a_child_card_ends_on_the_eighteenth_birthday_when_that_comes_first() {
        assertThat(CardType.CHILD.expiry(ISSUED, LocalDate.of(2010, 6, 1))).isEqualTo(LocalDate.of(2028, 6, 1));
        assertThat(CardType.CHILD.expiry(ISSUED, LocalDate.of(2020, 8, 15))).isEqualTo(LocalDate.of(2031, 11, 27));
    }

    @Test
    void a_reading_only_card_does_not_borrow_and_every_other_card_does() {
        assertThat(CardType.READING_ONLY.borrows()).isFalse();
        assertThat(CardType.GROUP.borrows()).isTrue();
        assertThat(CardType.CHILD.borrows()).isTrue();
    }
}
