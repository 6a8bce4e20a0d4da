package org.shuxiang.patrons;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.UnitHierarchy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering readers and keeping their records: one card for the whole network. Staff act on the
 * readers whose home unit is in their scope; every look at a reader's personal data is audited.
 */
@Service
public class ManagingReaders {

    /** What a desk (or, later, the reader online) gives to register. Blank card number: one is issued. */
    public record Registration(String name, String identityNumber, String phone, String address, String homeUnit,
                               CardType cardType, Long guardianId, String cardNumber, String pin, String email) {
    }

    /** The details a reader's record may change after registration. */
    public record Details(String name, String phone, String address, String homeUnit, String email) {
    }

    private static final Pattern CARD_NUMBER = Pattern.compile("[A-Z0-9]{6,20}");
    private static final Pattern PIN = Pattern.compile("\\d{6}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final ReaderRepository readers;
    private final IdentityCipher identities;
    private final PasswordEncoder passwords;
    private final AccessControl access;
    private final AuditLog audit;
    private final UnitHierarchy units;
    private final Clock clock;
    private final CreditSource credit;
    private final DepositTiers tiers;

    ManagingReaders(ReaderRepository readers, IdentityCipher identities, PasswordEncoder passwords,
                    AccessControl access, AuditLog audit, UnitHierarchy units, Clock clock, CreditSource credit,
                    DepositTiers tiers) {
        this.credit = credit;
        this.tiers = tiers;
        this.readers = readers;
        this.identities = identities;
        this.passwords = passwords;
        this.access = access;
        this.audit = audit;
        this.units = units;
        this.clock = clock;
    }

    @Transactional
    public Reader register(Registration registration) {
        if (registration.homeUnit() == null || !units.exists(registration.homeUnit())) {
            throw RefusedException.onField("homeUnit", PatronRefusal.UNKNOWN_HOME_UNIT, registration.homeUnit());
        }
        access.require(Permission.PATRONS_MANAGE, registration.homeUnit());
        CardType type = registration.cardType() == null ? CardType.ADULT : registration.cardType();
        String name = required(registration.name(), "name");
        IdentityCardNumber identity = identity(registration.identityNumber(), type);
        String identityHash = identity == null ? null : identities.lookupHash(identity);
        if (identityHash != null && readers.identityExists(identityHash)) {
            throw RefusedException.onField("identityNumber", PatronRefusal.IDENTITY_ALREADY_REGISTERED,
                    identity.masked());
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate birth = identity == null ? null : identity.dateOfBirth();
        checkGuardian(type, registration.guardianId(), birth, today);
        String cardNumber = cardNumber(registration.cardNumber());
        long id = readers.insert(new ReaderRepository.NewReader(name, identity == null ? null : identities.encrypt(identity),
                identityHash, identity == null ? null : identity.masked(), birth, blankToNull(registration.phone()),
                blankToNull(registration.address()), registration.homeUnit(), type, registration.guardianId(),
                pinHash(registration.pin()), type.expiry(today, birth), access.currentActor().name()));
        readers.issueCard(id, cardNumber);
        if (registration.email() != null && !registration.email().isBlank()) {
            readers.setEmail(id, email(registration.email()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cardNumber", cardNumber);
        details.put("cardType", type);
        details.put("homeUnit", registration.homeUnit());
        audit.record("READER_REGISTERED", "READER", Long.toString(id), registration.homeUnit(), details);
        return view(readers.find(id).orElseThrow());
    }

    /**
     * A reader's record, as staff in scope see it (the look is audited), or as the reader signed in on the
     * reader site sees their own or their child's.
     */
    @Transactional
    public Reader get(long id) {
        ReaderRepository.Row row = row(id);
        if (access.actsForReader(id)) {
            return view(row);
        }
        requireSeeing(row);
        audit.record("READER_VIEWED", "READER", Long.toString(id), row.homeUnit(), Map.of());
        return view(row);
    }

    /**
     * Registration by the reader on the reader site: an adult card at the home unit they chose, with a PIN
     * of their own, and a credit check if they consented. With credit the card is deposit-free at once;
     * without, it works for holds straight away and the deposit is paid at any desk.
     */
    @Transactional
    public OnlineRegistration registerOnline(Registration registration, boolean creditConsent) {
        if (registration.pin() == null || registration.pin().isBlank()) {
            throw RefusedException.onField("pin", PatronRefusal.INVALID_PIN);
        }
        if (registration.identityNumber() == null || registration.identityNumber().isBlank()) {
            throw RefusedException.onField("identityNumber", PatronRefusal.IDENTITY_NUMBER_REQUIRED);
        }
        Registration adult = new Registration(registration.name(), registration.identityNumber(),
                registration.phone(), registration.address(), registration.homeUnit(), CardType.ADULT, null, null,
                registration.pin(), registration.email());
        Actor site = new Actor.System("reader-site");
        return access.as(site, () -> {
            Reader reader = register(adult);
            CreditSource.Assessment assessment = creditConsent ? checkCredit(reader.id(), true) : null;
            return new OnlineRegistration(view(row(reader.id())), assessment, tiers.describe());
        });
    }

    /** A card registered online, the credit check's result (null without consent) and the deposit tiers. */
    public record OnlineRegistration(Reader reader, CreditSource.Assessment credit, String depositTiers) {
        public boolean depositFree() {
            return reader.borrowingBasis() == Reader.BorrowingBasis.CREDIT;
        }
    }

    /** When the reader switched their reading history on, if they did. */
    @Transactional(readOnly = true)
    public java.util.Optional<java.time.Instant> readingHistorySince(long id) {
        ReaderRepository.Row row = row(id);
        access.requireReaderOr(id, Permission.PATRONS_MANAGE, row.homeUnit());
        return readers.historySince(id);
    }

    /** The reader switches their reading history on (from now) or off; only they may. */
    @Transactional
    public void keepReadingHistory(long id, boolean on) {
        ReaderRepository.Row row = lockedRow(id);
        if (!access.actsForReader(id)) {
            throw new RefusedException(org.shuxiang.platform.PlatformRefusal.ACCESS_DENIED, "READER", id);
        }
        readers.setHistorySince(id, on);
        audit.record(on ? "READER_HISTORY_ON" : "READER_HISTORY_OFF", "READER", Long.toString(id), row.homeUnit(),
                Map.of());
    }

    /** The reader a card belongs to; a replaced card still finds its reader, for staff. */
    @Transactional
    public Reader byCard(String cardNumber) {
        long id = readers.readerOfCard(normalizedCard(cardNumber))
                .orElseThrow(() -> new RefusedException(PatronRefusal.CARD_NOT_FOUND, cardNumber)).getKey();
        return get(id);
    }

    @Transactional
    public Reader byIdentity(String identityNumber) {
        IdentityCardNumber number = IdentityCardNumber.parse(identityNumber).orElseThrow(() ->
                RefusedException.onField("identityNumber", PatronRefusal.INVALID_IDENTITY_NUMBER));
        long id = readers.readerOfIdentity(identities.lookupHash(number))
                .orElseThrow(() -> new RefusedException(PatronRefusal.READER_NOT_FOUND, number.masked()));
        return get(id);
    }

    /** The whole identity card number, for the rare desk task that needs it; audited separately. */
    @Transactional
    public String identityNumber(long id) {
        ReaderRepository.Row row = row(id);
        access.require(Permission.PATRONS_MANAGE, row.homeUnit());
        byte[] stored = readers.encryptedIdentity(id)
                .orElseThrow(() -> new RefusedException(PatronRefusal.READER_NOT_FOUND, id));
        audit.record("READER_IDENTITY_REVEALED", "READER", Long.toString(id), row.homeUnit(), Map.of());
        return identities.decrypt(stored).value();
    }

    /** Readers whose name starts with {@code name}, among those the caller may see. */
    @Transactional(readOnly = true)
    public List<Reader> findByName(String name, int limit) {
        String prefix = required(name, "name");
        Optional<java.util.Set<String>> scope = access.unitsWhere(Permission.PATRONS_MANAGE);
        return readers.findByName(prefix, scope.orElse(null), Math.max(1, Math.min(limit, 100))).stream()
                .map(this::view).toList();
    }

    @Transactional
    public Reader update(long id, Details details) {
        ReaderRepository.Row row = lockedRow(id);
        access.require(Permission.PATRONS_MANAGE, row.homeUnit());
        String home = details.homeUnit() == null ? row.homeUnit() : details.homeUnit();
        if (!units.exists(home)) {
            throw RefusedException.onField("homeUnit", PatronRefusal.UNKNOWN_HOME_UNIT, home);
        }
        access.require(Permission.PATRONS_MANAGE, home);
        String name = details.name() == null ? row.name() : required(details.name(), "name");
        readers.update(id, name, details.phone() == null ? row.phone() : blankToNull(details.phone()),
                details.address() == null ? row.address() : blankToNull(details.address()), home);
        if (details.email() != null) {
            readers.setEmail(id, details.email().isBlank() ? null : email(details.email()));
        }
        audit.record("READER_UPDATED", "READER", Long.toString(id), home, Map.of("homeUnit", home));
        return view(readers.find(id).orElseThrow());
    }

    /** A lost card is replaced by a new number; the reader, their loans and history stay. */
    @Transactional
    public Reader replaceCard(long id, String newCardNumber) {
        ReaderRepository.Row row = lockedRow(id);
        access.require(Permission.PATRONS_MANAGE, row.homeUnit());
        String card = cardNumber(newCardNumber);
        readers.replaceCurrentCard(id, access.currentActor().name());
        readers.issueCard(id, card);
        audit.record("READER_CARD_REPLACED", "READER", Long.toString(id), row.homeUnit(),
                Map.of("old", String.valueOf(row.cardNumber()), "new", card));
        return view(readers.find(id).orElseThrow());
    }

    /** Extends an expired or expiring card by a period of validity from today. */
    @Transactional
    public Reader renewCard(long id) {
        ReaderRepository.Row row = lockedRow(id);
        access.require(Permission.PATRONS_MANAGE, row.homeUnit());
        LocalDate today = LocalDate.now(clock);
        LocalDate expires = row.cardType().expiry(today, row.dateOfBirth());
        if (!expires.isAfter(today)) {
            throw new RefusedException(PatronRefusal.CHILD_TOO_OLD, row.name());
        }
        readers.renew(id, expires);
        audit.record("READER_CARD_RENEWED", "READER", Long.toString(id), row.homeUnit(),
                Map.of("expiresOn", expires.toString()));
        return view(readers.find(id).orElseThrow());
    }

    @Transactional
    public Reader setPin(long id, String pin) {
        ReaderRepository.Row row = lockedRow(id);
        access.require(Permission.PATRONS_MANAGE, row.homeUnit());
        readers.setPin(id, pinHash(required(pin, "pin")));
        audit.record("READER_PIN_SET", "READER", Long.toString(id), row.homeUnit(), Map.of());
        return view(readers.find(id).orElseThrow());
    }

    /** A manual block: the reader cannot borrow, renew or place holds until it is lifted. */
    @Transactional
    public Reader block(long id, String reason) {
        ReaderRepository.Row row = lockedRow(id);
        access.require(Permission.PATRONS_MANAGE, row.homeUnit());
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why == null) {
            throw RefusedException.onField("reason", PatronRefusal.REASON_REQUIRED);
        }
        long block = readers.block(id, Reader.BlockKind.MANUAL, why, access.currentActor().name());
        audit.record("READER_BLOCKED", "READER", Long.toString(id), row.homeUnit(),
                Map.of("block", block, "reason", why));
        return view(readers.find(id).orElseThrow());
    }

    @Transactional
    public Reader lift(long id, long blockId) {
        ReaderRepository.Row row = lockedRow(id);
        access.require(Permission.PATRONS_MANAGE, row.homeUnit());
        if (readers.lift(id, blockId, access.currentActor().name()) == 0) {
            throw new RefusedException(PatronRefusal.BLOCK_NOT_FOUND, blockId);
        }
        audit.record("READER_UNBLOCKED", "READER", Long.toString(id), row.homeUnit(), Map.of("block", blockId));
        return view(readers.find(id).orElseThrow());
    }

    /**
     * A deposit paid at a desk: one of the network's tiers, which sets how many items the reader may
     * borrow at once. A reader on credit who pays a deposit borrows on the deposit from then on.
     */
    @Transactional
    public Reader payDeposit(long id, int cents) {
        ReaderRepository.Row row = lockedRow(id);
        access.require(Permission.PATRONS_MANAGE, row.homeUnit());
        if (tiers.loanLimit(cents).isEmpty()) {
            throw RefusedException.onField("amountCents", PatronRefusal.UNKNOWN_DEPOSIT_TIER, cents / 100.0,
                    tiers.describe());
        }
        readers.setBasis(id, Reader.BorrowingBasis.DEPOSIT, cents);
        audit.record("READER_DEPOSIT_PAID", "READER", Long.toString(id), row.homeUnit(), Map.of("cents", cents));
        return view(readers.find(id).orElseThrow());
    }

    /**
     * A credit check, with the reader's consent, by the network's credit source: a score at or above the
     * threshold makes the card deposit-free (信用借还); a lower one leaves it as it was and says so.
     */
    @Transactional
    public CreditSource.Assessment checkCredit(long id, boolean consent) {
        ReaderRepository.Row row = lockedRow(id);
        access.require(Permission.PATRONS_MANAGE, row.homeUnit());
        if (!consent) {
            throw RefusedException.onField("consent", PatronRefusal.CONSENT_REQUIRED);
        }
        String identity = readers.encryptedIdentity(id).map(e -> identities.decrypt(e).value()).orElse(null);
        CreditSource.Assessment assessment = credit.assess(new CreditSource.Subject(id, row.name(), identity));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("score", assessment.score());
        details.put("threshold", assessment.threshold());
        details.put("source", assessment.source());
        details.put("approved", assessment.approved());
        audit.record("READER_CREDIT_CHECKED", "READER", Long.toString(id), row.homeUnit(), details);
        if (assessment.approved()) {
            readers.setBasis(id, Reader.BorrowingBasis.CREDIT, row.depositCents());
        }
        return assessment;
    }

    /**
     * Suspends a reader until a day (a rule's suspension days instead of fees); a longer suspension in
     * force is kept. Called by circulation inside its checkin.
     */
    @Transactional
    public void suspend(long id, java.time.LocalDate until, String reason) {
        ReaderRepository.Row row = lockedRow(id);
        readers.block(id, Reader.BlockKind.SUSPENSION, reason, access.currentActor().name(), until);
        audit.record("READER_SUSPENDED", "READER", Long.toString(id), row.homeUnit(),
                Map.of("until", until.toString(), "reason", reason));
    }

    /** Credit lost (late returns, say): the reader needs a deposit to borrow again. Called by circulation. */
    @Transactional
    public void revokeCredit(long id, String reason) {
        ReaderRepository.Row row = lockedRow(id);
        if (row.basis() == Reader.BorrowingBasis.CREDIT) {
            readers.setBasis(id, row.depositCents() > 0 ? Reader.BorrowingBasis.DEPOSIT : Reader.BorrowingBasis.NONE,
                    row.depositCents());
            audit.record("READER_CREDIT_REVOKED", "READER", Long.toString(id), row.homeUnit(), Map.of("reason", reason));
        }
    }

    /** The children whose cards this reader holds as guardian. */
    @Transactional(readOnly = true)
    public List<Reader> children(long guardianId) {
        ReaderRepository.Row guardian = row(guardianId);
        if (!access.actsForReader(guardianId)) {
            requireSeeing(guardian);
        }
        return readers.childrenOf(guardianId).stream().map(this::view).toList();
    }

    private void checkGuardian(CardType type, Long guardianId, LocalDate birth, LocalDate today) {
        if (type != CardType.CHILD) {
            if (guardianId != null) {
                throw RefusedException.onField("guardianId", PatronRefusal.GUARDIAN_ONLY_FOR_CHILDREN);
            }
            return;
        }
        if (guardianId == null) {
            throw RefusedException.onField("guardianId", PatronRefusal.GUARDIAN_REQUIRED);
        }
        ReaderRepository.Row guardian = readers.find(guardianId).orElseThrow(() ->
                RefusedException.onField("guardianId", PatronRefusal.READER_NOT_FOUND, guardianId));
        boolean adult = guardian.cardType() != CardType.CHILD && guardian.cardType() != CardType.GROUP
                && (guardian.dateOfBirth() == null
                || !guardian.dateOfBirth().plusYears(CardType.ADULT_AGE).isAfter(today));
        if (!adult) {
            throw RefusedException.onField("guardianId", PatronRefusal.GUARDIAN_NOT_ADULT, guardian.name());
        }
        if (birth != null && !birth.plusYears(CardType.ADULT_AGE).isAfter(today)) {
            throw RefusedException.onField("cardType", PatronRefusal.CHILD_TOO_OLD);
        }
    }

    private IdentityCardNumber identity(String text, CardType type) {
        if (text == null || text.isBlank()) {
            if (type == CardType.GROUP) {
                return null;
            }
            throw RefusedException.onField("identityNumber", PatronRefusal.IDENTITY_NUMBER_REQUIRED);
        }
        String problem = IdentityCardNumber.problemWith(text.strip());
        if (problem != null) {
            throw RefusedException.onField("identityNumber", PatronRefusal.INVALID_IDENTITY_NUMBER, problem);
        }
        return new IdentityCardNumber(text.strip());
    }

    private String cardNumber(String requested) {
        if (requested == null || requested.isBlank()) {
            String issued;
            do {
                issued = readers.nextCardNumber();
            } while (readers.cardNumberExists(issued));
            return issued;
        }
        String card = normalizedCard(requested);
        if (!CARD_NUMBER.matcher(card).matches()) {
            throw RefusedException.onField("cardNumber", PatronRefusal.INVALID_CARD_NUMBER, requested);
        }
        if (readers.cardNumberExists(card)) {
            throw RefusedException.onField("cardNumber", PatronRefusal.CARD_NUMBER_TAKEN, card);
        }
        return card;
    }

    private String pinHash(String pin) {
        if (pin == null || pin.isBlank()) {
            return null;
        }
        if (!PIN.matcher(pin).matches()) {
            throw RefusedException.onField("pin", PatronRefusal.INVALID_PIN);
        }
        return passwords.encode(pin);
    }

    private void requireSeeing(ReaderRepository.Row row) {
        if (!access.allows(Permission.PATRONS_MANAGE, row.homeUnit())) {
            access.require(Permission.READ_ALL, row.homeUnit());
        }
    }

    private ReaderRepository.Row row(long id) {
        return readers.find(id).orElseThrow(() -> new RefusedException(PatronRefusal.READER_NOT_FOUND, id));
    }

    private ReaderRepository.Row lockedRow(long id) {
        return readers.findForUpdate(id).orElseThrow(() -> new RefusedException(PatronRefusal.READER_NOT_FOUND, id));
    }

    private Reader view(ReaderRepository.Row row) {
        return new Reader(row.id(), row.name(), row.identityMasked(), row.dateOfBirth(), row.phone(), row.email(),
                row.address(),
                row.homeUnit(), row.cardType(), row.guardianId(), row.cardNumber(), row.expiresOn(), row.basis(),
                row.depositCents(), row.pinHash() != null, row.registeredAt(),
                readers.openBlocks(List.of(row.id())).getOrDefault(row.id(), List.of()), row.version());
    }

    static String normalizedCard(String card) {
        return card == null ? "" : card.strip().toUpperCase(Locale.ROOT);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw RefusedException.onField(field, org.shuxiang.platform.PlatformRefusal.VALIDATION_FAILED);
        }
        return value.strip();
    }

    private static String email(String value) {
        String email = value.strip();
        if (!EMAIL.matcher(email).matches()) {
            throw RefusedException.onField("email", org.shuxiang.platform.PlatformRefusal.VALIDATION_FAILED);
        }
        return email;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
