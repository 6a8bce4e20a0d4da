package org.shuxiang.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.LibraryTest;
import org.shuxiang.TestReaders;
import org.shuxiang.catalog.ItemType;

/**
 * Holds across the network: the copy at the pickup point first, the pull list, the pickup shelf, the queue
 * filled by returns, transits to the pickup point, expiry passing the copy on, renewals refused while
 * readers wait. Copies that must be chosen sit at 24-hour libraries, open every day of the year.
 */
@IntegrationTest
class HoldsApiTest extends LibraryTest {





    private void copy(long record, String barcode, String unit) {
        copy(record, barcode, unit, ItemType.BOOK);
    }

    private long place(String card, long record) throws Exception {
        return place(card, record, "TLLIB");
    }

    private long place(String card, long record, String pickup) throws Exception {
        String body = api.as("demo-central").post("/api/v1/holds", """
                {"cardNumber": "%s", "recordId": %d, "pickupUnit": "%s"}""".formatted(card, record, pickup))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    private String reader() throws Exception {
        return TestReaders.register(api, "demo-central", "ADULT", "TGQ-B01");
    }

    private String checkout(String card, String barcode, String unit) {
        return """
                {"cardNumber": "%s", "barcode": "%s", "unit": "%s"}""".formatted(card, barcode, unit);
    }

    @Test
    void a_copy_at_the_pickup_point_is_pulled_put_on_the_pickup_shelf_and_lent_only_to_its_reader() throws Exception {
        long record = record("平凡的世界");
        copy(record, "H-PULL-0001", "TL-24H-01");
        String card = reader();
        long hold = place(card, record, "TL-24H-01");
        api.as("demo-central").get("/api/v1/holds/pull-list?unit=TL-24H-01")
                .andExpect(jsonPath("$[?(@.id == %d)].targetBarcode".formatted(hold)).value(hasItem("H-PULL-0001")));
        api.as("demo-central").post("/api/v1/holds/captures", """
                {"barcode": "H-PULL-0001", "unit": "TL-24H-01"}""")
                .andExpect(status().isOk()).andExpect(jsonPath("$.ready").value(true))
                .andExpect(jsonPath("$.holdId").value(hold)).andExpect(jsonPath("$.expiresOn").exists());
        api.as("demo-central").get("/api/v1/holds/shelf?unit=TL-24H-01")
                .andExpect(jsonPath("$[?(@.id == %d)].status".formatted(hold)).value(hasItem("READY")));
        api.as("demo-central").post("/api/v1/circulation/checkouts", checkout(reader(), "H-PULL-0001", "TL-24H-01"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ITEM_ON_HOLD_FOR_ANOTHER"));
        api.as("demo-central").post("/api/v1/circulation/checkouts", checkout(card, "H-PULL-0001", "TL-24H-01"))
                .andExpect(status().isCreated());
        assertThat(jdbc.sql("select status from hold where id = :id").param("id", hold).query(String.class).single())
                .isEqualTo("FULFILLED");
    }

    @Test
    void a_returned_copy_fills_the_first_hold_of_the_queue_and_travels_to_its_pickup_point() throws Exception {
        long record = record("白鹿原");
        copy(record, "H-QUEUE-0001", "TGQ-B01");
        String borrower = reader();
        String body = api.as("demo-central").post("/api/v1/circulation/checkouts",
                checkout(borrower, "H-QUEUE-0001", "TGQ-B01")).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        long loan = ((Number) JsonPath.read(body, "$.loan.id")).longValue();
        String first = reader();
        String second = reader();
        long firstHold = place(first, record);
        long secondHold = place(second, record);
        api.as("demo-central").get("/api/v1/holds?readerId=" + TestReaders.idOf(jdbc, second))
                .andExpect(jsonPath("$[0].queuePosition").value(2));
        api.as("demo-central").post("/api/v1/circulation/loans/" + loan + "/renewals", "")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("HOLDS_WAITING"));

        api.as("demo-central").post("/api/v1/circulation/checkins", """
                {"barcode": "H-QUEUE-0001", "unit": "TGQ-B01"}""")
                .andExpect(jsonPath("$.routing").value("SEND_FOR_HOLD"))
                .andExpect(jsonPath("$.destination").value("TLLIB"))
                .andExpect(jsonPath("$.holdId").value(firstHold));
        api.as("demo-central").post("/api/v1/circulation/receipts", """
                {"barcode": "H-QUEUE-0001", "unit": "YAQ-B01"}""")
                .andExpect(jsonPath("$.routing").value("SEND_FOR_HOLD")).andExpect(jsonPath("$.destination").value("TLLIB"));
        api.as("demo-central").post("/api/v1/circulation/receipts", """
                {"barcode": "H-QUEUE-0001", "unit": "TLLIB"}""")
                .andExpect(jsonPath("$.routing").value("HOLD_SHELF")).andExpect(jsonPath("$.holdId").value(firstHold));
        api.as("demo-central").get("/api/v1/holds?readerId=" + TestReaders.idOf(jdbc, second))
                .andExpect(jsonPath("$[0].queuePosition").value(1));

        // the first reader does not come: the copy passes to the second, on the same shelf
        jdbc.sql("update hold set expires_on = current_date - 1 where id = :id").param("id", firstHold).update();
        api.as("demo-desk").post("/api/v1/holds/expiry", "").andExpect(status().isForbidden());
        api.as("demo-admin").post("/api/v1/holds/expiry", "").andExpect(jsonPath("$.expired").value(1));
        assertThat(jdbc.sql("select status from hold where id = :id").param("id", secondHold).query(String.class)
                .single()).isEqualTo("READY");

        // the second cancels: nobody else waits, so the copy goes home
        api.as("demo-central").delete("/api/v1/holds/" + secondHold).andExpect(jsonPath("$.status").value("CANCELLED"));
        assertThat(jdbc.sql("select status || ' ' || current_unit from item where barcode = 'H-QUEUE-0001'")
                .query(String.class).single()).isEqualTo("IN_TRANSIT TLLIB");
        api.as("demo-central").post("/api/v1/circulation/receipts", """
                {"barcode": "H-QUEUE-0001", "unit": "TGQ-B01"}""").andExpect(jsonPath("$.routing").value("RESHELVE"));
    }

    @Test
    void a_reader_holds_a_title_once_at_a_pickup_point_and_may_suspend_and_resume() throws Exception {
        long record = record("尘埃落定");
        copy(record, "H-RULE-0001", "TGQ-B01");
        String card = reader();
        long hold = place(card, record);
        api.as("demo-central").post("/api/v1/holds", """
                {"cardNumber": "%s", "recordId": %d, "pickupUnit": "TLLIB"}""".formatted(card, record))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ALREADY_HOLDING"));
        api.as("demo-central").post("/api/v1/holds", """
                {"cardNumber": "%s", "recordId": %d, "pickupUnit": "TGQ-RP02"}""".formatted(reader(), record))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("NOT_A_PICKUP_POINT"));
        api.as("demo-central").patch("/api/v1/holds/" + hold, """
                {"suspendedUntil": "2099-01-01"}""").andExpect(jsonPath("$.suspendedUntil").value("2099-01-01"))
                .andExpect(jsonPath("$.targetItemId").doesNotExist());
        api.as("demo-central").patch("/api/v1/holds/" + hold, """
                {"resume": true}""").andExpect(jsonPath("$.suspendedUntil").doesNotExist());
    }

    @Test
    void a_hold_given_priority_by_staff_goes_before_earlier_holds() throws Exception {
        long record = record("长恨歌");
        copy(record, "H-PRIO-0001", "TLLIB");
        api.as("demo-central").post("/api/v1/circulation/checkouts", checkout(reader(), "H-PRIO-0001", "TLLIB"))
                .andExpect(status().isCreated());
        long earlier = place(reader(), record);
        long urgent = place(reader(), record);
        api.as("demo-central").patch("/api/v1/holds/" + urgent, """
                {"priority": 5}""").andExpect(jsonPath("$.queuePosition").value(1));
        api.as("demo-central").post("/api/v1/circulation/checkins", """
                {"barcode": "H-PRIO-0001", "unit": "TLLIB"}""").andExpect(jsonPath("$.holdId").value(urgent));
        assertThat(jdbc.sql("select status from hold where id = :id").param("id", earlier).query(String.class)
                .single()).isEqualTo("WAITING");
    }

    @Test
    void the_copy_cheapest_to_bring_is_chosen_and_the_transport_cost_table_can_say_otherwise() throws Exception {
        long near = record("额尔古纳河右岸");
        copy(near, "H-COST-0001", "TL-24H-02");
        copy(near, "H-COST-0002", "YAQ-24H-01");
        place(reader(), near, "TL-24H-01");
        assertThat(jdbc.sql("select ti.barcode from hold h join item ti on ti.id = h.target_item_id "
                + "where h.record_id = :r").param("r", near).query(String.class).single()).isEqualTo("H-COST-0001");

        api.as("demo-yian").put("/api/v1/holds/transport-costs", """
                {"fromUnit": "TL-24H-02", "toUnit": "TL-24H-01", "cost": 9}""").andExpect(status().isForbidden());
        api.as("demo-admin").put("/api/v1/holds/transport-costs", """
                {"fromUnit": "TL-24H-02", "toUnit": "TL-24H-01", "cost": -1}""").andExpect(status().isBadRequest());
        api.as("demo-admin").put("/api/v1/holds/transport-costs", """
                {"fromUnit": "TL-24H-02", "toUnit": "TL-24H-01", "cost": 9}""").andExpect(status().isOk());
        long far = record("额尔古纳河右岸（第二版）");
        copy(far, "H-COST-0003", "TL-24H-02");
        copy(far, "H-COST-0004", "YAQ-24H-01");
        place(reader(), far, "TL-24H-01");
        assertThat(jdbc.sql("select ti.barcode from hold h join item ti on ti.id = h.target_item_id "
                + "where h.record_id = :r").param("r", far).query(String.class).single()).isEqualTo("H-COST-0004");
    }

    @Test
    void a_return_picks_the_first_of_a_thousand_waiting_readers() throws Exception {
        long record = record("红岩");
        copy(record, "H-MANY-0001", "TLLIB");
        String borrower = reader();
        api.as("demo-central").post("/api/v1/circulation/checkouts", checkout(borrower, "H-MANY-0001", "TLLIB"))
                .andExpect(status().isCreated());
        String firstCard = reader();
        long first = place(firstCard, record);
        // 1,000 later holds by other readers, placed after the first
        jdbc.sql("""
                insert into reader (name, identity_hash, home_unit, card_type, expires_on, registered_by)
                select '排队读者' || g, 'queue-test-' || g, 'TGQ-B01', 'ADULT', current_date + 365, 'test'
                from generate_series(1, 1000) g""").update();
        jdbc.sql("""
                insert into hold (reader_id, record_id, pickup_unit, status, placed_at, placed_by)
                select r.id, :record, 'TLLIB', 'WAITING', now() + interval '1 minute', 'test'
                from reader r where r.identity_hash like 'queue-test-%'""").param("record", record).update();
        api.as("demo-central").post("/api/v1/circulation/checkins", """
                {"barcode": "H-MANY-0001", "unit": "TLLIB"}""")
                .andExpect(jsonPath("$.routing").value("HOLD_SHELF")).andExpect(jsonPath("$.holdId").value(first));
    }
}
