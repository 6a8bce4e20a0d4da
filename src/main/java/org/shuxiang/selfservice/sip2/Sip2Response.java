package org.shuxiang.selfservice.sip2;

import java.time.ZonedDateTime;

/**
 * Builds an answer in the specification's order: the command, the fixed fields, then the variable
 * fields; the sequence number and checksum are added as the message is sent, when the request had them.
 * A value never carries the field delimiter or a line end, whatever a title or a name contains.
 */
final class Sip2Response {

    private final StringBuilder text = new StringBuilder(128);

    Sip2Response(String command) {
        text.append(command);
    }

    Sip2Response fixed(String value) {
        text.append(value);
        return this;
    }

    Sip2Response flag(boolean yes) {
        text.append(yes ? 'Y' : 'N');
        return this;
    }

    Sip2Response date(ZonedDateTime at) {
        text.append(stamp(at));
        return this;
    }

    /** A count in four digits (9999 at most). */
    Sip2Response count(int n) {
        char[] digits = new char[4];
        digits(digits, 0, Math.min(Math.max(n, 0), 9999), 4);
        text.append(digits);
        return this;
    }

    /** A variable field; a null value leaves a required field empty and an optional one out. */
    Sip2Response field(String code, String value) {
        text.append(code).append(value == null ? "" : clean(value)).append('|');
        return this;
    }

    Sip2Response optional(String code, String value) {
        return value == null || value.isEmpty() ? this : field(code, value);
    }

    static String clean(String value) {
        return value.replace('|', '/').replace('\r', ' ').replace('\n', ' ');
    }

    /**
     * A date and time as {@code YYYYMMDDZZZZHHMMSS}: four spaces for the zone, as the time is the library's
     * local time. Written by hand, as the counts are: {@code String.format} and a {@code DateTimeFormatter}
     * were 4% of the server's CPU under a kiosk load.
     */
    static String stamp(ZonedDateTime at) {
        char[] stamp = new char[18];
        digits(stamp, 0, at.getYear(), 4);
        digits(stamp, 4, at.getMonthValue(), 2);
        digits(stamp, 6, at.getDayOfMonth(), 2);
        java.util.Arrays.fill(stamp, 8, 12, ' ');
        digits(stamp, 12, at.getHour(), 2);
        digits(stamp, 14, at.getMinute(), 2);
        digits(stamp, 16, at.getSecond(), 2);
        return new String(stamp);
    }

    /** {@code value} as {@code width} decimal digits, with leading zeros, into {@code into} from {@code at}. */
    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
