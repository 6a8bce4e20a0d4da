package org.shuxiang.catalog;

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

    /** A record: its fields as the platform reads them, and the whole MARC record. */
    public record RecordView(long id, MarcFlavour flavour, BibliographicFields fields, MarcRecord marc, int version) {
    }

    private final BibRecordRepository records;

    CatalogRecords(BibRecordRepository records) {
        this.records = records;
    }

    @Transactional(readOnly = true)
    public RecordView get(long id) {
        BibRecordRepository.Stored stored = records.find(id)
                .orElseThrow(() -> new RefusedException(CatalogRefusal.RECORD_NOT_FOUND, id));
        return new RecordView(stored.id(), stored.flavour(), FieldMapping.map(stored.marc(), stored.flavour()),
                stored.marc(), stored.version());
    }
}
