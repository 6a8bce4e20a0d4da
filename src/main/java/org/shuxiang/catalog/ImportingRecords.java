package org.shuxiang.catalog;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shuxiang.catalog.marc.BibliographicFields;
import org.shuxiang.catalog.marc.FieldMapping;
import org.shuxiang.catalog.marc.Iso2709Reader;
import org.shuxiang.catalog.marc.MarcEncoding;
import org.shuxiang.catalog.marc.MarcFlavour;
import org.shuxiang.catalog.marc.MarcReadResult;
import org.shuxiang.catalog.marc.MarcRecord;
import org.shuxiang.catalog.marc.MarcXmlReader;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a MARC file, ISO 2709 or MARCXML, MARC21 or CNMARC, streaming: records are read, mapped and
 * stored a batch at a time, each batch in one transaction, so a file of any size passes through in
 * little memory and a record is stored whole or not at all. Every import ends with a stored report.
 */
@Service
public class ImportingRecords {

    static final int BATCH_SIZE = 500;
    private static final Logger log = LoggerFactory.getLogger(ImportingRecords.class);

    /** The file's format; AUTO looks at its first byte ({@code <} is XML). */
    public enum Format { AUTO, ISO2709, MARCXML }

    private final BibRecordRepository records;
    private final ImportRepository imports;
    private final AccessControl access;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    ImportingRecords(BibRecordRepository records, ImportRepository imports, AccessControl access, AuditLog audit,
                     TransactionTemplate transactions) {
        this.records = records;
        this.imports = imports;
        this.access = access;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * @param encoding the file's encoding, or null to decide per record (ISO 2709 only; XML says its own)
     */
    public CatalogImport importFile(String fileName, InputStream in, Format format, MarcEncoding encoding,
                                    DuplicateRule rule) {
        access.requireSomewhere(Permission.CATALOG_MANAGE);
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        Format actual;
        try {
            actual = format == Format.AUTO ? sniff(buffered) : format;
        } catch (IOException e) {
            throw new RefusedException(CatalogRefusal.EMPTY_FILE, fileName);
        }
        String encodingName = actual == Format.MARCXML ? "UTF-8" : encoding == null ? "AUTO" : encoding.name();
        long id = transactions.execute(s -> imports.start(fileName, actual.name(), encodingName, rule,
                access.currentActor().name()));
        String failure = null;
        Iterator<MarcReadResult> reader = actual == Format.MARCXML ? new MarcXmlReader(buffered)
                : new Iso2709Reader(buffered, encoding);
        try {
            List<MarcReadResult> batch = new ArrayList<>(BATCH_SIZE);
            while (reader.hasNext()) {
                batch.add(reader.next());
                if (batch.size() == BATCH_SIZE) {
                    store(id, batch, rule);
                    batch.clear();
                }
            }
            store(id, batch, rule);
        } catch (RuntimeException e) {
            log.warn("Import {} of {} failed", id, fileName, e);
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            closeQuietly(reader);
        }
        String outcome = failure;
        transactions.executeWithoutResult(s -> {
            imports.finish(id, outcome);
            CatalogImport report = imports.find(id).orElseThrow();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("file", fileName);
            details.put("read", report.recordsRead());
            details.put("created", report.created());
            details.put("merged", report.merged());
            details.put("rejected", report.rejected());
            details.put("status", report.status());
            audit.record("CATALOG_IMPORTED", "CATALOG_IMPORT", Long.toString(id), null, details);
        });
        return report(id);
    }

    public CatalogImport report(long id) {
        access.requireSomewhere(Permission.CATALOG_MANAGE);
        return imports.find(id).orElseThrow(() -> new RefusedException(CatalogRefusal.IMPORT_NOT_FOUND, id));
    }

    private void store(long importId, List<MarcReadResult> batch, DuplicateRule rule) {
        if (batch.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            int created = 0;
            int merged = 0;
            int rejected = 0;
            for (MarcReadResult result : batch) {
                if (result instanceof MarcReadResult.Rejected r) {
                    imports.reject(importId, r.number(), r.offset(), r.reason());
                    rejected++;
                    continue;
                }
                MarcReadResult.Read read = (MarcReadResult.Read) result;
                switch (storeOne(read.record(), rule)) {
                    case CREATED -> created++;
                    case MERGED -> merged++;
                    case NO_TITLE -> {
                        imports.reject(importId, read.number(), read.offset(),
                                "the record has no title (CNMARC 200$a, MARC21 245$a)");
                        rejected++;
                    }
                }
            }
            imports.addCounts(importId, batch.size(), created, merged, rejected);
        });
    }

    private enum Outcome { CREATED, MERGED, NO_TITLE }

    private Outcome storeOne(MarcRecord record, DuplicateRule rule) {
        MarcFlavour flavour = MarcFlavour.detect(record);
        BibliographicFields fields = FieldMapping.map(record, flavour);
        if (fields.title() == null || fields.title().isBlank()) {
            return Outcome.NO_TITLE;
        }
        Optional<Long> duplicate = records.findDuplicate(fields.isbns().stream().map(Isbn::isbn13).toList(),
                BibRecordRepository.controlNumber(record));
        if (duplicate.isEmpty()) {
            records.insert(record, flavour, fields);
            return Outcome.CREATED;
        }
        long id = duplicate.get();
        switch (rule) {
            case KEEP -> {
                // the catalogue's record stays as it is
            }
            case REPLACE -> records.update(id, record, flavour, fields);
            case MERGE -> {
                BibRecordRepository.Stored existing = records.find(id).orElseThrow();
                MarcRecord merged = RecordMerge.merge(existing.marc(), record);
                records.update(id, merged, existing.flavour(), FieldMapping.map(merged, existing.flavour()));
            }
        }
        return Outcome.MERGED;
    }

    private static Format sniff(BufferedInputStream in) throws IOException {
        in.mark(64);
        int b;
        int index = 0;
        do {
            b = in.read();
            index++;
        } while (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0xEF || b == 0xBB || b == 0xBF);
        in.reset();
        if (b == -1) {
            throw new IOException("empty file after " + index + " bytes");
        }
        return b == '<' ? Format.MARCXML : Format.ISO2709;
    }

    private static void closeQuietly(Iterator<MarcReadResult> reader) {
        if (reader instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                log.debug("closing the import reader: {}", e.toString());
            }
        }
    }
}
