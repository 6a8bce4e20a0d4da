package org.shuxiang.patrons;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A reader as staff see them: the identity card number only masked, the PIN never. {@code cardNumber}
 * is the card that works now; {@code blocks} are the blocks in force.
 */
public record Reader(long id, String name, String identityMasked, LocalDate dateOfBirth, String phone, String email,
                     String address,
                     String homeUnit, CardType cardType, Long guardianId, String cardNumber, LocalDate expiresOn,
                     BorrowingBasis borrowingBasis, int depositCents, boolean pinSet, Instant registeredAt,
                     List<Block> blocks, int version) {

    /** How a reader may borrow: not yet settled, on a deposit paid at a desk, or deposit-free on credit. */
    public enum BorrowingBasis { NONE, DEPOSIT, CREDIT }

    /** A block in force: why, since when, and who set it. */
    public record Block(long id, BlockKind kind, String reason, Instant since, String setBy, LocalDate until) {
    }

    /**
     * Manual blocks carry a person's reason; the others are set and lifted by the rules. A suspension
     * (late returns under a rule with suspension days) ends by itself after its {@code until} day.
     */
    public enum BlockKind { MANUAL, FEES, OVERDUE, EXPIRED, SUSPENSION, MACHINE }

    public boolean expiredOn(LocalDate day) {
        return !day.isBefore(expiresOn);
    }

    public boolean blocked() {
        return !blocks.isEmpty();
    }
}
