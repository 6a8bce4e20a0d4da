package org.shuxiang.platform;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shuxiang.Api;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Every API error is a problem document with a stable code, in Chinese first and English on request. */
@IntegrationTest
class ProblemDocumentTest {

    @Autowired
    Api api;

    @Test
    void an_unknown_address_is_a_404_problem() throws Exception {
        api.as("demo-desk").get("/api/v1/no-such-thing")
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void a_wrong_method_is_a_405_problem() throws Exception {
        api.as("demo-desk").delete("/api/v1/org-units/YAQ")
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.code").value("METHOD_NOT_ALLOWED"));
    }

    @Test
    void problems_speak_chinese_by_default_and_english_when_asked() throws Exception {
        api.as("demo-desk").get("/api/v1/org-units/NOWHERE")
                .andExpect(jsonPath("$.detail").value("服务单位 NOWHERE 不存在。"))
                .andExpect(jsonPath("$.title").value("未找到"));
        api.as("demo-desk").inEnglish().get("/api/v1/org-units/NOWHERE")
                .andExpect(jsonPath("$.detail").value("There is no unit NOWHERE."))
                .andExpect(jsonPath("$.type").value(Matchers.startsWith("urn:shuxiang:problem:")));
        api.anonymous().inEnglish().get("/api/v1/org-units")
                .andExpect(jsonPath("$.title").value("Sign-in required"));
    }

    @Test
    void the_api_is_described_by_openapi() throws Exception {
        api.anonymous().get("/v3/api-docs")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("Shuxiang 书香 API"))
                .andExpect(jsonPath("$.paths['/api/v1/org-units']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/audit']").exists())
                .andExpect(jsonPath("$.components.securitySchemes.apiKey.scheme").value("bearer"));
    }

    @Test
    void a_bad_query_parameter_is_named() throws Exception {
        api.as("demo-desk").get("/api/v1/org-units?type=CASTLE")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("type"));
    }
}
