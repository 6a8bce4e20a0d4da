package org.shuxiang.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.shuxiang.network.ClosedPeriod;
import org.shuxiang.network.OpeningHours;
import org.shuxiang.network.Operator;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.TimeRange;
import org.shuxiang.network.UnitType;

/**
 * The demo network, shaped like Tongling's: read from {@code demo/operators.csv} and
 * {@code demo/units.csv}, with opening hours by profile and the coming public holidays.
 */
final class DemoNetwork {

    static final String ROOT = "TLLIB";

    private DemoNetwork() {
    }

    static List<Operator> operators() {
        return rows("demo/operators.csv", 4).stream()
                .map(r -> new Operator(r[0], Operator.Kind.valueOf(r[1]), r[2], r[3]))
                .toList();
    }

    /** Units, each parent before its children. */
    static List<OrgUnit> units() {
        return rows("demo/units.csv", 14).stream().map(DemoNetwork::unit).toList();
    }

    private static OrgUnit unit(String[] r) {
        String profile = r[13];
        return new OrgUnit(r[0], r[1].isEmpty() ? null : r[1], UnitType.valueOf(r[2]), r[3], r[4], r[5], r[6],
                new BigDecimal(r[7]), new BigDecimal(r[8]),
                new OrgUnit.Services(Boolean.parseBoolean(r[9]), Boolean.parseBoolean(r[10]),
                        Boolean.parseBoolean(r[11]), Boolean.parseBoolean(r[12])),
                true, hours(profile), "ALWAYS".equals(profile) ? List.of() : HOLIDAYS);
    }

    /** New Year's Day and the Spring Festival of 2027: staffed units close, machines do not. */
    static final List<ClosedPeriod> HOLIDAYS = List.of(
            new ClosedPeriod(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 1), "元旦 New Year's Day"),
            new ClosedPeriod(LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 11), "春节 Spring Festival"));

    static OpeningHours hours(String profile) {
        return switch (profile) {
            case "CENTRAL" -> week(DayOfWeek.values(), range("08:30", "20:30"));
            case "MAIN" -> week(exceptMonday(), range("09:00", "17:30"));
            case "BRANCH" -> week(exceptMonday(), range("08:30", "11:30"), range("14:00", "17:30"));
            case "READING_POINT" -> merge(week(weekdays(), range("09:00", "17:00")),
                    DayOfWeek.SATURDAY, List.of(range("09:00", "12:00")));
            case "SERVICE_POINT" -> merge(week(new DayOfWeek[] {DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY,
                    DayOfWeek.FRIDAY}, range("14:00", "17:30")), DayOfWeek.SATURDAY, List.of(range("09:00", "12:00")));
            case "ALWAYS" -> week(DayOfWeek.values(), range("00:00", "24:00"));
            case "MALL" -> week(DayOfWeek.values(), range("10:00", "22:00"));
            case "OFFICE" -> week(weekdays(), range("08:30", "12:00"), range("14:30", "17:30"));
            default -> throw new IllegalArgumentException("unknown hours profile " + profile);
        };
    }

    private static OpeningHours week(DayOfWeek[] days, TimeRange... ranges) {
        Map<DayOfWeek, List<TimeRange>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : days) {
            map.put(day, List.of(ranges));
        }
        return new OpeningHours(map);
    }

    private static OpeningHours merge(OpeningHours hours, DayOfWeek day, List<TimeRange> ranges) {
        Map<DayOfWeek, List<TimeRange>> map = new EnumMap<>(hours.days());
        map.put(day, ranges);
        return new OpeningHours(map);
    }

    private static DayOfWeek[] exceptMonday() {
        return new DayOfWeek[] {DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY,
                DayOfWeek.SATURDAY, DayOfWeek.SUNDAY};
    }

    private static DayOfWeek[] weekdays() {
        return new DayOfWeek[] {DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY};
    }

    private static TimeRange range(String opens, String closes) {
        return new TimeRange(TimeRange.parseMinute(opens), TimeRange.parseMinute(closes));
    }

    /** Rows of a simple CSV (no quoted fields) after its header; every row must have {@code columns} fields. */
    private static List<String[]> rows(String resource, int columns) {
        var stream = DemoNetwork.class.getClassLoader().getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("missing demo data " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            reader.readLine();
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != columns) {
                    throw new IllegalStateException(resource + " line " + number + ": expected " + columns
                            + " fields, found " + fields.length);
                }
                rows.add(fields);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
