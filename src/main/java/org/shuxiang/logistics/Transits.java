package org.shuxiang.logistics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of items moving between units (调拨). Circulation and holds route items; this keeps every
 * move: from, to, why, routed, sent, received. Lists per unit: to send, in transit to here, overdue in
 * transit. Routes, crates and delivery will build on these records.
 */
@Service
public class Transits {

    /** Which of a unit's transits to list. */
    public enum View { TO_SEND, INCOMING, OVERDUE }

    private static final String SELECT = """
            select t.id, t.item_id, i.barcode, b.title, t.from_unit, t.to_unit, t.reason, t.hold_id, t.routed_at,
                   t.sent_at, t.received_at, t.received_unit, t.status
            from transit t join item i on i.id = t.item_id join bib_record b on b.id = i.record_id""";

    private final JdbcClient jdbc;
    private final AccessControl access;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration overdueAfter;

    Transits(JdbcClient jdbc, AccessControl access, AuditLog audit, Clock clock,
             @Value("${shuxiang.logistics.transit-overdue-after:P7D}") Duration overdueAfter) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.overdueAfter = overdueAfter;
    }

    /** Routes an item from one unit to another; a move still open for it is closed as re-routed here. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long route(long itemId, String from, String to, Transit.Reason reason, Long holdId) {
        jdbc.sql("update transit set status = 'REROUTED', received_at = now(), received_unit = :from "
                        + "where item_id = :item and status = 'OPEN'")
                .param("from", from).param("item", itemId).update();
        return jdbc.sql("insert into transit (item_id, from_unit, to_unit, reason, hold_id) values (:item, :from, :to, "
                        + ":reason, :hold) returning id")
                .param("item", itemId).param("from", from).param("to", to).param("reason", reason.name())
                .param("hold", holdId).query(Long.class).single();
    }

    /** The item arrived at {@code unit}: its open move ends (received, or re-routed if it came to the wrong place). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Transit> arrived(long itemId, String unit) {
        Optional<Transit> open = jdbc.sql(SELECT + " where t.item_id = :item and t.status = 'OPEN' for update of t")
                .param("item", itemId).query(Transits::transit).optional();
        open.ifPresent(t -> jdbc.sql("update transit set status = :status, received_at = now(), received_unit = :unit, "
                        + "sent_at = coalesce(sent_at, now()) where id = :id")
                .param("status", t.toUnit().equals(unit) ? "RECEIVED" : "REROUTED").param("unit", unit)
                .param("id", t.id()).update());
        return open;
    }

    /** The move ends without travelling (the item was wanted where it stood). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void cancel(long itemId) {
        jdbc.sql("update transit set status = 'CANCELLED', received_at = now() where item_id = :item and status = 'OPEN'")
                .param("item", itemId).update();
    }

    /** Staff hand routed items to the van: they are sent. */
    @Transactional
    public int markSent(String unit, List<Long> ids) {
        access.require(Permission.CIRCULATE, unit);
        int sent = jdbc.sql("update transit set sent_at = now() where from_unit = :unit and status = 'OPEN' "
                        + "and sent_at is null and id = any(:ids)")
                .param("unit", unit).param("ids", ids.toArray(Long[]::new)).update();
        audit.record("TRANSITS_SENT", "TRANSIT", unit, unit, java.util.Map.of("count", sent));
        return sent;
    }

    @Transactional(readOnly = true)
    public List<Transit> list(String unit, View view) {
        access.require(Permission.CIRCULATE, unit);
        return switch (view) {
            case TO_SEND -> jdbc.sql(SELECT + " where t.from_unit = :u and t.status = 'OPEN' and t.sent_at is null "
                    + "order by t.to_unit, t.routed_at").param("u", unit).query(Transits::transit).list();
            case INCOMING -> jdbc.sql(SELECT + " where t.to_unit = :u and t.status = 'OPEN' order by t.routed_at")
                    .param("u", unit).query(Transits::transit).list();
            case OVERDUE -> jdbc.sql(SELECT + " where (t.to_unit = :u or t.from_unit = :u) and t.status = 'OPEN' "
                            + "and t.routed_at < :before order by t.routed_at")
                    .param("u", unit).param("before", java.sql.Timestamp.from(clock.instant().minus(overdueAfter)))
                    .query(Transits::transit).list();
        };
    }

    @Transactional(readOnly = true)
    public List<Transit> ofItem(long itemId) {
        access.requireSomewhere(Permission.CIRCULATE);
        return jdbc.sql(SELECT + " where t.item_id = :item order by t.routed_at, t.id").param("item", itemId)
                .query(Transits::transit).list();
    }

    private static Transit transit(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp sent = rs.getTimestamp("sent_at");
        java.sql.Timestamp received = rs.getTimestamp("received_at");
        return new Transit(rs.getLong("id"), rs.getLong("item_id"), rs.getString("barcode"), rs.getString("title"),
                rs.getString("from_unit"), rs.getString("to_unit"), Transit.Reason.valueOf(rs.getString("reason")),
                rs.getObject("hold_id", Long.class), rs.getTimestamp("routed_at").toInstant(),
                sent == null ? null : sent.toInstant(), received == null ? null : received.toInstant(),
                rs.getString("received_unit"), rs.getString("status"));
    }
}
