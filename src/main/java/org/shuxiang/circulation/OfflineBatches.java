package org.shuxiang.circulation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Offline circulation. A device uploads what it did while cut off; the transactions are applied in the
 * order they happened, each in a transaction of its own and at its own time (due dates and fees count
 * from then), each once: a transaction id seen before is not applied again. A transaction that cannot
 * be applied (item already on loan, reader blocked, unknown barcode) is kept as a conflict with its
 * reason for staff to settle. Nothing in a batch is lost.
 */
@Service
public class OfflineBatches {

    /** One transaction as the device recorded it. */
    public record OfflineTransaction(String id, String kind, Instant at, String cardNumber, String barcode) {
    }

    /** What became of one transaction. */
    public record Outcome(String id, String kind, Instant at, String barcode, String outcome, String reason,
                          Long loanId, boolean duplicate) {
    }

    /** A batch's report. */
    public record Report(long id, String unit, int transactions, int applied, int duplicates, int conflicts,
                         List<Outcome> outcomes) {
    }

    static final int MAX_TRANSACTIONS = 5_000;

    private final Circulating circulating;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AccessControl access;
    private final AuditLog audit;

    OfflineBatches(Circulating circulating, JdbcClient jdbc, TransactionTemplate transactions, AccessControl access,
                   AuditLog audit) {
        this.circulating = circulating;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
    }

    public Report upload(String unit, String device, List<OfflineTransaction> uploaded) {
        access.require(Permission.CIRCULATE, unit);
        if (uploaded == null || uploaded.isEmpty() || uploaded.size() > MAX_TRANSACTIONS) {
            throw RefusedException.onField("transactions", PlatformRefusal.VALIDATION_FAILED);
        }
        for (OfflineTransaction t : uploaded) {
            if (t.id() == null || t.id().isBlank() || t.at() == null || t.barcode() == null
                    || !("CHECKOUT".equals(t.kind()) || "CHECKIN".equals(t.kind()))
                    || ("CHECKOUT".equals(t.kind()) && t.cardNumber() == null)) {
                throw RefusedException.onField("transactions", PlatformRefusal.VALIDATION_FAILED);
            }
        }
        long batch = transactions.execute(s -> {
            long id = jdbc.sql("insert into offline_batch (unit_code, device, uploaded_by, transactions) "
                            + "values (:unit, :device, :by, :n) returning id")
                    .param("unit", unit).param("device", device).param("by", access.currentActor().name())
                    .param("n", uploaded.size()).query(Long.class).single();
            audit.record("OFFLINE_BATCH_RECEIVED", "OFFLINE_BATCH", Long.toString(id), unit,
                    Map.of("transactions", uploaded.size()));
            return id;
        });
        List<OfflineTransaction> ordered = new ArrayList<>(uploaded);
        ordered.sort(Comparator.comparing(OfflineTransaction::at).thenComparing(OfflineTransaction::id));
        List<Outcome> outcomes = new ArrayList<>();
        for (OfflineTransaction t : ordered) {
            outcomes.add(apply(batch, unit, t));
        }
        int applied = (int) outcomes.stream().filter(o -> !o.duplicate() && o.outcome().equals("APPLIED")).count();
        int duplicates = (int) outcomes.stream().filter(Outcome::duplicate).count();
        int conflicts = (int) outcomes.stream().filter(o -> !o.duplicate() && o.outcome().equals("CONFLICT")).count();
        transactions.executeWithoutResult(s -> jdbc.sql("update offline_batch set applied = :a, duplicates = :d, "
                        + "conflicts = :c where id = :id")
                .param("a", applied).param("d", duplicates).param("c", conflicts).param("id", batch).update());
        return new Report(batch, unit, uploaded.size(), applied, duplicates, conflicts, outcomes);
    }

    private Outcome apply(long batch, String unit, OfflineTransaction t) {
        Optional<Outcome> seen = earlier(t.id());
        if (seen.isPresent()) {
            Outcome o = seen.get();
            return new Outcome(o.id(), o.kind(), o.at(), o.barcode(), o.outcome(), o.reason(), o.loanId(), true);
        }
        try {
            return transactions.execute(s -> {
                Long loan = switch (t.kind()) {
                    case "CHECKOUT" -> circulating.checkoutAt(t.cardNumber(), t.barcode(), unit, "offline:" + t.id(),
                            t.at()).loan().id();
                    default -> circulating.checkinAt(t.barcode(), unit, t.at()).loan().id();
                };
                record(batch, t, "APPLIED", null, loan);
                return new Outcome(t.id(), t.kind(), t.at(), t.barcode(), "APPLIED", null, loan, false);
            });
        } catch (RefusedException e) {
            transactions.executeWithoutResult(s -> record(batch, t, "CONFLICT", e.refusal().name(), null));
            return new Outcome(t.id(), t.kind(), t.at(), t.barcode(), "CONFLICT", e.refusal().name(), null, false);
        }
    }

    private void record(long batch, OfflineTransaction t, String outcome, String reason, Long loan) {
        jdbc.sql("""
                        insert into offline_transaction (id, batch_id, kind, happened_at, card_number, barcode, outcome,
                                                         reason, loan_id)
                        values (:id, :batch, :kind, :at, :card, :barcode, :outcome, :reason, :loan)""")
                .param("id", t.id()).param("batch", batch).param("kind", t.kind())
                .param("at", java.sql.Timestamp.from(t.at())).param("card", t.cardNumber())
                .param("barcode", t.barcode()).param("outcome", outcome).param("reason", reason).param("loan", loan)
                .update();
    }

    private Optional<Outcome> earlier(String id) {
        return jdbc.sql("select id, kind, happened_at, barcode, outcome, reason, loan_id from offline_transaction "
                        + "where id = :id")
                .param("id", id)
                .query((rs, n) -> new Outcome(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, Long.class), false))
                .optional();
    }

    /** A batch's report, with every transaction's outcome. */
    public Report report(long id) {
        record Head(String unit, int n, int applied, int duplicates, int conflicts) {
        }
        Head head = jdbc.sql("select unit_code, transactions, applied, duplicates, conflicts from offline_batch "
                        + "where id = :id")
                .param("id", id).query((rs, n) -> new Head(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5))).optional()
                .orElseThrow(() -> new RefusedException(CirculationRefusal.OFFLINE_BATCH_NOT_FOUND, id));
        access.require(Permission.CIRCULATE, head.unit());
        List<Outcome> outcomes = jdbc.sql("select id, kind, happened_at, barcode, outcome, reason, loan_id "
                        + "from offline_transaction where batch_id = :id order by happened_at, id")
                .param("id", id)
                .query((rs, n) -> new Outcome(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, Long.class), false))
                .list();
        return new Report(id, head.unit(), head.n(), head.applied(), head.duplicates(), head.conflicts(), outcomes);
    }
}
