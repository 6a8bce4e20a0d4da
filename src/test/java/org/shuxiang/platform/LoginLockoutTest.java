package org.shuxiang.platform;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.shuxiang.Api;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Repeated failed sign-ins lock an account for a while, whatever password comes next. */
@IntegrationTest
class LoginLockoutTest {

    private static final String PASSWORD = "correct-horse-battery";

    @Autowired
    Api api;

    private void createStaff(String username) throws Exception {
        api.as("demo-admin").post("/api/v1/staff", """
                        {"username": "%s", "displayName": "测试馆员", "password": "%s",
                         "grants": [{"role": "CIRCULATION_STAFF", "unitCode": "YAQ-B01"}]}"""
                        .formatted(username, PASSWORD))
                .andExpect(status().isCreated());
    }

    @Test
    void a_wrong_password_five_times_locks_the_account() throws Exception {
        createStaff("lock-test");
        api.as("lock-test", PASSWORD).get("/api/v1/me").andExpect(status().isOk());
        for (int attempt = 1; attempt <= 4; attempt++) {
            api.as("lock-test", "wrong-password").get("/api/v1/me")
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        }
        api.as("lock-test", "wrong-password").get("/api/v1/me")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("ACCOUNT_LOCKED"));
        api.as("lock-test", PASSWORD).get("/api/v1/me")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("ACCOUNT_LOCKED"));
        api.as("demo-admin").get("/api/v1/staff/lock-test")
                .andExpect(jsonPath("$.locked").value(true));
        api.as("demo-admin").get("/api/v1/audit?targetId=lock-test&action=STAFF_LOCKED")
                .andExpect(jsonPath("$.events[0].details.failedLogins").value(5));
    }

    @Test
    void an_administrator_unlocks_a_locked_account() throws Exception {
        createStaff("unlock-test");
        for (int attempt = 1; attempt <= 5; attempt++) {
            api.as("unlock-test", "wrong-password").get("/api/v1/me").andExpect(status().isUnauthorized());
        }
        api.as("demo-admin").post("/api/v1/staff/unlock-test/unlock", null).andExpect(status().isNoContent());
        api.as("unlock-test", PASSWORD).get("/api/v1/me").andExpect(status().isOk());
    }

    @Test
    void a_successful_sign_in_clears_the_count_of_failures() throws Exception {
        createStaff("reset-test");
        for (int round = 0; round < 3; round++) {
            for (int attempt = 1; attempt <= 4; attempt++) {
                api.as("reset-test", "wrong-password").get("/api/v1/me").andExpect(status().isUnauthorized());
            }
            api.as("reset-test", PASSWORD).get("/api/v1/me").andExpect(status().isOk());
        }
    }
}
