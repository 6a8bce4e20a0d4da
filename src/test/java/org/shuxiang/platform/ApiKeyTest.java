package org.shuxiang.platform;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shuxiang.Api;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Machines authenticate with bearer API keys that carry their own permissions and unit. */
@IntegrationTest
class ApiKeyTest {

    @Autowired
    Api api;

    private String issue(String body) throws Exception {
        String response = api.as("demo-admin").post("/api/v1/api-keys", body)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.token").value(Matchers.startsWith("sx_")))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(response, "$.token");
    }

    @Test
    void a_key_reads_what_its_permissions_allow_and_nothing_more() throws Exception {
        String token = issue("""
                {"name": "24小时图书馆 TL-24H-01", "kind": "DEVICE", "unitCode": "TL-24H-01",
                 "permissions": ["NETWORK_READ"]}""");
        api.withKey(token).get("/api/v1/org-units/TL-24H-01").andExpect(status().isOk());
        api.withKey(token).get("/api/v1/me")
                .andExpect(jsonPath("$.type").value("API_KEY"))
                .andExpect(jsonPath("$.scopes[0].unitCode").value("TL-24H-01"));
        api.withKey(token).put("/api/v1/org-units/TL-24H-01", "{}").andExpect(status().isBadRequest());
        api.withKey(token).post("/api/v1/org-units/TL-24H-01/deactivate", null)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("ACCESS_DENIED"));
        api.withKey(token).get("/api/v1/staff").andExpect(status().isForbidden());
    }

    @Test
    void a_revoked_key_or_a_made_up_one_gets_401() throws Exception {
        String token = issue("""
                {"name": "book drop", "kind": "DEVICE", "unitCode": "YAQ-B01", "permissions": ["NETWORK_READ"]}""");
        String keyId = token.split("_")[1];
        api.withKey(token).get("/api/v1/org-units/YAQ-B01").andExpect(status().isOk());
        api.as("demo-admin").delete("/api/v1/api-keys/" + keyId).andExpect(status().isNoContent());
        api.withKey(token).get("/api/v1/org-units/YAQ-B01")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        api.withKey("sx_" + keyId + "_guessed").get("/api/v1/org-units").andExpect(status().isUnauthorized());
        api.withKey("garbage").get("/api/v1/org-units").andExpect(status().isUnauthorized());
    }

    @Test
    void the_secret_is_shown_once_and_never_listed() throws Exception {
        issue("""
                {"name": "partner bookstore", "kind": "PARTNER", "unitCode": null, "permissions": ["NETWORK_READ"]}""");
        api.as("demo-admin").get("/api/v1/api-keys")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", Matchers.hasItem("partner bookstore")))
                .andExpect(jsonPath("$[*].token").doesNotExist());
    }

    @Test
    void a_key_for_an_unknown_unit_or_with_no_permission_is_refused() throws Exception {
        api.as("demo-admin").post("/api/v1/api-keys", """
                        {"name": "x", "kind": "DEVICE", "unitCode": "NOWHERE", "permissions": ["NETWORK_READ"]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("UNKNOWN_UNIT"));
        api.as("demo-admin").post("/api/v1/api-keys", """
                        {"name": "x", "kind": "DEVICE", "unitCode": "YAQ", "permissions": []}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("permissions"));
        api.as("demo-yian").post("/api/v1/api-keys", """
                        {"name": "x", "kind": "DEVICE", "unitCode": "YAQ", "permissions": ["NETWORK_READ"]}""")
                .andExpect(status().isForbidden());
    }

    @Test
    void metrics_are_for_those_who_may_read_them() throws Exception {
        String token = issue("""
                {"name": "prometheus", "kind": "INTEGRATION", "permissions": ["METRICS_READ"]}""");
        api.withKey(token).getAny("/actuator/prometheus").andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("jvm_memory_used_bytes")));
        api.as("demo-desk").get("/actuator/prometheus").andExpect(status().isForbidden());
        api.anonymous().get("/actuator/prometheus").andExpect(status().isUnauthorized());
        api.anonymous().get("/actuator/health").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }
}
