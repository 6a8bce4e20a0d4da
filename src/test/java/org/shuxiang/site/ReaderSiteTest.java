package org.shuxiang.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.LibraryTest;
import org.shuxiang.TestReaders;
import org.shuxiang.catalog.ItemType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The reader site's rules, over HTTP with a session as a browser keeps one: who may sign in, and that a
 * reader signed in acts for themselves (and their children) only.
 */
@IntegrationTest
class ReaderSiteTest extends LibraryTest {

    private static final String PIN = "314159";

    @Autowired
    MockMvc mvc;

    /** A new reader at TGQ-B01 with a PIN; returns the card number. */
    private String readerWithPin() throws Exception {
        String card = TestReaders.register(api, "demo-desk", "ADULT", "TGQ-B01");
        api.as("demo-desk").put("/api/v1/readers/" + TestReaders.idOf(jdbc, card) + "/pin", """
                {"pin": "%s"}""".formatted(PIN)).andExpect(status().isOk());
        return card;
    }

    private MvcResult signIn(String login, String pin) throws Exception {
        return mvc.perform(post("/signin").param("login", login).param("pin", pin).with(csrf())).andReturn();
    }

    private MockHttpSession signedIn(String card) throws Exception {
        MvcResult result = signIn(card, PIN);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/account");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private String page(MockHttpSession session, String path) throws Exception {
        return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    private long lend(String card, String barcode) throws Exception {
        String body = api.as("demo-desk").post("/api/v1/circulation/checkouts", """
                {"cardNumber": "%s", "barcode": "%s", "unit": "TGQ-B01"}""".formatted(card, barcode))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) com.jayway.jsonpath.JsonPath.read(body, "$.loan.id")).longValue();
    }

    @Test
    void a_reader_signs_in_with_their_card_number_and_pin_and_sees_their_own_account() throws Exception {
        String card = readerWithPin();
        String account = page(signedIn(card), "/account");
        assertThat(account).contains("测试读者" + card + "的账户", card, "没有在借的图书");
    }

    @Test
    void a_reader_may_sign_in_with_their_identity_card_number_instead_of_the_card() throws Exception {
        String identity = TestReaders.identityNumber();
        String body = api.as("demo-desk").post("/api/v1/readers", """
                {"name": "身份证登录", "identityNumber": "%s", "homeUnit": "TGQ-B01", "pin": "%s"}"""
                .formatted(identity, PIN)).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        String card = com.jayway.jsonpath.JsonPath.read(body, "$.cardNumber");
        MvcResult result = signIn(identity, PIN);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/account");
        assertThat(page((MockHttpSession) result.getRequest().getSession(false), "/account")).contains(card);
    }

    @Test
    void wrong_pins_on_the_web_lock_the_card_as_they_do_at_a_kiosk() throws Exception {
        String card = readerWithPin();
        for (int i = 0; i < 4; i++) {
            assertThat(signIn(card, "000000").getResponse().getContentAsString()).contains("读者证号或密码错误");
        }
        assertThat(signIn(card, "000000").getResponse().getContentAsString()).contains("已暂时锁定");
        MvcResult right = signIn(card, PIN);
        assertThat(right.getResponse().getRedirectedUrl()).isNull();
        assertThat(right.getResponse().getContentAsString()).contains("已暂时锁定");
        assertThat(jdbc.sql("select pin_locked_until > now() from reader where id = :id")
                .param("id", TestReaders.idOf(jdbc, card)).query(Boolean.class).single()).isTrue();
    }

    @Test
    void a_sign_in_without_the_form_token_is_refused() throws Exception {
        String card = readerWithPin();
        mvc.perform(post("/signin").param("login", card).param("pin", PIN)).andExpect(status().isForbidden());
    }

    @Test
    void the_account_sends_a_stranger_to_sign_in_and_back() throws Exception {
        MvcResult result = mvc.perform(get("/account")).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/signin?next=/account");
    }

    @Test
    void a_reader_renews_their_own_loan_but_not_another_readers() throws Exception {
        long record = record("城南旧事");
        String mine = readerWithPin();
        String theirs = readerWithPin();
        long myLoan = lend(mine, copy(record, "RS-0001", "TGQ-B01", ItemType.BOOK));
        long theirLoan = lend(theirs, copy(record, "RS-0002", "TGQ-B01", ItemType.BOOK));
        MockHttpSession session = signedIn(mine);

        mvc.perform(post("/account/loans/" + theirLoan + "/renew").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(renewals(theirLoan)).isZero();
        assertThat(page(session, "/account")).doesNotContain("RS-0002");

        mvc.perform(post("/account/loans/" + myLoan + "/renew").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(renewals(myLoan)).isEqualTo(1);
    }

    @Test
    void a_reader_cannot_open_another_readers_account_by_changing_the_address() throws Exception {
        String mine = readerWithPin();
        String theirs = readerWithPin();
        MockHttpSession session = signedIn(mine);
        String page = page(session, "/account?reader=" + TestReaders.idOf(jdbc, theirs));
        assertThat(page).contains(mine).doesNotContain(theirs);
    }

    @Test
    void a_reader_places_and_cancels_a_hold_but_cannot_cancel_another_readers() throws Exception {
        long record = record("呼兰河传");
        copy(record, "RS-0101", "YAQ", ItemType.BOOK);
        String mine = readerWithPin();
        String theirs = readerWithPin();
        MockHttpSession session = signedIn(mine);
        mvc.perform(post("/records/" + record + "/holds").param("pickupUnit", "TGQ-B01").session(session)
                .with(csrf())).andExpect(status().is3xxRedirection());
        long myHold = holdOf(mine);
        MockHttpSession other = signedIn(theirs);
        mvc.perform(post("/account/holds/" + myHold + "/cancel").session(other).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(holdStatus(myHold)).isNotEqualTo("CANCELLED");

        mvc.perform(post("/account/holds/" + myHold + "/cancel").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(holdStatus(myHold)).isEqualTo("CANCELLED");
    }

    @Test
    void the_reading_history_lists_returns_only_after_the_reader_switches_it_on() throws Exception {
        long record = record("边城");
        String card = readerWithPin();
        String before = copy(record, "RS-0201", "TGQ-B01", ItemType.BOOK);
        lend(card, before);
        giveBack(before);
        MockHttpSession session = signedIn(card);
        assertThat(page(session, "/account")).contains("开启借阅历史").doesNotContain("边城 · ");

        mvc.perform(post("/account/history").param("on", "true").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        String after = copy(record, "RS-0202", "TGQ-B01", ItemType.BOOK);
        lend(card, after);
        giveBack(after);
        String page = page(session, "/account");
        assertThat(page).contains("关闭借阅历史");
        assertThat(page.split("边城 · ", -1)).as("the return after switching it on, not the one before").hasSize(2);

        mvc.perform(post("/account/history").param("on", "false").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(page(session, "/account")).doesNotContain("边城 · ");
    }

    @Test
    void signing_out_ends_the_session() throws Exception {
        MockHttpSession session = signedIn(readerWithPin());
        mvc.perform(post("/signout").session(session).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get("/account").session(session)).andReturn().getResponse().getRedirectedUrl())
                .startsWith("/signin");
    }

    private void giveBack(String barcode) throws Exception {
        api.as("demo-desk").post("/api/v1/circulation/checkins", """
                {"barcode": "%s", "unit": "TGQ-B01"}""".formatted(barcode)).andExpect(status().isOk());
    }

    private int renewals(long loan) {
        return jdbc.sql("select renewals from loan where id = :id").param("id", loan).query(Integer.class).single();
    }

    private long holdOf(String card) {
        return jdbc.sql("select id from hold where reader_id = :r").param("r", TestReaders.idOf(jdbc, card))
                .query(Long.class).single();
    }

    private String holdStatus(long hold) {
        return jdbc.sql("select status from hold where id = :id").param("id", hold).query(String.class).single();
    }
}
