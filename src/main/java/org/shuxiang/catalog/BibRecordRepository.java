package org.shuxiang.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.shuxiang.catalog.marc.BibliographicFields;
import org.shuxiang.catalog.marc.MarcFlavour;
import org.shuxiang.catalog.marc.MarcRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** SQL for bibliographic records: the whole MARC record plus the columns that queries use. */
@Repository
class BibRecordRepository {

    /** A record as stored. */
    record Stored(long id, MarcFlavour flavour, MarcRecord marc, int version) {
    }

    private final JdbcClient jdbc;
    private final MarcJson marcJson;

    BibRecordRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.marcJson = new MarcJson(json);
    }

    long insert(MarcRecord marc, MarcFlavour flavour, BibliographicFields fields) {
        return jdbc.sql("""
                        insert into bib_record (flavour, control_number, leader, fields, title, responsibility,
                                                publisher, publication_year, isbns, clc_number, language)
                        values (:flavour, :controlNumber, :leader, cast(:fields as jsonb), :title, :responsibility,
                                :publisher, :year, :isbns, :clc, :language)
                        returning id""")
                .param("flavour", flavour.name())
                .params(columns(marc, fields))
                .query(Long.class).single();
    }

    void update(long id, MarcRecord marc, MarcFlavour flavour, BibliographicFields fields) {
        jdbc.sql("""
                        update bib_record set flavour = :flavour, control_number = :controlNumber, leader = :leader,
                               fields = cast(:fields as jsonb), title = :title, responsibility = :responsibility,
                               publisher = :publisher, publication_year = :year, isbns = :isbns, clc_number = :clc,
                               language = :language, updated_at = now(), version = version + 1
                        where id = :id""")
                .param("id", id)
                .param("flavour", flavour.name())
                .params(columns(marc, fields))
                .update();
    }

    /** A record that shares an ISBN or the control number with the incoming one. */
    Optional<Long> findDuplicate(List<String> isbns, String controlNumber) {
        return jdbc.sql("""
                        select id from bib_record
                        where (cardinality(cast(:isbns as text[])) > 0 and isbns && cast(:isbns as text[]))
                           or (cast(:controlNumber as text) is not null and control_number = :controlNumber)
                        order by id limit 1""")
                .param("isbns", isbns.toArray(String[]::new))
                .param("controlNumber", controlNumber)
                .query(Long.class).optional();
    }

    Optional<Stored> find(long id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    List<Stored> findAll(Collection<Long> ids) {
        return jdbc.sql("select id, flavour, leader, fields::text as fields, version from bib_record "
                        + "where id = any(:ids) order by id")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> new Stored(rs.getLong("id"), MarcFlavour.valueOf(rs.getString("flavour")),
                        marcJson.record(rs.getString("leader"), rs.getString("fields")), rs.getInt("version")))
                .list();
    }

    java.util.Map<String, Long> idsByControlNumber(Collection<String> controlNumbers) {
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
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

    private java.util.Map<String, Object> columns(MarcRecord marc, BibliographicFields fields) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
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
