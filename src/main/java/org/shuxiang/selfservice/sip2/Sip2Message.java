package org.shuxiang.selfservice.sip2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One SIP2 message as the 3M specification (version 2.00) lays it out: a two-character command, a
 * fixed-length part whose length the command sets, then variable fields, each a two-character code and
 * a value ending in {@code |}, then, when the machine uses error detection, the sequence number
 * ({@code AY}, one digit) and the checksum ({@code AZ}, four hex digits), which have no delimiter.
 * Unknown fields are kept, and ignored by whoever does not know them.
 */
public record Sip2Message(String command, String fixed, List<Field> fields, Character sequence, String checksum) {

    /** A variable field: {@code AA} (patron identifier), {@code AB} (item identifier) … */
    public record Field(String code, String value) {
    }

    /** The length of the fixed part of each request the server understands. */
    static final Map<String, Integer> FIXED = Map.ofEntries(
            Map.entry("93", 2), Map.entry("99", 8), Map.entry("23", 21), Map.entry("63", 31), Map.entry("11", 38),
            Map.entry("09", 37), Map.entry("17", 18), Map.entry("29", 38), Map.entry("35", 18), Map.entry("01", 19),
            Map.entry("25", 18), Map.entry("15", 19), Map.entry("65", 18), Map.entry("19", 18), Map.entry("37", 25),
            Map.entry("97", 0),
            // responses, for decoding what a library's own ACS sent (tests, captures)
            Map.entry("94", 1), Map.entry("98", 34), Map.entry("24", 35), Map.entry("64", 59), Map.entry("12", 22),
            Map.entry("10", 22), Map.entry("18", 24), Map.entry("30", 22), Map.entry("36", 19), Map.entry("96", 0),
            Map.entry("16", 20), Map.entry("20", 19), Map.entry("26", 35), Map.entry("38", 19), Map.entry("66", 27));

    public boolean known() {
        return FIXED.containsKey(command);
    }

    /** The first value of a field, or null when the message has none. */
    public String field(String code) {
        for (Field f : fields) {
            if (f.code().equals(code)) {
                return f.value();
            }
        }
        return null;
    }

    /** Every value of a repeatable field, in order. */
    public List<String> all(String code) {
        return fields.stream().filter(f -> f.code().equals(code)).map(Field::value).toList();
    }

    /**
     * Reads a message (without its carriage return). Refuses, with the reason, a message shorter than its
     * command's fixed part; a command the server does not know is read as a command and its text.
     */
    public static Sip2Message parse(String text) {
        if (text.length() < 2) {
            throw new Sip2FormatException("a message needs a two-character command: \"" + text + "\"");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\uFFFD') {
                throw new Sip2FormatException("a control character or undecodable byte at position " + i);
            }
        }
        String command = text.substring(0, 2);
        String rest = text.substring(2);
        String checksum = null;
        Character sequence = null;
        int az = rest.length() - 6;
        if (az >= 0 && rest.startsWith("AZ", az) && isHex(rest.substring(az + 2))) {
            checksum = rest.substring(az + 2);
            rest = rest.substring(0, az);
        }
        int ay = rest.length() - 3;
        if (ay >= 0 && rest.startsWith("AY", ay) && Character.isDigit(rest.charAt(ay + 2))) {
            sequence = rest.charAt(ay + 2);
            rest = rest.substring(0, ay);
        }
        Integer fixedLength = FIXED.get(command);
        if (fixedLength == null) {
            return new Sip2Message(command, rest, List.of(), sequence, checksum);
        }
        if (rest.length() < fixedLength) {
            throw new Sip2FormatException("message " + command + " needs " + fixedLength
                    + " characters of fixed fields, has " + rest.length());
        }
        String fixed = rest.substring(0, fixedLength);
        List<Field> fields = new ArrayList<>();
        for (String part : rest.substring(fixedLength).split("\\|", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.length() < 2) {
                throw new Sip2FormatException("a field needs a two-character code: \"" + part + "\"");
            }
            fields.add(new Field(part.substring(0, 2), part.substring(2)));
        }
        return new Sip2Message(command, fixed, List.copyOf(fields), sequence, checksum);
    }

    private static boolean isHex(String s) {
        if (s.length() != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The checksum of a message as it goes on the wire: the bytes up to and including {@code AZ}, summed,
     * negated, the low 16 bits in four upper-case hex digits.
     */
    public static String checksum(byte[] bytes, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += bytes[i] & 0xFF;
        }
        return String.format("%04X", (-sum) & 0xFFFF);
    }

    /** Whether the bytes of a message (without its carriage return) carry a checksum, and it is right. */
    public static boolean checksumValid(byte[] bytes) {
        int n = bytes.length;
        if (n < 6 || bytes[n - 6] != 'A' || bytes[n - 5] != 'Z') {
            return true; // no error detection on this message
        }
        String given = new String(bytes, n - 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        return checksum(bytes, n - 4).equalsIgnoreCase(given);
    }
}
