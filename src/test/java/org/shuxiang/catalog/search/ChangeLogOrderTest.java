package org.shuxiang.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The index follows the change log in transaction order, numerically: a tailer that sorted the
 * transaction ids as text put 1000 before 999 and, paging past them, skipped whole batches of records.
 */
@IntegrationTest
class ChangeLogOrderTest {

    @Autowired
    IndexSources sources;

    @Autowired
    JdbcClient jdbc;

    private long record(String title, long xid) {
        long id = jdbc.sql("""
                        insert into bib_record (flavour, leader, fields, title)
                        values ('CNMARC', '00000nam0 2200000   450 ', '[]', :title) returning id""")
                .param("title", title).query(Long.class).single();
        jdbc.sql("update bib_record_activity set change_xid = cast(:xid as xid8) where record_id = :id")
                .param("xid", Long.toString(xid)).param("id", id).update();
        return id;
    }

    @Test
    void changes_are_paged_in_the_numeric_order_of_their_transactions_across_a_power_of_ten() {
        long nines = record("九百九十九", 999);
        long thousand = record("一千", 1000);
        long later = record("一千零一", 1001);

        List<Long> seen = new ArrayList<>();
        IndexSources.Change after = new IndexSources.Change(0, "998");
        List<IndexSources.Change> page;
        while (!(page = sources.changedSince("998", after, 2)).isEmpty()) {
            page.forEach(change -> seen.add(change.id()));
            after = page.get(page.size() - 1);
        }

        assertThat(seen).containsSubsequence(nines, thousand, later);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.indexOf(nines)).isLessThan(seen.indexOf(thousand));
    }
}
