package org.shuxiang.patrons;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.AuditLog;
import org.springframework.stereotype.Service;

/**
 * Readers signing in on the reader site with their card number, or their identity card number, and
 * their PIN. The PIN goes through {@link ReaderCards#checkPin}, so wrong PINs on the web and at kiosks
 * count towards one lockout.
 */
@Service
public class ReaderSignIn {

    /** How a sign-in ended. */
    public enum Outcome { SIGNED_IN, WRONG_PIN, LOCKED, NO_PIN, UNKNOWN_CARD, CARD_REPLACED }

    /** The outcome, and the reader as an actor when they signed in. */
    public record Result(Outcome outcome, Actor.Reader reader) {
        public boolean signedIn() {
            return outcome == Outcome.SIGNED_IN;
        }
    }

    private final ReaderRepository readers;
    private final ReaderCards cards;
    private final IdentityCipher identities;
    private final AccessControl access;
    private final AuditLog audit;

    ReaderSignIn(ReaderRepository readers, ReaderCards cards, IdentityCipher identities, AccessControl access,
                 AuditLog audit) {
        this.readers = readers;
        this.cards = cards;
        this.identities = identities;
        this.access = access;
        this.audit = audit;
    }

    /** {@code login}: a card number or an 18-character identity card number. */
    public Result signIn(String login, String pin) {
        Optional<String> card = workingCard(login == null ? "" : login.strip());
        if (card.isEmpty()) {
            boolean replaced = readers.readerOfCard(ManagingReaders.normalizedCard(login))
                    .filter(found -> !found.getValue()).isPresent();
            return new Result(replaced ? Outcome.CARD_REPLACED : Outcome.UNKNOWN_CARD, null);
        }
        ReaderCards.PinCheck check = cards.checkPin(card.get(), pin);
        return switch (check) {
            case ACCEPTED -> new Result(Outcome.SIGNED_IN, actorOf(card.get()));
            case WRONG -> new Result(Outcome.WRONG_PIN, null);
            case LOCKED -> new Result(Outcome.LOCKED, null);
            case NO_PIN -> new Result(Outcome.NO_PIN, null);
            case UNKNOWN_CARD -> new Result(Outcome.UNKNOWN_CARD, null);
        };
    }

    private Actor.Reader actorOf(String card) {
        ReaderRepository.Row row = readers.readerOfCard(card).flatMap(found -> readers.find(found.getKey()))
                .orElseThrow();
        Actor.Reader reader = new Actor.Reader(row.id(), row.cardNumber(), row.name(), actsFor(row.id()));
        access.as(reader, () -> {
            audit.record("READER_SIGNED_IN", "READER", Long.toString(row.id()), row.homeUnit(), Map.of());
            return null;
        });
        return reader;
    }

    private Set<Long> actsFor(long readerId) {
        Set<Long> ids = new HashSet<>(readers.childIds(readerId));
        ids.add(readerId);
        return ids;
    }

    /** The working card of the login: itself when it is a working card, the reader's when it is an identity number. */
    private Optional<String> workingCard(String login) {
        Optional<IdentityCardNumber> identity = login.length() == 18 ? IdentityCardNumber.parse(login) : Optional.empty();
        if (identity.isPresent()) {
            return readers.readerOfIdentity(identities.lookupHash(identity.get()))
                    .flatMap(readers::find).map(ReaderRepository.Row::cardNumber);
        }
        String card = ManagingReaders.normalizedCard(login);
        return readers.readerOfCard(card).filter(Map.Entry::getValue).map(found -> card);
    }
}
