package org.shuxiang.network;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A unit's weekly hours: for each weekday, the ranges it is open (none: closed that day). */
public record OpeningHours(Map<DayOfWeek, List<TimeRange>> days) {

    public OpeningHours {
        EnumMap<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, ranges) -> {
            if (ranges != null && !ranges.isEmpty()) {
                List<TimeRange> sorted = new ArrayList<>(ranges);
                Collections.sort(sorted);
                copy.put(day, List.copyOf(sorted));
            }
        });
        days = Collections.unmodifiableMap(copy);
    }

    public static OpeningHours closed() {
        return new OpeningHours(Map.of());
    }

    public List<TimeRange> on(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }

    public boolean isOpen(DayOfWeek day, int minute) {
        return on(day).stream().anyMatch(r -> r.contains(minute));
    }

    public boolean opensOn(DayOfWeek day) {
        return !on(day).isEmpty();
    }

    /** Hours open in a week, e.g. for the reading points' evaluation (at least 40). */
    public double weeklyHours() {
        return days.values().stream().flatMap(List::stream).mapToInt(TimeRange::minutes).sum() / 60.0;
    }

    /** A refusal when a range is empty or reversed, or two ranges of one day overlap. */
    public Optional<NetworkRefusal> check() {
        for (var entry : days.entrySet()) {
            List<TimeRange> ranges = entry.getValue();
            for (int i = 0; i < ranges.size(); i++) {
                if (!ranges.get(i).isValid()) {
                    return Optional.of(NetworkRefusal.INVALID_TIME_RANGE);
                }
                if (i > 0 && ranges.get(i - 1).overlaps(ranges.get(i))) {
                    return Optional.of(NetworkRefusal.OVERLAPPING_TIME_RANGES);
                }
            }
        }
        return Optional.empty();
    }
}
