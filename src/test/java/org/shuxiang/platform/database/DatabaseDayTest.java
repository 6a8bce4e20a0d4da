package org.shuxiang.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database keeps the library's calendar: its {@code current_date} is the day in the network's zone,
 * whatever zone the server or the machine runs in. (Between 16:00 and midnight UTC it is already
 * tomorrow in Tongling: a suspension until today must end at Tongling's midnight.)
 */
@IntegrationTest
class DatabaseDayTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void the_database_day_is_the_library_day() {
        assertThat(jdbc.sql("select current_setting('TimeZone')").query(String.class).single())
                .isEqualTo(clock.getZone().getId());
        LocalDate before = LocalDate.now(clock);
        LocalDate database = jdbc.sql("select current_date").query(LocalDate.class).single();
        LocalDate after = LocalDate.now(clock);
        assertThat(database).isBetween(before, after);
    }
}
