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

    /** The oldest transaction still running, and the records changed since a given one. */
    record Changes(String xmin, List<Long> ids) {
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

    /** Ids of records changed by transactions from {@code sinceXid} on, after {@code afterId}, a page at a time. */
    List<Long> changedSince(String sinceXid, long afterId, int limit) {
        return jdbc.sql("""
                        select id from bib_record where change_xid >= cast(:since as xid8) and id > :after
                        order by id limit :limit""")
                .param("since", sinceXid).param("after", afterId).param("limit", limit)
                .query(Long.class).list();
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
