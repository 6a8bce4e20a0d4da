package org.shuxiang.selfservice.sip2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shuxiang.IntegrationTest;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.selfservice.Sip2Accounts;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A kiosk across a network the library does not own speaks SIP2 over TLS: a listener with the server's
 * certificate (here one made by the JDK's keytool for the test), the same accounts and answers as the
 * plain one; a machine that does not speak TLS to it gets nothing.
 */
@IntegrationTest
class Sip2TlsTest {

    private static final String PASSWORD = "changeit";

    @Autowired
    Sip2Service service;

    @Autowired
    Sip2Accounts accounts;

    @Autowired
    AccessControl access;

    @TempDir
    Path dir;

    @Test
    void a_kiosk_logs_in_and_works_over_tls_and_plain_text_on_the_tls_port_gets_no_answer() throws Exception {
        Path store = dir.resolve("sip2.p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sip2", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(keytoolOutput).isZero();
        access.asSystem("test", () -> accounts.save("kiosk-tls", "tls-secret", "TL-24H-01", "UTF-8", true, "en"));

        Sip2Server server = new Sip2Server(service, new Sip2Settings(true, -1, 16384, Duration.ofSeconds(30), 2,
                new Sip2Settings.Tls(0, store.toString(), PASSWORD, "PKCS12")));
        server.start();
        try {
            assertThat(server.port()).as("no plain listener").isEqualTo(-1);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                trusted.load(in, PASSWORD.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.tlsPort())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
                assertThat(say(socket, "9300CNkiosk-tls|COtls-secret|CPTL-24H-01|")).isEqualTo("941");
                assertThat(say(socket, "9900302.00")).startsWith("98YYYYYN").contains("AOTL-24H-01|");
                assertThat(say(socket, "23000" + "20261128    120000" + "AOTL-24H-01|AANOSUCHCARD|AC|"))
                        .startsWith("24YYYY").contains("|BLN|");
            }
            try (Socket plain = new Socket("127.0.0.1", server.tlsPort())) {
                plain.setSoTimeout(5_000);
                plain.getOutputStream().write("9300CNkiosk-tls|COtls-secret|\r".getBytes(StandardCharsets.US_ASCII));
                InputStream in = plain.getInputStream();
                int first;
                try {
                    first = in.read();
                } catch (IOException closed) {
                    first = -1;
                }
                assertThat(first == -1 || first == 0x15).as("no SIP2 answer, only a TLS alert or a close").isTrue();
            }
        } finally {
            server.stop();
        }
    }

    private static String say(Socket socket, String message) throws IOException {
        socket.getOutputStream().write((message + "\r").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int b;
        while ((b = socket.getInputStream().read()) != -1 && b != '\r') {
            answer.write(b);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
