package org.shuxiang.patrons;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.shuxiang.platform.RefusedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An external credit provider over HTTP: {@code POST shuxiang.credit.http.url} with the reader's name and
 * identity card number as JSON, a bearer token from {@code shuxiang.credit.http.token}, and the score read
 * from the answer's {@code shuxiang.credit.http.score-field} (default {@code score}). A provider that
 * does not answer within the timeout, or answers without a score, is refused as unavailable: no card is
 * made deposit-free on a guess.
 */
public class HttpCreditSource implements CreditSource {

    private final HttpClient client;
    private final URI url;
    private final String token;
    private final String scoreField;
    private final int threshold;
    private final Duration timeout;
    private final JsonMapper json;

    public HttpCreditSource(URI url, String token, String scoreField, int threshold, Duration timeout, JsonMapper json) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.url = url;
        this.token = token;
        this.scoreField = scoreField;
        this.threshold = threshold;
        this.timeout = timeout;
        this.json = json;
    }

    @Override
    public Assessment assess(Subject subject) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", subject.name());
        body.put("identityNumber", subject.identityNumber());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new RefusedException(PatronRefusal.CREDIT_UNAVAILABLE, url.getHost(), response.statusCode());
            }
            JsonNode score = json.readTree(response.body()).get(scoreField);
            if (score == null || !score.isNumber()) {
                throw new RefusedException(PatronRefusal.CREDIT_UNAVAILABLE, url.getHost(), "no " + scoreField);
            }
            return Assessment.of(score.asInt(), threshold, "http:" + url.getHost());
        } catch (java.io.IOException e) {
            throw new RefusedException(PatronRefusal.CREDIT_UNAVAILABLE, url.getHost(), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedException(PatronRefusal.CREDIT_UNAVAILABLE, url.getHost(), "interrupted");
        }
    }
}
