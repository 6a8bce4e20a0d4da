package org.shuxiang.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shuxiang.Api;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every change through the API is in the audit log: who, when, from where, what. */
@IntegrationTest
class AuditLogTest {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    private static String point(String code, String nameZh) {
        return """
                {"code": "%s", "parentCode": "YAQ-B02", "type": "SERVICE_POINT", "nameZh": "%s",
                 "operatorCode": "SELF", "lends": true, "acceptsReturns": true, "pickupPoint": false,
                 "staffed": false}""".formatted(code, nameZh);
    }

    @Test
    void each_change_records_who_when_from_where_and_what() throws Exception {
        api.as("demo-yian").post("/api/v1/org-units", point("T-AUDITED", "审计测试服务点")).andExpect(status().isCreated());
        api.as("demo-yian").put("/api/v1/org-units/T-AUDITED", point("T-AUDITED", "审计测试服务点（改）"))
                .andExpect(status().isOk());
        api.as("demo-yian").post("/api/v1/org-units/T-AUDITED/move", "{\"parentCode\": \"YAQ-B03\"}")
                .andExpect(status().isOk());
        api.as("demo-yian").post("/api/v1/org-units/T-AUDITED/deactivate", null).andExpect(status().isOk());

        api.as("demo-auditor").get("/api/v1/audit?targetType=ORG_UNIT&targetId=T-AUDITED")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.events[*].action", Matchers.contains("ORG_UNIT_DEACTIVATED",
                        "ORG_UNIT_MOVED", "ORG_UNIT_UPDATED", "ORG_UNIT_CREATED")))
                .andExpect(jsonPath("$.events[*].actor", Matchers.everyItem(Matchers.is("demo-yian"))))
                .andExpect(jsonPath("$.events[*].actorType", Matchers.everyItem(Matchers.is("STAFF"))))
                .andExpect(jsonPath("$.events[*].remoteAddress", Matchers.everyItem(Matchers.is("127.0.0.1"))))
                .andExpect(jsonPath("$.events[*].occurredAt", Matchers.everyItem(Matchers.notNullValue())))
                .andExpect(jsonPath("$.events[2].details.before.nameZh").value("审计测试服务点"))
                .andExpect(jsonPath("$.events[2].details.after.nameZh").value("审计测试服务点（改）"));
    }

    @Test
    void a_refused_change_leaves_no_event() throws Exception {
        api.as("demo-yian").post("/api/v1/org-units", point("YAQ-B01", "重复")).andExpect(status().isConflict());
        api.as("demo-admin").get("/api/v1/audit?targetId=YAQ-B01&actor=demo-yian")
                .andExpect(jsonPath("$.events").isEmpty());
    }

    @Test
    void staff_without_the_audit_right_may_not_read_the_log() throws Exception {
        api.as("demo-desk").get("/api/v1/audit").andExpect(status().isForbidden());
        api.as("demo-yian").get("/api/v1/audit").andExpect(status().isForbidden());
    }

    @Test
    void an_auditor_of_one_main_library_reads_only_the_events_of_its_units() throws Exception {
        api.as("demo-admin").post("/api/v1/staff", """
                        {"username": "yian-auditor", "displayName": "义安区考评员", "password": "audit-the-points",
                         "grants": [{"role": "AUDITOR", "unitCode": "YAQ"}]}""")
                .andExpect(status().isCreated());
        api.as("demo-central").post("/api/v1/org-units", point("T-SEEN", "义安区可见"))
                .andExpect(status().isCreated());
        List<String> yian = JsonPath.read(api.as("demo-central").get("/api/v1/org-units?subtree=YAQ")
                .andReturn().getResponse().getContentAsString(), "$[*].code");
        api.as("yian-auditor", "audit-the-points").get("/api/v1/audit?limit=500")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.events[*].targetId", Matchers.hasItem("T-SEEN")))
                .andExpect(jsonPath("$.events[*].unitCode", Matchers.everyItem(Matchers.in(yian))));
    }

    @Test
    void the_log_cannot_be_changed_or_erased_even_in_sql() {
        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'someone-else'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
                .hasMessageContaining("append-only");
    }

    @Test
    void the_log_pages_backwards_from_the_newest_event() throws Exception {
        String first = api.as("demo-admin").get("/api/v1/audit?limit=2")
                .andExpect(jsonPath("$.events.length()").value(2))
                .andReturn().getResponse().getContentAsString();
        String next = first.replaceAll("(?s).*\"nextBefore\":(\\d+).*", "$1");
        api.as("demo-admin").get("/api/v1/audit?limit=2&before=" + next)
                .andExpect(jsonPath("$.events[0].id").value(Matchers.lessThan(Integer.parseInt(next))));
    }
}
