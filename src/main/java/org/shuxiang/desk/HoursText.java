package org.shuxiang.desk;

import java.util.ArrayList;
import java.util.List;

import org.shuxiang.network.TimeRange;

/**
 * A day's opening hours as staff type them: ranges like {@code 08:30-12:00, 14:00-17:30} (a comma, the
 * Chinese comma or a space between them, a hyphen, en dash or tilde within). Empty: closed that day.
 */
final class HoursText {

    private HoursText() {
    }

    /** The ranges typed, or null when a range cannot be read (the caller says which day). */
    static List<TimeRange> parse(String text) {
        List<TimeRange> ranges = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return ranges;
        }
        for (String part : text.strip().split("[,，;；\\s]+")) {
            String[] ends = part.split("[-–~～至]");
            if (ends.length != 2) {
                return null;
            }
            int opens = TimeRange.parseMinute(ends[0]);
            int closes = TimeRange.parseMinute(ends[1]);
            if (opens < 0 || closes < 0) {
                return null;
            }
            ranges.add(new TimeRange(opens, closes));
        }
        return ranges;
    }

    static String format(List<TimeRange> ranges) {
        return String.join(", ", ranges.stream().map(TimeRange::toString).toList());
    }
}
