package org.shuxiang.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for imports and their reports. */
@Repository
class ImportRepository {

    private final JdbcClient jdbc;

    ImportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long start(String fileName, String format, String encoding, DuplicateRule rule, String startedBy) {
        return jdbc.sql("""
                        insert into catalog_import (file_name, format, encoding, duplicate_rule, status, started_by)
                        values (:file, :format, :encoding, :rule, 'RUNNING', :by) returning id""")
                .param("file", fileName).param("format", format).param("encoding", encoding)
                .param("rule", rule.name()).param("by", startedBy)
                .query(Long.class).single();
    }

    void addCounts(long id, int read, int created, int merged, int rejected) {
        jdbc.sql("""
                        update catalog_import set records_read = records_read + :read, created = created + :created,
                               merged = merged + :merged, rejected = rejected + :rejected where id = :id""")
                .param("id", id).param("read", read).param("created", created).param("merged", merged)
                .param("rejected", rejected).update();
    }

    void rejectAll(long id, List<CatalogImport.Rejection> rejections) {
        for (CatalogImport.Rejection r : rejections) {
            reject(id, r.recordNumber(), r.offset(), r.reason());
        }
    }

    void reject(long id, long recordNumber, long offset, String reason) {
        jdbc.sql("""
                        insert into catalog_import_rejection (import_id, record_number, byte_offset, reason)
                        values (:id, :number, :offset, :reason) on conflict do nothing""")
                .param("id", id).param("number", recordNumber).param("offset", offset).param("reason", reason)
                .update();
    }

    void finish(long id, String failure) {
        jdbc.sql("""
                        update catalog_import set status = :status, failure = :failure, finished_at = now()
                        where id = :id""")
                .param("id", id).param("status", failure == null ? "FINISHED" : "FAILED").param("failure", failure)
                .update();
    }

    Optional<CatalogImport> find(long id) {
        return jdbc.sql("select * from catalog_import where id = :id").param("id", id)
                .query((rs, n) -> report(rs, rejections(id))).optional();
    }

    private List<CatalogImport.Rejection> rejections(long id) {
        return jdbc.sql("""
                        select record_number, byte_offset, reason from catalog_import_rejection
                        where import_id = :id order by record_number""")
                .param("id", id)
                .query((rs, n) -> new CatalogImport.Rejection(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .list();
    }

    private static CatalogImport report(ResultSet rs, List<CatalogImport.Rejection> rejections) throws SQLException {
        return new CatalogImport(rs.getLong("id"), rs.getString("file_name"), rs.getString("format"),
                rs.getString("encoding"), DuplicateRule.valueOf(rs.getString("duplicate_rule")),
                rs.getString("status"), rs.getInt("records_read"), rs.getInt("created"), rs.getInt("merged"),
                rs.getInt("rejected"), rs.getString("started_by"), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class), rs.getString("failure"), rejections);
    }
}
