package org.shuxiang.selfservice.sip2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.LibraryTest;
import org.shuxiang.TestReaders;
import org.shuxiang.catalog.ItemType;
import org.shuxiang.selfservice.Sip2Accounts;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A kiosk's SIP2 session against the running application, over a real TCP connection. The requests are
 * literal text in the specification's layouts (fixed fields, then variable fields), not made by the
 * server's own code, so that its reading and writing are checked against independent text.
 */
@IntegrationTest
class Sip2ServerTest extends LibraryTest {

    private static final String KIOSK = "TL-24H-01";
    private static final String DATE = "20261128    120000";
    private static final String NO_DATE = "                  ";

    @Autowired
    Sip2Server server;

    @Autowired
    Sip2Accounts accounts;

    private String card;

    @BeforeEach
    void kioskAndReader() throws Exception {
        access.asSystem("test", () -> accounts.save("kiosk-utf8", "kiosk-secret", KIOSK, "UTF-8", true, "zh-CN"));
        access.asSystem("test", () -> accounts.save("kiosk-gb", "kiosk-secret", KIOSK, "GB18030", true, "zh-CN"));
        access.asSystem("test", () -> accounts.save("book-drop", "drop-secret", KIOSK, "UTF-8", false, "en"));
        card = TestReaders.register(api, "demo-admin", "ADULT", KIOSK);
    }

    @Test
    void a_kiosk_logs_in_reports_its_status_lends_a_book_and_takes_it_back() throws Exception {
        long title = record("活着");
        String barcode = copy(title, "SIP-" + System.nanoTime() % 1_000_000, KIOSK, ItemType.BOOK);
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            assertThat(kiosk.say("9300CNkiosk-utf8|COkiosk-secret|CP" + KIOSK + "|")).isEqualTo("941");

            String status = kiosk.say("9900302.00");
            assertThat(status).startsWith("98YYYYYN030003").contains("2.00AO" + KIOSK + "|AM").contains("|BXYYYYYYYYYYYYYYYY|");

            String info = kiosk.say("63000" + DATE + "          AO" + KIOSK + "|AA" + card + "|");
            assertThat(info).startsWith("64              000").contains("|AA" + card + "|").contains("|BLY|")
                    .contains("AE测试读者");

            String checkout = kiosk.say("11YN" + DATE + NO_DATE + "AO" + KIOSK + "|AA" + card + "|AB" + barcode + "|AC|");
            assertThat(checkout).startsWith("121NNY").contains("|AB" + barcode + "|AJ活着|AH").contains("|BK");
            assertThat(jdbc.sql("select count(*) from loan l join item i on i.id = l.item_id "
                    + "where i.barcode = :b and l.returned_at is null").param("b", barcode).query(Integer.class).single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("select loan_count from bib_record_activity where record_id = :r").param("r", title)
                    .query(Integer.class).single()).as("the title's loans, for the popular sort").isEqualTo(1);

            String charged = kiosk.say("63000" + DATE + "  Y       AO" + KIOSK + "|AA" + card + "|");
            assertThat(charged.substring(37, 53)).as("hold, overdue and charged counts").isEqualTo("0000000000010000");
            assertThat(charged).contains("|AU" + barcode + "|");

            String item = kiosk.say("17" + DATE + "AO" + KIOSK + "|AB" + barcode + "|AC|");
            assertThat(item).startsWith("18040001").contains("|AB" + barcode + "|AJ活着|").contains("AH");

            String renewed = kiosk.say("29NN" + DATE + NO_DATE + "AO" + KIOSK + "|AA" + card + "|AB" + barcode + "|");
            assertThat(renewed).startsWith("301YNY").contains("|AJ活着|AH");

            String checkin = kiosk.say("09N" + DATE + DATE + "AP" + KIOSK + "|AO" + KIOSK + "|AB" + barcode + "|AC|");
            assertThat(checkin).startsWith("101YNN").contains("|AB" + barcode + "|AQ" + KIOSK + "|AJ活着|")
                    .contains("AF还书成功");

            assertThat(kiosk.say("35" + DATE + "AO" + KIOSK + "|AA" + card + "|")).startsWith("36Y");
        }
    }

    @Test
    void a_refused_checkout_says_why_on_the_screen_in_the_machine_language() throws Exception {
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            assertThat(kiosk.say("9300CNkiosk-utf8|COkiosk-secret|")).isEqualTo("941");
            String refused = kiosk.say("11YN" + DATE + NO_DATE + "AO" + KIOSK + "|AA" + card + "|ABNO-SUCH-ITEM|AC|");
            assertThat(refused).startsWith("120NNN").contains("|AF没有条码为 NO-SUCH-ITEM 的馆藏。|").doesNotContain("|BK");
        }
        try (Kiosk drop = new Kiosk(StandardCharsets.UTF_8)) {
            assertThat(drop.say("9300CNbook-drop|COdrop-secret|")).isEqualTo("941");
            assertThat(drop.say("9900302.00")).startsWith("98YYNYYN");
            String refused = drop.say("11YN" + DATE + NO_DATE + "AO" + KIOSK + "|AA" + card + "|ABANY|AC|");
            assertThat(refused).startsWith("120").contains("|AFThis machine takes returns only");
        }
    }

    @Test
    void a_kiosk_renews_everything_places_and_cancels_a_hold_and_takes_a_fee() throws Exception {
        String first = copy(record("三国演义"), "SIP-" + System.nanoTime() % 1_000_000, KIOSK, ItemType.BOOK);
        String second = copy(record("水浒传"), "SIP-" + System.nanoTime() % 1_000_000, KIOSK, ItemType.BOOK);
        long wanted = record("红楼梦");
        String elsewhere = copy(wanted, "SIP-" + System.nanoTime() % 1_000_000, "TL-24H-02", ItemType.BOOK);
        long reader = TestReaders.idOf(jdbc, card);
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            assertThat(kiosk.say("9300CNkiosk-utf8|COkiosk-secret|")).isEqualTo("941");
            for (String barcode : new String[] {first, second}) {
                assertThat(kiosk.say("11YN" + DATE + NO_DATE + "AO" + KIOSK + "|AA" + card + "|AB" + barcode + "|AC|"))
                        .startsWith("121");
            }
            String renewedAll = kiosk.say("65" + DATE + "AO" + KIOSK + "|AA" + card + "|AC|");
            assertThat(renewedAll).startsWith("66100020000").contains("|BM" + first + "|").contains("|BM" + second + "|");

            String hold = kiosk.say("15+" + DATE + "BS" + KIOSK + "|AO" + KIOSK + "|AA" + card + "|AB" + elsewhere + "|");
            assertThat(hold).startsWith("161N").contains("BR1|").contains("|BS" + KIOSK + "|").contains("AJ红楼梦");
            assertThat(jdbc.sql("select count(*) from hold where reader_id = :r and record_id = :rec and status = 'WAITING'")
                    .param("r", reader).param("rec", wanted).query(Integer.class).single()).isEqualTo(1);
            String cancelled = kiosk.say("15-" + DATE + "AO" + KIOSK + "|AA" + card + "|AB" + elsewhere + "|");
            assertThat(cancelled).startsWith("161N");
            assertThat(jdbc.sql("select status from hold where reader_id = :r and record_id = :rec")
                    .param("r", reader).param("rec", wanted).query(String.class).single()).isEqualTo("CANCELLED");

            jdbc.sql("insert into fee (reader_id, kind, amount_cents) values (:r, 'DAMAGED', 350)").param("r", reader)
                    .update();
            String tooMuch = kiosk.say("37" + DATE + "0100CNYBV9.00|AO" + KIOSK + "|AA" + card + "|");
            assertThat(tooMuch).startsWith("38N");
            String paid = kiosk.say("37" + DATE + "0100CNYBV3.50|AO" + KIOSK + "|AA" + card + "|BKpos-778|");
            assertThat(paid).startsWith("38Y").contains("|BKpos-778|");
            assertThat(jdbc.sql("select paid_cents from fee where reader_id = :r").param("r", reader)
                    .query(Integer.class).single()).isEqualTo(350);
        }
    }

    @Test
    void requests_sent_ahead_of_their_answers_are_answered_in_order() throws Exception {
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            kiosk.send("9300CNkiosk-utf8|COkiosk-secret|\r9900302.00\r35" + DATE + "AO" + KIOSK + "|AA" + card + "|");
            assertThat(kiosk.read()).isEqualTo("941");
            assertThat(kiosk.read()).startsWith("98");
            assertThat(kiosk.read()).startsWith("36Y");
        }
    }

    @Test
    void a_wrong_password_is_answered_940_and_the_connection_closes() throws Exception {
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            assertThat(kiosk.say("9300CNkiosk-utf8|COwrong|")).isEqualTo("940");
            assertThat(kiosk.closed()).isTrue();
        }
    }

    @Test
    void with_error_detection_a_bad_checksum_asks_for_a_resend_and_a_repeated_request_does_not_lend_twice()
            throws Exception {
        String barcode = copy(record("围城"), "SIP-" + System.nanoTime() % 1_000_000, KIOSK, ItemType.BOOK);
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            String login = kiosk.say(withChecksum("9300CNkiosk-utf8|COkiosk-secret|AY0AZ"));
            assertThat(login).startsWith("941AY0AZ");
            assertThat(checksumOk(login)).isTrue();

            assertThat(kiosk.say("9900302.00AY1AZ0000")).as("a wrong checksum").isEqualTo("96");

            String request = withChecksum("11YN" + DATE + NO_DATE + "AO" + KIOSK + "|AA" + card + "|AB" + barcode
                    + "|AC|AY2AZ");
            String first = kiosk.say(request);
            assertThat(first).startsWith("121").contains("AY2AZ");
            assertThat(checksumOk(first)).isTrue();
            assertThat(kiosk.say(request)).as("the same sequence number again: the same answer").isEqualTo(first);
            assertThat(kiosk.say("97")).as("resend").isEqualTo(first);
            assertThat(jdbc.sql("select count(*) from loan l join item i on i.id = l.item_id where i.barcode = :b")
                    .param("b", barcode).query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Test
    void a_gb18030_kiosk_gets_chinese_titles_and_names_in_its_own_bytes() throws Exception {
        String barcode = copy(record("平凡的世界"), "SIP-" + System.nanoTime() % 1_000_000, KIOSK, ItemType.BOOK);
        Charset gb = Charset.forName("GB18030");
        try (Kiosk kiosk = new Kiosk(gb)) {
            assertThat(kiosk.say("9300CNkiosk-gb|COkiosk-secret|")).isEqualTo("941");
            String checkout = kiosk.say("11YN" + DATE + NO_DATE + "AO" + KIOSK + "|AA" + card + "|AB" + barcode + "|AC|");
            assertThat(checkout).contains("|AJ平凡的世界|");
            String checksummed = kiosk.say(withChecksum("17" + DATE + "AO" + KIOSK + "|AB" + barcode + "|AY3AZ", gb));
            assertThat(checksummed).contains("AJ平凡的世界");
            assertThat(checksumOk(checksummed, gb)).isTrue();
        }
    }

    @Test
    void garbage_an_unknown_message_and_a_message_before_login_never_take_the_server_down() throws Exception {
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            kiosk.send("6300020261128    120000          AA" + card + "|");
            assertThat(kiosk.closed()).as("a message before login").isTrue();
        }
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            byte[] huge = new byte[100_000];
            java.util.Arrays.fill(huge, (byte) 'A');
            kiosk.raw(huge);
            assertThat(kiosk.closed()).as("a message longer than allowed").isTrue();
        }
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            assertThat(kiosk.say("9300CNkiosk-utf8|COkiosk-secret|")).isEqualTo("941");
            kiosk.send("XXSomeUnknownData");
            assertThat(kiosk.say("11YN2026")).as("too short for its fixed fields").isEqualTo("96");
            assertThat(kiosk.say("9900302.00")).as("the session goes on").startsWith("98");
        }
    }

    @Test
    void a_kiosk_blocks_a_card_it_retains_and_patron_enable_lifts_that_block_but_not_a_desk_block() throws Exception {
        long reader = TestReaders.idOf(jdbc, card);
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            assertThat(kiosk.say("9300CNkiosk-utf8|COkiosk-secret|")).isEqualTo("941");
            String blocked = kiosk.say("01Y" + DATE + "AO" + KIOSK + "|AL读者证被他人使用|AA" + card + "|AC|");
            assertThat(blocked).startsWith("24YYYY").contains("|AA" + card + "|").contains("|BLY|");
            assertThat(jdbc.sql("select reason from reader_block where reader_id = :r and kind = 'MACHINE' "
                    + "and lifted_at is null").param("r", reader).query(String.class).single())
                    .startsWith("读者证被他人使用").contains("收回");
            assertThat(kiosk.say("11YN" + DATE + NO_DATE + "AO" + KIOSK + "|AA" + card + "|ABANY-BOOK|AC|"))
                    .startsWith("120");

            api.as("demo-admin").post("/api/v1/readers/" + reader + "/blocks", """
                    {"reason": "馆员停借"}""");
            String enabled = kiosk.say("25" + DATE + "AO" + KIOSK + "|AA" + card + "|");
            assertThat(enabled).as("the desk's block stays").startsWith("26Y").contains("馆员停借");
            assertThat(jdbc.sql("select kind from reader_block where reader_id = :r and lifted_at is null")
                    .param("r", reader).query(String.class).list()).containsExactly("MANUAL");

            jdbc.sql("update reader_block set lifted_at = now(), lifted_by = 'test' where reader_id = :r")
                    .param("r", reader).update();
            assertThat(kiosk.say("23000" + DATE + "AO" + KIOSK + "|AA" + card + "|AC|"))
                    .startsWith("24              000");
        }
    }

    @Test
    void wrong_pins_at_a_kiosk_lock_the_card_and_a_locked_card_is_refused_even_with_the_right_pin() throws Exception {
        long reader = TestReaders.idOf(jdbc, card);
        api.as("demo-admin").put("/api/v1/readers/" + reader + "/pin", """
                {"pin": "135790"}""");
        String barcode = copy(record("白鹿原"), "SIP-" + System.nanoTime() % 1_000_000, KIOSK, ItemType.BOOK);
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            assertThat(kiosk.say("9300CNkiosk-utf8|COkiosk-secret|")).isEqualTo("941");
            assertThat(kiosk.say("63000" + DATE + "          AO" + KIOSK + "|AA" + card + "|AD135790|"))
                    .contains("|CQY|");
            for (int i = 1; i <= 5; i++) {
                assertThat(kiosk.say("23000" + DATE + "AO" + KIOSK + "|AA" + card + "|AC|AD000000|"))
                        .as("wrong PIN %d", i).contains("|CQN|");
            }
            assertThat(jdbc.sql("select pin_locked_until > now() from reader where id = :r").param("r", reader)
                    .query(Boolean.class).single()).isTrue();
            assertThat(kiosk.say("63000" + DATE + "          AO" + KIOSK + "|AA" + card + "|AD135790|"))
                    .contains("|CQN|");
            String refused = kiosk.say("11YN" + DATE + NO_DATE + "AO" + KIOSK + "|AA" + card + "|AB" + barcode
                    + "|AC|AD135790|");
            assertThat(refused).startsWith("120").contains("|AF密码错误次数过多");

            api.as("demo-admin").put("/api/v1/readers/" + reader + "/pin", """
                    {"pin": "135790"}""");
            assertThat(kiosk.say("11YN" + DATE + NO_DATE + "AO" + KIOSK + "|AA" + card + "|AB" + barcode
                    + "|AC|AD135790|")).as("a PIN set again at a desk unlocks the card").startsWith("121");
        }
    }

    @Test
    void item_status_update_keeps_what_the_machine_reports_and_item_information_shows_it() throws Exception {
        String barcode = copy(record("边城"), "SIP-" + System.nanoTime() % 1_000_000, KIOSK, ItemType.BOOK);
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            assertThat(kiosk.say("9300CNkiosk-utf8|COkiosk-secret|")).isEqualTo("941");
            String updated = kiosk.say("19" + DATE + "AO" + KIOSK + "|AB" + barcode + "|AC|CHRFID 标签已更换|");
            assertThat(updated).startsWith("201").contains("AB" + barcode + "|AJ边城|");
            assertThat(kiosk.say("17" + DATE + "AO" + KIOSK + "|AB" + barcode + "|AC|")).contains("|CHRFID 标签已更换|");
            assertThat(kiosk.say("19" + DATE + "AO" + KIOSK + "|ABNO-SUCH-ITEM|AC|CHx|")).startsWith("200");
        }
    }

    @Test
    void a_registered_book_drop_takes_returns_and_refuses_everything_else_in_the_answer_each_request_expects()
            throws Exception {
        String login = "drop-" + System.nanoTime() % 1_000_000;
        access.asSystem("test", () -> accounts.save(login, "drop-secret", KIOSK, "UTF-8", true, "zh-CN"));
        api.as("demo-admin").post("/api/v1/devices", """
                {"code": "T-BDR-%s", "kind": "BDR", "unitCode": "%s", "sip2Login": "%s"}"""
                .formatted(login.substring(5), KIOSK, login));
        String barcode = copy(record("骆驼祥子"), "SIP-" + System.nanoTime() % 1_000_000, KIOSK, ItemType.BOOK);
        try (Kiosk kiosk = new Kiosk(StandardCharsets.UTF_8)) {
            assertThat(kiosk.say("9300CNkiosk-utf8|COkiosk-secret|")).isEqualTo("941");
            assertThat(kiosk.say("11YN" + DATE + NO_DATE + "AO" + KIOSK + "|AA" + card + "|AB" + barcode + "|AC|"))
                    .startsWith("121");
        }
        try (Kiosk drop = new Kiosk(StandardCharsets.UTF_8)) {
            assertThat(drop.say("9300CN" + login + "|COdrop-secret|")).isEqualTo("941");
            assertThat(drop.say("9900302.00")).startsWith("98YYNNYN").contains("|BXNNYNYYYNNNYYNNNN|");
            assertThat(drop.say("63000" + DATE + "          AO" + KIOSK + "|AA" + card + "|"))
                    .startsWith("64YYYY          000").contains("|AF本机不能办理此项业务");
            assertThat(drop.say("01N" + DATE + "AO" + KIOSK + "|ALx|AA" + card + "|AC|")).startsWith("24YYYY");
            assertThat(drop.say("11YN" + DATE + NO_DATE + "AO" + KIOSK + "|AA" + card + "|AB" + barcode + "|AC|"))
                    .startsWith("120");
            assertThat(drop.say("09N" + DATE + DATE + "AP" + KIOSK + "|AO" + KIOSK + "|AB" + barcode + "|AC|"))
                    .startsWith("101");
        }
        assertThat(jdbc.sql("select count(*) from reader_block where kind = 'MACHINE' and set_by = :by")
                .param("by", "key:sip2:" + login).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select last_seen_at is not null from device where sip2_login = :l").param("l", login)
                .query(Boolean.class).single()).as("its messages are signs of life").isTrue();
    }

    /** Adds the checksum to a message that ends in AZ, computed here on its own: the negated byte sum. */
    private static String withChecksum(String message) {
        return withChecksum(message, StandardCharsets.UTF_8);
    }

    private static String withChecksum(String message, Charset charset) {
        int sum = 0;
        for (byte b : message.getBytes(charset)) {
            sum += b & 0xFF;
        }
        return message + String.format("%04X", (-sum) & 0xFFFF);
    }

    private static boolean checksumOk(String answer) {
        return checksumOk(answer, StandardCharsets.UTF_8);
    }

    private static boolean checksumOk(String answer, Charset charset) {
        String body = answer.substring(0, answer.length() - 4);
        return withChecksum(body, charset).equals(answer);
    }

    /** A self-check machine on a socket: writes a message and a carriage return, reads up to the next one. */
    private final class Kiosk implements AutoCloseable {
        private final Socket socket;
        private final Charset charset;
        private final OutputStream out;
        private final InputStream in;

        Kiosk(Charset charset) throws IOException {
            this.socket = new Socket("127.0.0.1", server.port());
            this.socket.setSoTimeout(10_000);
            this.charset = charset;
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
        }

        String say(String message) throws IOException {
            send(message);
            return read();
        }

        String read() throws IOException {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\r') {
                answer.write(b);
            }
            return answer.toString(charset);
        }

        void send(String message) throws IOException {
            raw((message + "\r").getBytes(charset));
        }

        void raw(byte[] bytes) throws IOException {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException closedMeanwhile) {
                // the server may close before everything is written
            }
        }

        boolean closed() throws IOException {
            try {
                return in.read() == -1;
            } catch (java.net.SocketException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
