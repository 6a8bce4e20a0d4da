package org.shuxiang.platform;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.shuxiang.Api;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** A role gives its rights on its subtree and nowhere else. */
@IntegrationTest
class StaffScopeTest {

    @Autowired
    Api api;

    private static String branch(String code, String parent, String nameZh) {
        return """
                {"code": "%s", "parentCode": "%s", "type": "BRANCH", "nameZh": "%s", "nameEn": "Branch",
                 "operatorCode": "SELF", "lends": true, "acceptsReturns": true, "pickupPoint": true, "staffed": true,
                 "openingHours": {"WEDNESDAY": [{"opens": "09:00", "closes": "17:00"}]}}"""
                .formatted(code, parent, nameZh);
    }

    @Test
    void the_yian_manager_changes_a_unit_under_yian() throws Exception {
        api.as("demo-yian").put("/api/v1/org-units/YAQ-B05", branch("YAQ-B05", "YAQ", "义安区测试分馆（已改名）"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nameZh").value("义安区测试分馆（已改名）"))
                .andExpect(jsonPath("$.openingHours.WEDNESDAY[0].closes").value("17:00"));
    }

    @Test
    void the_yian_manager_may_not_change_a_unit_under_zongyang_and_it_stays_as_it_was() throws Exception {
        String zongyangName = api.as("demo-central").get("/api/v1/org-units/ZYX-B01").andReturn().getResponse()
                .getContentAsString().replaceAll("(?s).*\"nameZh\":\"([^\"]*)\".*", "$1");
        api.as("demo-yian").put("/api/v1/org-units/ZYX-B01", branch("ZYX-B01", "ZYX", "越权修改"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("ACCESS_DENIED"));
        api.as("demo-central").get("/api/v1/org-units/ZYX-B01").andExpect(jsonPath("$.nameZh").value(zongyangName));
    }

    @Test
    void the_yian_manager_may_not_move_a_yian_unit_into_zongyang_nor_create_there() throws Exception {
        api.as("demo-yian").post("/api/v1/org-units/YAQ-B06/move", "{\"parentCode\": \"ZYX\"}")
                .andExpect(status().isForbidden());
        api.as("demo-yian").post("/api/v1/org-units", branch("T-YIAN-IN-ZYX", "ZYX", "越权分馆"))
                .andExpect(status().isForbidden());
        api.as("demo-yian").post("/api/v1/org-units", branch("T-YIAN-OWN", "YAQ", "义安区新分馆"))
                .andExpect(status().isCreated());
    }

    @Test
    void the_network_manager_works_across_every_main_library() throws Exception {
        api.as("demo-central").post("/api/v1/org-units", branch("T-CENTRAL-ZYX", "ZYX", "枞阳县新分馆"))
                .andExpect(status().isCreated());
    }

    @Test
    void circulation_staff_may_read_the_network_but_not_change_even_their_own_branch() throws Exception {
        api.as("demo-desk").get("/api/v1/org-units/TGQ-B01").andExpect(status().isOk());
        api.as("demo-desk").put("/api/v1/org-units/TGQ-B01", branch("TGQ-B01", "TGQ", "改名"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("ACCESS_DENIED"));
    }

    @Test
    void a_request_with_no_credentials_gets_401() throws Exception {
        api.anonymous().get("/api/v1/org-units")
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        api.anonymous().post("/api/v1/org-units", branch("T-ANON", "YAQ", "匿名"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void a_wrong_password_gets_401() throws Exception {
        api.as("demo-central", "not-the-password").get("/api/v1/org-units")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        api.as("nobody-at-all", "not-the-password").get("/api/v1/org-units")
                .andExpect(status().isUnauthorized());
    }

    @Test
    void a_staff_member_sees_who_they_are_and_where_they_may_act() throws Exception {
        api.as("demo-wenyue").get("/api/v1/me")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("demo-wenyue"))
                .andExpect(jsonPath("$.type").value("STAFF"))
                .andExpect(jsonPath("$.scopes[0].unitCode").value("JQ"))
                .andExpect(jsonPath("$.scopes[0].operatorCode").value("OP-WENYUE"));
    }
}
