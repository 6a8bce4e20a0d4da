package org.shuxiang.network;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * When a unit is open: its weekly hours, less its closed periods. Due dates and hold shelves use it
 * so that nothing falls due on a day the unit is shut.
 */
public final class UnitCalendar {

    /** How far ahead to look for an open day before giving up (a unit closed for a year is closed). */
    public static final int SEARCH_DAYS = 366;

    private final OpeningHours hours;
    private final List<ClosedPeriod> closedPeriods;

    public UnitCalendar(OpeningHours hours, List<ClosedPeriod> closedPeriods) {
        this.hours = hours;
        this.closedPeriods = List.copyOf(closedPeriods);
    }

    public static UnitCalendar of(OrgUnit unit) {
        return new UnitCalendar(unit.openingHours(), unit.closedPeriods());
    }

    public boolean isClosedDay(LocalDate day) {
        return closedPeriods.stream().anyMatch(p -> p.covers(day));
    }

    public boolean isOpenOn(LocalDate day) {
        return hours.opensOn(day.getDayOfWeek()) && !isClosedDay(day);
    }

    public boolean isOpenAt(LocalDateTime time) {
        LocalDate day = time.toLocalDate();
        return !isClosedDay(day)
                && hours.isOpen(day.getDayOfWeek(), time.getHour() * 60 + time.getMinute());
    }

    /** The first day on or after {@code from} on which the unit opens, within a year. */
    public Optional<LocalDate> nextOpenDay(LocalDate from) {
        for (int i = 0; i < SEARCH_DAYS; i++) {
            LocalDate day = from.plusDays(i);
            if (isOpenOn(day)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }
}
