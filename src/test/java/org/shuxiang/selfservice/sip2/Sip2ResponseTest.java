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
    void a_value_never_carries_the_field_delimiter_or_a_line_end() {
        assertThat(new Sip2Response("18").field("AJ", "三体|第二部\r\n黑暗森林").toString())
                .isEqualTo("18AJ三体/第二部  黑暗森林|");
    }
}
