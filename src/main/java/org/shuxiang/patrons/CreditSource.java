package org.shuxiang.patrons;

/**
 * Where a credit score for deposit-free borrowing (信用借还) comes from. The platform has one built in,
 * which scores the reader's own record; an external provider (a payment platform's credit score, say)
 * plugs in through {@link HttpCreditSource}. {@code shuxiang.credit.source} chooses: {@code own} or {@code http}.
 */
public interface CreditSource {

    /** A score and whether it clears the threshold; {@code source} names who gave it, for the audit log. */
    record Assessment(int score, int threshold, String source, boolean approved) {
        public static Assessment of(int score, int threshold, String source) {
            return new Assessment(score, threshold, source, score >= threshold);
        }
    }

    /** What a provider may be told about a reader, who has consented to the check. */
    record Subject(long readerId, String name, String identityNumber) {
    }

    Assessment assess(Subject subject);
}
