package org.shuxiang.catalog.marc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Writes records as ISO 2709 in UTF-8 or GB18030. Record length, base address and directory are
 * computed in bytes of the chosen encoding; the leader's other positions are kept as they are (set
 * the encoding marks with {@link EncodingMarks} first).
 */
public final class Iso2709Writer {

    private final OutputStream out;
    private final Charset charset;

    public Iso2709Writer(OutputStream out, MarcEncoding encoding) {
        if (encoding.charset() == null) {
            throw new IllegalArgumentException("records are written in UTF-8 or GB18030, not " + encoding);
        }
        this.out = out;
        this.charset = encoding.charset();
    }

    public void write(MarcRecord record) throws IOException {
        out.write(encode(record));
    }

    /** The record's bytes; refused when it would pass the format's limit of 99,999 bytes. */
    public byte[] encode(MarcRecord record) {
        ByteArrayOutputStream directory = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (MarcRecord.Field field : record.fields()) {
            int start = data.size();
            if (field instanceof MarcRecord.ControlField control) {
                data.writeBytes(control.data().getBytes(charset));
            } else {
                MarcRecord.DataField dataField = (MarcRecord.DataField) field;
                data.write(dataField.indicator1());
                data.write(dataField.indicator2());
                for (MarcRecord.Subfield subfield : dataField.subfields()) {
                    data.write(Iso2709Reader.SUBFIELD_DELIMITER);
                    data.write(subfield.code());
                    data.writeBytes(subfield.value().getBytes(charset));
                }
            }
            data.write(Iso2709Reader.FIELD_TERMINATOR);
            int length = data.size() - start;
            if (length > 9999 || start > 99999) {
                throw new IllegalArgumentException("field " + field.tag() + " is too long for ISO 2709");
            }
            directory.writeBytes(String.format("%3.3s%04d%05d", field.tag(), length, start)
                    .getBytes(StandardCharsets.US_ASCII));
        }
        directory.write(Iso2709Reader.FIELD_TERMINATOR);
        int base = MarcRecord.LEADER_LENGTH + directory.size();
        int total = base + data.size() + 1;
        if (total > Iso2709Reader.MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException("the record is " + total + " bytes, more than ISO 2709 allows");
        }
        String leader = String.format("%05d", total) + record.leader().substring(5, 10) + "22"
                + String.format("%05d", base) + record.leader().substring(17, 20) + "4500";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(total);
        bytes.writeBytes(leader.getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(directory.toByteArray());
        bytes.writeBytes(data.toByteArray());
        bytes.write(Iso2709Reader.RECORD_TERMINATOR);
        return bytes.toByteArray();
    }
}
