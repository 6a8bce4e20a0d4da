package org.shuxiang.holds;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shuxiang.catalog.CirculatingItems;
import org.shuxiang.catalog.CirculatingItems.CirculationItem;
import org.shuxiang.catalog.ItemStatus;
import org.shuxiang.logistics.Transit;
import org.shuxiang.logistics.Transits;
import org.shuxiang.network.NetworkTree;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.patrons.ReaderCards;
import org.shuxiang.patrons.ReaderCards.Holder;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.database.RoundTrip;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Holds across the network. Placing a hold chooses the copy: one on the shelf at the pickup point
 * first, else the cheapest to bring on a shelf elsewhere ({@link TransportCosts}: the network tree unless
 * the table says otherwise), never at a unit that is closed
 * today or does not lend; ties go to the unit asked to pull the fewest books. A returned or captured
 * copy fills the first hold of its title's queue; a ready hold waits on the pickup shelf for a number
 * of open days and then passes on.
 */
@Service
public class Holds {

    /** What a copy does for a hold when it is scanned: wait on the shelf here, or travel to the pickup point. */
    public record Trap(long holdId, long readerId, String pickupUnit, String pickupName, boolean ready,
                       LocalDate expiresOn) {
    }

    private final HoldRepository holds;
    private final TransportCosts costs;
    private final Transits transits;
    private final CirculatingItems items;
    private final ReaderCards cards;
    private final OrgUnits units;
    private final HoldLimits limits;
    private final AccessControl access;
    private final AuditLog audit;
    private final Clock clock;
    private final int shelfDays;
    private final boolean localFirst;

    Holds(HoldRepository holds, TransportCosts costs, Transits transits, CirculatingItems items, ReaderCards cards, OrgUnits units, HoldLimits limits,
          AccessControl access, AuditLog audit, Clock clock, @Value("${shuxiang.holds.shelf-days:7}") int shelfDays,
          @Value("${shuxiang.holds.local-first:false}") boolean localFirst) {
        this.localFirst = localFirst;
        this.holds = holds;
        this.costs = costs;
        this.transits = transits;
        this.items = items;
        this.cards = cards;
        this.units = units;
        this.limits = limits;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.shelfDays = shelfDays;
    }

    /** Places a hold for the holder of {@code cardNumber} on a title (or one copy of it) at a pickup point. */
    @Transactional
    public Hold place(String cardNumber, long recordId, Long itemId, String pickupUnit) {
        OrgUnit pickup = pickup(pickupUnit);
        Holder holder = cards.lockHolder(cardNumber).orElseThrow(() ->
                RefusedException.onField("cardNumber", HoldRefusal.CARD_UNKNOWN, cardNumber));
        if (!access.actsForReader(holder.readerId()) && !access.allows(Permission.CIRCULATE, pickup.code())) {
            access.require(Permission.CIRCULATE, holder.homeUnit());
        }
        String title = holds.recordTitle(recordId)
                .orElseThrow(() -> RefusedException.onField("recordId", HoldRefusal.RECORD_UNKNOWN, recordId));
        if (itemId != null && !holds.recordOfItem(itemId).filter(r -> r == recordId).isPresent()) {
            throw RefusedException.onField("itemId", HoldRefusal.ITEM_NOT_OF_RECORD, itemId, recordId);
        }
        if (holds.holding(holder.readerId(), recordId)) {
            throw new RefusedException(HoldRefusal.ALREADY_HOLDING, holder.name(), title);
        }
        int max = limits.maxHolds(holder.cardType(), pickup.code());
        if (holds.liveHolds(holder.readerId()) >= max) {
            throw new RefusedException(HoldRefusal.HOLD_LIMIT_REACHED, holder.name(), max);
        }
        int priority = localFirst && sameMainLibrary(units.tree(), holder.homeUnit(), pickup.code()) ? 1 : 0;
        long id = holds.insert(holder.readerId(), recordId, itemId, pickup.code(), priority,
                access.currentActor().name());
        chooseCopy(id, recordId, itemId, pickup.code());
        audit.record("HOLD_PLACED", "HOLD", Long.toString(id), pickup.code(),
                Map.of("reader", holder.readerId(), "record", recordId, "pickup", pickup.code()));
        return holds.find(id).orElseThrow();
    }

    /** Points a waiting hold at the best copy on a shelf, if there is one; otherwise it waits for a return. */
    private void chooseCopy(long holdId, long recordId, Long itemId, String pickupUnit) {
        LocalDate today = LocalDate.now(clock);
        NetworkTree tree = units.tree();
        List<HoldRepository.Candidate> open = new ArrayList<>();
        for (HoldRepository.Candidate candidate : holds.candidates(recordId, itemId)) {
            if (units.nextOpenDay(candidate.unit(), today).filter(today::equals).isPresent()) {
                open.add(candidate);
            }
        }
        Map<String, Integer> pulls = new java.util.HashMap<>();
        Comparator<HoldRepository.Candidate> best = Comparator
                .comparingInt((HoldRepository.Candidate c) -> costs.cost(tree, c.unit(), pickupUnit))
                .thenComparingInt(c -> pulls.computeIfAbsent(c.unit(), holds::pulls))
                .thenComparingLong(HoldRepository.Candidate::itemId);
        open.sort(best);
        // The best copy that no one else is acting on now and that is still free once locked: another hold
        // placed at the same moment may have taken it, and a copy at a desk right now is passed by.
        for (HoldRepository.Candidate candidate : open) {
            Optional<CirculationItem> item = items.tryLock(candidate.itemId())
                    .filter(i -> i.status() == ItemStatus.AVAILABLE && i.currentUnit().equals(candidate.unit()));
            if (item.isPresent() && !holds.targeted(candidate.itemId())) {
                holds.target(holdId, candidate.itemId(), candidate.unit());
                return;
            }
        }
    }

    /**
     * Whether two units are under the same main library (or are it): with {@code shuxiang.holds.local-first},
     * a reader of the pickup point's own main library goes before readers from elsewhere.
     */
    static boolean sameMainLibrary(NetworkTree tree, String a, String b) {
        return mainLibraryOf(tree, a).equals(mainLibraryOf(tree, b));
    }

    private static String mainLibraryOf(NetworkTree tree, String code) {
        List<String> path = new ArrayList<>(tree.ancestors(code));
        path.add(code);
        for (String unit : path) {
            if (tree.find(unit).filter(n -> n.type() == org.shuxiang.network.UnitType.MAIN_LIBRARY).isPresent()) {
                return unit;
            }
        }
        return path.get(0);
    }

    /** Staff move a waiting hold up or down the queue: higher goes first, then first come first served. */
    @Transactional
    public Hold prioritise(long holdId, int priority) {
        Hold hold = live(holdId);
        holds.priority(holdId, priority);
        audit.record("HOLD_PRIORITY_SET", "HOLD", Long.toString(holdId), hold.pickupUnit(), Map.of("priority", priority));
        return holds.find(holdId).orElseThrow();
    }

    /** Edges between two units in the network tree: 0 for the same unit, 1 for a parent, 2 for siblings … */
    static int distance(NetworkTree tree, String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        List<String> pathA = new ArrayList<>(tree.ancestors(a));
        pathA.add(a);
        List<String> pathB = new ArrayList<>(tree.ancestors(b));
        pathB.add(b);
        int common = 0;
        while (common < pathA.size() && common < pathB.size() && pathA.get(common).equals(pathB.get(common))) {
            common++;
        }
        return pathA.size() - common + pathB.size() - common;
    }

    /**
     * A copy scanned at {@code unit} (returned, or taken from a shelf for the pull list): fills the hold it
     * was chosen for, or the first hold of its title's queue. The copy is then on the hold shelf here, or
     * in transit to the pickup point. Empty when no hold wants it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Trap> trap(CirculationItem item, String unit) {
        return trap(item, unit, holds.anyLive(item.recordId()));
    }

    /**
     * The live holds (waiting, in transit, ready) of the holder of {@code cardNumber} (as shown, normalised),
     * newest first, as a statement to send with others: a kiosk reads them with the reader's summary.
     */
    public RoundTrip.Step<List<Hold>> liveOfCardStep(String cardNumber) {
        return holds.liveOfCardStep(cardNumber);
    }

    /**
     * Whether any live hold is on the title of the copy with this barcode (a hold that chose a copy is a hold
     * on its title), as a statement to send with others: a return asks it with its locks, in one round trip.
     */
    public RoundTrip.Step<Boolean> anyLiveForBarcodeStep(String barcode) {
        return holds.anyLiveForBarcodeStep(barcode);
    }

    /** {@link #trap(CirculationItem, String)} when the caller has asked {@link #anyLiveForBarcodeStep} already. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Trap> trap(CirculationItem item, String unit, boolean anyLiveHold) {
        if (!anyLiveHold) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock);
        Optional<Hold> hold = holds.lockTargeting(item.id()).filter(h -> h.status() == Hold.Status.WAITING)
                .or(() -> holds.lockNextWaiting(item.recordId(), item.id(), today));
        if (hold.isEmpty()) {
            return Optional.empty();
        }
        Hold h = hold.get();
        String name = units.nameOf(h.pickupUnit());
        if (h.pickupUnit().equals(unit)) {
            LocalDate expires = shelfEnd(unit, today);
            holds.ready(h.id(), item.id(), unit, expires);
            items.place(item, unit, ItemStatus.ON_HOLD_SHELF);
            audit.record("HOLD_READY", "HOLD", Long.toString(h.id()), unit, Map.of("barcode", item.barcode()));
            return Optional.of(new Trap(h.id(), h.readerId(), unit, name, true, expires));
        }
        holds.inTransit(h.id(), item.id(), unit);
        items.place(item, unit, ItemStatus.IN_TRANSIT);
        transits.route(item.id(), unit, h.pickupUnit(), Transit.Reason.HOLD, h.id());
        audit.record("HOLD_IN_TRANSIT", "HOLD", Long.toString(h.id()), unit,
                Map.of("barcode", item.barcode(), "to", h.pickupUnit()));
        return Optional.of(new Trap(h.id(), h.readerId(), h.pickupUnit(), name, false, null));
    }

    /** A copy in transit for a hold arrives at {@code unit}: on the pickup shelf if this is the pickup point. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Trap> arrived(CirculationItem item, String unit) {
        Optional<Hold> hold = holds.lockTargeting(item.id()).filter(h -> h.status() == Hold.Status.IN_TRANSIT);
        if (hold.isEmpty()) {
            return Optional.empty();
        }
        Hold h = hold.get();
        String name = units.nameOf(h.pickupUnit());
        if (!h.pickupUnit().equals(unit)) {
            items.place(item, unit, ItemStatus.IN_TRANSIT);
            transits.route(item.id(), unit, h.pickupUnit(), Transit.Reason.HOLD, h.id());
            return Optional.of(new Trap(h.id(), h.readerId(), h.pickupUnit(), name, false, null));
        }
        LocalDate expires = shelfEnd(unit, LocalDate.now(clock));
        holds.ready(h.id(), item.id(), unit, expires);
        items.place(item, unit, ItemStatus.ON_HOLD_SHELF);
        audit.record("HOLD_READY", "HOLD", Long.toString(h.id()), unit, Map.of("barcode", item.barcode()));
        return Optional.of(new Trap(h.id(), h.readerId(), unit, name, true, expires));
    }

    /** The reader a copy on a hold shelf is kept for. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> readyFor(long itemId) {
        return holds.lockTargeting(itemId).filter(h -> h.status() == Hold.Status.READY).map(Hold::readerId);
    }

    /** The reader took the copy: the hold is fulfilled. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void fulfil(long itemId) {
        holds.lockTargeting(itemId).filter(h -> h.status() == Hold.Status.READY).ifPresent(h -> {
            holds.close(h.id(), Hold.Status.FULFILLED);
            audit.record("HOLD_FULFILLED", "HOLD", Long.toString(h.id()), h.pickupUnit(), Map.of());
        });
    }

    /** {@link #waiting} for the title of the copy {@code itemId}, as a statement to send with others. */
    public RoundTrip.Step<Integer> waitingForCopyStep(long itemId) {
        return holds.waitingForCopyStep(itemId);
    }

    /** How many readers wait for the title (renewals are refused while any do). */
    @Transactional(readOnly = true)
    public int waiting(long recordId) {
        return holds.waiting(recordId);
    }

    @Transactional
    public Hold cancel(long holdId) {
        Hold hold = live(holdId);
        holds.close(holdId, Hold.Status.CANCELLED);
        if (hold.status() == Hold.Status.READY && hold.targetItemId() != null) {
            passOn(hold);
        }
        audit.record("HOLD_CANCELLED", "HOLD", Long.toString(holdId), hold.pickupUnit(), Map.of());
        return holds.find(holdId).orElseThrow();
    }

    /** Freezes a waiting hold until a day (it keeps its place in the queue but is passed over), or thaws it. */
    @Transactional
    public Hold suspend(long holdId, LocalDate until) {
        Hold hold = live(holdId);
        if (hold.status() != Hold.Status.WAITING) {
            throw new RefusedException(HoldRefusal.HOLD_CLOSED, holdId, hold.status());
        }
        holds.suspend(holdId, until);
        if (until != null) {
            holds.target(holdId, null, null);
        }
        audit.record(until == null ? "HOLD_RESUMED" : "HOLD_SUSPENDED", "HOLD", Long.toString(holdId),
                hold.pickupUnit(), until == null ? Map.of() : Map.of("until", until.toString()));
        return holds.find(holdId).orElseThrow();
    }

    @Transactional
    public Hold changePickup(long holdId, String pickupUnit) {
        Hold hold = live(holdId);
        OrgUnit pickup = pickup(pickupUnit);
        if (hold.status() != Hold.Status.WAITING) {
            throw new RefusedException(HoldRefusal.HOLD_CLOSED, holdId, hold.status());
        }
        holds.pickup(holdId, pickup.code());
        holds.target(holdId, null, null);
        chooseCopy(holdId, hold.recordId(), hold.itemId(), pickup.code());
        audit.record("HOLD_PICKUP_CHANGED", "HOLD", Long.toString(holdId), pickup.code(),
                Map.of("from", hold.pickupUnit(), "to", pickup.code()));
        return holds.find(holdId).orElseThrow();
    }

    /** Whom a copy caught for a hold is for, as a desk's routing slip shows it. */
    public record HoldFor(long holdId, String readerName, String cardNumber, String pickupUnit) {
    }

    /** Whom a hold is for: any desk that circulates may read it, as its returns fill holds network-wide. */
    @Transactional
    public HoldFor holdFor(long holdId) {
        access.requireSomewhere(Permission.CIRCULATE);
        Hold hold = holds.find(holdId).orElseThrow(() -> new RefusedException(HoldRefusal.HOLD_NOT_FOUND, holdId));
        Holder holder = cards.lockReader(hold.readerId()).orElseThrow();
        return new HoldFor(holdId, holder.name(), holder.cardNumber(), hold.pickupUnit());
    }

    /** One hold, for staff at its pickup point. */
    @Transactional(readOnly = true)
    public Hold ofReaderHold(long holdId) {
        Hold hold = holds.find(holdId).orElseThrow(() -> new RefusedException(HoldRefusal.HOLD_NOT_FOUND, holdId));
        access.require(Permission.CIRCULATE, hold.pickupUnit());
        return hold;
    }

    /**
     * Staff take a copy on the pull list (or any copy on the shelf that a hold wants) from the shelf at
     * {@code unit}: it goes on the pickup shelf here, or in transit to the pickup point.
     */
    @Transactional
    public Trap capture(String barcode, String unit) {
        access.require(Permission.CIRCULATE, unit);
        CirculationItem item = items.lock(barcode)
                .filter(i -> i.status() == ItemStatus.AVAILABLE)
                .orElseThrow(() -> RefusedException.onField("barcode", HoldRefusal.NO_HOLD_FOR_ITEM, barcode));
        return trap(item, unit).orElseThrow(() ->
                RefusedException.onField("barcode", HoldRefusal.NO_HOLD_FOR_ITEM, barcode));
    }

    /** {@link #expireDue()} on demand, for the network's managers. */
    @Transactional
    public int expireNow() {
        access.requireWholeNetwork(Permission.CIRCULATE);
        return expireDue();
    }

    /** One query: it runs in the caller's transaction if there is one, else on its own (no BEGIN and COMMIT). */
    @Transactional(readOnly = true, propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
    public List<Hold> ofReader(long readerId) {
        if (!access.actsForReader(readerId)) {
            access.requireSomewhere(Permission.CIRCULATE);
        }
        return holds.ofReader(readerId);
    }

    /** The copies this unit is asked to take from its shelves for holds. */
    @Transactional(readOnly = true)
    public List<Hold> pullList(String unit) {
        access.require(Permission.CIRCULATE, unit);
        return holds.pullList(unit);
    }

    /** The holds that expired on this unit's pickup shelf in the last {@code days} days, newest first. */
    @Transactional(readOnly = true)
    public List<Hold> expired(String unit, int days) {
        access.require(Permission.CIRCULATE, unit);
        return holds.expiredSince(unit, clock.instant().minus(java.time.Duration.ofDays(Math.max(1, days))));
    }

    /** The holds waiting on this unit's pickup shelf, soonest to expire first. */
    @Transactional(readOnly = true)
    public List<Hold> shelf(String unit) {
        access.require(Permission.CIRCULATE, unit);
        return holds.shelf(unit);
    }

    /**
     * Expires the ready holds whose time on the shelf is over and passes their copies on: to the next
     * reader in the queue, or back into circulation. Safe on several nodes at once: each hold is settled
     * under the lock of its copy, then of itself, and checked again. Returns the number expired.
     */
    @Transactional
    public int expireDue() {
        int expired = 0;
        LocalDate today = LocalDate.now(clock);
        for (long id : holds.expired(today, 500)) {
            Optional<Hold> seen = holds.find(id);
            // the copy first, as at the desk; a copy another transaction holds now waits for the next pass
            if (seen.isEmpty() || seen.get().targetItemId() == null
                    || items.tryLock(seen.get().targetItemId()).isEmpty()) {
                continue;
            }
            Optional<Hold> locked = holds.lock(id).filter(h -> h.status() == Hold.Status.READY
                    && h.expiresOn() != null && h.expiresOn().isBefore(today)
                    && seen.get().targetItemId().equals(h.targetItemId()));
            if (locked.isEmpty()) {
                continue; // settled meanwhile: collected, cancelled, or expired by another node
            }
            Hold hold = locked.get();
            holds.close(id, Hold.Status.EXPIRED);
            passOn(hold);
            audit.record("HOLD_EXPIRED", "HOLD", Long.toString(id), hold.pickupUnit(), Map.of());
            expired++;
        }
        return expired;
    }

    /** A copy freed from the pickup shelf: the next hold takes it, or it goes home (or stays, if it floats). */
    private void passOn(Hold hold) {
        CirculationItem item = items.lock(hold.targetItemId()).orElseThrow();
        if (trap(item, hold.pickupUnit()).isPresent()) {
            return;
        }
        boolean home = item.owningUnit().equals(hold.pickupUnit()) || item.floating();
        items.place(item, hold.pickupUnit(), home ? ItemStatus.AVAILABLE : ItemStatus.IN_TRANSIT);
        if (!home) {
            transits.route(item.id(), hold.pickupUnit(), item.owningUnit(), Transit.Reason.RETURN_TO_OWNER, null);
        }
    }

    private Hold live(long holdId) {
        Hold hold = lockWithCopy(holdId).orElseThrow(() -> new RefusedException(HoldRefusal.HOLD_NOT_FOUND, holdId));
        if (!access.actsForReader(hold.readerId())) {
            access.require(Permission.CIRCULATE, hold.pickupUnit());
        }
        if (hold.status() != Hold.Status.WAITING && hold.status() != Hold.Status.IN_TRANSIT
                && hold.status() != Hold.Status.READY) {
            throw new RefusedException(HoldRefusal.HOLD_CLOSED, holdId, hold.status());
        }
        return hold;
    }

    /**
     * Locks the copy a hold holds (if any) and then the hold, in the order every desk transaction takes
     * them (reader, item, hold), so that cancelling or expiring a hold never waits in a circle with a
     * checkout of the same copy. The hold is read first to learn its copy, and checked again once locked.
     */
    private Optional<Hold> lockWithCopy(long holdId) {
        Optional<Hold> locked = Optional.empty();
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Hold> seen = holds.find(holdId);
            if (seen.isEmpty()) {
                return seen;
            }
            Long copy = seen.get().targetItemId();
            if (copy != null) {
                items.lock(copy);
            }
            locked = holds.lock(holdId);
            if (locked.isPresent() && java.util.Objects.equals(locked.get().targetItemId(), copy)) {
                return locked;
            }
        }
        return locked;
    }

    private OrgUnit pickup(String code) {
        if (code == null || !units.tree().contains(code)) {
            throw RefusedException.onField("pickupUnit", PlatformRefusal.UNKNOWN_UNIT, code);
        }
        OrgUnit unit = units.cached(code);
        if (!unit.services().pickupPoint() || !unit.active()) {
            throw RefusedException.onField("pickupUnit", HoldRefusal.NOT_A_PICKUP_POINT, code);
        }
        return unit;
    }

    /** The last day on the pickup shelf: the {@code shelfDays}-th day the unit is open, counting today. */
    private LocalDate shelfEnd(String unit, LocalDate today) {
        LocalDate day = today;
        for (int open = 0; open < shelfDays; open++) {
            day = units.nextOpenDay(unit, open == 0 ? day : day.plusDays(1)).orElse(day);
        }
        return day;
    }
}
