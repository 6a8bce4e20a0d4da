package org.shuxiang.selfservice.sip2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.LibraryTest;
import org.shuxiang.selfservice.Sip2Accounts;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Thousands of random and mutated messages at the running server, from a logged-in machine: the server
 * stays up, answers a normal session afterwards, and nothing in the database has changed (the
 * messages name no card or item that exists, so none of them may act).
 */
@IntegrationTest
class Sip2FuzzTest extends LibraryTest {

    private static final String DATE = "20261128    120000";
    private static final List<String> TEMPLATES = List.of(
            "9900302.00",
            "23000" + DATE + "AOTL-24H-01|AAFZ0001|ADx|",
            "63000" + DATE + "YYYYYYYYYYAOTL-24H-01|AAFZ0001|BP1|BQ5|",
            "11YN" + DATE + DATE + "AOTL-24H-01|AAFZ0001|ABFZ-ITEM|AC|BON|BIN|",
            "09N" + DATE + DATE + "APTL-24H-01|AOTL-24H-01|ABFZ-ITEM|AC|",
            "17" + DATE + "AOTL-24H-01|ABFZ-ITEM|AC|",
            "29NN" + DATE + DATE + "AOTL-24H-01|AAFZ0001|ABFZ-ITEM|",
            "65" + DATE + "AOTL-24H-01|AAFZ0001|",
            "15+" + DATE + "BSTL-24H-01|AOTL-24H-01|AAFZ0001|ABFZ-ITEM|",
            "37" + DATE + "0100CNYBV1.00|AOTL-24H-01|AAFZ0001|",
            "35" + DATE + "AOTL-24H-01|AAFZ0001|",
            "01Y" + DATE + "AOTL-24H-01|ALfuzz|AAFZ0001|AC|",
            "25" + DATE + "AOTL-24H-01|AAFZ0001|ADx|",
            "19" + DATE + "AOTL-24H-01|ABFZ-ITEM|AC|CHfuzz|",
            "97",
            "XXSomeUnknownData");

    @Autowired
    Sip2Server server;

    @Autowired
    Sip2Accounts accounts;

    @Test
    void thousands_of_random_and_mutated_messages_change_nothing_and_the_server_still_answers() throws Exception {
        access.asSystem("test", () -> accounts.save("fuzz-kiosk", "fuzz-secret", "TL-24H-01", "UTF-8", true, "en"));
        Map<String, Object> before = counts();
        Random random = new Random(20261128);
        int sent = 0;
        int connections = 0;
        while (sent < 5000) {
            connections++;
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(100);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write("9300CNfuzz-kiosk|COfuzz-secret|\r".getBytes(StandardCharsets.US_ASCII));
                for (int batch = 0; batch < 10 && sent < 5000; batch++) {
                    // a burst of messages, then the answers: fewer than the 32 a machine may send ahead
                    for (int i = 0; i < 20; i++, sent++) {
                        out.write(mutated(random));
                    }
                    out.flush();
                    drain(in);
                }
            } catch (IOException closedByServer) {
                // closing a connection is a fair answer to garbage; the next one starts afresh
            }
        }
        assertThat(connections).isGreaterThan(1);
        assertThat(server.failures()).as("messages whose handling failed with an error").isZero();
        assertThat(counts()).isEqualTo(before);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("9300CNfuzz-kiosk|COfuzz-secret|\r9900302.00\r".getBytes(StandardCharsets.US_ASCII));
            String answers = new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII);
            assertThat(answers).isEqualTo("941\r");
        }
    }

    /** A template with a few mutations: flipped, dropped or inserted bytes, a cut, or plain noise. */
    private static byte[] mutated(Random random) {
        int kind = random.nextInt(10);
        byte[] bytes;
        if (kind == 0) {
            bytes = new byte[random.nextInt(random.nextInt(20) == 0 ? 40_000 : 300)];
            random.nextBytes(bytes);
        } else {
            bytes = TEMPLATES.get(random.nextInt(TEMPLATES.size())).getBytes(StandardCharsets.UTF_8);
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations && bytes.length > 0; m++) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(5)) {
                    case 0 -> bytes[at] = (byte) random.nextInt(256);
                    case 1 -> bytes = java.util.Arrays.copyOf(bytes, at);
                    case 2 -> bytes[at] = (byte) '|';
                    case 3 -> bytes[at] = (byte) "0123456789AYZ".charAt(random.nextInt(13));
                    default -> {
                        byte[] longer = new byte[bytes.length + 1];
                        System.arraycopy(bytes, 0, longer, 0, at);
                        longer[at] = (byte) random.nextInt(128);
                        System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                        bytes = longer;
                    }
                }
            }
        }
        byte[] framed = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        framed[bytes.length] = '\r';
        return framed;
    }

    /** Reads the answers until the server has been quiet for the socket's timeout (or closed). */
    private static void drain(InputStream in) throws IOException {
        try {
            while (in.read(new byte[8192]) >= 0) {
                // answers to garbage are not checked: the server staying up and unchanged is
            }
            throw new IOException("closed");
        } catch (java.net.SocketTimeoutException quiet) {
            // all answered
        }
    }

    private Map<String, Object> counts() {
        return jdbc.sql("""
                        select (select count(*) from loan) as loans, (select count(*) from hold) as holds,
                               (select count(*) from fee) as fees, (select count(*) from fee_transaction) as payments,
                               (select count(*) from reader_block) as blocks, (select count(*) from reader) as readers,
                               (select count(*) from item_machine_properties) as reported,
                               (select coalesce(sum(pin_failures), 0) from reader) as pin_failures,
                               (select string_agg(status || ':' || n, ',' order by status)
                                from (select status, count(*) n from item group by status) s) as items""")
                .query().singleRow();
    }
}
