package org.shuxiang.catalog.marc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.marc4j.converter.impl.AnselToUnicode;

/** Deciding a record's encoding and decoding its bytes, refusing bytes that are not text. */
final class MarcCharsets {

    private MarcCharsets() {
    }

    /**
     * MARC21 says its encoding in leader/09 ({@code a}: Unicode). UNIMARC and CNMARC say it in
     * 100$a/26-29: {@code 50} is Unicode; Chinese legacy files say {@code 0120} or {@code 0121}
     * for GBK/GB18030. Files often lie, so valid UTF-8 that says MARC-8 is read as UTF-8.
     */
    static MarcEncoding detect(String leader, List<Iso2709Reader.RawField> fields) {
        boolean unimarc = fields.stream().anyMatch(f -> f.tag().equals("200"))
                && fields.stream().noneMatch(f -> f.tag().equals("245"));
        boolean highBytes = false;
        boolean validUtf8 = true;
        boolean escapes = false;
        for (Iso2709Reader.RawField field : fields) {
            for (byte b : field.bytes()) {
                highBytes |= b < 0;
                escapes |= b == 0x1B;
            }
            if (validUtf8 && !isUtf8(field.bytes())) {
                validUtf8 = false;
            }
        }
        if (unimarc) {
            String characterSets = fields.stream().filter(f -> f.tag().equals("100")).findFirst()
                    .map(f -> new String(f.bytes(), StandardCharsets.ISO_8859_1))
                    .map(MarcCharsets::generalProcessingData)
                    .filter(a -> a.length() >= 30).map(a -> a.substring(26, 30)).orElse("");
            if (characterSets.startsWith("50") || !highBytes) {
                return MarcEncoding.UTF_8;
            }
            return validUtf8 ? MarcEncoding.UTF_8 : MarcEncoding.GB18030;
        }
        if (leader.charAt(9) == 'a') {
            return MarcEncoding.UTF_8;
        }
        return highBytes && validUtf8 && !escapes ? MarcEncoding.UTF_8 : MarcEncoding.MARC_8;
    }

    /** 100$a of a UNIMARC field 100, read as Latin-1 (it is ASCII by definition). */
    private static String generalProcessingData(String field100) {
        int a = field100.indexOf("\u001Fa");
        if (a < 0) {
            return "";
        }
        int end = field100.indexOf('\u001F', a + 2);
        return field100.substring(a + 2, end < 0 ? field100.length() : end);
    }

    static String decode(byte[] bytes, MarcEncoding encoding, Iso2709Reader.RawField field)
            throws MarcFormatException {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        if (encoding == MarcEncoding.MARC_8) {
            return decodeMarc8(bytes, field);
        }
        try {
            return encoding.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MarcFormatException("field " + field.tag() + " has bytes that are not " + encoding
                    + " text (at byte " + field.offsetInRecord() + " of the record)");
        }
    }

    private static String decodeMarc8(byte[] bytes, Iso2709Reader.RawField field) throws MarcFormatException {
        List<String> errors = new ArrayList<>();
        AnselToUnicode converter = new AnselToUnicode((position, message) -> errors.add(message));
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = (char) (bytes[i] & 0xFF);
        }
        String text = converter.convert(chars);
        if (!errors.isEmpty()) {
            throw new MarcFormatException("field " + field.tag() + " is not valid MARC-8 text: " + errors.get(0));
        }
        return text;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0 || b == 0x1B) {
                return false;
            }
        }
        return true;
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
