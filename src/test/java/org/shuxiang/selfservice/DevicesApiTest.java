package org.shuxiang.selfservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.LibraryTest;
import org.shuxiang.TestReaders;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The device registry and the device API: each device at a unit, of a kind that says what it may do,
 * calling with its own key; heartbeats and silence; people counts; the doors of 24-hour libraries;
 * card-issuing machines.
 */
@IntegrationTest
class DevicesApiTest extends LibraryTest {

    private static final String LIBRARY_24H = "TL-24H-01";

    @Autowired
    Devices devices;

    private static int next;

    /** Registers a device as the network's administrator; returns its API key. */
    private String register(String kind, String unit) throws Exception {
        String code = "T-" + kind + "-" + (System.nanoTime() % 1_000_000) + "-" + (++next);
        String body = api.as("demo-admin").post("/api/v1/devices", """
                        {"code": "%s", "kind": "%s", "name": "测试设备 %s", "unitCode": "%s"}"""
                        .formatted(code, kind, code, unit))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.device.code").value(code))
                .andExpect(jsonPath("$.device.kind").value(kind))
                .andExpect(jsonPath("$.apiKey").value(Matchers.startsWith("sx_")))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.apiKey");
    }

    private String codeOf(String key) throws Exception {
        return JsonPath.read(api.withKey(key).get("/api/v1/devices/me").andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(), "$.code");
    }

    @Test
    void a_device_that_reports_in_is_online_and_one_that_falls_silent_raises_an_alert_until_it_speaks_again()
            throws Exception {
        String key = register("SSL", LIBRARY_24H);
        String code = codeOf(key);
        api.withKey(key).post("/api/v1/devices/heartbeat", """
                {"status": "printer paper low"}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.online").value(true))
                .andExpect(jsonPath("$.lastStatus").value("printer paper low"));

        jdbc.sql("update device set last_seen_at = now() - interval '20 minutes' where code = :c").param("c", code)
                .update();
        assertThat(access.asSystem("test", devices::markSilent)).contains(code);
        assertThat(access.asSystem("test", devices::markSilent)).as("marked once").doesNotContain(code);
        api.as("demo-admin").get("/api/v1/devices/" + code)
                .andExpect(jsonPath("$.online").value(false))
                .andExpect(jsonPath("$.offlineSince").isNotEmpty());
        api.as("demo-admin").get("/api/v1/devices/alerts")
                .andExpect(jsonPath("$[?(@.deviceCode == '" + code + "')].kind").value(Matchers.contains("OFFLINE")))
                .andExpect(jsonPath("$[?(@.deviceCode == '" + code + "')].message")
                        .value(Matchers.contains(Matchers.containsString("起无响应"))));
        api.as("demo-admin").get("/api/v1/devices?unit=" + LIBRARY_24H)
                .andExpect(jsonPath("$[?(@.code == '" + code + "')].online").value(Matchers.contains(false)));
        api.as("demo-admin").get("/api/v1/devices?unit=NOWHERE")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("UNKNOWN_UNIT"));

        api.withKey(key).post("/api/v1/devices/heartbeat", null).andExpect(jsonPath("$.online").value(true));
        api.as("demo-admin").get("/api/v1/devices/alerts")
                .andExpect(jsonPath("$[?(@.deviceCode == '" + code + "')]").isEmpty());
        api.as("demo-admin").get("/api/v1/devices/alerts?open=false")
                .andExpect(jsonPath("$[?(@.deviceCode == '" + code + "')].clearedAt").value(Matchers.hasSize(1)));
    }

    @Test
    void a_silent_counter_at_a_branch_is_offline_without_an_alert() throws Exception {
        String key = register("COUNTER", "TLLIB");
        String code = codeOf(key);
        jdbc.sql("update device set last_seen_at = now() - interval '20 minutes' where code = :c").param("c", code)
                .update();
        assertThat(access.asSystem("test", devices::markSilent)).contains(code);
        assertThat(jdbc.sql("select count(*) from device_alert a join device d on d.id = a.device_id where d.code = :c")
                .param("c", code).query(Integer.class).single()).isZero();
    }

    @Test
    void a_gate_posts_counts_per_interval_a_resent_interval_replaces_its_counts_and_statistics_read_them_by_hour()
            throws Exception {
        String key = register("POR", "YAQ-B01");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        api.withKey(key).post("/api/v1/devices/counts", """
                        {"intervals": [
                          {"from": "%s", "to": "%s", "in": 12, "out": 3},
                          {"from": "%s", "to": "%s", "in": 5, "out": 9}]}"""
                        .formatted(hour, hour.plusSeconds(900), hour.plusSeconds(900), hour.plusSeconds(1800)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.stored").value(2));
        api.withKey(key).post("/api/v1/devices/counts", """
                        {"intervals": [{"from": "%s", "to": "%s", "in": 6, "out": 9}]}"""
                        .formatted(hour.plusSeconds(900), hour.plusSeconds(1800)))
                .andExpect(status().isOk());
        api.withKey(key).post("/api/v1/devices/counts", """
                        {"intervals": [
                          {"from": "%s", "to": "%s", "in": 100, "out": 100},
                          {"from": "%s", "to": "%s", "in": 1, "out": 1}]}"""
                        .formatted(hour.plusSeconds(3600), hour.plusSeconds(4500), hour, hour.minusSeconds(60)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("COUNT_INTERVAL_INVALID"));

        api.as("demo-admin").get("/api/v1/devices/counts?unit=YAQ-B01&from=" + hour + "&to=" + hour.plusSeconds(7200))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].unitCode").value("YAQ-B01"))
                .andExpect(jsonPath("$[0].entered").value(18))
                .andExpect(jsonPath("$[0].exited").value(12));
        api.as("demo-admin").get("/api/v1/devices/counts?unit=YAQ&subtree=true&from=" + hour + "&to="
                        + hour.plusSeconds(7200))
                .andExpect(jsonPath("$[?(@.unitCode == 'YAQ-B01')].entered").value(Matchers.contains(18)));
    }

    @Test
    void a_24_hour_library_door_lets_in_a_valid_card_keeps_out_a_blocked_or_unknown_one_and_logs_every_card()
            throws Exception {
        String key = register("POR", LIBRARY_24H);
        String card = TestReaders.register(api, "demo-admin", "ADULT", LIBRARY_24H);
        String blocked = TestReaders.register(api, "demo-admin", "ADULT", LIBRARY_24H);
        api.as("demo-admin").post("/api/v1/readers/" + TestReaders.idOf(jdbc, blocked) + "/blocks", """
                {"reason": "损坏图书未赔偿"}""").andExpect(status().isOk());
        Instant from = Instant.now().minusSeconds(60);

        api.withKey(key).post("/api/v1/devices/entries", "{\"cardNumber\": \"" + card + "\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allowed").value(true))
                .andExpect(jsonPath("$.message").value(Matchers.startsWith("欢迎，测")));
        api.withKey(key).post("/api/v1/devices/entries", "{\"cardNumber\": \"" + blocked + "\"}")
                .andExpect(jsonPath("$.allowed").value(false))
                .andExpect(jsonPath("$.reason").value("READER_BLOCKED"))
                .andExpect(jsonPath("$.message").value(Matchers.containsString("损坏图书未赔偿")));
        api.withKey(key).post("/api/v1/devices/entries", "{\"cardNumber\": \"NOSUCHCARD\"}")
                .andExpect(jsonPath("$.allowed").value(false))
                .andExpect(jsonPath("$.reason").value("CARD_UNKNOWN"));

        api.as("demo-admin").get("/api/v1/devices/entries?unit=" + LIBRARY_24H + "&from=" + from + "&to="
                        + Instant.now().plusSeconds(60))
                .andExpect(jsonPath("$[?(@.cardNumber == '" + card + "')].allowed").value(Matchers.contains(true)))
                .andExpect(jsonPath("$[?(@.cardNumber == '" + blocked + "')].reason")
                        .value(Matchers.contains("READER_BLOCKED")))
                .andExpect(jsonPath("$[?(@.cardNumber == 'NOSUCHCARD')].allowed").value(Matchers.contains(false)));
    }

    @Test
    void a_device_does_only_what_its_kind_may_and_only_devices_use_the_device_api() throws Exception {
        String counter = register("COUNTER", LIBRARY_24H);
        api.withKey(counter).post("/api/v1/devices/entries", "{\"cardNumber\": \"ANY123\"}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("DEVICE_CANNOT"));
        api.withKey(counter).get("/api/v1/staff").andExpect(status().isForbidden());
        api.as("demo-admin").post("/api/v1/devices/heartbeat", null)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("NOT_A_DEVICE"));

        String code = codeOf(counter);
        api.as("demo-admin").post("/api/v1/devices/" + code + "/disable", null)
                .andExpect(jsonPath("$.enabled").value(false));
        api.withKey(counter).post("/api/v1/devices/heartbeat", null).andExpect(status().isUnauthorized());
    }

    @Test
    void a_device_is_registered_once_at_an_existing_unit_by_staff_who_manage_that_unit() throws Exception {
        String key = register("SCH", LIBRARY_24H);
        String code = codeOf(key);
        api.as("demo-admin").post("/api/v1/devices", """
                {"code": "%s", "kind": "SCH", "unitCode": "%s"}""".formatted(code, LIBRARY_24H))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("DEVICE_CODE_TAKEN"));
        api.as("demo-admin").post("/api/v1/devices", """
                {"code": "T-NOWHERE-1", "kind": "SCH", "unitCode": "NOWHERE"}""")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("UNKNOWN_UNIT"));
        api.as("demo-admin").post("/api/v1/devices", """
                {"code": "T-BAD-KIND", "kind": "TOASTER", "unitCode": "%s"}""".formatted(LIBRARY_24H))
                .andExpect(status().isBadRequest());
        api.as("demo-admin").post("/api/v1/devices", """
                {"code": "T-SIP-1", "kind": "SCH", "unitCode": "%s", "sip2Login": "no-such-login"}"""
                        .formatted(LIBRARY_24H))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("SIP2_ACCOUNT_UNKNOWN"));
        api.as("demo-wenyue").post("/api/v1/devices", """
                {"code": "T-ELSEWHERE", "kind": "SCH", "unitCode": "%s"}""".formatted(LIBRARY_24H))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from device where code in ('T-NOWHERE-1', 'T-BAD-KIND', 'T-SIP-1', "
                + "'T-ELSEWHERE')").query(Integer.class).single()).isZero();

        String replaced = JsonPath.read(api.as("demo-admin").post("/api/v1/devices/" + code + "/keys", null)
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.apiKey");
        api.withKey(key).post("/api/v1/devices/heartbeat", null).andExpect(status().isUnauthorized());
        api.withKey(replaced).post("/api/v1/devices/heartbeat", null).andExpect(status().isOk());
    }

    @Test
    void a_card_issuing_machine_registers_a_reader_on_credit_or_on_a_deposit_and_nothing_without_either()
            throws Exception {
        String key = register("REG", "TLLIB");
        String onCredit = TestReaders.identityNumber();
        api.withKey(key).post("/api/v1/devices/registrations", """
                        {"name": "自助办证", "identityNumber": "%s", "pin": "246810", "creditConsent": true}"""
                        .formatted(onCredit))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.reader.borrowingBasis").value("CREDIT"))
                .andExpect(jsonPath("$.reader.homeUnit").value("TLLIB"))
                .andExpect(jsonPath("$.reader.pinSet").value(true))
                .andExpect(jsonPath("$.credit.approved").value(true));

        String neither = TestReaders.identityNumber();
        api.withKey(key).post("/api/v1/devices/registrations", """
                        {"name": "没有押金", "identityNumber": "%s", "creditConsent": false}""".formatted(neither))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("DEPOSIT_OR_CREDIT_REQUIRED"));
        assertThat(jdbc.sql("select count(*) from reader where name = '没有押金'").query(Integer.class).single())
                .as("nothing registered").isZero();

        api.withKey(key).post("/api/v1/devices/registrations", """
                        {"name": "押金读者", "identityNumber": "%s", "depositCents": 10000}""".formatted(neither))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.reader.borrowingBasis").value("DEPOSIT"))
                .andExpect(jsonPath("$.reader.depositCents").value(10000));

        api.withKey(key).post("/api/v1/devices/registrations", """
                        {"name": "押金读者", "identityNumber": "%s", "depositCents": 10000}""".formatted(neither))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("IDENTITY_ALREADY_REGISTERED"));

        String gate = register("POR", LIBRARY_24H);
        api.withKey(gate).post("/api/v1/devices/registrations", """
                        {"name": "门禁办证", "identityNumber": "%s", "creditConsent": true}"""
                        .formatted(TestReaders.identityNumber()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("DEVICE_CANNOT"));
    }
    @Test
    void staff_make_sip2_accounts_for_their_units_and_the_password_is_never_shown() throws Exception {
        String login = "kiosk-" + System.nanoTime() % 1_000_000;
        api.as("demo-admin").post("/api/v1/sip2-accounts", """
                        {"login": "%s", "password": "short", "unitCode": "%s"}""".formatted(login, LIBRARY_24H))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("SIP2_PASSWORD_UNFIT"));
        api.as("demo-admin").post("/api/v1/sip2-accounts", """
                        {"login": "%s", "password": "long-enough", "unitCode": "%s", "encoding": "EBCDIC"}"""
                        .formatted(login, LIBRARY_24H))
                .andExpect(status().isBadRequest());
        api.as("demo-wenyue").post("/api/v1/sip2-accounts", """
                        {"login": "%s", "password": "long-enough", "unitCode": "%s"}""".formatted(login, LIBRARY_24H))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from sip2_account where login = :l").param("l", login)
                .query(Integer.class).single()).isZero();

        api.as("demo-admin").post("/api/v1/sip2-accounts", """
                        {"login": "%s", "password": "long-enough", "unitCode": "%s", "encoding": "GB18030",
                         "mayCheckOut": false, "language": "en"}""".formatted(login, LIBRARY_24H))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.encoding").value("GB18030"))
                .andExpect(jsonPath("$.mayCheckOut").value(false))
                .andExpect(jsonPath("$.password").doesNotExist())
                .andExpect(jsonPath("$.passwordHash").doesNotExist());
        api.as("demo-admin").post("/api/v1/sip2-accounts/" + login + "/disable", null)
                .andExpect(status().isNoContent());
        api.as("demo-admin").get("/api/v1/sip2-accounts")
                .andExpect(jsonPath("$[?(@.login == '" + login + "')].enabled").value(Matchers.contains(false)));
    }
}
