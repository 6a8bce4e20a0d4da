package org.shuxiang.selfservice.sip2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.shuxiang.SharedData;

/** The SIP2 format as the 3M specification lays it out, read from messages captured at a real library. */
class Sip2MessageTest {

    /** Each captured message, without its carriage return (and the line feed the capture file adds). */
    private static byte[] captured(String name) throws Exception {
        byte[] bytes = Files.readAllBytes(SharedData.file("sip2/" + name));
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\n') {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        assertThat(bytes[bytes.length - 1]).as("a message ends with a carriage return").isEqualTo((byte) '\r');
        return java.util.Arrays.copyOf(bytes, bytes.length - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"09.sip2", "10.sip2", "17.sip2", "18.sip2", "98.sip2", "98-with-unexpected.sip2", "99.sip2",
            "99-with-unexpected.sip2"})
    void every_captured_message_has_a_valid_checksum_and_is_read_with_its_sequence_number(String name) throws Exception {
        byte[] bytes = captured(name);
        assertThat(Sip2Message.checksumValid(bytes)).isTrue();
        Sip2Message message = Sip2Message.parse(new String(bytes, StandardCharsets.UTF_8));
        assertThat(message.sequence()).isEqualTo('1');
        assertThat(message.checksum()).hasSize(4);
        assertThat(message.known()).isTrue();
    }

    @Test
    void a_checkin_request_has_its_fixed_fields_then_its_variable_fields_in_order() throws Exception {
        Sip2Message checkin = Sip2Message.parse(new String(captured("09.sip2"), StandardCharsets.UTF_8));
        assertThat(checkin.command()).isEqualTo("09");
        assertThat(checkin.fixed()).isEqualTo("N20230822    15234020230822    152340");
        assertThat(checkin.field("AP")).isEqualTo("SomeLocation");
        assertThat(checkin.field("AB")).isEqualTo("SomeBarcode");
        assertThat(checkin.field("AO")).isEmpty();
        assertThat(checkin.fields()).extracting(Sip2Message.Field::code).containsExactly("AP", "AO", "AB", "AC", "CH");
    }

    @Test
    void a_status_answer_with_fields_nobody_defined_keeps_the_known_ones() throws Exception {
        Sip2Message status = Sip2Message.parse(new String(captured("98-with-unexpected.sip2"), StandardCharsets.UTF_8));
        assertThat(status.fixed()).isEqualTo("YYNNNY00500520230822    1524342.00");
        assertThat(status.field("AO")).isEqualTo("3662");
        assertThat(status.field("BX")).isEqualTo("YYYNYNYYYYYNNNYY");
        assertThat(status.field("ZZ")).isEqualTo("SomeUnexpectedFieldValue");
        assertThat(status.field("AN")).isEqualTo("SomeLocation");
    }

    @Test
    void an_unknown_message_id_is_read_as_such_not_refused() throws Exception {
        Sip2Message unknown = Sip2Message.parse(new String(captured("XX.sip2"), StandardCharsets.UTF_8));
        assertThat(unknown.command()).isEqualTo("XX");
        assertThat(unknown.known()).isFalse();
    }

    @Test
    void the_checksum_is_the_negated_sum_of_the_bytes_through_AZ_in_four_hex_digits() {
        // an SC status request as the specification writes it, and the checksum the library's kiosk sent
        byte[] status = "9900802.00AY1AZ".getBytes(StandardCharsets.US_ASCII);
        assertThat(Sip2Message.checksum(status, status.length)).isEqualTo("FCA0");
        assertThat(Sip2Message.checksumValid("9900802.00AY1AZFCA0".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(Sip2Message.checksumValid("9900802.00AY1AZFCA1".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(Sip2Message.checksumValid("9900802.00".getBytes(StandardCharsets.US_ASCII)))
                .as("a message without error detection").isTrue();
    }

    @Test
    void a_message_shorter_than_its_fixed_fields_is_refused_with_the_reason() {
        assertThatThrownBy(() -> Sip2Message.parse("11YN2023")).isInstanceOf(Sip2FormatException.class)
                .hasMessageContaining("38");
        assertThatThrownBy(() -> Sip2Message.parse("9")).isInstanceOf(Sip2FormatException.class);
        assertThatThrownBy(() -> Sip2Message.parse("1720261128    120000AB\u0000|"))
                .as("a NUL byte, which no text field may carry").isInstanceOf(Sip2FormatException.class);
    }
}
