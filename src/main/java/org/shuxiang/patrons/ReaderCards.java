package org.shuxiang.patrons;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private final org.springframework.security.crypto.password.PasswordEncoder passwords;

    ReaderCards(ReaderRepository readers, DepositTiers tiers,
                org.springframework.security.crypto.password.PasswordEncoder passwords) {
        this.readers = readers;
        this.tiers = tiers;
        this.passwords = passwords;
    }

    /**
     * Whether {@code pin} is the PIN of the card's holder, as a kiosk checks it (SIP2 {@code AD}); false
     * for an unknown card or a reader without a PIN.
     */
    @Transactional(readOnly = true)
    public boolean pinMatches(String cardNumber, String pin) {
        if (pin == null || pin.isEmpty()) {
            return false;
        }
        return readers.readerOfCard(ManagingReaders.normalizedCard(cardNumber))
                .flatMap(card -> readers.find(card.getKey()))
                .map(ReaderRepository.Row::pinHash)
                .filter(hash -> hash != null && passwords.matches(pin, hash))
                .isPresent();
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
