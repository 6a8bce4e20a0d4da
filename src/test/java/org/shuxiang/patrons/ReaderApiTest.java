package org.shuxiang.patrons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.shuxiang.Api;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One card for the whole network: registering readers, their cards, guardians, blocks and privacy. */
@IntegrationTest
class ReaderApiTest {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    private long register(String who, String json) throws Exception {
        String body = api.as(who).post("/api/v1/readers", json).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    @Test
    void a_desk_registers_a_reader_whose_identity_number_is_stored_encrypted_and_shown_masked() throws Exception {
        long id = register("demo-desk", """
                {"name": "王芳", "identityNumber": "340702198503120019", "phone": "13905620001",
                 "homeUnit": "TGQ-B01", "pin": "123456"}""");
        api.as("demo-desk").get("/api/v1/readers/" + id).andExpect(status().isOk())
                .andExpect(jsonPath("$.identityMasked").value("3407**********0019"))
                .andExpect(jsonPath("$.cardType").value("ADULT"))
                .andExpect(jsonPath("$.cardNumber").value(org.hamcrest.Matchers.startsWith("TL")))
                .andExpect(jsonPath("$.pinSet").value(true))
                .andExpect(jsonPath("$.dateOfBirth").value("1985-03-12"))
                .andExpect(jsonPath("$.pinHash").doesNotExist());
        byte[] stored = jdbc.sql("select identity_encrypted from reader where id = :id").param("id", id)
                .query((rs, n) -> rs.getBytes(1)).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("340702198503120019");
        api.as("demo-desk").get("/api/v1/readers/" + id + "/identity-number")
                .andExpect(jsonPath("$.identityNumber").value("340702198503120019"));
        api.as("demo-desk").get("/api/v1/readers?identityNumber=340702198503120019")
                .andExpect(jsonPath("$[0].id").value(id));
        long revealed = jdbc.sql("select count(*) from audit_event where action = 'READER_IDENTITY_REVEALED' "
                + "and target_id = :id").param("id", Long.toString(id)).query(Long.class).single();
        assertThat(revealed).isEqualTo(1);
    }

    @Test
    void one_person_gets_one_card_in_the_whole_network() throws Exception {
        register("demo-desk", """
                {"name": "李强", "identityNumber": "340702199003070021", "homeUnit": "TGQ-B01"}""");
        api.as("demo-central").post("/api/v1/readers", """
                {"name": "李强", "identityNumber": "340702199003070021", "homeUnit": "YAQ-B01"}""")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("IDENTITY_ALREADY_REGISTERED"));
    }

    @Test
    void a_bad_identity_number_or_card_number_is_refused_and_nothing_is_stored() throws Exception {
        long before = jdbc.sql("select count(*) from reader").query(Long.class).single();
        api.as("demo-desk").post("/api/v1/readers", """
                {"name": "张伟", "identityNumber": "340702198503120018", "homeUnit": "TGQ-B01"}""")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_IDENTITY_NUMBER"));
        api.as("demo-desk").post("/api/v1/readers", """
                {"name": "张伟", "homeUnit": "TGQ-B01"}""")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("IDENTITY_NUMBER_REQUIRED"));
        api.as("demo-desk").post("/api/v1/readers", """
                {"name": "张伟", "identityNumber": "340702197605050010", "homeUnit": "TGQ-B01", "cardNumber": "ab"}""")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_CARD_NUMBER"));
        assertThat(jdbc.sql("select count(*) from reader").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void a_child_card_needs_an_adult_guardian_who_then_sees_the_child() throws Exception {
        long parent = register("demo-desk", """
                {"name": "陈静", "identityNumber": "34070219550101004X", "homeUnit": "TGQ-B01"}""");
        api.as("demo-desk").post("/api/v1/readers", """
                {"name": "陈小明", "identityNumber": "34070220200815005X", "homeUnit": "TGQ-B01",
                 "cardType": "CHILD"}""")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("GUARDIAN_REQUIRED"));
        long child = register("demo-desk", """
                {"name": "陈小明", "identityNumber": "34070220200815005X", "homeUnit": "TGQ-B01",
                 "cardType": "CHILD", "guardianId": %d}""".formatted(parent));
        api.as("demo-desk").get("/api/v1/readers/" + parent + "/children")
                .andExpect(jsonPath("$[0].id").value(child)).andExpect(jsonPath("$[0].guardianId").value(parent));
        api.as("demo-desk").post("/api/v1/readers", """
                {"name": "陈小红", "identityNumber": "340721201506010038", "homeUnit": "TGQ-B01",
                 "cardType": "CHILD", "guardianId": %d}""".formatted(child))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("GUARDIAN_NOT_ADULT"));
    }

    @Test
    void a_lost_card_is_replaced_by_a_new_number_and_the_old_one_no_longer_works() throws Exception {
        long id = register("demo-desk", """
                {"name": "赵敏", "identityNumber": "340702198709090070", "homeUnit": "TGQ-B01",
                 "cardNumber": "TL9000001"}""");
        api.as("demo-desk").post("/api/v1/readers/" + id + "/card-replacements", """
                {"cardNumber": "TL9000002"}""")
                .andExpect(status().isOk()).andExpect(jsonPath("$.cardNumber").value("TL9000002"));
        api.as("demo-desk").get("/api/v1/readers?card=tl9000001").andExpect(jsonPath("$[0].id").value(id))
                .andExpect(jsonPath("$[0].cardNumber").value("TL9000002"));
        boolean oldWorks = jdbc.sql("select replaced_at is null from reader_card where card_number = 'TL9000001'")
                .query(Boolean.class).single();
        assertThat(oldWorks).isFalse();
        api.as("demo-desk").post("/api/v1/readers", """
                {"name": "钱多", "identityNumber": "340702197706060015", "homeUnit": "TGQ-B01",
                 "cardNumber": "TL9000001"}""")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("CARD_NUMBER_TAKEN"));
    }

    @Test
    void a_manual_block_says_why_and_since_when_until_it_is_lifted() throws Exception {
        long id = register("demo-desk", """
                {"name": "孙丽", "identityNumber": "11010519491231002X", "homeUnit": "TGQ-B01"}""");
        api.as("demo-desk").post("/api/v1/readers/" + id + "/blocks", """
                {"reason": ""}""").andExpect(status().isBadRequest());
        String body = api.as("demo-desk").post("/api/v1/readers/" + id + "/blocks", """
                {"reason": "损坏图书未赔偿"}""").andExpect(status().isOk())
                .andExpect(jsonPath("$.blocks[0].reason").value("损坏图书未赔偿"))
                .andExpect(jsonPath("$.blocks[0].kind").value("MANUAL"))
                .andExpect(jsonPath("$.blocks[0].since").exists())
                .andExpect(jsonPath("$.blocks[0].setBy").value("demo-desk"))
                .andReturn().getResponse().getContentAsString();
        long block = ((Number) JsonPath.read(body, "$.blocks[0].id")).longValue();
        api.as("demo-desk").delete("/api/v1/readers/" + id + "/blocks/" + block).andExpect(status().isOk())
                .andExpect(jsonPath("$.blocks").isEmpty());
        api.as("demo-desk").delete("/api/v1/readers/" + id + "/blocks/" + block).andExpect(status().isNotFound());
    }

    @Test
    void a_library_manager_cannot_see_or_register_readers_of_another_main_library() throws Exception {
        long id = register("demo-desk", """
                {"name": "周杰", "identityNumber": "340702198001010012", "homeUnit": "TGQ-B01"}""");
        api.as("demo-yian").get("/api/v1/readers/" + id).andExpect(status().isForbidden());
        api.as("demo-yian").get("/api/v1/readers?name=周").andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", not(hasItem((int) id))));
        api.as("demo-yian").post("/api/v1/readers", """
                {"name": "吴刚", "identityNumber": "340702198109090018", "homeUnit": "TGQ-B01"}""")
                .andExpect(status().isForbidden());
        api.as("demo-central").get("/api/v1/readers/" + id).andExpect(status().isOk());
    }
}
