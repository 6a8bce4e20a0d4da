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

    ReaderCards(ReaderRepository readers, DepositTiers tiers) {
        this.readers = readers;
        this.tiers = tiers;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Holder> lockHolder(String cardNumber) {
        Optional<Map.Entry<Long, Boolean>> card = readers.readerOfCard(ManagingReaders.normalizedCard(cardNumber));
        if (card.isEmpty()) {
            return Optional.empty();
        }
        return lockHolder(card.get().getKey(), ManagingReaders.normalizedCard(cardNumber), card.get().getValue());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Holder> lockReader(long readerId) {
        return readers.findForUpdate(readerId).map(row -> holder(row, row.cardNumber(), true));
    }

    private Optional<Holder> lockHolder(long readerId, String cardNumber, boolean current) {
        return readers.findForUpdate(readerId).map(row -> holder(row, cardNumber, current));
    }

    private Holder holder(ReaderRepository.Row row, String cardNumber, boolean current) {
        return new Holder(row.id(), row.name(), cardNumber, current, row.cardType(), row.homeUnit(), row.expiresOn(),
                readers.openBlocks(List.of(row.id())).getOrDefault(row.id(), List.of()), row.basis(),
                row.basis() == Reader.BorrowingBasis.DEPOSIT ? tiers.loanLimit(row.depositCents()).orElse(0) : null);
    }
}
