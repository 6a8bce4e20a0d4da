package org.shuxiang.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.shuxiang.catalog.marc.BibliographicFields;
import org.shuxiang.catalog.marc.FieldMapping;
import org.shuxiang.catalog.marc.MarcRecord;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.RefusedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A cataloguer edits a record's main fields on a form. The edit names the version it was made on: a
 * record changed in between (another cataloguer, an import) refuses it rather than overwrite the change.
 * The search index follows the change as it follows imports.
 */
@Service
public class RecordEditing {

    private final BibRecordRepository records;
    private final AccessControl access;
    private final AuditLog audit;

    RecordEditing(BibRecordRepository records, AccessControl access, AuditLog audit) {
        this.records = records;
        this.access = access;
        this.audit = audit;
    }

    @Transactional
    public BibliographicFields edit(long id, int version, MainFields edit) {
        access.requireSomewhere(Permission.CATALOG_MANAGE);
        if (edit.title() == null || edit.title().isBlank()) {
            throw RefusedException.onField("title", CatalogRefusal.TITLE_REQUIRED);
        }
        if (edit.year() != null && !edit.year().isBlank() && !edit.year().strip().matches("\\d{4}")) {
            throw RefusedException.onField("year", CatalogRefusal.YEAR_INVALID, edit.year());
        }
        if (edit.isbn() != null && !edit.isbn().isBlank() && Isbn.parse(edit.isbn()).isEmpty()) {
            throw RefusedException.onField("isbn", CatalogRefusal.ISBN_INVALID, edit.isbn());
        }
        BibRecordRepository.Stored stored = records.findForUpdate(id)
                .orElseThrow(() -> new RefusedException(CatalogRefusal.RECORD_NOT_FOUND, id));
        if (stored.version() != version) {
            throw new RefusedException(CatalogRefusal.RECORD_CHANGED, id, stored.version());
        }
        MarcRecord edited = edit.applyTo(stored.marc(), stored.flavour());
        BibliographicFields fields = FieldMapping.map(edited, stored.flavour());
        records.updateAll(List.of(new BibRecordRepository.Row(id, edited, stored.flavour(), fields)));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", MainFields.of(FieldMapping.map(stored.marc(), stored.flavour())));
        details.put("after", MainFields.of(fields));
        audit.record("RECORD_EDITED", "BIB_RECORD", Long.toString(id), null, details);
        return fields;
    }
}
