package org.shuxiang.catalog.search;

import java.sql.Array;
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

/** Reads what the index needs for many records at once: a few queries for a page, whatever its size. */
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

    /**
     * Light sources, without the record's fields or copies: one query, no MARC read and no copy sent. The
     * database digests each record's structure and lists where its copies are on the shelf. A record that no
     * longer exists has none.
     */
    List<IndexSource> light(Collection<Long> ids) {
        List<IndexSource> sources = new ArrayList<>(ids.size());
        jdbc.sql(LIGHT).param("ids", ids.toArray(Long[]::new)).query(rs -> {
            Array units = rs.getArray(6);
            sources.add(new IndexSource(rs.getLong(1), null, rs.getString(2), rs.getInt(3), null, rs.getInt(4),
                    rs.getLong(5), units == null ? List.of() : List.of((String[]) units.getArray())));
        });
        return sources;
    }

    /**
     * A record's structure ({@link IndexSource#structure()}): its version, call number and copies (barcode,
     * type, call number) in barcode order, separated by control characters no code or call number holds,
     * digested by {@code hashtextextended}, whose values PostgreSQL keeps the same across versions (hash
     * partitions depend on it). Where its copies are on the shelf, in byte order as {@link RecordDocuments}
     * keeps them.
     */
    private static final String LIGHT = """
            select b.id, b.call_number, coalesce(a.loan_count, 0), b.version,
                   hashtextextended(concat_ws(chr(30), b.version::text, coalesce(b.call_number, ''), c.copies), 0),
                   c.shelved
            from bib_record b
            left join bib_record_activity a on a.record_id = b.id
            cross join lateral (
                select string_agg(i.barcode || chr(31) || i.item_type || chr(31) || coalesce(i.call_number, ''),
                                  chr(30) order by i.barcode collate "C") as copies,
                       array_agg(distinct i.current_unit collate "C" order by i.current_unit collate "C")
                           filter (where i.status = 'AVAILABLE') as shelved
                from item i where i.record_id = b.id and i.status <> 'WITHDRAWN') c
            where b.id = any(:ids)""";

    /** The copies of records, as documents show them. */
    private Map<Long, List<IndexSource.Copy>> copies(Collection<Long> ids) {
        Map<Long, List<IndexSource.Copy>> copies = new HashMap<>();
        jdbc.sql("""
                        select record_id, barcode, item_type, call_number from item
                        where record_id = any(:ids) and status <> 'WITHDRAWN'""")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    copies.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new IndexSource.Copy(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        return copies;
    }

    /**
     * The same sources whole: their copies, and their fields from the records just inserted when at hand, else
     * parsed.
     */
    List<IndexSource> whole(List<IndexSource> light) {
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
        Map<Long, List<IndexSource.Copy>> copies = copies(fields.keySet());
        List<IndexSource> sources = new ArrayList<>(light.size());
        for (IndexSource source : light) {
            BibliographicFields f = fields.get(source.id());
            if (f != null) {
                sources.add(source.whole(f, copies.getOrDefault(source.id(), List.of())));
            }
        }
        return sources;
    }
}
