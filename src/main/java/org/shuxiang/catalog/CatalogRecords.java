package org.shuxiang.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.shuxiang.catalog.marc.BibliographicFields;
import org.shuxiang.catalog.marc.FieldMapping;
import org.shuxiang.catalog.marc.MarcFlavour;
import org.shuxiang.catalog.marc.MarcRecord;
import org.shuxiang.platform.RefusedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading bibliographic records: the catalogue is shared by the whole network. */
@Service
public class CatalogRecords {

    /** A record: its fields as the platform reads them, its copies by the unit they are at, the whole MARC. */
    public record RecordView(long id, MarcFlavour flavour, BibliographicFields fields, String callNumber,
                             List<Holding> holdings, MarcRecord marc, int version) {
    }

    /** The copies at one unit. */
    public record Holding(String unit, List<Item> items) {
    }

    private final BibRecordRepository records;
    private final ItemRepository items;

    CatalogRecords(BibRecordRepository records, ItemRepository items) {
        this.records = records;
        this.items = items;
    }

    /** A record's id with the fields the platform reads from it. */
    public record RecordFields(long id, BibliographicFields fields) {
    }

    /** The mapped fields of many records, read in one query. */
    @Transactional(readOnly = true)
    public List<RecordFields> fieldsOf(java.util.Collection<Long> ids) {
        return records.findAll(ids).stream()
                .map(s -> new RecordFields(s.id(), FieldMapping.map(s.marc(), s.flavour()))).toList();
    }

    /** The ids of the records with these control numbers (001), by control number. */
    @Transactional(readOnly = true)
    public Map<String, Long> idsByControlNumber(java.util.Collection<String> controlNumbers) {
        return records.idsByControlNumber(controlNumbers);
    }

    @Transactional(readOnly = true)
    public RecordView get(long id) {
        BibRecordRepository.Stored stored = records.find(id)
                .orElseThrow(() -> new RefusedException(CatalogRefusal.RECORD_NOT_FOUND, id));
        Map<String, List<Item>> byUnit = new TreeMap<>();
        List<Item> copies = items.findByRecord(id);
        copies.forEach(item -> byUnit.computeIfAbsent(item.currentUnit(), u -> new ArrayList<>()).add(item));
        List<Holding> holdings = byUnit.entrySet().stream().map(e -> new Holding(e.getKey(), e.getValue())).toList();
        return new RecordView(stored.id(), stored.flavour(), FieldMapping.map(stored.marc(), stored.flavour()),
                items.recordCallNumber(id).orElse(null), holdings, stored.marc(), stored.version());
    }
}
