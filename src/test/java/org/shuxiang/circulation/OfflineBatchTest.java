package org.shuxiang.circulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.LibraryTest;
import org.shuxiang.TestReaders;
import org.shuxiang.catalog.ItemType;

/** A kiosk that lost its connection uploads later: applied in time order, each once, conflicts kept. */
@IntegrationTest
class OfflineBatchTest extends LibraryTest {





    @Test
    void an_offline_batch_is_applied_in_the_order_things_happened_once_with_its_conflicts_kept() throws Exception {
        long record = record("边城");
        copy(record, "OFF-0001", "TGQ-B01", ItemType.BOOK);
        copy(record, "OFF-0002", "TGQ-B01", ItemType.BOOK);
        String card = TestReaders.register(api, "demo-desk", "ADULT", "TGQ-B01");
        String blocked = TestReaders.register(api, "demo-desk", "ADULT", "TGQ-B01");
        api.as("demo-desk").post("/api/v1/readers/" + TestReaders.idOf(jdbc, blocked) + "/blocks", """
                {"reason": "证件冒用调查中"}""").andExpect(status().isOk());
        Instant morning = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String batch = """
                {"unit": "TGQ-B01", "device": "kiosk-07", "transactions": [
                  {"id": "k7-0003", "kind": "CHECKIN", "at": "%s", "barcode": "OFF-0001"},
                  {"id": "k7-0001", "kind": "CHECKOUT", "at": "%s", "cardNumber": "%s", "barcode": "OFF-0001"},
                  {"id": "k7-0002", "kind": "CHECKOUT", "at": "%s", "cardNumber": "%s", "barcode": "OFF-0002"},
                  {"id": "k7-0004", "kind": "CHECKOUT", "at": "%s", "cardNumber": "%s", "barcode": "NO-SUCH-BOOK"},
                  {"id": "k7-0005", "kind": "CHECKOUT", "at": "%s", "cardNumber": "%s", "barcode": "OFF-0002"}]}"""
                .formatted(morning.plusSeconds(3600), morning, card, morning.plusSeconds(60), blocked,
                        morning.plusSeconds(120), card, morning.plusSeconds(180), card);
        String report = api.as("demo-desk").post("/api/v1/circulation/offline-batches", batch)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.applied").value(3))
                .andExpect(jsonPath("$.conflicts").value(2))
                .andExpect(jsonPath("$.outcomes[0].id").value("k7-0001"))
                .andExpect(jsonPath("$.outcomes[1].reason").value("READER_BLOCKED"))
                .andExpect(jsonPath("$.outcomes[2].reason").value("ITEM_UNKNOWN"))
                .andExpect(jsonPath("$.outcomes[4].id").value("k7-0003"))
                .andReturn().getResponse().getContentAsString();
        Instant lent = jdbc.sql("select checked_out_at from loan where request_id = 'offline:k7-0001'")
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(lent).isEqualTo(morning);

        api.as("demo-desk").post("/api/v1/circulation/offline-batches", batch).andExpect(status().isCreated())
                .andExpect(jsonPath("$.applied").value(0)).andExpect(jsonPath("$.duplicates").value(5));
        assertThat(jdbc.sql("select count(*) from loan where request_id like 'offline:k7-%'").query(Long.class)
                .single()).isEqualTo(2);
        long id = ((Number) JsonPath.read(report, "$.id")).longValue();
        api.as("demo-desk").get("/api/v1/circulation/offline-batches/" + id)
                .andExpect(jsonPath("$.outcomes.length()").value(5)).andExpect(jsonPath("$.conflicts").value(2));
        api.as("demo-yian").get("/api/v1/circulation/offline-batches/" + id).andExpect(status().isForbidden());
    }
}
