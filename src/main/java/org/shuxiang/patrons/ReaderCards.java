package org.shuxiang.patrons;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.LoginLockoutPolicy;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.database.RoundTrip;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cards as circulation, kiosks and doors present them: who holds the card, and whether it may be used
 * today. The reader's row is locked for the calling transaction, so that two desks or kiosks acting for
 * one reader at once take turns (a reader's limits hold whatever the nodes do).
 */
@Service
public class ReaderCards {

    /** The holder of a card that was found. {@code current} is false for a card replaced after a loss. */
    public record Holder(long readerId, String name, String cardNumber, boolean current, CardType cardType,
                         String homeUnit, LocalDate expiresOn, List<Reader.Block> blocks,
                         Reader.BorrowingBasis basis, Integer depositLoanLimit) {

        public boolean expiredOn(LocalDate day) {
            return !day.isBefore(expiresOn);
        }
    }

    private final ReaderRepository readers;
    private final DepositTiers tiers;
    private final PasswordEncoder passwords;
    private final LoginLockoutPolicy lockout;
    private final AccessControl access;
    private final AuditLog audit;

    ReaderCards(ReaderRepository readers, DepositTiers tiers, PasswordEncoder passwords, LoginLockoutPolicy lockout,
                AccessControl access, AuditLog audit) {
        this.readers = readers;
        this.tiers = tiers;
        this.passwords = passwords;
        this.lockout = lockout;
        this.access = access;
        this.audit = audit;
    }

    /** The outcome of a PIN tried at a kiosk or on the web. */
    public enum PinCheck {
        ACCEPTED, WRONG, LOCKED, NO_PIN, UNKNOWN_CARD;

        public boolean accepted() {
            return this == ACCEPTED;
        }
    }

    /**
     * Tries {@code pin} for a card, as a kiosk (SIP2 {@code AD}) or the reader site does. A wrong PIN
     * counts towards the lockout that staff sign-ins have too ({@code shuxiang.security.login}); at the
     * limit the card's PIN is locked for a while, and even the right PIN is refused until then. The count
     * is written whatever the caller does next, so a failure is never lost with a refused transaction.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public PinCheck checkPin(String cardNumber, String pin) {
        Optional<ReaderRepository.PinState> state = readers.pinState(ManagingReaders.normalizedCard(cardNumber));
        if (state.isEmpty()) {
            return PinCheck.UNKNOWN_CARD;
        }
        ReaderRepository.PinState reader = state.get();
        if (reader.pinHash() == null) {
            return PinCheck.NO_PIN;
        }
        if (reader.locked()) {
            return PinCheck.LOCKED;
        }
        if (pin != null && !pin.isEmpty() && passwords.matches(pin, reader.pinHash())) {
            readers.pinAccepted(reader.readerId());
            return PinCheck.ACCEPTED;
        }
        Optional<Instant> locked = readers.pinFailed(reader.readerId(), lockout.maxFailures(), lockout.lockDuration());
        if (locked.isPresent()) {
            audit.record("READER_PIN_LOCKED", "READER", Long.toString(reader.readerId()), reader.homeUnit(),
                    Map.of("until", locked.get().toString()));
            return PinCheck.LOCKED;
        }
        return PinCheck.WRONG;
    }

    /**
     * A block placed by a self-service machine (SIP2 01: a card retained, or reported lost at a kiosk).
     * The machine must circulate somewhere; the block says which machine and why.
     */
    @Transactional
    public Optional<Holder> blockByMachine(String cardNumber, String reason) {
        access.requireSomewhere(Permission.CIRCULATE);
        Optional<ReaderRepository.LockedRow> locked = readers.lockByCard(ManagingReaders.normalizedCard(cardNumber));
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        long id = locked.get().row().id();
        String why = reason == null || reason.isBlank() ? "blocked by " + access.currentActor().name() : reason.strip();
        long block = readers.block(id, Reader.BlockKind.MACHINE, why, access.currentActor().name());
        audit.record("READER_BLOCKED", "READER", Long.toString(id), locked.get().row().homeUnit(),
                Map.of("block", block, "reason", why, "kind", Reader.BlockKind.MACHINE));
        return readers.lockById(id).map(this::holder);
    }

    /**
     * Patron enable (SIP2 25): lifts the blocks machines placed on the card's reader. Blocks staff placed,
     * and those for fees, overdue items or an expired card, stay: only a desk or the reasons themselves
     * lift them.
     */
    @Transactional
    public Optional<Holder> enableByMachine(String cardNumber) {
        access.requireSomewhere(Permission.CIRCULATE);
        Optional<ReaderRepository.LockedRow> locked = readers.lockByCard(ManagingReaders.normalizedCard(cardNumber));
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        long id = locked.get().row().id();
        int lifted = readers.liftAll(id, Reader.BlockKind.MACHINE, access.currentActor().name());
        if (lifted > 0) {
            audit.record("READER_UNBLOCKED", "READER", Long.toString(id), locked.get().row().homeUnit(),
                    Map.of("kind", Reader.BlockKind.MACHINE, "lifted", lifted));
        }
        return readers.lockById(id).map(this::holder);
    }

    /** The holder of a card as it stands, without a lock: for what is only shown, not acted on. */
    @Transactional(readOnly = true)
    public Optional<Holder> holder(String cardNumber) {
        return readers.readByCard(ManagingReaders.normalizedCard(cardNumber)).map(this::holder);
    }

    /** The holder of a card, the reader's row locked until the calling transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Holder> lockHolder(String cardNumber) {
        return readers.lockByCard(ManagingReaders.normalizedCard(cardNumber)).map(this::holder);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Holder> lockReader(long readerId) {
        return readers.lockById(readerId).map(this::holder);
    }

    /** {@link #holder(String)} as a statement to send with others in one round trip ({@link RoundTrip}). */
    public RoundTrip.Step<Optional<Holder>> holderStep(String cardNumber) {
        return readers.readByCardStep(normalized(cardNumber)).then(row -> row.map(this::holder));
    }

    /** {@link #lockHolder} as a statement to send with others in one round trip ({@link RoundTrip}). */
    public RoundTrip.Step<Optional<Holder>> lockHolderStep(String cardNumber) {
        return readers.lockByCardStep(normalized(cardNumber)).then(locked -> locked.map(this::holder));
    }

    /** {@link #lockReader} as a statement to send with others in one round trip ({@link RoundTrip}). */
    public RoundTrip.Step<Optional<Holder>> lockReaderStep(long readerId) {
        return readers.lockByIdStep(readerId).then(locked -> locked.map(this::holder));
    }

    /** A card number as the network keeps it (trimmed, upper case): what a card shown at a desk is looked up by. */
    public static String normalized(String cardNumber) {
        return ManagingReaders.normalizedCard(cardNumber);
    }

    /** Blocks are read only for a reader who has any (few do): the desk's usual case is one query. */
    private Holder holder(ReaderRepository.LockedRow locked) {
        ReaderRepository.Row row = locked.row();
        List<Reader.Block> blocks = locked.blocked()
                ? readers.openBlocks(List.of(row.id())).getOrDefault(row.id(), List.of()) : List.of();
        return new Holder(row.id(), row.name(), locked.cardShown(), locked.currentCard(), row.cardType(), row.homeUnit(),
                row.expiresOn(), blocks, row.basis(),
                row.basis() == Reader.BorrowingBasis.DEPOSIT ? tiers.loanLimit(row.depositCents()).orElse(0) : null);
    }
}
