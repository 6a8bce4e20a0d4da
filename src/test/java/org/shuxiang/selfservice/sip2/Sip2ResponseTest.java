package org.shuxiang.selfservice.sip2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How an answer's fields are written, as the 3M SIP2 specification lays them out. */
class Sip2ResponseTest {

    @Test
    void a_count_is_four_digits_with_leading_zeros() {
        assertThat(new Sip2Response("64").count(0).count(7).count(42).count(100).count(9999).toString())
                .isEqualTo("64" + "0000" + "0007" + "0042" + "0100" + "9999");
    }

    @Test
    void a_count_beyond_four_digits_is_written_as_9999_and_a_negative_one_as_0000() {
        assertThat(new Sip2Response("64").count(12_345).count(-3).toString()).isEqualTo("64" + "9999" + "0000");
    }

    @Test
    void a_date_is_year_month_day_four_spaces_for_the_zone_then_hours_minutes_seconds() {
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        assertThat(Sip2Response.stamp(java.time.ZonedDateTime.of(2026, 3, 7, 9, 5, 1, 0, shanghai)))
                .isEqualTo("20260307    090501");
        java.time.format.DateTimeFormatter specification =
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'    'HHmmss");
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            java.time.ZonedDateTime at = java.time.Instant.ofEpochSecond(random.nextLong(0, 253_402_000_000L))
                    .atZone(shanghai);
            assertThat(Sip2Response.stamp(at)).as("%s", at).isEqualTo(specification.format(at));
        }
    }

    @Test
    void a_value_never_carries_the_field_delimiter_or_a_line_end() {
        assertThat(new Sip2Response("18").field("AJ", "三体|第二部\r\n黑暗森林").toString())
                .isEqualTo("18AJ三体/第二部  黑暗森林|");
    }
}
