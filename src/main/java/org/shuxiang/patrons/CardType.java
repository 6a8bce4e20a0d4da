package org.shuxiang.patrons;

import java.time.LocalDate;
import java.time.Period;

/**
 * The kinds of reader card the network issues. A child card (少儿证) belongs to a reader under 18 and
 * is tied to a guardian; a group card (集体证) is held by a unit or institution; a reading-only card
 * lets its holder read in the libraries and take part in events but not borrow.
 */
public enum CardType {
    ADULT(true), CHILD(true), ELDERLY(true), DISABLED(true), GROUP(true), READING_ONLY(false);

    /** How long a card is good for from the day it is issued, unless the holder's age ends it sooner. */
    public static final Period VALIDITY = Period.ofYears(5);
    static final int ADULT_AGE = 18;

    private final boolean borrows;

    CardType(boolean borrows) {
        this.borrows = borrows;
    }

    public boolean borrows() {
        return borrows;
    }

    /**
     * The day a card issued on {@code issued} expires: five years on, and a child's card on the
     * eighteenth birthday if that comes first (the reader then moves to an adult card).
     */
    public LocalDate expiry(LocalDate issued, LocalDate dateOfBirth) {
        LocalDate end = issued.plus(VALIDITY);
        if (this == CHILD && dateOfBirth != null) {
            LocalDate adult = dateOfBirth.plusYears(ADULT_AGE);
            return adult.isBefore(end) ? adult : end;
        }
        return end;
    }
}
