package org.shuxiang.platform;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Staff sign in on the web with the form and work in a session; the page speaks Chinese first. */
@IntegrationTest
class StaffSignInTest {

    @Autowired
    MockMvc mvc;

    @Test
    void staff_pages_send_a_stranger_to_the_sign_in_form() throws Exception {
        mvc.perform(get("/staff")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("馆员登录")))
                .andExpect(content().string(Matchers.containsString("name=\"_csrf\"")));
    }

    @Test
    void a_staff_member_signs_in_and_sees_where_they_may_act() throws Exception {
        MvcResult signedIn = mvc.perform(formLogin().user("demo-yian").password("shuxiang-demo"))
                .andExpect(redirectedUrl("/staff")).andReturn();
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);
        mvc.perform(get("/staff").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("欢迎，demo-yian")))
                .andExpect(content().string(Matchers.containsString("总馆管理员")))
                .andExpect(content().string(Matchers.containsString("YAQ")));
        mvc.perform(get("/staff").session(session).param("lang", "en"))
                .andExpect(content().string(Matchers.containsString("Library manager")));
        mvc.perform(post("/logout").session(session).with(csrf()))
                .andExpect(redirectedUrl("/login?logout"));
        mvc.perform(get("/staff").session(session)).andExpect(status().is3xxRedirection());
    }

    @Test
    void a_wrong_password_returns_to_the_form_with_the_reason() throws Exception {
        MvcResult failed = mvc.perform(formLogin().user("demo-desk").password("wrong-password"))
                .andExpect(redirectedUrl("/login?error")).andReturn();
        MockHttpSession session = (MockHttpSession) failed.getRequest().getSession(false);
        mvc.perform(get("/login").param("error", "").session(session))
                .andExpect(content().string(Matchers.containsString("用户名或密码错误")));
    }

    @Test
    void a_sign_in_without_the_form_token_is_refused() throws Exception {
        mvc.perform(post("/login").param("username", "demo-admin").param("password", "shuxiang-demo"))
                .andExpect(status().isForbidden());
    }
}
