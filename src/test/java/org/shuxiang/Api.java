package org.shuxiang;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Calls the REST API as a staff member, a machine or nobody, the way a real client does. */
@Component
public class Api {

    public static final String DEMO_PASSWORD = "shuxiang-demo";

    private final MockMvc mvc;

    Api(MockMvc mvc) {
        this.mvc = mvc;
    }

    public Caller as(String username) {
        return as(username, DEMO_PASSWORD);
    }

    public Caller as(String username, String password) {
        String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Caller("Basic " + basic, "zh-CN");
    }

    public Caller withKey(String token) {
        return new Caller("Bearer " + token, "zh-CN");
    }

    public Caller anonymous() {
        return new Caller(null, "zh-CN");
    }

    /** One caller: its credentials and language. */
    public final class Caller {
        private final String authorization;
        private final String language;

        Caller(String authorization, String language) {
            this.authorization = authorization;
            this.language = language;
        }

        public Caller inEnglish() {
            return new Caller(authorization, "en");
        }

        public ResultActions get(String path) throws Exception {
            return send(HttpMethod.GET, path, null);
        }

        /** A GET that takes whatever the server sends (text for metrics, say). */
        public ResultActions getAny(String path) throws Exception {
            MockHttpServletRequestBuilder request = request(HttpMethod.GET, path).accept(MediaType.ALL);
            if (authorization != null) {
                request.header(HttpHeaders.AUTHORIZATION, authorization);
            }
            return mvc.perform(request);
        }

        public ResultActions post(String path, String json) throws Exception {
            return send(HttpMethod.POST, path, json);
        }

        public ResultActions put(String path, String json) throws Exception {
            return send(HttpMethod.PUT, path, json);
        }

        public ResultActions patch(String path, String json) throws Exception {
            return send(HttpMethod.PATCH, path, json);
        }

        public ResultActions delete(String path) throws Exception {
            return send(HttpMethod.DELETE, path, null);
        }

        private ResultActions send(HttpMethod method, String path, String json) throws Exception {
            MockHttpServletRequestBuilder request = request(method, path)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, language)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
            if (authorization != null) {
                request.header(HttpHeaders.AUTHORIZATION, authorization);
            }
            if (json != null) {
                request.contentType(MediaType.APPLICATION_JSON).content(json);
            }
            return mvc.perform(request);
        }
    }
}
