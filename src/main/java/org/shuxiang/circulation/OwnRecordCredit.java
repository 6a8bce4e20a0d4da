package org.shuxiang.circulation;

import org.shuxiang.patrons.CreditSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The built-in credit score, from the reader's own record with the library over the last year: it
 * starts at 600; each late return costs 30, each overdue loan now 80, any unpaid fee 50, each block in
 * force 100; each return on time adds 2 (at most 100). The threshold is {@code shuxiang.credit.threshold}
 * (550 by default), so a new reader qualifies and two or three late returns lose it.
 */
@Component
public class OwnRecordCredit {

    static final int BASE = 600;

    private final JdbcClient jdbc;
    private final int threshold;

    OwnRecordCredit(JdbcClient jdbc, @Value("${shuxiang.credit.threshold:550}") int threshold) {
        this.jdbc = jdbc;
        this.threshold = threshold;
    }

    public CreditSource.Assessment assess(long readerId) {
        int score = jdbc.sql("""
                        select :base
                             - 30 * count(*) filter (where l.returned_at is not null
                                                     and l.returned_at::date > l.due_on)
                             - 80 * count(*) filter (where l.returned_at is null and l.due_on < current_date)
                             + least(100, 2 * count(*) filter (where l.returned_at is not null
                                                               and l.returned_at::date <= l.due_on))
                             - (select case when coalesce(sum(amount_cents - paid_cents - waived_cents), 0) > 0
                                            then 50 else 0 end from fee where reader_id = :r)
                             - (select 100 * count(*) from reader_block where reader_id = :r and lifted_at is null)
                        from loan l where l.reader_id = :r and l.checked_out_at > now() - interval '1 year'""")
                .param("base", BASE).param("r", readerId).query(Integer.class).single();
        return CreditSource.Assessment.of(score, threshold, "own");
    }
}
