package org.shuxiang.logistics;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.LibraryTest;
import org.shuxiang.TestReaders;
import org.shuxiang.catalog.ItemType;

/** Every move between units is recorded: from, to, why, sent, received; the wrong unit re-routes it. */
@IntegrationTest
class TransitsApiTest extends LibraryTest {





    @Test
    void a_book_returned_away_from_home_travels_back_and_each_leg_is_recorded() throws Exception {
        copy(record("骆驼祥子"), "TR-0001", "TGQ-B01", ItemType.BOOK);
        long item = jdbc.sql("select id from item where barcode = 'TR-0001'").query(Long.class).single();
        String card = TestReaders.register(api, "demo-central", "ADULT", "TGQ-B01");
        api.as("demo-central").post("/api/v1/circulation/checkouts", """
                {"cardNumber": "%s", "barcode": "TR-0001", "unit": "TGQ-B01"}""".formatted(card))
                .andExpect(status().isCreated());
        api.as("demo-central").post("/api/v1/circulation/checkins", """
                {"barcode": "TR-0001", "unit": "YAQ-B01"}""").andExpect(jsonPath("$.routing").value("SEND_TO_OWNER"));

        String toSend = api.as("demo-central").get("/api/v1/transits?unit=YAQ-B01&view=to-send")
                .andExpect(jsonPath("$[?(@.barcode == 'TR-0001')].reason").value(hasItem("RETURN_TO_OWNER")))
                .andReturn().getResponse().getContentAsString();
        api.as("demo-central").get("/api/v1/transits?unit=TGQ-B01&view=incoming")
                .andExpect(jsonPath("$[*].barcode").value(hasItem("TR-0001")));
        List<Integer> ids = JsonPath.read(toSend, "$[?(@.barcode == 'TR-0001')].id");
        api.as("demo-central").post("/api/v1/transits/sent", """
                {"unit": "YAQ-B01", "ids": [%d]}""".formatted(ids.get(0))).andExpect(jsonPath("$.sent").value(1));
        api.as("demo-central").get("/api/v1/transits?unit=YAQ-B01&view=to-send")
                .andExpect(jsonPath("$[*].barcode").value(not(hasItem("TR-0001"))));

        // the van drops it at the wrong branch: it is re-routed from there
        api.as("demo-central").post("/api/v1/circulation/receipts", """
                {"barcode": "TR-0001", "unit": "ZYX-B01"}""").andExpect(jsonPath("$.routing").value("SEND_TO_OWNER"))
                .andExpect(jsonPath("$.destination").value("TGQ-B01"));
        api.as("demo-central").post("/api/v1/circulation/receipts", """
                {"barcode": "TR-0001", "unit": "TGQ-B01"}""").andExpect(jsonPath("$.routing").value("RESHELVE"));
        api.as("demo-central").get("/api/v1/transits?itemId=" + item)
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].status").value("REROUTED")).andExpect(jsonPath("$[0].receivedUnit").value("ZYX-B01"))
                .andExpect(jsonPath("$[1].fromUnit").value("ZYX-B01")).andExpect(jsonPath("$[1].status").value("RECEIVED"));
        api.as("demo-central").get("/api/v1/transits?unit=TGQ-B01&view=sideways").andExpect(status().isBadRequest());
    }
}
