package org.shuxiang;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Registers readers for tests through the API, each with a valid identity card number and its own card. */
public final class TestReaders {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private TestReaders() {
    }

    /** A valid GB 11643 number, different on every call in a test run. */
    public static String identityNumber() {
        int n = NEXT.incrementAndGet();
        String first17 = "3407021970%02d%02d%03d".formatted(1 + n % 12, 1 + n % 28, n % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    /**
     * Registers a reader at {@code homeUnit} as {@code staff}, deposit-free on the built-in credit check
     * (a new reader's record clears it); returns the card number.
     */
    public static String register(Api api, String staff, String cardType, String homeUnit) throws Exception {
        String identity = identityNumber();
        String card = "TR" + identity.substring(10, 17);
        String body = api.as(staff).post("/api/v1/readers", """
                {"name": "测试读者%s", "identityNumber": "%s", "homeUnit": "%s", "cardType": "%s", "cardNumber": "%s"}"""
                .formatted(card, identity, homeUnit, cardType, card)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        long id = ((Number) com.jayway.jsonpath.JsonPath.read(body, "$.id")).longValue();
        api.as(staff).post("/api/v1/readers/" + id + "/credit-checks", """
                {"consent": true}""").andExpect(status().isOk());
        return card;
    }

    public static long idOf(JdbcClient jdbc, String card) {
        return jdbc.sql("select reader_id from reader_card where card_number = :c").param("c", card)
                .query(Long.class).single();
    }
}
