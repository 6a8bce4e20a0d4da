package org.shuxiang.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Today's work in the part of the network the staff member sees: loans made and returns taken at its
 * units, copies its units are asked to pull for holds, items in transit to or from them, and loans and
 * returns of each of the last seven days (for the chart).
 */
@Service
public class DailyFigures {

    /** The figures of one scope. {@code week}: the last seven days, oldest first, today last. */
    public record Figures(LocalDate today, long loans, long returns, long holdsToPull, long readyOnShelf,
                          long inTransit, List<Day> week) {
    }

    public record Day(LocalDate day, long loans, long returns) {
    }

    private final JdbcClient jdbc;
    private final AccessControl access;
    private final Clock clock;

    DailyFigures(JdbcClient jdbc, AccessControl access, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.clock = clock;
    }

    /** The figures of every unit where the current staff member circulates or reads. */
    @Transactional(readOnly = true)
    public Figures forCurrentScope() {
        Optional<Set<String>> circulate = access.unitsWhere(Permission.CIRCULATE);
        Optional<Set<String>> read = access.unitsWhere(Permission.READ_ALL);
        Optional<Set<String>> manage = access.unitsWhere(Permission.PATRONS_MANAGE);
        boolean holdsAny = access.currentActor().scopes().stream().anyMatch(s -> !s.permissions().isEmpty());
        if (!holdsAny) {
            throw new RefusedException(PlatformRefusal.ACCESS_DENIED, Permission.READ_ALL, "*");
        }
        boolean whole = isWhole(circulate, Permission.CIRCULATE) || isWhole(read, Permission.READ_ALL)
                || isWhole(manage, Permission.PATRONS_MANAGE);
        Set<String> units = new HashSet<>();
        circulate.ifPresent(units::addAll);
        read.ifPresent(units::addAll);
        manage.ifPresent(units::addAll);
        return figures(whole ? null : units);
    }

    /** Whether the actor holds {@code permission} over the whole network (an empty answer that is not a refusal). */
    private boolean isWhole(Optional<Set<String>> units, Permission permission) {
        return units.isEmpty() && access.currentActor().scopes().stream()
                .anyMatch(s -> s.permissions().contains(permission));
    }

    private Figures figures(Set<String> units) {
        LocalDate today = LocalDate.now(clock);
        ZonedDateTime weekStart = today.minusDays(6).atStartOfDay(clock.getZone());
        String[] codes = units == null ? null : units.toArray(String[]::new);
        String loanScope = units == null ? "" : " and lending_unit = any(:units)";
        String returnScope = units == null ? "" : " and return_unit = any(:units)";
        Map<LocalDate, long[]> days = new HashMap<>();
        String zone = clock.getZone().getId();
        var loans = jdbc.sql("select (checked_out_at at time zone :zone)::date as day, count(*) from loan "
                        + "where checked_out_at >= :from" + loanScope + " group by 1")
                .param("zone", zone).param("from", Timestamp.from(weekStart.toInstant()));
        var returns = jdbc.sql("select (returned_at at time zone :zone)::date as day, count(*) from loan "
                        + "where returned_at >= :from" + returnScope + " group by 1")
                .param("zone", zone).param("from", Timestamp.from(weekStart.toInstant()));
        if (codes != null) {
            loans = loans.param("units", codes);
            returns = returns.param("units", codes);
        }
        loans.query((rs, n) -> days.computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new long[2])[0] = rs.getLong(2))
                .list();
        returns.query((rs, n) -> days.computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new long[2])[1] = rs.getLong(2))
                .list();
        List<Day> week = new ArrayList<>();
        for (int i = 6; i >= 0; i--) {
            LocalDate day = today.minusDays(i);
            long[] counts = days.getOrDefault(day, new long[2]);
            week.add(new Day(day, counts[0], counts[1]));
        }
        long toPull = count("select count(*) from hold where status = 'WAITING' and target_item_id is not null"
                + (units == null ? "" : " and target_unit = any(:units)"), codes);
        long ready = count("select count(*) from hold where status = 'READY'"
                + (units == null ? "" : " and pickup_unit = any(:units)"), codes);
        long inTransit = count("select count(*) from transit where status = 'OPEN'"
                + (units == null ? "" : " and (to_unit = any(:units) or from_unit = any(:units))"), codes);
        Day last = week.get(week.size() - 1);
        return new Figures(today, last.loans(), last.returns(), toPull, ready, inTransit, week);
    }

    private long count(String sql, String[] units) {
        var statement = jdbc.sql(sql);
        if (units != null) {
            statement = statement.param("units", units);
        }
        return statement.query(Long.class).single();
    }
}
