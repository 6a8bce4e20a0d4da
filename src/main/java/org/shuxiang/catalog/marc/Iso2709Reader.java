package org.shuxiang.catalog.marc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads ISO 2709 files one record at a time, so a file of any size streams through. Records are framed
 * by the record terminator and then checked against their leader and directory: a record whose
 * length, directory or bytes are wrong is rejected with the reason and its byte offset, and the reader
 * goes on with the next one. Lengths and offsets are byte counts in the file's own encoding.
 */
public final class Iso2709Reader extends MarcReader {

    static final int RECORD_TERMINATOR = 0x1D;
    static final int FIELD_TERMINATOR = 0x1E;
    static final int SUBFIELD_DELIMITER = 0x1F;
    static final int MAX_RECORD_LENGTH = 99_999;

    private final InputStream in;
    private final MarcEncoding forcedEncoding;
    /** The reader's own buffer, scanned for terminators a chunk at a time rather than a byte per call. */
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long offset;
    private long number;
    private boolean finished;

    /**
     * @param encoding the file's encoding, or null to decide per record from the leader (MARC21) or
     *                 field 100 (UNIMARC, CNMARC) and the bytes themselves
     */
    public Iso2709Reader(InputStream in, MarcEncoding encoding) {
        this.in = in;
        this.forcedEncoding = encoding;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    protected MarcReadResult readNext() throws IOException {
        if (finished) {
            return null;
        }
        int b;
        do {
            if (position == limit && !fill()) {
                finished = true;
                return null;
            }
            b = buffer[position++] & 0xFF;
            offset++;
        } while (b == '\n' || b == '\r' || b == ' ' || b == 0x1A || b == 0);
        long start = offset - 1;
        number++;
        byte[] record = new byte[2048];
        record[0] = (byte) b;
        int length = 1;
        boolean terminated = b == RECORD_TERMINATOR;
        while (!terminated) {
            if (position == limit && !fill()) {
                finished = true;
                return new MarcReadResult.Rejected(number, start,
                        "truncated: the file ends inside the record, after " + length + " bytes");
            }
            int end = position;
            while (end < limit && buffer[end] != RECORD_TERMINATOR) {
                end++;
            }
            terminated = end < limit;
            int taken = (terminated ? end + 1 : limit) - position;
            if (length + taken > MAX_RECORD_LENGTH) {
                position += taken;
                offset += taken;
                if (!terminated) {
                    skipPastTerminator();
                }
                return new MarcReadResult.Rejected(number, start,
                        "no record terminator within " + MAX_RECORD_LENGTH + " bytes");
            }
            if (length + taken > record.length) {
                record = Arrays.copyOf(record, Math.max(record.length * 2, length + taken));
            }
            System.arraycopy(buffer, position, record, length, taken);
            length += taken;
            position += taken;
            offset += taken;
        }
        try {
            return parse(Arrays.copyOf(record, length), start);
        } catch (MarcFormatException e) {
            return new MarcReadResult.Rejected(number, start, e.getMessage());
        }
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = in.read(buffer, 0, buffer.length);
        } while (read == 0);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private void skipPastTerminator() throws IOException {
        while (position < limit || fill()) {
            byte b = buffer[position++];
            offset++;
            if (b == RECORD_TERMINATOR) {
                return;
            }
        }
        finished = true;
    }

    private MarcReadResult parse(byte[] record, long start) throws MarcFormatException {
        if (record.length < MarcRecord.LEADER_LENGTH + 2) {
            throw new MarcFormatException("too short to be a record (" + record.length + " bytes)");
        }
        String leader = new String(record, 0, MarcRecord.LEADER_LENGTH, StandardCharsets.ISO_8859_1);
        int declared = number(leader, 0, 5, "record length");
        if (declared != record.length) {
            throw new MarcFormatException("the leader says the record has " + declared + " bytes, but it has "
                    + record.length);
        }
        int base = number(leader, 12, 17, "base address of data");
        if (base <= MarcRecord.LEADER_LENGTH || base > record.length - 1) {
            throw new MarcFormatException("the base address of data (" + base + ") lies outside the record");
        }
        if (record[base - 1] != FIELD_TERMINATOR) {
            throw new MarcFormatException("the directory does not end with a field terminator at the base address");
        }
        int directoryLength = base - 1 - MarcRecord.LEADER_LENGTH;
        if (directoryLength % 12 != 0) {
            throw new MarcFormatException("the directory is " + directoryLength + " bytes, not a multiple of 12");
        }
        List<RawField> raw = new ArrayList<>(directoryLength / 12);
        for (int entry = 0; entry < directoryLength / 12; entry++) {
            int at = MarcRecord.LEADER_LENGTH + entry * 12;
            String text = new String(record, at, 12, StandardCharsets.ISO_8859_1);
            String tag = text.substring(0, 3);
            int length = number(text, 3, 7, "length of directory entry " + (entry + 1) + " (" + tag + ")");
            int position = number(text, 7, 12, "start of directory entry " + (entry + 1) + " (" + tag + ")");
            int from = base + position;
            int to = from + length;
            if (length == 0 || to > record.length - 1) {
                throw new MarcFormatException("field " + tag + " (directory entry " + (entry + 1)
                        + ") runs past the end of the record");
            }
            if (record[to - 1] == FIELD_TERMINATOR) {
                to--;
            }
            raw.add(new RawField(tag, Arrays.copyOfRange(record, from, to), from));
        }
        MarcEncoding encoding = forcedEncoding != null ? forcedEncoding : MarcCharsets.detect(leader, raw);
        List<MarcRecord.Field> fields = new ArrayList<>(raw.size());
        for (RawField field : raw) {
            fields.add(decode(field, encoding));
        }
        return new MarcReadResult.Read(number, start, new MarcRecord(leader, fields), encoding);
    }

    private static MarcRecord.Field decode(RawField field, MarcEncoding encoding) throws MarcFormatException {
        if (MarcRecord.isControlTag(field.tag())) {
            return new MarcRecord.ControlField(field.tag(), MarcCharsets.decode(field.bytes(), encoding, field));
        }
        byte[] bytes = field.bytes();
        if (bytes.length < 2) {
            throw new MarcFormatException("field " + field.tag() + " is too short to hold its indicators");
        }
        char indicator1 = (char) (bytes[0] & 0xFF);
        char indicator2 = (char) (bytes[1] & 0xFF);
        List<MarcRecord.Subfield> subfields = new ArrayList<>();
        int i = 2;
        if (i < bytes.length && bytes[i] != SUBFIELD_DELIMITER) {
            throw new MarcFormatException("field " + field.tag() + " has data before its first subfield");
        }
        while (i < bytes.length) {
            int end = i + 1;
            while (end < bytes.length && bytes[end] != SUBFIELD_DELIMITER) {
                end++;
            }
            if (end > i + 1) {
                char code = (char) (bytes[i + 1] & 0xFF);
                byte[] value = Arrays.copyOfRange(bytes, i + 2, end);
                subfields.add(new MarcRecord.Subfield(code, MarcCharsets.decode(value, encoding, field)));
            }
            i = end;
        }
        return new MarcRecord.DataField(field.tag(), indicator1, indicator2, subfields);
    }

    private static int number(String text, int from, int to, String what) throws MarcFormatException {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new MarcFormatException("the " + what + " is not a number: '" + text.substring(from, to) + "'");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** A field's bytes as the directory points at them, before decoding. */
    record RawField(String tag, byte[] bytes, int offsetInRecord) {
    }
}
