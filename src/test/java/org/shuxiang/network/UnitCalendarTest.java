package org.shuxiang.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UnitCalendarTest {

    // A branch open Tuesday to Sunday, 08:30–11:30 and 14:00–17:30; closed on Mondays.
    private static final List<TimeRange> SPLIT_DAY = List.of(new TimeRange(8 * 60 + 30, 11 * 60 + 30),
            new TimeRange(14 * 60, 17 * 60 + 30));
    private static final OpeningHours BRANCH_HOURS = new OpeningHours(Map.of(
            DayOfWeek.TUESDAY, SPLIT_DAY, DayOfWeek.WEDNESDAY, SPLIT_DAY, DayOfWeek.THURSDAY, SPLIT_DAY,
            DayOfWeek.FRIDAY, SPLIT_DAY, DayOfWeek.SATURDAY, SPLIT_DAY, DayOfWeek.SUNDAY, SPLIT_DAY));
    private static final ClosedPeriod SPRING_FESTIVAL =
            new ClosedPeriod(LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 11), "春节");

    private final UnitCalendar calendar = new UnitCalendar(BRANCH_HOURS, List.of(SPRING_FESTIVAL));

    @Test
    void a_branch_is_open_in_its_hours_and_shut_over_lunch_and_after_closing() {
        LocalDate tuesday = LocalDate.of(2026, 12, 1);
        assertThat(calendar.isOpenAt(tuesday.atTime(8, 30))).isTrue();
        assertThat(calendar.isOpenAt(tuesday.atTime(11, 29))).isTrue();
        assertThat(calendar.isOpenAt(tuesday.atTime(11, 30))).isFalse();
        assertThat(calendar.isOpenAt(tuesday.atTime(12, 15))).isFalse();
        assertThat(calendar.isOpenAt(tuesday.atTime(17, 30))).isFalse();
        assertThat(calendar.isOpenAt(tuesday.atTime(8, 29))).isFalse();
    }

    @Test
    void a_branch_is_shut_on_its_weekly_closed_day() {
        assertThat(calendar.isOpenAt(LocalDateTime.of(2026, 11, 30, 10, 0))).isFalse();
        assertThat(calendar.nextOpenDay(LocalDate.of(2026, 11, 30))).contains(LocalDate.of(2026, 12, 1));
    }

    @Test
    void a_closed_period_shuts_the_unit_whatever_its_weekly_hours_say() {
        assertThat(calendar.isOpenAt(LocalDateTime.of(2027, 2, 6, 10, 0))).isFalse();
        // the festival ends on Thursday 11 February; Friday the 12th is open again
        assertThat(calendar.nextOpenDay(LocalDate.of(2027, 2, 4))).contains(LocalDate.of(2027, 2, 4));
        assertThat(calendar.nextOpenDay(LocalDate.of(2027, 2, 5))).contains(LocalDate.of(2027, 2, 12));
    }

    @Test
    void a_unit_that_never_opens_has_no_next_open_day() {
        UnitCalendar shut = new UnitCalendar(OpeningHours.closed(), List.of());
        assertThat(shut.nextOpenDay(LocalDate.of(2026, 12, 1))).isEmpty();
    }

    @Test
    void a_twenty_four_hour_library_is_open_at_midnight_and_just_before_it() {
        List<TimeRange> allDay = List.of(new TimeRange(0, TimeRange.END_OF_DAY));
        UnitCalendar always = new UnitCalendar(new OpeningHours(Map.of(DayOfWeek.MONDAY, allDay,
                DayOfWeek.TUESDAY, allDay)), List.of());
        assertThat(always.isOpenAt(LocalDateTime.of(2026, 11, 30, 0, 0))).isTrue();
        assertThat(always.isOpenAt(LocalDateTime.of(2026, 11, 30, 23, 59))).isTrue();
    }

    @Test
    void hours_that_close_before_they_open_or_overlap_are_refused() {
        assertThat(new OpeningHours(Map.of(DayOfWeek.MONDAY, List.of(new TimeRange(600, 540)))).check())
                .contains(NetworkRefusal.INVALID_TIME_RANGE);
        assertThat(new OpeningHours(Map.of(DayOfWeek.MONDAY, List.of(new TimeRange(-1, 540)))).check())
                .contains(NetworkRefusal.INVALID_TIME_RANGE);
        assertThat(new OpeningHours(Map.of(DayOfWeek.MONDAY,
                List.of(new TimeRange(540, 720), new TimeRange(700, 800)))).check())
                .contains(NetworkRefusal.OVERLAPPING_TIME_RANGES);
        assertThat(BRANCH_HOURS.check()).isEmpty();
        assertThat(BRANCH_HOURS.weeklyHours()).isEqualTo(6 * 6.5);
    }

    @Test
    void times_are_read_as_hours_and_minutes_with_24_00_as_the_end_of_the_day() {
        assertThat(TimeRange.parseMinute("08:30")).isEqualTo(510);
        assertThat(TimeRange.parseMinute("24:00")).isEqualTo(1440);
        assertThat(TimeRange.parseMinute("24:30")).isEqualTo(-1);
        assertThat(TimeRange.parseMinute("8:30")).isEqualTo(-1);
        assertThat(TimeRange.parseMinute("25:00")).isEqualTo(-1);
        assertThat(TimeRange.parseMinute(null)).isEqualTo(-1);
    }
}
