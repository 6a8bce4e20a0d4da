package org.shuxiang.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The card as a QR code for kiosks and doors, and where a sign-in may send the reader afterwards. */
class QrCodeTest {

    @Test
    void a_card_number_becomes_a_version_one_qr_code_with_its_quiet_zone() {
        String svg = QrCode.svg("TL20000001", "读者证二维码");
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(box.find()).isTrue();
        // version 1 is 21 modules square; four modules of quiet zone on each side
        assertThat(box.group(1)).isEqualTo("29");
        assertThat(svg).contains("aria-label=\"读者证二维码\"", "role=\"img\"");
        // the three finder patterns: the top-left module of each is dark
        assertThat(svg).contains("M4 4h1v1h-1z", "M20 4h1v1h-1z", "M4 20h1v1h-1z");
    }

    @Test
    void a_label_cannot_break_out_of_its_attribute() {
        assertThat(QrCode.svg("TL1", "\"><script>")).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
    }

    @Test
    void after_signing_in_a_reader_goes_only_to_a_page_of_this_site() {
        assertThat(AccountController.safeNext("/records/31")).isEqualTo("/records/31");
        assertThat(AccountController.safeNext("https://evil.example/")).isEqualTo("/account");
        assertThat(AccountController.safeNext("//evil.example/")).isEqualTo("/account");
        assertThat(AccountController.safeNext("/\\evil.example")).isEqualTo("/account");
        assertThat(AccountController.safeNext("")).isEqualTo("/account");
    }
}
