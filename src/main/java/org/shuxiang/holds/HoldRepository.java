package org.shuxiang.holds;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shuxiang.catalog.CirculatingItems;
import org.shuxiang.platform.database.RoundTrip;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for holds; the queue of a title is read through an index, whatever its length. */
@Repository
class HoldRepository {

    /** A copy that could fill a hold: on the shelf at a unit that lends. */
    record Candidate(long itemId, String barcode, String unit) {
    }

    /**
     * Holds with their title, the copy they target and their place in the queue. The title and the copy are
     * read by key for each hold, not joined: with statistics taken before a title's queue filled, the planner
     * merged a join with the whole catalogue in key order to find one hold's title (two seconds a hold,
     * ADR 0015).
     */
    private static final String SELECT = """
            select h.id, h.reader_id, h.record_id, (select b.title from bib_record b where b.id = h.record_id) as title,
                   h.item_id, h.pickup_unit, h.status, h.target_item_id,
                   (select ti.barcode from item ti where ti.id = h.target_item_id) as target_barcode, h.target_unit,
                   h.placed_at, h.suspended_until, h.ready_at, h.expires_on,
                   case when h.status = 'WAITING' then (select count(*) from hold q where q.record_id = h.record_id
                        and q.status = 'WAITING' and (q.priority > h.priority
                             or (q.priority = h.priority and (q.placed_at, q.id) <= (h.placed_at, h.id))))
                   else 0 end as position
            from hold h""";

    private final JdbcClient jdbc;

    HoldRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long readerId, long recordId, Long itemId, String pickupUnit, int priority, String by) {
        return jdbc.sql("""
                        insert into hold (reader_id, record_id, item_id, pickup_unit, status, priority, placed_by)
                        values (:reader, :record, :item, :pickup, 'WAITING', :priority, :by) returning id""")
                .param("reader", readerId).param("record", recordId).param("item", itemId)
                .param("pickup", pickupUnit).param("priority", priority).param("by", by).query(Long.class).single();
    }

    void priority(long holdId, int priority) {
        jdbc.sql("update hold set priority = :p where id = :id").param("p", priority).param("id", holdId).update();
    }

    Optional<Hold> find(long id) {
        return jdbc.sql(SELECT + " where h.id = :id").param("id", id).query(HoldRepository::hold).optional();
    }

    Optional<Hold> lock(long id) {
        jdbc.sql("select id from hold where id = :id for update").param("id", id).query(Long.class).optional();
        return find(id);
    }

    List<Hold> ofReader(long readerId) {
        return jdbc.sql(SELECT + " where h.reader_id = :r order by h.placed_at desc, h.id desc").param("r", readerId)
                .query(HoldRepository::hold).list();
    }

    int liveHolds(long readerId) {
        return jdbc.sql("select count(*) from hold where reader_id = :r and " + LIVE)
                .param("r", readerId).query(Integer.class).single();
    }

    boolean holding(long readerId, long recordId) {
        return jdbc.sql("select exists (select 1 from hold where reader_id = :r and record_id = :rec and " + LIVE + ")")
                .param("r", readerId).param("rec", recordId).query(Boolean.class).single();
    }

    Optional<String> recordTitle(long recordId) {
        return jdbc.sql("select title from bib_record where id = :id").param("id", recordId).query(String.class)
                .optional();
    }

    Optional<Long> recordOfItem(long itemId) {
        return jdbc.sql("select record_id from item where id = :id").param("id", itemId).query(Long.class).optional();
    }

    /** Copies on the shelf, at units that lend, not already chosen for another hold. */
    List<Candidate> candidates(long recordId, Long itemId) {
        return jdbc.sql("""
                        select i.id, i.barcode, i.current_unit from item i join org_unit u on u.code = i.current_unit
                        where i.record_id = :record and (cast(:item as bigint) is null or i.id = :item)
                          and i.status = 'AVAILABLE' and i.item_type <> 'REFERENCE' and u.lends and u.active
                          and not exists (select 1 from hold h where h.target_item_id = i.id
                                          and h.status in ('WAITING', 'IN_TRANSIT', 'READY'))
                        order by i.id""")
                .param("record", recordId).param("item", itemId)
                .query((rs, n) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    /** How many holds each unit is already asked to pull: ties go to the unit asked least. */
    int pulls(String unit) {
        return jdbc.sql("select count(*) from hold where target_unit = :u and status = 'WAITING' "
                        + "and target_item_id is not null")
                .param("u", unit).query(Integer.class).single();
    }

    void target(long holdId, Long itemId, String unit) {
        jdbc.sql("update hold set target_item_id = :item, target_unit = :unit where id = :id")
                .param("item", itemId).param("unit", unit).param("id", holdId).update();
    }

    /** Holds still to be served: waiting, in transit to their pickup point, or ready there. */
    private static final String LIVE = "status in ('WAITING', 'IN_TRANSIT', 'READY')";
    /** Whether a live hold is on the title {@code %s} (a record id, or the title of a copy). */
    private static final String ANY_LIVE_ON = "select exists (select 1 from hold where record_id = %s and " + LIVE + ")";
    /** How many readers wait for the title {@code %s}. */
    private static final String WAITING_ON = "select count(*) from hold where record_id = %s and status = 'WAITING'";
    /** The title of the copy {@code :item}. */
    private static final String TITLE_OF_COPY = "(select record_id from item where id = :item)";
    /** The title of the copy with the barcode {@code :barcode} (any case). */
    private static final String TITLE_OF_BARCODE = "(select record_id from item where upper(barcode) = upper(:barcode))";

    /** Whether any reader holds the title now (waiting, in transit or ready): most checkins find none. */
    boolean anyLive(long recordId) {
        return jdbc.sql(ANY_LIVE_ON_RECORD).param("record", recordId).query(Boolean.class).single();
    }

    private static final String ANY_LIVE_ON_RECORD = ANY_LIVE_ON.formatted(":record");
    private static final String ANY_LIVE_ON_BARCODE = ANY_LIVE_ON.formatted(TITLE_OF_BARCODE);

    private static final String LIVE_OF_CARD = SELECT + " where h.reader_id = (select reader_id from reader_card "
            + "where card_number = :card) and h." + LIVE + " order by h.placed_at desc, h.id desc";

    /** The live holds (waiting, in transit, ready) of the card's holder, newest first, as a statement to send with others. */
    RoundTrip.Step<List<Hold>> liveOfCardStep(String cardNumber) {
        return RoundTrip.Step.query(LIVE_OF_CARD, Map.of("card", cardNumber), rows -> {
            List<Hold> live = new java.util.ArrayList<>();
            while (rows.next()) {
                live.add(hold(rows, live.size()));
            }
            return live;
        });
    }

    /** {@link #anyLive} for the title of the copy with this barcode (any case), as a statement to send with others. */
    RoundTrip.Step<Boolean> anyLiveForBarcodeStep(String barcode) {
        return RoundTrip.Step.query(ANY_LIVE_ON_BARCODE, Map.of("barcode", CirculatingItems.scanned(barcode)),
                rows -> rows.next() && rows.getBoolean(1));
    }

    /** Whether a live hold has chosen this copy. */
    boolean targeted(long itemId) {
        return jdbc.sql("select exists (select 1 from hold where target_item_id = :item and " + LIVE + ")")
                .param("item", itemId).query(Boolean.class).single();
    }

    /** The hold a copy is chosen for, if any, locked. */
    Optional<Hold> lockTargeting(long itemId) {
        Optional<Long> id = jdbc.sql("select id from hold where target_item_id = :item and " + LIVE + " for update")
                .param("item", itemId).query(Long.class).optional();
        return id.flatMap(this::find);
    }

    /**
     * The first waiting hold of the queue that this copy can fill (title-level, or for this very item), not
     * suspended today, locked; holds another session is settling are skipped rather than waited for.
     */
    Optional<Hold> lockNextWaiting(long recordId, long itemId, LocalDate today) {
        Optional<Long> id = jdbc.sql("""
                        select id from hold
                        where record_id = :record and status = 'WAITING' and (item_id is null or item_id = :item)
                          and (suspended_until is null or suspended_until < :today)
                        order by priority desc, placed_at, id
                        limit 1 for update skip locked""")
                .param("record", recordId).param("item", itemId).param("today", today).query(Long.class).optional();
        return id.flatMap(this::find);
    }

    /** {@link #waiting} for the title of the copy {@code itemId}, as a statement to send with others. */
    RoundTrip.Step<Integer> waitingForCopyStep(long itemId) {
        return RoundTrip.Step.query(WAITING_ON_COPY, Map.of("item", itemId), rows -> rows.next() ? rows.getInt(1) : 0);
    }

    private static final String WAITING_ON_RECORD = WAITING_ON.formatted(":record");
    private static final String WAITING_ON_COPY = WAITING_ON.formatted(TITLE_OF_COPY);

    int waiting(long recordId) {
        return jdbc.sql(WAITING_ON_RECORD).param("record", recordId).query(Integer.class).single();
    }

    void inTransit(long holdId, long itemId, String fromUnit) {
        jdbc.sql("update hold set status = 'IN_TRANSIT', target_item_id = :item, target_unit = :unit where id = :id")
                .param("item", itemId).param("unit", fromUnit).param("id", holdId).update();
    }

    void ready(long holdId, long itemId, String unit, LocalDate expiresOn) {
        jdbc.sql("update hold set status = 'READY', target_item_id = :item, target_unit = :unit, ready_at = now(), "
                        + "expires_on = :expires where id = :id")
                .param("item", itemId).param("unit", unit).param("expires", expiresOn).param("id", holdId).update();
    }

    void close(long holdId, Hold.Status status) {
        jdbc.sql("update hold set status = :status, closed_at = now() where id = :id")
                .param("status", status.name()).param("id", holdId).update();
    }

    void suspend(long holdId, LocalDate until) {
        jdbc.sql("update hold set suspended_until = :until where id = :id").param("until", until).param("id", holdId)
                .update();
    }

    void pickup(long holdId, String unit) {
        jdbc.sql("update hold set pickup_unit = :unit where id = :id").param("unit", unit).param("id", holdId).update();
    }

    List<Hold> pullList(String unit) {
        return jdbc.sql(SELECT + " where h.target_unit = :u and h.status = 'WAITING' and h.target_item_id is not null "
                        + "order by h.placed_at, h.id")
                .param("u", unit).query(HoldRepository::hold).list();
    }

    List<Hold> expiredSince(String unit, java.time.Instant since) {
        return jdbc.sql(SELECT + " where h.pickup_unit = :u and h.status = 'EXPIRED' and h.closed_at >= :since "
                        + "order by h.closed_at desc, h.id desc")
                .param("u", unit).param("since", java.sql.Timestamp.from(since)).query(HoldRepository::hold).list();
    }

    List<Hold> shelf(String unit) {
        return jdbc.sql(SELECT + " where h.pickup_unit = :u and h.status = 'READY' order by h.expires_on, h.id")
                .param("u", unit).query(HoldRepository::hold).list();
    }

    /** Ready holds whose last day on the shelf has passed, a batch at a time (not locked: see Holds.expireDue). */
    List<Long> expired(LocalDate today, int limit) {
        return jdbc.sql("select id from hold where status = 'READY' and expires_on < :today order by id limit :limit")
                .param("today", today).param("limit", limit).query(Long.class).list();
    }

    private static Hold hold(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp ready = rs.getTimestamp("ready_at");
        return new Hold(rs.getLong("id"), rs.getLong("reader_id"), rs.getLong("record_id"), rs.getString("title"),
                rs.getObject("item_id", Long.class), rs.getString("pickup_unit"),
                Hold.Status.valueOf(rs.getString("status")), rs.getObject("target_item_id", Long.class),
                rs.getString("target_barcode"), rs.getString("target_unit"), rs.getTimestamp("placed_at").toInstant(),
                rs.getObject("suspended_until", LocalDate.class), ready == null ? null : ready.toInstant(),
                rs.getObject("expires_on", LocalDate.class), rs.getInt("position"));
    }
}
