package org.shuxiang.circulation;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.LibraryTest;
import org.shuxiang.TestReaders;
import org.shuxiang.catalog.ItemType;

/** A reader borrows on a deposit tier or deposit-free on credit; late returns lose the credit. */
@IntegrationTest
class DepositAndCreditTest extends LibraryTest {





    private long newReader(String card) throws Exception {
        String body = api.as("demo-desk").post("/api/v1/readers", """
                {"name": "信用测试", "identityNumber": "%s", "homeUnit": "TGQ-B01", "cardNumber": "%s"}"""
                .formatted(TestReaders.identityNumber(), card)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    private String item(String barcode) {
        return copy(record("茶馆"), barcode, "TGQ-B01", ItemType.BOOK);
    }

    private String checkout(String card, String barcode) {
        return """
                {"cardNumber": "%s", "barcode": "%s", "unit": "TGQ-B01"}""".formatted(card, barcode);
    }

    @Test
    void a_card_with_neither_deposit_nor_credit_does_not_borrow_until_a_deposit_tier_is_paid() throws Exception {
        long reader = newReader("DC000001");
        String book = item("DC-0001");
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout("DC000001", book))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("NO_DEPOSIT_OR_CREDIT"));
        api.as("demo-desk").post("/api/v1/readers/" + reader + "/deposit", """
                {"amountCents": 15000}""").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("UNKNOWN_DEPOSIT_TIER"));
        api.as("demo-desk").post("/api/v1/readers/" + reader + "/deposit", """
                {"amountCents": 10000}""").andExpect(status().isOk())
                .andExpect(jsonPath("$.borrowingBasis").value("DEPOSIT")).andExpect(jsonPath("$.depositCents").value(10000));
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout("DC000001", book))
                .andExpect(status().isCreated());
    }

    @Test
    void a_credit_check_needs_consent_and_a_new_readers_record_clears_the_threshold() throws Exception {
        long reader = newReader("DC000002");
        api.as("demo-desk").post("/api/v1/readers/" + reader + "/credit-checks", """
                {"consent": false}""").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("CONSENT_REQUIRED"));
        api.as("demo-desk").post("/api/v1/readers/" + reader + "/credit-checks", """
                {"consent": true}""").andExpect(status().isOk())
                .andExpect(jsonPath("$.score").value(600)).andExpect(jsonPath("$.threshold").value(550))
                .andExpect(jsonPath("$.approved").value(true));
        api.as("demo-desk").get("/api/v1/readers/" + reader).andExpect(jsonPath("$.borrowingBasis").value("CREDIT"));
    }

    @Test
    void a_late_return_that_drops_the_score_below_the_threshold_ends_deposit_free_borrowing() throws Exception {
        String card = TestReaders.register(api, "demo-desk", "ADULT", "TGQ-B01");
        long reader = TestReaders.idOf(jdbc, card);
        String book = item("DC-0002");
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, book)).andExpect(status().isCreated());
        jdbc.sql("update loan set due_on = current_date - 3 where reader_id = :r").param("r", reader).update();
        api.as("demo-desk").post("/api/v1/circulation/checkins", """
                {"barcode": "DC-0002", "unit": "TGQ-B01"}""").andExpect(jsonPath("$.feeCents").value(30));
        api.as("demo-desk").get("/api/v1/readers/" + reader).andExpect(jsonPath("$.borrowingBasis").value("NONE"));
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, item("DC-0003")))
                .andExpect(jsonPath("$.code").value("NO_DEPOSIT_OR_CREDIT"));
    }
}
