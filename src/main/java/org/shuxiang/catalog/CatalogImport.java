package org.shuxiang.catalog;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The report of an import: what was read, created, merged into existing records and rejected, and
 * for each rejected record its number in the file, its byte offset (line, for MARCXML) and the reason.
 */
public record CatalogImport(long id, String fileName, String format, String encoding, DuplicateRule duplicateRule,
                            String status, int recordsRead, int created, int merged, int rejected, String startedBy,
                            OffsetDateTime startedAt, OffsetDateTime finishedAt, String failure,
                            List<Rejection> rejections) {

    public record Rejection(long recordNumber, long offset, String reason) {
    }
}
