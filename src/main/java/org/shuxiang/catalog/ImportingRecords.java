package org.shuxiang.catalog;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Objects;
import java.util.stream.Collectors;

import org.shuxiang.catalog.marc.BibliographicFields;
import org.shuxiang.catalog.marc.FieldMapping;
import org.shuxiang.catalog.marc.Iso2709Reader;
import org.shuxiang.catalog.marc.MarcEncoding;
import org.shuxiang.catalog.marc.MarcFlavour;
import org.shuxiang.catalog.marc.MarcReadResult;
import org.shuxiang.catalog.marc.MarcReader;
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
    private final FreshRecords fresh;

    ImportingRecords(BibRecordRepository records, ImportRepository imports, AccessControl access, AuditLog audit,
                     TransactionTemplate transactions, FreshRecords fresh) {
        this.fresh = fresh;
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
        MarcReader reader = actual == Format.MARCXML ? new MarcXmlReader(buffered)
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

    /** A record read from the file, mapped, waiting to be stored. */
    private record Candidate(MarcRecord record, MarcFlavour flavour, BibliographicFields fields, List<String> keys) {
    }

    /**
     * Stores one batch in one transaction with a handful of statements whatever its size: one query
     * finds the catalogue's records that share an ISBN or control number with any record of the
     * batch, then new records are inserted and changed ones updated in JDBC batches. Records of the
     * batch that duplicate each other are merged by the same rule before anything is written.
     */
    private void store(long importId, List<MarcReadResult> batch, DuplicateRule rule) {
        if (batch.isEmpty()) {
            return;
        }
        List<Candidate> candidates = new ArrayList<>(batch.size());
        List<CatalogImport.Rejection> rejections = new ArrayList<>();
        for (MarcReadResult result : batch) {
            if (result instanceof MarcReadResult.Rejected r) {
                rejections.add(new CatalogImport.Rejection(r.number(), r.offset(), r.reason()));
                continue;
            }
            MarcReadResult.Read read = (MarcReadResult.Read) result;
            MarcFlavour flavour = MarcFlavour.detect(read.record());
            BibliographicFields fields = FieldMapping.map(read.record(), flavour);
            if (fields.title() == null || fields.title().isBlank()) {
                rejections.add(new CatalogImport.Rejection(read.number(), read.offset(),
                        "the record has no title (CNMARC 200$a, MARC21 245$a)"));
                continue;
            }
            candidates.add(new Candidate(read.record(), flavour, fields, keys(read.record(), fields)));
        }
        transactions.executeWithoutResult(status -> {
            Map<String, Long> existing = records.findByKeys(
                    candidates.stream().flatMap(c -> c.keys().stream()).collect(Collectors.toSet()));
            Map<String, Integer> pendingByKey = new HashMap<>();
            List<Candidate> inserts = new ArrayList<>();
            Map<Long, List<Candidate>> changes = new LinkedHashMap<>();
            int merged = 0;
            for (Candidate candidate : candidates) {
                Long id = candidate.keys().stream().map(existing::get).filter(Objects::nonNull).findFirst().orElse(null);
                if (id != null) {
                    merged++;
                    if (rule != DuplicateRule.KEEP) {
                        changes.computeIfAbsent(id, k -> new ArrayList<>()).add(candidate);
                    }
                    continue;
                }
                Integer pending = candidate.keys().stream().map(pendingByKey::get).filter(Objects::nonNull)
                        .findFirst().orElse(null);
                if (pending != null) {
                    merged++;
                    inserts.set(pending, combine(inserts.get(pending), candidate.record(), rule));
                    continue;
                }
                candidate.keys().forEach(key -> pendingByKey.put(key, inserts.size()));
                inserts.add(candidate);
            }
            long[] ids = records.insertAll(inserts.stream().map(c -> new BibRecordRepository.Row(0, c.record(),
                    c.flavour(), c.fields())).toList());
            Map<Long, BibliographicFields> inserted = new HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                inserted.put(ids[i], inserts.get(i).fields());
            }
            fresh.offerAfterCommit(inserted);
            records.updateAll(updatedRows(changes, rule));
            imports.rejectAll(importId, rejections);
            imports.addCounts(importId, batch.size(), inserts.size(), merged, rejections.size());
        });
    }

    /** The rows that REPLACE or MERGE change, reading the existing records in one query for MERGE. */
    private List<BibRecordRepository.Row> updatedRows(Map<Long, List<Candidate>> changes, DuplicateRule rule) {
        Map<Long, BibRecordRepository.Stored> stored = new HashMap<>();
        if (rule == DuplicateRule.MERGE && !changes.isEmpty()) {
            records.findAll(changes.keySet()).forEach(s -> stored.put(s.id(), s));
        }
        List<BibRecordRepository.Row> rows = new ArrayList<>();
        changes.forEach((id, incoming) -> {
            if (rule == DuplicateRule.REPLACE) {
                Candidate last = incoming.get(incoming.size() - 1);
                rows.add(new BibRecordRepository.Row(id, last.record(), last.flavour(), last.fields()));
            } else {
                BibRecordRepository.Stored existing = stored.get(id);
                MarcRecord result = existing.marc();
                for (Candidate candidate : incoming) {
                    result = RecordMerge.merge(result, candidate.record());
                }
                rows.add(new BibRecordRepository.Row(id, result, existing.flavour(),
                        FieldMapping.map(result, existing.flavour())));
            }
        });
        return rows;
    }

    /** Two records of one batch that are the same title, combined by the rule. */
    private static Candidate combine(Candidate first, MarcRecord next, DuplicateRule rule) {
        return switch (rule) {
            case KEEP -> first;
            case REPLACE -> {
                MarcFlavour flavour = MarcFlavour.detect(next);
                BibliographicFields fields = FieldMapping.map(next, flavour);
                yield new Candidate(next, flavour, fields, first.keys());
            }
            case MERGE -> {
                MarcRecord merged = RecordMerge.merge(first.record(), next);
                yield new Candidate(merged, first.flavour(), FieldMapping.map(merged, first.flavour()), first.keys());
            }
        };
    }

    /** What identifies a title across imports: its ISBNs and its control number. */
    private static List<String> keys(MarcRecord record, BibliographicFields fields) {
        List<String> keys = new ArrayList<>();
        fields.isbns().forEach(isbn -> keys.add(BibRecordRepository.isbnKey(isbn.isbn13())));
        String controlNumber = BibRecordRepository.controlNumber(record);
        if (controlNumber != null) {
            keys.add(BibRecordRepository.controlNumberKey(controlNumber));
        }
        return keys;
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

    private static void closeQuietly(MarcReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            log.debug("closing the import reader: {}", e.toString());
        }
    }
}
