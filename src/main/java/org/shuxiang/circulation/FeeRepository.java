package org.shuxiang.circulation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for fees and their payments and waivers. */
@Repository
class FeeRepository {

    private static final String SELECT = """
            select f.id, f.reader_id, f.loan_id, i.barcode, b.title, f.kind, f.amount_cents, f.paid_cents,
                   f.waived_cents, f.created_at
            from fee f left join loan l on l.id = f.loan_id left join item i on i.id = l.item_id
                 left join bib_record b on b.id = i.record_id""";

    private final JdbcClient jdbc;

    FeeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The reader's fees with something still owed, oldest first (payments settle the oldest first). */
    List<Fee> open(long readerId) {
        return jdbc.sql(SELECT + " where f.reader_id = :r and f.paid_cents + f.waived_cents < f.amount_cents "
                        + "order by f.created_at, f.id")
                .param("r", readerId).query(FeeRepository::fee).list();
    }

    List<Fee> all(long readerId) {
        return jdbc.sql(SELECT + " where f.reader_id = :r order by f.created_at desc, f.id desc")
                .param("r", readerId).query(FeeRepository::fee).list();
    }

    Optional<Fee> findForUpdate(long id) {
        return jdbc.sql(SELECT + " where f.id = :id for update of f").param("id", id).query(FeeRepository::fee)
                .optional();
    }

    void pay(long feeId, int cents, String method, String reference, String by) {
        jdbc.sql("update fee set paid_cents = paid_cents + :c where id = :id").param("c", cents).param("id", feeId)
                .update();
        jdbc.sql("insert into fee_transaction (fee_id, kind, cents, method, reference, by_actor) "
                        + "values (:fee, 'PAYMENT', :c, :method, :ref, :by)")
                .param("fee", feeId).param("c", cents).param("method", method).param("ref", reference).param("by", by)
                .update();
    }

    void waive(long feeId, int cents, String reason, String by) {
        jdbc.sql("update fee set waived_cents = waived_cents + :c where id = :id").param("c", cents)
                .param("id", feeId).update();
        jdbc.sql("insert into fee_transaction (fee_id, kind, cents, reason, by_actor) "
                        + "values (:fee, 'WAIVER', :c, :reason, :by)")
                .param("fee", feeId).param("c", cents).param("reason", reason).param("by", by).update();
    }

    private static Fee fee(ResultSet rs, int n) throws SQLException {
        return new Fee(rs.getLong("id"), rs.getLong("reader_id"), rs.getObject("loan_id", Long.class),
                rs.getString("barcode"), rs.getString("title"), rs.getString("kind"), rs.getInt("amount_cents"),
                rs.getInt("paid_cents"), rs.getInt("waived_cents"), rs.getTimestamp("created_at").toInstant());
    }
}
