package org.shuxiang.network;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A stretch of one day, [opens, closes), in minutes since midnight; "24:00" is the end of the day. */
public record TimeRange(int opensMinute, int closesMinute) implements Comparable<TimeRange> {

    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-4]):([0-5]\\d)");
    public static final int END_OF_DAY = 24 * 60;

    public boolean isValid() {
        return opensMinute >= 0 && closesMinute <= END_OF_DAY && opensMinute < closesMinute;
    }

    public boolean contains(int minute) {
        return minute >= opensMinute && minute < closesMinute;
    }

    public boolean overlaps(TimeRange other) {
        return opensMinute < other.closesMinute && other.opensMinute < closesMinute;
    }

    public int minutes() {
        return closesMinute - opensMinute;
    }

    /** Parses "08:30"; returns -1 for anything else (including "24:30"). */
    public static int parseMinute(String text) {
        if (text == null) {
            return -1;
        }
        Matcher m = HH_MM.matcher(text.trim());
        if (!m.matches()) {
            return -1;
        }
        int minute = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        return minute > END_OF_DAY ? -1 : minute;
    }

    public static String format(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    public String opens() {
        return format(opensMinute);
    }

    public String closes() {
        return format(closesMinute);
    }

    @Override
    public int compareTo(TimeRange other) {
        return Integer.compare(opensMinute, other.opensMinute);
    }

    @Override
    public String toString() {
        return opens() + "-" + closes();
    }
}
