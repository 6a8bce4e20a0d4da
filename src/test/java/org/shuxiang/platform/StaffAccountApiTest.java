package org.shuxiang.platform;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.shuxiang.Api;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Staff accounts are managed by administrators, who hand out no more than they hold. */
@IntegrationTest
class StaffAccountApiTest {

    @Autowired
    Api api;

    private static String staff(String username, String password, String grants) {
        return """
                {"username": "%s", "displayName": "新馆员", "password": "%s", "grants": %s}"""
                .formatted(username, password, grants);
    }

    @Test
    void an_administrator_creates_an_account_that_can_sign_in_with_its_role() throws Exception {
        api.as("demo-admin").post("/api/v1/staff", staff("zyx-manager", "zongyang-library",
                        "[{\"role\": \"LIBRARY_MANAGER\", \"unitCode\": \"ZYX\"}]"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.grants[0].role").value("LIBRARY_MANAGER"));
        api.as("zyx-manager", "zongyang-library").get("/api/v1/me")
                .andExpect(jsonPath("$.scopes[0].unitCode").value("ZYX"));
        api.as("demo-admin").post("/api/v1/staff/zyx-manager/password", "{\"password\": \"a-new-password\"}")
                .andExpect(status().isNoContent());
        api.as("zyx-manager", "a-new-password").get("/api/v1/me").andExpect(status().isOk());
        api.as("zyx-manager", "zongyang-library").get("/api/v1/me").andExpect(status().isUnauthorized());
    }

    @Test
    void bad_accounts_are_refused_naming_the_field() throws Exception {
        api.as("demo-admin").post("/api/v1/staff", staff("demo-desk", "long-enough-pw", "[]"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("DUPLICATE_USERNAME"))
                .andExpect(jsonPath("$.errors[0].field").value("username"));
        api.as("demo-admin").post("/api/v1/staff", staff("weak-one", "short", "[]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("PASSWORD_TOO_WEAK"))
                .andExpect(jsonPath("$.errors[0].field").value("password"));
        api.as("demo-admin").post("/api/v1/staff", staff("lost-one", "long-enough-pw",
                        "[{\"role\": \"CATALOGUER\", \"unitCode\": \"NOWHERE\"}]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("UNKNOWN_UNIT"))
                .andExpect(jsonPath("$.errors[0].field").value("grants[0].unitCode"));
        api.as("demo-admin").post("/api/v1/staff", staff("contractor", "long-enough-pw",
                        "[{\"role\": \"OPERATOR_STAFF\", \"unitCode\": \"JQ\"}]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("OPERATOR_REQUIRED_FOR_ROLE"));
        api.as("demo-admin").post("/api/v1/staff", staff("Bad Name", "long-enough-pw", "[]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("username"));
        api.as("demo-admin").get("/api/v1/staff/weak-one").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("STAFF_NOT_FOUND"));
    }

    @Test
    void only_administrators_manage_accounts() throws Exception {
        api.as("demo-central").get("/api/v1/staff").andExpect(status().isForbidden());
        api.as("demo-yian").post("/api/v1/staff", staff("sneaky", "long-enough-pw",
                        "[{\"role\": \"ADMINISTRATOR\"}]"))
                .andExpect(status().isForbidden());
        api.as("demo-admin").get("/api/v1/staff")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.username == 'demo-yian')].grants[0].unitCode").value("YAQ"));
    }
}
