package org.shuxiang.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shuxiang.Api;
import org.shuxiang.IntegrationTest;
import org.shuxiang.catalog.marc.Iso2709Writer;
import org.shuxiang.catalog.marc.MarcEncoding;
import org.shuxiang.platform.AccessControl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Copies across the network: barcodes unique everywhere, call numbers shared by a title, statuses guarded. */
@IntegrationTest
class ItemApiTest {

    @Autowired
    Api api;

    @Autowired
    ImportingRecords importing;

    @Autowired
    ManagingItems items;

    @Autowired
    AccessControl access;

    @Autowired
    JdbcClient jdbc;

    /** Imports one book and returns its record id. */
    private long book(String title, String clc) {
        String isbn = CatalogImportTest.freshIsbn();
        var record = CatalogImportTest.book(isbn, title, "测试");
        var withClass = record.withFieldsReplaced("690", List.of(new org.shuxiang.catalog.marc.MarcRecord.DataField(
                "690", ' ', ' ', List.of(new org.shuxiang.catalog.marc.MarcRecord.Subfield('a', clc)))));
        byte[] file = new Iso2709Writer(null, MarcEncoding.UTF_8).encode(withClass);
        access.asSystem("test", () -> importing.importFile("book.mrc", new ByteArrayInputStream(file),
                ImportingRecords.Format.ISO2709, null, DuplicateRule.KEEP));
        return jdbc.sql("select id from bib_record where :isbn = any(isbns)").param("isbn", isbn)
                .query(Long.class).single();
    }

    private static String item(String barcode, String unit, String type) {
        return """
                {"barcode": "%s", "owningUnit": "%s", "shelvingLocation": "成人借阅区", "type": "%s",
                 "price": 39.00, "acquiredOn": "2026-11-01"}""".formatted(barcode, unit, type);
    }

    @Test
    void copies_added_to_a_title_share_one_call_number_drawn_from_the_class_counter() throws Exception {
        long first = book("铜陵诗词选", "I227.5");
        long second = book("铜陵散文选", "I227.5");
        String added = api.as("demo-admin").post("/api/v1/catalog/records/" + first + "/items",
                        "{\"items\": [" + item("T-IT-0001", "YAQ-B01", "BOOK") + ","
                                + item("T-IT-0002", "TGQ-B01", "BOOK") + "]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$[0].status").value("AVAILABLE"))
                .andExpect(jsonPath("$[0].currentUnit").value("YAQ-B01"))
                .andReturn().getResponse().getContentAsString();
        String callNumber = JsonPath.read(added, "$[0].callNumber");
        assertThat(callNumber).matches("I227\\.5/\\d+");
        assertThat((String) JsonPath.read(added, "$[1].callNumber")).isEqualTo(callNumber);

        String next = api.as("demo-admin").post("/api/v1/catalog/records/" + second + "/items",
                        "{\"items\": [" + item("T-IT-0003", "YAQ-B01", "BOOK") + "]}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        int firstNumber = Integer.parseInt(callNumber.substring(callNumber.indexOf('/') + 1));
        assertThat((String) JsonPath.read(next, "$[0].callNumber")).isEqualTo("I227.5/" + (firstNumber + 1));

        api.as("demo-desk").get("/api/v1/catalog/records/" + first)
                .andExpect(jsonPath("$.callNumber").value(callNumber))
                .andExpect(jsonPath("$.holdings[*].unit", Matchers.contains("TGQ-B01", "YAQ-B01")));
    }

    @Test
    void a_barcode_is_unique_in_the_whole_network_whatever_its_case_and_a_refused_batch_adds_nothing()
            throws Exception {
        long record = book("重复条码测试", "Z228");
        api.as("demo-admin").post("/api/v1/catalog/records/" + record + "/items",
                        "{\"items\": [" + item("T-DUP-0001", "YAQ-B01", "BOOK") + "]}")
                .andExpect(status().isCreated());
        api.as("demo-admin").post("/api/v1/catalog/records/" + record + "/items",
                        "{\"items\": [" + item("T-DUP-0002", "YAQ-B01", "BOOK") + ","
                                + item("t-dup-0001", "ZYX-B01", "BOOK") + "]}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("DUPLICATE_BARCODE"))
                .andExpect(jsonPath("$.errors[0].field").value("items[1].barcode"));
        api.as("demo-admin").get("/api/v1/catalog/items/T-DUP-0002").andExpect(status().isNotFound());
        api.as("demo-admin").get("/api/v1/catalog/items/t-dup-0001")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.barcode").value("T-DUP-0001"));
    }

    @Test
    void items_go_only_to_units_that_exist_and_that_the_cataloguer_may_act_for() throws Exception {
        long record = book("权限测试", "G250");
        api.as("demo-admin").post("/api/v1/catalog/records/" + record + "/items",
                        "{\"items\": [" + item("T-NOUNIT-1", "NO-SUCH-UNIT", "BOOK") + "]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("UNKNOWN_UNIT"))
                .andExpect(jsonPath("$.errors[0].field").value("items[0].owningUnit"));
        api.as("demo-admin").post("/api/v1/staff", """
                        {"username": "yian-cataloguer", "displayName": "义安区编目员", "password": "catalogue-it",
                         "grants": [{"role": "CATALOGUER", "unitCode": "YAQ"}]}""")
                .andExpect(status().isCreated());
        api.as("yian-cataloguer", "catalogue-it").post("/api/v1/catalog/records/" + record + "/items",
                        "{\"items\": [" + item("T-SCOPE-1", "YAQ-B02", "BOOK") + "]}")
                .andExpect(status().isCreated());
        api.as("yian-cataloguer", "catalogue-it").post("/api/v1/catalog/records/" + record + "/items",
                        "{\"items\": [" + item("T-SCOPE-2", "ZYX-B01", "BOOK") + "]}")
                .andExpect(status().isForbidden());
        api.as("demo-desk").post("/api/v1/catalog/records/" + record + "/items",
                        "{\"items\": [" + item("T-SCOPE-3", "TGQ-B01", "BOOK") + "]}")
                .andExpect(status().isForbidden());
        api.as("demo-admin").post("/api/v1/catalog/records/987654321/items",
                        "{\"items\": [" + item("T-NOREC-1", "YAQ-B01", "BOOK") + "]}")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("RECORD_NOT_FOUND"));
    }

    @Test
    void status_by_hand_is_limited_and_refused_while_the_item_is_on_loan() throws Exception {
        long record = book("状态测试", "G252");
        api.as("demo-admin").post("/api/v1/catalog/items",
                        "{\"recordId\": " + record + ", \"item\": " + item("T-ST-0001", "YAQ-B01", "BOOK") + "}")
                .andExpect(status().isCreated());
        api.as("demo-admin").put("/api/v1/catalog/items/T-ST-0001", "{\"status\": \"MISSING\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("MISSING"));
        api.as("demo-admin").put("/api/v1/catalog/items/T-ST-0001", "{\"status\": \"ON_LOAN\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("STATUS_NOT_SET_BY_HAND"));

        jdbc.sql("update item set status = 'ON_LOAN' where barcode = 'T-ST-0001'").update();
        api.as("demo-admin").put("/api/v1/catalog/items/T-ST-0001", "{\"status\": \"AVAILABLE\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ITEM_ON_LOAN"));
        api.as("demo-admin").post("/api/v1/catalog/items/T-ST-0001/withdraw", "{\"reason\": \"破损\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ITEM_ON_LOAN"));
        api.as("demo-admin").put("/api/v1/catalog/items/T-ST-0001", "{\"shelvingLocation\": \"密集书库\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ON_LOAN"))
                .andExpect(jsonPath("$.shelvingLocation").value("密集书库"));

        jdbc.sql("update item set status = 'AVAILABLE' where barcode = 'T-ST-0001'").update();
        api.as("demo-admin").post("/api/v1/catalog/items/T-ST-0001/withdraw", "{\"reason\": \"破损\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("WITHDRAWN"));
        api.as("demo-admin").get("/api/v1/audit?targetId=T-ST-0001&action=ITEM_WITHDRAWN")
                .andExpect(jsonPath("$.events[0].details.reason").value("破损"));
    }

    @Test
    void concurrent_cataloguing_never_gives_two_titles_the_same_call_number() throws Exception {
        List<Long> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add(book("并发索书号 " + i, "TP311"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> numbers = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                long record = records.get(i);
                String barcode = "T-CC-" + String.format("%04d", i);
                numbers.add(pool.submit(() -> access.asSystem("test", () -> items.add(record, List.of(
                        new ManagingItems.NewItem(barcode, "YAQ-B01", null, null, ItemType.BOOK, null, null, null)))
                        .get(0).callNumber())));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> number : numbers) {
                distinct.add(number.get());
            }
            assertThat(distinct).hasSize(12).allMatch(n -> n.startsWith("TP311/"));
        } finally {
            pool.shutdownNow();
        }
    }
}
