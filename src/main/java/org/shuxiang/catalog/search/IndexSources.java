package org.shuxiang.catalog.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.shuxiang.catalog.CatalogRecords;
import org.shuxiang.catalog.FreshRecords;
import org.shuxiang.catalog.marc.BibliographicFields;
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
    private final FreshRecords fresh;

    IndexSources(JdbcClient jdbc, CatalogRecords records, FreshRecords fresh) {
        this.fresh = fresh;
        this.jdbc = jdbc;
        this.records = records;
    }

    /** The oldest transaction id still running now: everything older is committed or gone. */
    String snapshotXmin() {
        return jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text").query(String.class).single();
    }

    /**
     * Records changed by transactions from {@code sinceXid} on, after {@code after} in (transaction, id)
     * order, a page at a time: an index range scan, however large the catalogue. The order names the
     * table's columns: an output column called change_xid (the text) would sort 1000 before 999.
     */
    List<Change> changedSince(String sinceXid, Change after, int limit) {
        return jdbc.sql("""
                        select record_id, change_xid::text as xid from bib_record_activity
                        where change_xid >= cast(:since as xid8)
                          and (change_xid, record_id) > (cast(:afterXid as xid8), :afterId)
                        order by bib_record_activity.change_xid, bib_record_activity.record_id limit :limit""")
                .param("since", sinceXid).param("afterXid", after.xid()).param("afterId", after.id())
                .param("limit", limit)
                .query((rs, n) -> new Change(rs.getLong(1), rs.getString(2))).list();
    }

    /** Whole sources: the copies, the record's columns and its fields (parsed from MARC). */
    List<IndexSource> load(Collection<Long> ids) {
        return withFields(light(ids));
    }

    /**
     * Light sources, without the record's fields: two queries, no MARC read. A record that no longer
     * exists has none.
     */
    List<IndexSource> light(Collection<Long> ids) {
        Map<Long, List<IndexSource.Copy>> copies = new HashMap<>();
        jdbc.sql("""
                        select record_id, barcode, current_unit, item_type, status, call_number from item
                        where record_id = any(:ids) and status <> 'WITHDRAWN'""")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    copies.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new IndexSource.Copy(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                });
        List<IndexSource> sources = new ArrayList<>(ids.size());
        jdbc.sql("""
                        select b.id, b.call_number, coalesce(a.loan_count, 0), b.version
                        from bib_record b left join bib_record_activity a on a.record_id = b.id
                        where b.id = any(:ids)""")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    long id = rs.getLong(1);
                    sources.add(new IndexSource(id, null, rs.getString(2), rs.getInt(3),
                            copies.getOrDefault(id, List.of()), rs.getInt(4)));
                });
        return sources;
    }

    /** The same sources with their fields: from the records just inserted when at hand, else parsed. */
    List<IndexSource> withFields(List<IndexSource> light) {
        Map<Long, BibliographicFields> fields = new HashMap<>();
        List<Long> toRead = new ArrayList<>();
        for (IndexSource source : light) {
            BibliographicFields inserted = fresh.take(source.id(), (int) source.recordVersion());
            if (inserted != null) {
                fields.put(source.id(), inserted);
            } else {
                toRead.add(source.id());
            }
        }
        if (!toRead.isEmpty()) {
            records.fieldsOf(toRead).forEach(r -> fields.put(r.id(), r.fields()));
        }
        List<IndexSource> sources = new ArrayList<>(light.size());
        for (IndexSource source : light) {
            BibliographicFields f = fields.get(source.id());
            if (f != null) {
                sources.add(source.withFields(f));
            }
        }
        return sources;
    }
}
