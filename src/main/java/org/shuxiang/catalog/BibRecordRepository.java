package org.shuxiang.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

import org.shuxiang.catalog.marc.BibliographicFields;
import org.shuxiang.catalog.marc.MarcFlavour;
import org.shuxiang.catalog.marc.MarcRecord;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** SQL for bibliographic records: the whole MARC record plus the columns that queries use. */
@Repository
class BibRecordRepository {

    /** A record to insert ({@code id} 0) or to update, with the fields mapped from it. */
    record Row(long id, MarcRecord marc, MarcFlavour flavour, BibliographicFields fields) {
    }

    /** A record as stored. */
    record Stored(long id, MarcFlavour flavour, MarcRecord marc, int version) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final MarcJson marcJson;

    BibRecordRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.marcJson = new MarcJson(json);
    }



    static String isbnKey(String isbn13) {
        return "isbn:" + isbn13;
    }

    static String controlNumberKey(String controlNumber) {
        return "001:" + controlNumber;
    }

    /**
     * The catalogue's records that hold any of these keys ({@link #isbnKey}, {@link #controlNumberKey}),
     * by key; where several do, the oldest. One query for a whole batch.
     */
    Map<String, Long> findByKeys(Collection<String> keys) {
        List<String> isbns = keys.stream().filter(k -> k.startsWith("isbn:")).map(k -> k.substring(5)).toList();
        List<String> numbers = keys.stream().filter(k -> k.startsWith("001:")).map(k -> k.substring(4)).toList();
        Map<String, Long> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        // two queries, each on its own index: one OR over both lets a generic plan fall back to a scan
        if (!isbns.isEmpty()) {
            jdbc.sql("select id, isbns from bib_record where isbns && cast(:isbns as text[]) order by id")
                    .param("isbns", isbns.toArray(String[]::new))
                    .query(rs -> {
                        for (String isbn : (String[]) rs.getArray(2).getArray()) {
                            found.putIfAbsent(isbnKey(isbn), rs.getLong(1));
                        }
                    });
        }
        if (!numbers.isEmpty()) {
            jdbc.sql("select id, control_number from bib_record where control_number = any(:numbers) order by id")
                    .param("numbers", numbers.toArray(String[]::new))
                    .query(rs -> {
                        found.putIfAbsent(controlNumberKey(rs.getString(2)), rs.getLong(1));
                    });
        }
        return found;
    }

    /**
     * Inserts new records in one JDBC batch (rewritten by the driver into multi-row inserts), with ids
     * drawn from the table's identity sequence beforehand in one query.
     *
     * @return the new records' ids, in the order of {@code rows}
     */
    long[] insertAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return new long[0];
        }
        long[] ids = jdbc.sql("select nextval(pg_get_serial_sequence('bib_record', 'id')) from generate_series(1, :n)")
                .param("n", rows.size()).query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
        MapSqlParameterSource[] parameters = new MapSqlParameterSource[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            parameters[i] = parameters(rows.get(i)).addValue("id", ids[i]);
        }
        batch.batchUpdate("""
                        insert into bib_record (id, flavour, control_number, leader, fields, title, responsibility,
                                                publisher, publication_year, isbns, clc_number, language)
                        overriding system value
                        values (:id, :flavour, :controlNumber, :leader, cast(:fields as jsonb), :title, :responsibility,
                                :publisher, :year, :isbns, :clc, :language)""", parameters);
        return ids;
    }

    void updateAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                        update bib_record set flavour = :flavour, control_number = :controlNumber, leader = :leader,
                               fields = cast(:fields as jsonb), title = :title, responsibility = :responsibility,
                               publisher = :publisher, publication_year = :year, isbns = :isbns, clc_number = :clc,
                               language = :language, updated_at = now(), version = version + 1
                        where id = :id""",
                rows.stream().map(this::parameters).toArray(MapSqlParameterSource[]::new));
    }

    private MapSqlParameterSource parameters(Row row) {
        MapSqlParameterSource parameters = new MapSqlParameterSource(columns(row.marc(), row.fields()));
        parameters.addValue("id", row.id());
        parameters.addValue("flavour", row.flavour().name());
        return parameters;
    }


    Optional<Stored> find(long id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    /** A record, its row locked until the transaction ends (an edit against its version). */
    Optional<Stored> findForUpdate(long id) {
        return jdbc.sql("select id, flavour, leader, fields::text as fields, version from bib_record where id = :id "
                        + "for update")
                .param("id", id)
                .query((rs, n) -> new Stored(rs.getLong("id"), MarcFlavour.valueOf(rs.getString("flavour")),
                        marcJson.record(rs.getString("leader"), rs.getString("fields")), rs.getInt("version")))
                .optional();
    }

    List<Stored> findAll(Collection<Long> ids) {
        return jdbc.sql("select id, flavour, leader, fields::text as fields, version from bib_record "
                        + "where id = any(:ids) order by id")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> new Stored(rs.getLong("id"), MarcFlavour.valueOf(rs.getString("flavour")),
                        marcJson.record(rs.getString("leader"), rs.getString("fields")), rs.getInt("version")))
                .list();
    }

    Map<String, Long> idsByControlNumber(Collection<String> controlNumbers) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("select control_number, id from bib_record where control_number = any(:numbers)")
                .param("numbers", controlNumbers.toArray(String[]::new))
                .query(rs -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                });
        return ids;
    }

    /** Record ids in order, a page at a time, for exporting everything without holding it all. */
    List<Long> idsAfter(long afterId, int limit) {
        return jdbc.sql("select id from bib_record where id > :after order by id limit :limit")
                .param("after", afterId).param("limit", limit)
                .query(Long.class).list();
    }

    private Map<String, Object> columns(MarcRecord marc, BibliographicFields fields) {
        Map<String, Object> p = new HashMap<>();
        p.put("controlNumber", controlNumber(marc));
        p.put("leader", marc.leader());
        p.put("fields", marcJson.fields(marc));
        p.put("title", fields.title());
        p.put("responsibility", fields.responsibility());
        p.put("publisher", fields.publisher());
        p.put("year", fields.year());
        p.put("isbns", fields.isbns().stream().map(Isbn::isbn13).toArray(String[]::new));
        p.put("clc", fields.clcNumber());
        p.put("language", fields.language());
        return p;
    }

    /** 001, qualified by 003 (the agency that assigned it) when the record names one. */
    static String controlNumber(MarcRecord marc) {
        return marc.controlField("001").filter(s -> !s.isBlank())
                .map(number -> marc.controlField("003").filter(s -> !s.isBlank()).map(agency -> agency + ":" + number)
                        .orElse(number.trim()))
                .orElse(null);
    }
}
