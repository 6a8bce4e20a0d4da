package org.shuxiang.patrons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shuxiang.platform.RefusedException;
import tools.jackson.databind.json.JsonMapper;

/** An external credit provider answers with a score over HTTP; a card is deposit-free at 550 or more. */
class HttpCreditSourceTest {

    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> received = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void provider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/score", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpCreditSource source() {
        return new HttpCreditSource(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/score"),
                "partner-token", "score", 550, Duration.ofSeconds(2), JsonMapper.builder().build());
    }

    private static final CreditSource.Subject WANG = new CreditSource.Subject(1, "王芳", "340702198805160024");

    @Test
    void a_score_at_or_above_the_threshold_makes_the_card_deposit_free() {
        answer.set("{\"score\": 612, \"level\": \"良好\"}");
        CreditSource.Assessment assessment = source().assess(WANG);
        assertThat(assessment.approved()).isTrue();
        assertThat(assessment.score()).isEqualTo(612);
        assertThat(received.get()).contains("340702198805160024").contains("王芳");
        assertThat(authorization.get()).isEqualTo("Bearer partner-token");
    }

    @Test
    void a_score_below_the_threshold_does_not() {
        answer.set("{\"score\": 480}");
        assertThat(source().assess(WANG).approved()).isFalse();
    }

    @Test
    void a_provider_that_fails_or_answers_without_a_score_is_refused_as_unavailable() {
        answer.set("{\"error\": \"busy\"}");
        assertThatThrownBy(() -> source().assess(WANG)).isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).refusal()).isEqualTo(PatronRefusal.CREDIT_UNAVAILABLE);
        status.set(503);
        assertThatThrownBy(() -> source().assess(WANG)).isInstanceOf(RefusedException.class);
    }
}
