package org.shuxiang.selfservice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.UnitHierarchy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People in and out, as gates and counters post them per interval. A device that sends an interval again
 * (after a lost answer, say) replaces its counts, so a retry never counts twice. Statistics read the
 * counts per unit per hour, in the library's time zone; an interval counts in the hour it starts.
 */
@Service
public class PeopleCounts {

    /** Counts of one interval. */
    public record Interval(Instant from, Instant to, int entered, int exited) {
    }

    /** People counted at a unit in one hour (local time). */
    public record Hour(String unitCode, LocalDateTime hour, long entered, long exited) {
    }

    static final int MAX_INTERVALS = 1000;
    private static final Duration MAX_SPAN = Duration.ofDays(93);

    private final JdbcClient jdbc;
    private final AccessControl access;
    private final UnitHierarchy units;
    private final Clock clock;

    PeopleCounts(JdbcClient jdbc, AccessControl access, UnitHierarchy units, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.units = units;
        this.clock = clock;
    }

    /** Stores a device's intervals, all or none: any invalid one refuses the whole post. */
    @Transactional
    public int record(Devices.Device device, List<Interval> intervals) {
        Devices.require(device, Capability.COUNT);
        if (intervals == null || intervals.isEmpty() || intervals.size() > MAX_INTERVALS) {
            throw RefusedException.onField("intervals", SelfServiceRefusal.COUNT_INTERVAL_INVALID, 0,
                    "1–" + MAX_INTERVALS + " intervals");
        }
        Instant latest = clock.instant().plus(Duration.ofMinutes(5));
        for (int i = 0; i < intervals.size(); i++) {
            Interval interval = intervals.get(i);
            String problem = interval.from() == null || interval.to() == null ? "from and to are required"
                    : !interval.to().isAfter(interval.from()) ? "to must be after from"
                    : Duration.between(interval.from(), interval.to()).compareTo(Duration.ofDays(1)) > 0
                    ? "an interval is one day at most"
                    : interval.to().isAfter(latest) ? "the interval ends in the future"
                    : interval.entered() < 0 || interval.exited() < 0 ? "counts cannot be negative" : null;
            if (problem != null) {
                throw RefusedException.onField("intervals[" + i + "]", SelfServiceRefusal.COUNT_INTERVAL_INVALID,
                        i, problem);
            }
        }
        for (Interval interval : intervals) {
            jdbc.sql("""
                            insert into people_count (device_id, unit_code, interval_start, interval_end, entered, exited)
                            values (:device, :unit, :from, :to, :in, :out)
                            on conflict (device_id, interval_start) do update set interval_end = excluded.interval_end,
                                entered = excluded.entered, exited = excluded.exited, received_at = now()""")
                    .param("device", device.id()).param("unit", device.unitCode())
                    .param("from", java.sql.Timestamp.from(interval.from()))
                    .param("to", java.sql.Timestamp.from(interval.to()))
                    .param("in", interval.entered()).param("out", interval.exited()).update();
        }
        return intervals.size();
    }

    /** Counts per unit and hour for a unit (and, with {@code subtree}, the units under it), over at most 93 days. */
    @Transactional(readOnly = true)
    public List<Hour> hourly(String unitCode, Instant from, Instant to, boolean subtree) {
        if (unitCode == null || !units.exists(unitCode)) {
            throw RefusedException.onField("unit", PlatformRefusal.UNKNOWN_UNIT, unitCode);
        }
        if (!access.allows(Permission.READ_ALL, unitCode)) {
            access.require(Permission.NETWORK_READ, unitCode);
        }
        if (from == null || to == null || !to.isAfter(from) || Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw RefusedException.onField("to", SelfServiceRefusal.COUNT_INTERVAL_INVALID, 0,
                    "from before to, 93 days at most");
        }
        Set<String> codes = subtree ? units.subtree(unitCode) : Set.of(unitCode);
        return jdbc.sql("""
                        select unit_code, date_trunc('hour', interval_start at time zone :zone) as hour,
                               sum(entered), sum(exited)
                        from people_count
                        where unit_code = any(:units) and interval_start >= :from and interval_start < :to
                        group by 1, 2 order by 2, 1""")
                .param("zone", clock.getZone().getId()).param("units", codes.toArray(String[]::new))
                .param("from", java.sql.Timestamp.from(from)).param("to", java.sql.Timestamp.from(to))
                .query((rs, n) -> new Hour(rs.getString(1), rs.getTimestamp(2).toLocalDateTime(), rs.getLong(3),
                        rs.getLong(4)))
                .list();
    }
}
