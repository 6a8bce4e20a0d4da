package org.shuxiang.catalog;

import java.util.ArrayList;
import java.util.List;

import org.shuxiang.catalog.marc.MarcRecord;

/** The MERGE rule: the existing record, plus each incoming field it does not already hold, in tag order. */
final class RecordMerge {

    private RecordMerge() {
    }

    static MarcRecord merge(MarcRecord existing, MarcRecord incoming) {
        List<MarcRecord.Field> fields = new ArrayList<>(existing.fields());
        for (MarcRecord.Field field : incoming.fields()) {
            if (MarcRecord.isControlTag(field.tag()) || fields.contains(field)) {
                continue;
            }
            int at = fields.size();
            while (at > 0 && fields.get(at - 1).tag().compareTo(field.tag()) > 0) {
                at--;
            }
            fields.add(at, field);
        }
        return new MarcRecord(existing.leader(), fields);
    }
}
