package org.shuxiang.catalog.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.shuxiang.catalog.CatalogRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads what the index needs for many records at once: two queries for a page, whatever its size. */
@Repository
class IndexSources {

    /** A record changed by transaction {@code xid}: the tailer's position in the change log. */
    record Change(long id, String xid) {
    }

    private final JdbcClient jdbc;
    private final CatalogRecords records;

    IndexSources(JdbcClient jdbc, CatalogRecords records) {
        this.jdbc = jdbc;
        this.records = records;
    }

    /** The oldest transaction id still running now: everything older is committed or gone. */
    String snapshotXmin() {
        return jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text").query(String.class).single();
    }

    /**
     * Records changed by transactions from {@code sinceXid} on, after {@code after} in (transaction, id)
     * order, a page at a time: an index range scan, however large the catalogue.
     */
    List<Change> changedSince(String sinceXid, Change after, int limit) {
        return jdbc.sql("""
                        select id, change_xid::text from bib_record
                        where change_xid >= cast(:since as xid8)
                          and (change_xid, id) > (cast(:afterXid as xid8), :afterId)
                        order by change_xid, id limit :limit""")
                .param("since", sinceXid).param("afterXid", after.xid()).param("afterId", after.id())
                .param("limit", limit)
                .query((rs, n) -> new Change(rs.getLong(1), rs.getString(2))).list();
    }

    List<IndexSource> load(Collection<Long> ids) {
        Map<Long, List<IndexSource.Copy>> copies = new HashMap<>();
        jdbc.sql("""
                        select record_id, barcode, current_unit, item_type, status, call_number from item
                        where record_id = any(:ids) and status <> 'WITHDRAWN'""")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    copies.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new IndexSource.Copy(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                });
        Map<Long, Object[]> extra = new HashMap<>();
        jdbc.sql("select id, call_number, loan_count from bib_record where id = any(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    extra.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getInt(3)});
                });
        return records.fieldsOf(ids).stream()
                .map(r -> new IndexSource(r.id(), r.fields(), (String) extra.get(r.id())[0],
                        (Integer) extra.get(r.id())[1], copies.getOrDefault(r.id(), List.of())))
                .toList();
    }
}
