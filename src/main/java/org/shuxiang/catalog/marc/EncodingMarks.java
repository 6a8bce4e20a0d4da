package org.shuxiang.catalog.marc;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a record say the encoding it is written in: MARC21 in leader/09 ({@code a} for Unicode),
 * UNIMARC and CNMARC in 100$a/26-29 ({@code 50} for Unicode, {@code 0120} for GB18030).
 */
public final class EncodingMarks {

    private EncodingMarks() {
    }

    public static MarcRecord apply(MarcRecord record, MarcFlavour flavour, MarcEncoding encoding) {
        if (flavour == MarcFlavour.MARC21) {
            char mark = encoding == MarcEncoding.UTF_8 ? 'a' : ' ';
            String leader = record.leader();
            return record.withLeader(leader.substring(0, 9) + mark + leader.substring(10));
        }
        String sets = encoding == MarcEncoding.UTF_8 ? "50  " : "0120";
        List<MarcRecord.Field> fields100 = new ArrayList<>();
        record.dataFields("100").forEach(field -> {
            List<MarcRecord.Subfield> subfields = new ArrayList<>();
            for (MarcRecord.Subfield subfield : field.subfields()) {
                String value = subfield.value();
                if (subfield.code() == 'a' && value.length() >= 30) {
                    value = value.substring(0, 26) + sets + value.substring(30);
                }
                subfields.add(new MarcRecord.Subfield(subfield.code(), value));
            }
            fields100.add(new MarcRecord.DataField("100", field.indicator1(), field.indicator2(), subfields));
        });
        return fields100.isEmpty() ? record : record.withFieldsReplaced("100", fields100);
    }
}
