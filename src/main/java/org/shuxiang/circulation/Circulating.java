package org.shuxiang.circulation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shuxiang.catalog.CirculatingItems;
import org.shuxiang.catalog.CirculatingItems.CirculationItem;
import org.shuxiang.catalog.ItemStatus;
import org.shuxiang.catalog.ItemType;
import org.shuxiang.holds.Holds;
import org.shuxiang.logistics.Transit;
import org.shuxiang.logistics.Transits;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.patrons.ManagingReaders;
import org.shuxiang.patrons.Reader;
import org.shuxiang.patrons.ReaderCards;
import org.shuxiang.patrons.ReaderCards.Holder;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.Refusal;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.database.RoundTrip;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Borrow anywhere, return anywhere (通借通还): checkout at any lending unit, checkin at any unit that
 * accepts returns, renewals. Each transaction locks the reader's row and the item's row, so two desks or
 * kiosks acting at once take turns, and the database refuses a second open loan of one item whatever
 * happens. Every refusal carries a reason code.
 */
@Service
public class Circulating {

    /** A checkout's answer: the loan and the rule that set its due date. */
    public record Checkout(Loan loan, long ruleId, String ruleNote, boolean repeated) {
    }

    /** Where a returned item goes next, in words a desk or kiosk shows. */
    public enum Routing { RESHELVE, STAY_HERE, SEND_TO_OWNER, HOLD_SHELF, SEND_FOR_HOLD }

    /** A checkin's answer: the loan closed, the fee charged (fen), and where the item goes. */
    public record Checkin(Loan loan, int feeCents, long daysLate, Routing routing, String destination,
                          String destinationName, Long holdId, String owningUnit) {
    }

    /** Where an item received at a unit goes next (a transit that arrived, or one to send on). */
    public record Receipt(String barcode, Routing routing, String destination, String destinationName, Long holdId) {
    }

    private final CirculatingItems items;
    private final Holds holds;
    private final Transits transits;
    private final ReaderCards cards;
    private final ManagingReaders readers;
    private final OwnRecordCredit ownCredit;
    private final LoanRepository loans;
    private final OrgUnits units;
    private final AccessControl access;
    private final AuditLog audit;
    private final RoundTrip roundTrip;
    private final Clock clock;
    private final int feeLimitCents;
    private final int lostItemCents;
    private final int overdueLimit;

    Circulating(CirculatingItems items, Holds holds, Transits transits, ReaderCards cards, ManagingReaders readers,
                OwnRecordCredit ownCredit, LoanRepository loans, OrgUnits units, AccessControl access, AuditLog audit,
                RoundTrip roundTrip, Clock clock,
                @Value("${shuxiang.circulation.fee-limit-cents:1000}") int feeLimitCents,
                @Value("${shuxiang.circulation.lost-item-cents:5000}") int lostItemCents,
                @Value("${shuxiang.circulation.overdue-limit:3}") int overdueLimit) {
        this.overdueLimit = overdueLimit;
        this.holds = holds;
        this.transits = transits;
        this.readers = readers;
        this.ownCredit = ownCredit;
        this.feeLimitCents = feeLimitCents;
        this.lostItemCents = lostItemCents;
        this.items = items;
        this.cards = cards;
        this.loans = loans;
        this.units = units;
        this.access = access;
        this.audit = audit;
        this.roundTrip = roundTrip;
        this.clock = clock;
    }

    /**
     * Lends the item with {@code barcode} to the holder of {@code cardNumber} at {@code unit}. A request
     * id seen before returns the loan it made instead of lending again.
     */
    @Transactional
    public Checkout checkout(String cardNumber, String barcode, String unit, String requestId) {
        return checkoutAt(cardNumber, barcode, unit, requestId, clock.instant());
    }

    /** A checkout as of {@code at}: now at a desk, or when it happened for an offline kiosk's upload. */
    @Transactional
    public Checkout checkoutAt(String cardNumber, String barcode, String unit, String requestId, Instant at) {
        OrgUnit lending = unit(unit);
        access.require(Permission.CIRCULATE, lending.code());
        if (!lending.services().lends()) {
            throw new RefusedException(CirculationRefusal.UNIT_DOES_NOT_LEND, lending.code());
        }
        LocalDate today = LocalDate.ofInstant(at, clock.getZone());
        // one round trip: the holder's row locked; under that lock, the loan a repeated request made, if any,
        // and the holder's standing with the new loan's id, ready for its insert; the item locked
        RoundTrip.Step<Optional<Holder>> holderStep = cards.lockHolderStep(cardNumber);
        RoundTrip.Step<Optional<Loan>> earlierStep = requestId == null ? null : loans.byRequestStep(requestId);
        RoundTrip.Step<LoanRepository.StandingForLoan> standingStep =
                loans.standingOfCardForLoanStep(ReaderCards.normalized(cardNumber), today);
        RoundTrip.Step<Optional<CirculationItem>> itemStep = items.lockStep(barcode);
        if (earlierStep == null) {
            roundTrip.run(holderStep, standingStep, itemStep);
        } else {
            roundTrip.run(holderStep, earlierStep, standingStep, itemStep);
            Optional<Loan> earlier = earlierStep.result();
            if (earlier.isPresent()) {
                return new Checkout(earlier.get(), earlier.get().ruleId() == null ? 0 : earlier.get().ruleId(), null,
                        true);
            }
        }
        Holder holder = holderStep.result()
                .orElseThrow(() -> RefusedException.onField("cardNumber", CirculationRefusal.CARD_UNKNOWN, cardNumber));
        checkCard(holder, today);
        LoanRepository.Standing standing = standingStep.result().standing();
        checkFees(holder, standing);
        CirculationItem item = itemStep.result()
                .orElseThrow(() -> RefusedException.onField("barcode", CirculationRefusal.ITEM_UNKNOWN, barcode));
        boolean heldForHolder = false;
        if (item.status() == ItemStatus.ON_HOLD_SHELF) {
            Optional<Long> keptFor = holds.readyFor(item.id());
            if (keptFor.isPresent() && keptFor.get() != holder.readerId()) {
                throw RefusedException.onField("barcode", CirculationRefusal.ITEM_ON_HOLD_FOR_ANOTHER, item.barcode());
            }
            heldForHolder = keptFor.isPresent();
        }
        if (!heldForHolder) {
            checkLoanable(item);
        } else if (item.type() == ItemType.REFERENCE) {
            throw RefusedException.onField("barcode", CirculationRefusal.ITEM_NOT_LOANABLE, item.barcode());
        }
        LoanRule rule = rule(holder, item.type(), lending.code());
        int limit = holder.depositLoanLimit() == null ? rule.maxLoans() : Math.min(rule.maxLoans(), holder.depositLoanLimit());
        if (standing.openLoans() >= limit) {
            throw new RefusedException(CirculationRefusal.LOAN_LIMIT_REACHED, holder.name(), limit);
        }
        if (rule.maxLoansOfType() != null && loans.openLoansOfType(holder.readerId(), item.type()) >= rule.maxLoansOfType()) {
            throw new RefusedException(CirculationRefusal.ITEM_TYPE_LIMIT_REACHED, holder.name(), rule.maxLoansOfType(),
                    item.type());
        }
        LocalDate due = openDay(lending.code(), today.plusDays(rule.loanDays()));
        Instant now = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as the database keeps it
        if (heldForHolder) {
            holds.fulfil(item.id());
        }
        // the loan and the item lent go with the commit, a round trip fewer (nothing here reads them back); the
        // database still refuses a second open loan of the item, then
        long loanId = java.util.Objects.requireNonNull(standingStep.result().loanId(), "an id for the holder's loan");
        roundTrip.runWithCommit(() -> new RefusedException(CirculationRefusal.ITEM_ALREADY_ON_LOAN, item.barcode()),
                loans.insertLoanStep(loanId, item.id(), holder.readerId(), holder.cardNumber(), lending.code(),
                        rule.id(), now, due, requestId),
                items.lentStep(item, lending.code()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("barcode", item.barcode());
        details.put("reader", holder.readerId());
        details.put("dueOn", due.toString());
        details.put("rule", rule.id());
        audit.record("ITEM_CHECKED_OUT", "LOAN", Long.toString(loanId), lending.code(), details);
        Loan loan = new Loan(loanId, item.id(), item.barcode(), item.title(), holder.readerId(), holder.cardNumber(),
                lending.code(), rule.id(), now, due, 0, null, null);
        return new Checkout(loan, rule.id(), rule.note(), false);
    }

    /** Takes back the item with {@code barcode} at {@code unit}: closes its loan, charges any fee, routes it. */
    @Transactional
    public Checkin checkin(String barcode, String unit) {
        return checkinAt(barcode, unit, clock.instant());
    }

    /** A checkin as of {@code at}: fees count the days late up to then. */
    @Transactional
    public Checkin checkinAt(String barcode, String unit, Instant at) {
        OrgUnit returning = unit(unit);
        access.require(Permission.CIRCULATE, returning.code());
        if (!returning.services().acceptsReturns()) {
            throw new RefusedException(CirculationRefusal.UNIT_DOES_NOT_ACCEPT_RETURNS, returning.code());
        }
        Instant now = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Locked locked = closeOpenLoanOf(barcode, now, returning.code());
        CirculationItem item = locked.item();
        Loan loan = locked.loan();
        LocalDate today = LocalDate.ofInstant(at, clock.getZone());
        LoanRule rule = ruleOf(loan);
        int fee = rule == null ? 0 : Fees.overdueCents(rule, loan.dueOn(), today);
        if (fee > 0) {
            loans.insertFee(loan.readerId(), loan.id(), "OVERDUE", fee);
        }
        long late = Fees.daysLate(loan.dueOn(), today);
        if (rule != null && rule.suspensionDays() > 0 && late > rule.graceDays()) {
            readers.suspend(loan.readerId(), today.plusDays(late * rule.suspensionDays()),
                    "逾期 " + late + " 天归还《" + item.title() + "》");
        }
        if (late > 0 && !ownCredit.assess(loan.readerId()).approved()) {
            readers.revokeCredit(loan.readerId(), "late returns");
        }
        Receipt receipt = route(item, returning.code(), holds.trap(item, returning.code(), locked.anyLiveHold()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("barcode", item.barcode());
        details.put("reader", loan.readerId());
        details.put("feeCents", fee);
        details.put("routing", receipt.routing());
        details.put("destination", receipt.destination());
        audit.record("ITEM_CHECKED_IN", "LOAN", Long.toString(loan.id()), returning.code(), details);
        return new Checkin(loan.returned(now, returning.code()), fee, Fees.daysLate(loan.dueOn(), today),
                receipt.routing(), receipt.destination(), receipt.destinationName(), receipt.holdId(),
                item.owningUnit());
    }

    /**
     * Where an item that is now at {@code unit} goes: to a hold that wants it (on the shelf here, or sent to
     * the pickup point), else back on the shelf at its owner, kept here when it floats, or sent home.
     */
    private Receipt route(CirculationItem item, String unit, Optional<Holds.Trap> trap) {
        if (trap.isPresent()) {
            Holds.Trap t = trap.get();
            return new Receipt(item.barcode(), t.ready() ? Routing.HOLD_SHELF : Routing.SEND_FOR_HOLD, t.pickupUnit(),
                    t.pickupName(), t.holdId());
        }
        Routing routing;
        String destination;
        if (unit.equals(item.owningUnit())) {
            routing = Routing.RESHELVE;
            destination = unit;
        } else if (item.floating()) {
            routing = Routing.STAY_HERE;
            destination = unit;
        } else {
            routing = Routing.SEND_TO_OWNER;
            destination = item.owningUnit();
        }
        // nothing after this reads the item: its new place goes with the commit, a round trip fewer
        items.placeAtCommit(item, unit, routing == Routing.SEND_TO_OWNER ? ItemStatus.IN_TRANSIT : ItemStatus.AVAILABLE);
        if (routing == Routing.SEND_TO_OWNER) {
            transits.route(item.id(), unit, destination, Transit.Reason.RETURN_TO_OWNER, null);
        }
        return new Receipt(item.barcode(), routing, destination,
                units.nameOf(destination), null);
    }

    /**
     * An item in transit is received at {@code unit}: on the pickup shelf when a hold waits for it here,
     * on the shelf when this is its home, and otherwise sent on (received at the wrong unit, it is re-routed).
     */
    @Transactional
    public Receipt receive(String barcode, String unit) {
        OrgUnit receiving = unit(unit);
        access.require(Permission.CIRCULATE, receiving.code());
        CirculationItem item = items.lock(barcode)
                .orElseThrow(() -> RefusedException.onField("barcode", CirculationRefusal.ITEM_UNKNOWN, barcode));
        if (item.status() != ItemStatus.IN_TRANSIT) {
            throw RefusedException.onField("barcode", CirculationRefusal.ITEM_NOT_IN_TRANSIT, item.barcode(),
                    item.status());
        }
        transits.arrived(item.id(), receiving.code());
        Optional<Holds.Trap> arrived = holds.arrived(item, receiving.code());
        Receipt receipt = arrived.map(t -> new Receipt(item.barcode(), t.ready() ? Routing.HOLD_SHELF
                        : Routing.SEND_FOR_HOLD, t.pickupUnit(), t.pickupName(), t.holdId()))
                .orElseGet(() -> route(item, receiving.code(), holds.trap(item, receiving.code())));
        audit.record("ITEM_RECEIVED", "ITEM", item.barcode(), receiving.code(),
                Map.of("routing", receipt.routing(), "destination", receipt.destination()));
        return receipt;
    }

    /** Renews one loan from today by the rule's renewal days, if the rule allows another renewal. */
    @Transactional
    public Loan renew(long loanId) {
        LoanRepository.Owner owner = loans.ownerOfOpenLoan(loanId)
                .orElseThrow(() -> new RefusedException(CirculationRefusal.LOAN_NOT_FOUND, loanId));
        long readerId = owner.readerId();
        LocalDate today = LocalDate.now(clock);
        // one round trip: the reader's row locked, then the loan read again under it (the book may have come
        // back in the meantime), the reader's standing, the item locked, and the readers waiting for the title
        RoundTrip.Step<Optional<Holder>> holderStep = cards.lockReaderStep(readerId);
        RoundTrip.Step<Optional<Loan>> loanStep = loans.findStep(loanId);
        RoundTrip.Step<LoanRepository.Standing> standingStep = loans.standingStep(readerId, today);
        RoundTrip.Step<Optional<CirculationItem>> itemStep = items.lockStep(owner.itemId());
        RoundTrip.Step<Integer> waitingStep = holds.waitingForCopyStep(owner.itemId());
        roundTrip.run(holderStep, loanStep, standingStep, itemStep, waitingStep);
        Holder holder = holderStep.result().orElseThrow();
        Loan loan = loanStep.result().filter(l -> l.returnedAt() == null)
                .orElseThrow(() -> new RefusedException(CirculationRefusal.LOAN_NOT_FOUND, loanId));
        if (!access.actsForReader(readerId) && !access.allows(Permission.CIRCULATE, holder.homeUnit())) {
            access.require(Permission.CIRCULATE, loan.lendingUnit());
        }
        checkCard(holder, today);
        checkFees(holder, standingStep.result());
        LoanRule rule = ruleOf(loan);
        itemStep.result().orElseThrow();
        if (waitingStep.result() > 0) {
            throw new RefusedException(CirculationRefusal.HOLDS_WAITING, loan.barcode());
        }
        if (rule == null || loan.renewals() >= rule.renewals()) {
            throw new RefusedException(CirculationRefusal.RENEWALS_USED, loan.barcode(), loan.renewals());
        }
        LocalDate from = today.isAfter(loan.dueOn()) ? today : loan.dueOn();
        LocalDate due = openDay(loan.lendingUnit(), from.plusDays(rule.renewalDays()));
        roundTrip.runWithCommit(loans.renewStep(loan.id(), due)); // nothing reads it back: it goes with the commit
        audit.record("LOAN_RENEWED", "LOAN", Long.toString(loan.id()), loan.lendingUnit(),
                Map.of("dueOn", due.toString(), "barcode", loan.barcode()));
        return loan.renewed(due);
    }

    /** Renews every open loan of the card's holder that can be renewed; the others are listed with why not. */
    @Transactional
    public RenewAll renewAll(String cardNumber) {
        Holder holder = cards.lockHolder(cardNumber)
                .orElseThrow(() -> RefusedException.onField("cardNumber", CirculationRefusal.CARD_UNKNOWN, cardNumber));
        List<Loan> renewed = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Loan loan : loans.openLoansOf(holder.readerId())) {
            try {
                renewed.add(renew(loan.id()));
            } catch (RefusedException e) {
                refused.put(loan.barcode(), e.refusal().name());
            }
        }
        return new RenewAll(renewed, refused);
    }

    /** The answer to renew-all: loans renewed, and the barcodes not renewed with their reason codes. */
    public record RenewAll(List<Loan> renewed, Map<String, String> refused) {
    }

    /** A reader as a kiosk or desk sees them when the card is shown: open loans, overdue count, fees owed. */
    public record Summary(Holder holder, List<Loan> loans, int overdueLoans, int owedCents, Refusal refusal,
                          Object[] refusalArguments) {

        /** Why the desk would refuse this reader a loan now (card, blocks, overdue loans, fees), if it would. */
        public Optional<Refusal> borrowingRefusal() {
            return Optional.ofNullable(refusal);
        }
    }

    /**
     * The holder of a card that is shown at a desk or a kiosk anywhere in the network (one card, borrow
     * anywhere): their open loans and standing. Empty for an unknown card.
     */
    public Optional<Summary> summary(String cardNumber) {
        return shown(cardNumber, false).map(Shown::summary);
    }

    /** A summary and the holder's live holds (waiting, in transit, ready), newest first: a kiosk's patron information. */
    public record Shown(Summary summary, List<org.shuxiang.holds.Hold> liveHolds) {
    }

    /** {@link #summary} with the holder's live holds, read in the same round trip. Empty for an unknown card. */
    public Optional<Shown> summaryWithHolds(String cardNumber) {
        return shown(cardNumber, true);
    }

    private Optional<Shown> shown(String cardNumber, boolean withHolds) {
        access.requireSomewhere(Permission.CIRCULATE);
        // shown, not acted on: no lock on the reader's row (a lock writes to it), and no transaction of its own
        // (no BEGIN and COMMIT to wait for). One round trip: the holder, their standing and their open loans
        // (and holds), all found by the card shown.
        LocalDate today = LocalDate.now(clock);
        String card = ReaderCards.normalized(cardNumber);
        RoundTrip.Step<Optional<Holder>> holderStep = cards.holderStep(card);
        RoundTrip.Step<LoanRepository.Standing> standingStep = loans.standingOfCardStep(card, today);
        RoundTrip.Step<List<Loan>> loansStep = loans.openLoansOfCardStep(card);
        RoundTrip.Step<List<org.shuxiang.holds.Hold>> holdsStep = withHolds ? holds.liveOfCardStep(card) : null;
        if (withHolds) {
            roundTrip.read(holderStep, standingStep, loansStep, holdsStep);
        } else {
            roundTrip.read(holderStep, standingStep, loansStep);
        }
        return holderStep.result().map(holder -> {
            LoanRepository.Standing standing = standingStep.result();
            Refusal refusal = null;
            Object[] arguments = new Object[0];
            try {
                checkCard(holder, today);
                checkFees(holder, standing);
            } catch (RefusedException refused) {
                refusal = refused.refusal();
                arguments = refused.arguments();
            }
            Summary summary = new Summary(holder, loansStep.result(), standing.overdueLoans(), standing.owedCents(),
                    refusal, arguments);
            return new Shown(summary, withHolds ? holdsStep.result() : List.of());
        });
    }

    /** The open loan of the item with this barcode, if it is on loan. */
    @Transactional(readOnly = true)
    public Optional<Loan> openLoanOf(String barcode) {
        access.requireSomewhere(Permission.CIRCULATE);
        return loans.openLoanOfBarcode(barcode);
    }

    /** A reader's open loans, soonest due first, for staff who serve the reader's home unit. */
    @Transactional
    public List<Loan> openLoans(long readerId) {
        Holder holder = cards.lockReader(readerId)
                .orElseThrow(() -> new RefusedException(CirculationRefusal.CARD_UNKNOWN, readerId));
        if (!access.actsForReader(readerId) && !access.allows(Permission.PATRONS_MANAGE, holder.homeUnit())) {
            access.require(Permission.CIRCULATE, holder.homeUnit());
        }
        return loans.openLoansOf(readerId);
    }

    /**
     * The reader's reading history: loans returned since {@code since} (when they switched the history on),
     * newest first. Only the reader, or a guardian for their child, sees it.
     */
    @Transactional(readOnly = true)
    public List<Loan> returnedLoans(long readerId, Instant since, int limit) {
        if (!access.actsForReader(readerId)) {
            throw new RefusedException(org.shuxiang.platform.PlatformRefusal.ACCESS_DENIED, "READER", readerId);
        }
        return loans.returnedSince(readerId, since, Math.max(1, Math.min(limit, 500)));
    }

    /** Which rule applies to this card, item and lending unit, and why: every matching rule, best first. */
    @Transactional
    public Explanation explain(String cardNumber, String barcode, String unit) {
        OrgUnit lending = unit(unit);
        access.require(Permission.CIRCULATE, lending.code());
        Holder holder = cards.lockHolder(cardNumber)
                .orElseThrow(() -> RefusedException.onField("cardNumber", CirculationRefusal.CARD_UNKNOWN, cardNumber));
        CirculationItem item = items.lock(barcode)
                .orElseThrow(() -> RefusedException.onField("barcode", CirculationRefusal.ITEM_UNKNOWN, barcode));
        List<String> path = path(lending.code());
        PolicyMatrix.Decision decision = matrix().decide(holder.cardType(), item.type(), path)
                .orElseThrow(() -> new RefusedException(CirculationRefusal.NO_LOAN_RULE, holder.cardType(), item.type(),
                        lending.code()));
        return new Explanation(holder.cardType().name(), item.type().name(), path, decision.rule(),
                decision.candidates());
    }

    /** The explanation of a decision: the inputs, the rule chosen and every rule that matched, best first. */
    public record Explanation(String cardType, String itemType, List<String> unitPath, LoanRule chosen,
                              List<PolicyMatrix.Candidate> candidates) {
    }

    /** The policy matrix as it stands. */
    @Transactional(readOnly = true)
    public List<LoanRule> rules() {
        access.requireSomewhere(Permission.CIRCULATE);
        return loans.rules();
    }

    /**
     * Adds a rule: a network-wide rule needs the right to change the whole network, a unit's rule the
     * right to change that unit. Two rules for the same cell are refused.
     */
    @Transactional
    public LoanRule addRule(LoanRule rule) {
        if (rule.unitCode() == null) {
            access.requireWholeNetwork(Permission.NETWORK_WRITE);
        } else {
            unit(rule.unitCode());
            access.require(Permission.NETWORK_WRITE, rule.unitCode());
        }
        if (loans.rules().stream().anyMatch(existing -> PolicyMatrix.sameCell(existing, rule))) {
            throw new RefusedException(CirculationRefusal.RULE_CELL_TAKEN, rule.cardType(), rule.itemType(),
                    rule.unitCode());
        }
        long id = loans.insertRule(rule, access.currentActor().name());
        matrix = null;
        LoanRule stored = loans.rules().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
        audit.record("LOAN_RULE_ADDED", "LOAN_RULE", Long.toString(id), rule.unitCode(), Map.of("rule", stored));
        return stored;
    }

    private void checkCard(Holder holder, LocalDate today) {
        if (!holder.current()) {
            throw RefusedException.onField("cardNumber", CirculationRefusal.CARD_REPLACED, holder.cardNumber());
        }
        if (holder.expiredOn(today)) {
            throw RefusedException.onField("cardNumber", CirculationRefusal.CARD_EXPIRED, holder.cardNumber(),
                    holder.expiresOn());
        }
        if (!holder.blocks().isEmpty()) {
            throw new RefusedException(CirculationRefusal.READER_BLOCKED, holder.name(), holder.blocks().get(0).reason());
        }
        if (!holder.cardType().borrows()) {
            throw new RefusedException(CirculationRefusal.CARD_DOES_NOT_BORROW, holder.cardNumber());
        }
        if (holder.basis() == Reader.BorrowingBasis.NONE) {
            throw new RefusedException(CirculationRefusal.NO_DEPOSIT_OR_CREDIT, holder.name());
        }
    }

    /** An item that was on loan, locked; its loan as it stood until it ended; whether holds wait for its title. */
    private record Locked(CirculationItem item, Loan loan, boolean anyLiveHold) {
    }

    /**
     * Ends the open loan of the item with {@code barcode}. Locks the borrower's row, then the item's, in that
     * order like every other transaction (checkout, renew), so that transactions never wait for each other
     * in a circle. The loan is read once without a lock to learn who the borrower is; under the locks it is
     * ended only if it is still open (a loan's borrower never changes, and only a transaction holding the
     * item's lock ends or makes its loan), and its due date and renewals are read as it is ended.
     */
    private Locked closeOpenLoanOf(String barcode, Instant at, String unit) {
        for (int attempt = 0; attempt < 3; attempt++) {
            // one round trip: the borrower of the copy's open loan locked, then the copy, the loan ended if it is
            // still that borrower's, and whether any hold waits for the title (the return's routing needs it)
            RoundTrip.Step<Optional<Long>> borrower = loans.lockBorrowerOfBarcodeStep(barcode);
            RoundTrip.Step<Optional<CirculationItem>> itemStep = items.lockStep(barcode);
            RoundTrip.Step<Optional<Loan>> closed = loans.closeOpenOfBarcodeStep(barcode, at, unit);
            RoundTrip.Step<Boolean> anyLiveHold = holds.anyLiveForBarcodeStep(barcode);
            roundTrip.run(borrower, itemStep, closed, anyLiveHold);
            CirculationItem item = itemStep.result()
                    .orElseThrow(() -> RefusedException.onField("barcode", CirculationRefusal.ITEM_UNKNOWN, barcode));
            if (closed.result().isPresent()) {
                return new Locked(item, closed.result().get(), anyLiveHold.result());
            }
            if (borrower.result().isEmpty()) {
                throw new RefusedException(CirculationRefusal.ITEM_NOT_ON_LOAN, item.barcode());
            }
            // returned and lent again between the borrower's lock and the copy's: look again
        }
        throw new RefusedException(CirculationRefusal.ITEM_NOT_ON_LOAN, barcode);
    }

    /** Changes a rule's figures (its cell stays: card type, item type and unit); audited with before and after. */
    @Transactional
    public LoanRule changeRule(long id, LoanRule figures) {
        LoanRule before = ruleForChange(id);
        loans.updateRule(id, figures, access.currentActor().name());
        matrix = null;
        LoanRule after = loans.rules().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
        audit.record("LOAN_RULE_CHANGED", "LOAN_RULE", Long.toString(id), before.unitCode(),
                Map.of("before", before, "after", after));
        return after;
    }

    /**
     * Removes a rule from the matrix; the network's default (any card, any item, the whole network) cannot be
     * removed. Loans made under it keep its terms: it is retired, not deleted.
     */
    @Transactional
    public void removeRule(long id) {
        LoanRule rule = ruleForChange(id);
        if (rule.cardType() == null && rule.itemType() == null && rule.unitCode() == null) {
            throw new RefusedException(CirculationRefusal.DEFAULT_RULE_KEPT, id);
        }
        loans.retireRule(id, access.currentActor().name());
        matrix = null;
        audit.record("LOAN_RULE_REMOVED", "LOAN_RULE", Long.toString(id), rule.unitCode(), Map.of("rule", rule));
    }

    private LoanRule ruleForChange(long id) {
        LoanRule rule = loans.rules().stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> new RefusedException(CirculationRefusal.RULE_NOT_FOUND, id));
        if (rule.unitCode() == null) {
            access.requireWholeNetwork(Permission.NETWORK_WRITE);
        } else {
            access.require(Permission.NETWORK_WRITE, rule.unitCode());
        }
        return rule;
    }

    /**
     * Fees owed above the network's limit, or too many overdue loans, stop borrowing and renewing until
     * they are paid (or waived) and returned.
     */
    private void checkFees(Holder holder, LoanRepository.Standing standing) {
        int overdue = standing.overdueLoans();
        if (overdue >= overdueLimit) {
            throw new RefusedException(CirculationRefusal.TOO_MANY_OVERDUE, holder.name(), overdue);
        }
        int owed = standing.owedCents();
        if (owed > feeLimitCents) {
            throw new RefusedException(CirculationRefusal.FEES_OWED, holder.name(), owed / 100.0, feeLimitCents / 100.0);
        }
    }

    /**
     * A reader reports a book on loan lost: the loan ends, the item leaves circulation as lost, and the
     * reader owes its price (or the network's default when the item has none).
     */
    @Transactional
    public Fee declareLost(String barcode, String unit) {
        OrgUnit desk = unit(unit);
        access.require(Permission.CIRCULATE, desk.code());
        Locked locked = closeOpenLoanOf(barcode, clock.instant(), desk.code());
        CirculationItem item = locked.item();
        Loan loan = locked.loan();
        int cents = item.price() == null || item.price().signum() == 0 ? lostItemCents
                : item.price().movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
        long feeId = loans.insertFee(loan.readerId(), loan.id(), "LOST", cents);
        items.lost(item);
        audit.record("ITEM_DECLARED_LOST", "LOAN", Long.toString(loan.id()), desk.code(),
                Map.of("barcode", item.barcode(), "reader", loan.readerId(), "feeCents", cents));
        return new Fee(feeId, loan.readerId(), loan.id(), item.barcode(), item.title(), "LOST", cents, 0, 0,
                clock.instant());
    }

    private static void checkLoanable(CirculationItem item) {
        if (item.type() == ItemType.REFERENCE) {
            throw RefusedException.onField("barcode", CirculationRefusal.ITEM_NOT_LOANABLE, item.barcode());
        }
        if (item.status() == ItemStatus.ON_LOAN) {
            throw RefusedException.onField("barcode", CirculationRefusal.ITEM_ALREADY_ON_LOAN, item.barcode());
        }
        if (item.status() != ItemStatus.AVAILABLE) {
            throw RefusedException.onField("barcode", CirculationRefusal.ITEM_NOT_AVAILABLE, item.barcode(),
                    item.status());
        }
    }

    private LoanRule rule(Holder holder, ItemType type, String unit) {
        return matrix().decide(holder.cardType(), type, path(unit)).map(PolicyMatrix.Decision::rule)
                .orElseThrow(() -> new RefusedException(CirculationRefusal.NO_LOAN_RULE, holder.cardType(), type, unit));
    }

    private LoanRule ruleOf(Loan loan) {
        if (loan.ruleId() == null) {
            return null;
        }
        long id = loan.ruleId();
        return inMatrix(id)
                .or(() -> Optional.ofNullable(retiredRules.get(id)))
                .or(() -> {
                    matrix = null; // a rule added on another node since this one last read the matrix
                    return inMatrix(id);
                })
                .or(() -> { // retired since the loan was made: its terms as they were, kept
                    Optional<LoanRule> retired = loans.retiredRule(id);
                    retired.ifPresent(r -> retiredRules.put(id, r));
                    return retired;
                })
                .orElse(null);
    }

    private Optional<LoanRule> inMatrix(long ruleId) {
        return matrix().rules().stream().filter(r -> r.id() == ruleId).findFirst();
    }

    /** The policy matrix, read at most every few seconds: it changes rarely and is asked on every checkout. */
    PolicyMatrix matrix() {
        CachedMatrix current = matrix;
        long now = System.nanoTime();
        if (current == null || now - current.readAt() > MATRIX_GOOD_FOR_NANOS) {
            current = new CachedMatrix(new PolicyMatrix(loans.rules()), now);
            matrix = current;
        }
        return current.matrix();
    }

    /** The matrix as read at a moment; a rule added on this node is seen at once, on others within seconds. */
    private record CachedMatrix(PolicyMatrix matrix, long readAt) {
    }

    private static final long MATRIX_GOOD_FOR_NANOS = 5_000_000_000L;
    /** Rules read by id for loans made under them, out of the matrix: retired rules no longer change. */
    private final Map<Long, LoanRule> retiredRules = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile CachedMatrix matrix;

    List<String> path(String unit) {
        List<String> path = new ArrayList<>(units.tree().ancestors(unit));
        path.add(unit);
        return path;
    }

    /** The first day on or after {@code day} on which the unit is open: due dates never fall on a closed day. */
    private LocalDate openDay(String unit, LocalDate day) {
        return units.nextOpenDay(unit, day).orElse(day);
    }

    private OrgUnit unit(String code) {
        if (code == null || !units.tree().contains(code)) {
            throw RefusedException.onField("unit", org.shuxiang.platform.PlatformRefusal.UNKNOWN_UNIT, code);
        }
        return units.cached(code);
    }
}
