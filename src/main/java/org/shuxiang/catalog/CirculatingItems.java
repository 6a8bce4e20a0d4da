package org.shuxiang.catalog;

import java.util.Map;
import java.util.Optional;

import org.shuxiang.platform.database.RoundTrip;
import org.shuxiang.platform.database.WritesAtCommit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What circulation needs of items: an item locked for a transaction at the desk, and the status
 * changes that circulation owns (on loan, back on the shelf, in transit). Called inside circulation's
 * own transactions; the search index follows these changes like any other.
 */
@Service
public class CirculatingItems {

    /** An item as circulation sees it, with its title for the desk's messages. */
    public record CirculationItem(long id, String barcode, long recordId, String title, String owningUnit,
                                  String currentUnit, ItemType type, ItemStatus status, boolean floating,
                                  java.math.BigDecimal price) {
    }

    private final JdbcClient jdbc;

    CirculatingItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String SELECT = """
            select i.id, i.barcode, i.record_id, b.title, i.owning_unit, i.current_unit, i.item_type,
                   i.status, i.floating, i.price
            from item i join bib_record b on b.id = i.record_id
            """;

    private static final String LOCK_BY_BARCODE = SELECT + "where upper(i.barcode) = upper(:barcode) for update of i";

    private static final String LOCK_BY_ID = SELECT + "where i.id = :id for update of i";

    /** A barcode as scanned or typed (untrimmed, perhaps null), as every barcode look-up takes it: in any case. */
    public static String scanned(String barcode) {
        return barcode == null ? "" : barcode.strip();
    }

    /** The item with this barcode (any case), its row locked until the calling transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<CirculationItem> lock(String barcode) {
        return jdbc.sql(LOCK_BY_BARCODE).param("barcode", scanned(barcode)).query(CirculatingItems::item).optional();
    }

    /** {@link #lock(String)} as a statement to send with others in one round trip ({@link RoundTrip}). */
    public RoundTrip.Step<Optional<CirculationItem>> lockStep(String barcode) {
        return RoundTrip.Step.optional(LOCK_BY_BARCODE, Map.of("barcode", scanned(barcode)), CirculatingItems::item);
    }

    /** {@link #lock(long)} as a statement to send with others in one round trip ({@link RoundTrip}). */
    public RoundTrip.Step<Optional<CirculationItem>> lockStep(long id) {
        return RoundTrip.Step.optional(LOCK_BY_ID, Map.of("id", id), CirculatingItems::item);
    }

    /** The item with this barcode (any case) as it is now, for a kiosk's item information; not locked. */
    @Transactional(readOnly = true)
    public Optional<CirculationItem> find(String barcode) {
        return jdbc.sql(SELECT + "where upper(i.barcode) = upper(:barcode)")
                .param("barcode", scanned(barcode))
                .query(CirculatingItems::item).optional();
    }

    /**
     * Item properties a self-service machine reports (SIP2 19, Item Status Update), kept as the machine
     * sent them and shown back in its item information. Refused for an unknown barcode (empty answer).
     */
    @Transactional
    public Optional<CirculationItem> reportProperties(String barcode, String properties, String by) {
        Optional<CirculationItem> item = find(barcode);
        item.ifPresent(i -> jdbc.sql("""
                        insert into item_machine_properties (item_id, properties, reported_by) values (:id, :p, :by)
                        on conflict (item_id) do update set properties = excluded.properties,
                            reported_by = excluded.reported_by, reported_at = now()""")
                .param("id", i.id()).param("p", properties).param("by", by).update());
        return item;
    }

    /** What a machine last reported of the item, if any. */
    @Transactional(readOnly = true)
    public Optional<String> reportedProperties(long itemId) {
        return jdbc.sql("select properties from item_machine_properties where item_id = :id").param("id", itemId)
                .query(String.class).optional();
    }

    private static CirculationItem item(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new CirculationItem(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                rs.getString(5), rs.getString(6), ItemType.valueOf(rs.getString(7)),
                ItemStatus.valueOf(rs.getString(8)), rs.getBoolean(9), rs.getBigDecimal(10));
    }

    /**
     * Lent out at {@code unit}; the title's loan count (for the "popular" sort) goes up by one. One
     * statement: the record's count (which marks it changed for the index) and the item's status; sent with
     * the loan it is lent on, in one round trip ({@link RoundTrip}).
     */
    public RoundTrip.Step<Integer> lentStep(CirculationItem item, String unit) {
        return RoundTrip.Step.update(LENT, Map.of("record", item.recordId(), "unit", unit, "id", item.id()));
    }

    private static final String LENT = """
            with counted as (
                update bib_record_activity set loan_count = loan_count + 1, change_xid = pg_current_xact_id()
                where record_id = :record
            )
            update item set status = 'ON_LOAN', current_unit = :unit, updated_at = now(), version = version + 1
            where id = :id""";

    /** The item with this id, locked like {@link #lock(String)}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<CirculationItem> lock(long id) {
        return jdbc.sql(LOCK_BY_ID).param("id", id).query(CirculatingItems::item).optional();
    }

    /**
     * The item with this id, locked, unless another transaction holds it now: empty then, without waiting.
     * For work that can pass an item by (choosing a copy for a hold, expiring holds) and must never wait
     * for a desk's transaction that holds the item and waits in turn for something this one holds.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<CirculationItem> tryLock(long id) {
        return jdbc.sql(SELECT + "where i.id = :id for update of i skip locked").param("id", id)
                .query(CirculatingItems::item).optional();
    }

    /**
     * Puts an item at {@code unit} in one of the statuses circulation and holds own: on the shelf there,
     * on a hold shelf there, or in transit from there.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void place(CirculationItem item, String unit, ItemStatus status) {
        placeable(status);
        jdbc.sql(PLACE).params(status.name(), unit, item.id()).update();
    }

    /**
     * {@link #place}, sent with the transaction's {@code COMMIT} in one round trip ({@link WritesAtCommit}): for
     * the last thing a return does to an item that nothing in the transaction reads again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void placeAtCommit(CirculationItem item, String unit, ItemStatus status) {
        placeable(status);
        WritesAtCommit.addOrWrite(jdbc, PLACE, status.name(), unit, item.id());
    }

    private static void placeable(ItemStatus status) {
        if (status != ItemStatus.AVAILABLE && status != ItemStatus.ON_HOLD_SHELF && status != ItemStatus.IN_TRANSIT) {
            throw new IllegalArgumentException("circulation does not set " + status);
        }
    }

    private static final String PLACE =
            "update item set status = ?, current_unit = ?, updated_at = now(), version = version + 1 where id = ?";

    /** Declared lost while on loan: it leaves circulation until it is found (staff set it back by hand). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lost(CirculationItem item) {
        jdbc.sql("update item set status = 'LOST', updated_at = now(), version = version + 1 where id = :id")
                .param("id", item.id()).update();
    }

}
