package org.shuxiang.circulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.LibraryTest;
import org.shuxiang.TestReaders;
import org.shuxiang.catalog.ItemType;
import org.shuxiang.catalog.ManagingItems;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.platform.RefusedException;
import org.springframework.beans.factory.annotation.Autowired;

/** Borrow anywhere, return anywhere: checkouts, checkins with routing and fees, renewals, the policy matrix. */
@IntegrationTest
class CirculationApiTest extends LibraryTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static long record;





    @Autowired
    OrgUnits units;

    @Autowired
    Circulating circulating;

    @Autowired
    javax.sql.DataSource dataSource;

    @BeforeEach
    void aRecord() {
        if (record == 0) {
            record = jdbc.sql("""
                    insert into bib_record (flavour, leader, fields, title, clc_number)
                    values ('CNMARC', '00000nam0 2200000   450 ', '[]', '围城', 'I246.57') returning id""")
                    .query(Long.class).single();
        }
    }

    private String item(String barcode, ItemType type) {
        access.asSystem("test", () -> items.add(record, List.of(new ManagingItems.NewItem(barcode, "TGQ-B01", null, null,
                type, null, null, "I246.57/1"))));
        return barcode;
    }

    /** A new reader at TGQ-B01 with a card of its own; returns the card number. */
    private String reader(String cardType) throws Exception {
        return TestReaders.register(api, "demo-desk", cardType, "TGQ-B01");
    }

    private String checkout(String card, String barcode) {
        return """
                {"cardNumber": "%s", "barcode": "%s", "unit": "TGQ-B01"}""".formatted(card, barcode);
    }

    private long readerOf(String card) {
        return TestReaders.idOf(jdbc, card);
    }

    @Test
    void a_checkout_lends_the_item_until_a_day_the_lending_unit_is_open() throws Exception {
        String card = reader("ADULT");
        String barcode = item("C-OUT-0001", ItemType.BOOK);
        LocalDate expected = units.nextOpenDay("TGQ-B01", LocalDate.now(SHANGHAI).plusDays(30)).orElseThrow();
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, barcode))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.loan.dueOn").value(expected.toString()))
                .andExpect(jsonPath("$.loan.title").value("围城"))
                .andExpect(jsonPath("$.ruleNote").value("全网默认"));
        assertThat(jdbc.sql("select status from item where barcode = :b").param("b", barcode).query(String.class)
                .single()).isEqualTo("ON_LOAN");
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(reader("ADULT"), barcode))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ITEM_ALREADY_ON_LOAN"));
    }

    @Test
    void reference_books_expired_replaced_blocked_and_reading_only_cards_are_refused_with_their_reason()
            throws Exception {
        String card = reader("ADULT");
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, item("C-REF-0001", ItemType.REFERENCE)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ITEM_NOT_LOANABLE"));
        String book = item("C-REF-0002", ItemType.BOOK);
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(reader("READING_ONLY"), book))
                .andExpect(jsonPath("$.code").value("CARD_DOES_NOT_BORROW"));
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout("NOSUCHCARD", book))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("CARD_UNKNOWN"));

        long reader = readerOf(card);
        api.as("demo-desk").post("/api/v1/readers/" + reader + "/blocks", """
                {"reason": "逾期未还"}""").andExpect(status().isOk());
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, book))
                .andExpect(jsonPath("$.code").value("READER_BLOCKED"));

        String other = reader("ADULT");
        api.as("demo-desk").post("/api/v1/readers/" + readerOf(other) + "/card-replacements", "{}")
                .andExpect(status().isOk());
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(other, book))
                .andExpect(jsonPath("$.code").value("CARD_REPLACED"));

        String old = reader("ADULT");
        jdbc.sql("update reader set expires_on = current_date - 1 where id = :id").param("id", readerOf(old)).update();
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(old, book))
                .andExpect(jsonPath("$.code").value("CARD_EXPIRED"));
        assertThat(jdbc.sql("select count(*) from loan l join item i on i.id = l.item_id where i.barcode = :b")
                .param("b", book).query(Long.class).single()).isZero();
    }

    @Test
    void a_book_returned_elsewhere_is_sent_home_and_one_returned_late_costs_its_fee() throws Exception {
        String card = reader("ADULT");
        String barcode = item("C-RET-0001", ItemType.BOOK);
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, barcode)).andExpect(status().isCreated());
        jdbc.sql("update loan set due_on = current_date - 15 where reader_id = :r").param("r", readerOf(card)).update();
        api.as("demo-central").post("/api/v1/circulation/checkins", """
                {"barcode": "c-ret-0001", "unit": "YAQ-B01"}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.routing").value("SEND_TO_OWNER"))
                .andExpect(jsonPath("$.destination").value("TGQ-B01"))
                .andExpect(jsonPath("$.destinationName").value("铜官区天井湖街道分馆"))
                .andExpect(jsonPath("$.daysLate").value(15))
                .andExpect(jsonPath("$.feeCents").value(150));
        assertThat(jdbc.sql("select status || ' ' || current_unit from item where barcode = :b").param("b", barcode)
                .query(String.class).single()).isEqualTo("IN_TRANSIT YAQ-B01");
        assertThat(jdbc.sql("select amount_cents from fee where reader_id = :r").param("r", readerOf(card))
                .query(Integer.class).single()).isEqualTo(150);
        api.as("demo-central").post("/api/v1/circulation/checkins", """
                {"barcode": "C-RET-0001", "unit": "YAQ-B01"}""")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ITEM_NOT_ON_LOAN"));
    }

    @Test
    void a_book_returned_at_its_owner_goes_back_on_the_shelf_and_a_floating_one_stays_where_it_is_returned()
            throws Exception {
        String card = reader("ADULT");
        String home = item("C-RET-0002", ItemType.BOOK);
        String floating = item("C-RET-0003", ItemType.BOOK);
        jdbc.sql("update item set floating = true where barcode = :b").param("b", floating).update();
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, home)).andExpect(status().isCreated());
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, floating)).andExpect(status().isCreated());
        api.as("demo-desk").post("/api/v1/circulation/checkins", """
                {"barcode": "C-RET-0002", "unit": "TGQ-B01"}""")
                .andExpect(jsonPath("$.routing").value("RESHELVE")).andExpect(jsonPath("$.feeCents").value(0));
        api.as("demo-central").post("/api/v1/circulation/checkins", """
                {"barcode": "C-RET-0003", "unit": "YAQ-B01"}""")
                .andExpect(jsonPath("$.routing").value("STAY_HERE")).andExpect(jsonPath("$.destination").value("YAQ-B01"));
        assertThat(jdbc.sql("select status || ' ' || current_unit from item where barcode = :b").param("b", floating)
                .query(String.class).single()).isEqualTo("AVAILABLE YAQ-B01");
    }

    @Test
    void a_loan_is_renewed_as_often_as_its_rule_allows() throws Exception {
        String card = reader("ADULT");
        String body = api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, item("C-REN-0001",
                ItemType.BOOK))).andReturn().getResponse().getContentAsString();
        long loan = ((Number) JsonPath.read(body, "$.loan.id")).longValue();
        api.as("demo-desk").post("/api/v1/circulation/loans/" + loan + "/renewals", "")
                .andExpect(status().isOk()).andExpect(jsonPath("$.renewals").value(1));
        api.as("demo-desk").post("/api/v1/circulation/loans/" + loan + "/renewals", "")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("RENEWALS_USED"));
        api.as("demo-desk").post("/api/v1/circulation/renewals", """
                {"cardNumber": "%s"}""".formatted(card))
                .andExpect(jsonPath("$.renewed").isEmpty())
                .andExpect(jsonPath("$.refused.C-REN-0001").value("RENEWALS_USED"));
    }

    @Test
    void a_repeated_request_returns_the_first_loan_instead_of_lending_twice() throws Exception {
        String card = reader("ADULT");
        String barcode = item("C-IDEM-0001", ItemType.BOOK);
        String first = api.as("demo-desk").post("/api/v1/circulation/checkouts", """
                {"cardNumber": "%s", "barcode": "%s", "unit": "TGQ-B01", "requestId": "kiosk-7-000123"}"""
                .formatted(card, barcode)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        api.as("demo-desk").post("/api/v1/circulation/checkouts", """
                {"cardNumber": "%s", "barcode": "%s", "unit": "TGQ-B01", "requestId": "kiosk-7-000123"}"""
                .formatted(card, barcode)).andExpect(status().isOk())
                .andExpect(jsonPath("$.loan.id").value(((Number) JsonPath.read(first, "$.loan.id")).intValue()))
                .andExpect(jsonPath("$.repeated").value(true));
    }

    @Test
    void a_main_library_rule_overrides_the_network_default_and_the_explanation_says_why() throws Exception {
        api.as("demo-desk").post("/api/v1/circulation/rules", """
                {"unitCode": "TGQ", "cardType": "ELDERLY", "loanDays": 60, "renewals": 2, "renewalDays": 30,
                 "maxLoans": 1, "maxHolds": 5, "dailyFeeCents": 0, "feeCapCents": 0}""")
                .andExpect(status().isForbidden());
        api.as("demo-central").post("/api/v1/circulation/rules", """
                {"unitCode": "TGQ", "cardType": "ELDERLY", "loanDays": -3, "renewals": 2, "renewalDays": 30,
                 "maxLoans": 1, "maxHolds": 5, "dailyFeeCents": 0, "feeCapCents": 0}""")
                .andExpect(status().isBadRequest());
        api.as("demo-central").post("/api/v1/circulation/rules", """
                {"unitCode": "TGQ", "cardType": "ELDERLY", "loanDays": 60, "renewals": 2, "renewalDays": 30,
                 "maxLoans": 1, "maxHolds": 5, "dailyFeeCents": 0, "feeCapCents": 0, "note": "铜官区长者证"}""")
                .andExpect(status().isCreated());
        api.as("demo-central").post("/api/v1/circulation/rules", """
                {"unitCode": "TGQ", "cardType": "ELDERLY", "loanDays": 45, "renewals": 2, "renewalDays": 30,
                 "maxLoans": 1, "maxHolds": 5, "dailyFeeCents": 0, "feeCapCents": 0}""")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("RULE_CELL_TAKEN"));
        String card = reader("ELDERLY");
        String first = item("C-RULE-0001", ItemType.BOOK);
        api.as("demo-desk").get("/api/v1/circulation/policy/explain?card=" + card + "&barcode=" + first + "&unit=TGQ-B01")
                .andExpect(jsonPath("$.chosen.note").value("铜官区长者证"))
                .andExpect(jsonPath("$.unitPath[0]").value("TLLIB"))
                .andExpect(jsonPath("$.candidates[1].rule.note").value("全网默认"));
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, first))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.loan.dueOn").value(units.nextOpenDay("TGQ-B01",
                        LocalDate.now(SHANGHAI).plusDays(60)).orElseThrow().toString()));
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, item("C-RULE-0002", ItemType.BOOK)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("LOAN_LIMIT_REACHED"));
    }

    @Test
    void a_lost_book_costs_its_price_and_fees_over_the_limit_stop_borrowing_until_paid_or_waived() throws Exception {
        String card = reader("ADULT");
        long reader = readerOf(card);
        String lost = "C-LOST-0001";
        access.asSystem("test", () -> items.add(record, List.of(new ManagingItems.NewItem(lost, "TGQ-B01", null, null,
                ItemType.BOOK, new java.math.BigDecimal("42.50"), null, "I246.57/1"))));
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, lost)).andExpect(status().isCreated());
        api.as("demo-desk").post("/api/v1/circulation/lost-items", """
                {"barcode": "C-LOST-0001", "unit": "TGQ-B01"}""")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.kind").value("LOST"))
                .andExpect(jsonPath("$.amountCents").value(4250));
        assertThat(jdbc.sql("select status from item where barcode = :b").param("b", lost).query(String.class)
                .single()).isEqualTo("LOST");

        String next = item("C-LOST-0002", ItemType.BOOK);
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, next))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("FEES_OWED"));
        api.as("demo-desk").post("/api/v1/circulation/payments", """
                {"readerId": %d, "amountCents": 9999, "method": "CASH"}""".formatted(reader))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("PAYMENT_NOT_OWED"));
        api.as("demo-desk").post("/api/v1/circulation/payments", """
                {"readerId": %d, "amountCents": 3000, "method": "wechat", "reference": "WX20261128001"}"""
                .formatted(reader))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].paidCents").value(3000));
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, next))
                .andExpect(jsonPath("$.code").value("FEES_OWED"));
        long fee = jdbc.sql("select id from fee where reader_id = :r").param("r", reader).query(Long.class).single();
        api.as("demo-desk").post("/api/v1/circulation/fees/" + fee + "/waivers", """
                {"reason": ""}""").andExpect(status().isBadRequest());
        api.as("demo-desk").post("/api/v1/circulation/fees/" + fee + "/waivers", """
                {"reason": "读者家中失火，馆长批准减免"}""")
                .andExpect(status().isOk()).andExpect(jsonPath("$.waivedCents").value(1250));
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, next)).andExpect(status().isCreated());
        api.as("demo-desk").get("/api/v1/circulation/fees?readerId=" + reader)
                .andExpect(jsonPath("$[0].amountCents").value(4250)).andExpect(jsonPath("$[0].barcode").value(lost));
        assertThat(jdbc.sql("select count(*) from audit_event where action in ('FEE_PAID', 'FEE_WAIVED') "
                + "and (target_type = 'READER' and target_id = :r or target_type = 'FEE' and target_id = :f)")
                .param("r", Long.toString(reader))
                .param("f", Long.toString(fee)).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void under_a_rule_with_suspension_days_a_late_return_suspends_instead_of_charging() throws Exception {
        api.as("demo-central").post("/api/v1/circulation/rules", """
                {"unitCode": "TGQ-B01", "cardType": "DISABLED", "loanDays": 30, "renewals": 1, "renewalDays": 30,
                 "maxLoans": 10, "maxHolds": 5, "dailyFeeCents": 10, "feeCapCents": 1000, "suspensionDays": 2,
                 "note": "停借代替罚款"}""").andExpect(status().isCreated());
        String card = reader("DISABLED");
        long reader = readerOf(card);
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, item("C-SUSP-0001", ItemType.BOOK)))
                .andExpect(status().isCreated());
        jdbc.sql("update loan set due_on = current_date - 3 where reader_id = :r").param("r", reader).update();
        api.as("demo-desk").post("/api/v1/circulation/checkins", """
                {"barcode": "C-SUSP-0001", "unit": "TGQ-B01"}""").andExpect(jsonPath("$.feeCents").value(0));
        api.as("demo-desk").get("/api/v1/readers/" + reader)
                .andExpect(jsonPath("$.blocks[0].kind").value("SUSPENSION"))
                .andExpect(jsonPath("$.blocks[0].until").value(LocalDate.now(SHANGHAI).plusDays(6).toString()));
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, item("C-SUSP-0002", ItemType.BOOK)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("READER_BLOCKED"));
    }

    @Test
    void a_loan_keeps_the_terms_of_a_rule_removed_after_it_was_made_and_rules_and_units_are_never_deleted()
            throws Exception {
        String created = api.as("demo-central").post("/api/v1/circulation/rules", """
                {"unitCode": "TGQ-B01", "cardType": "ELDERLY", "loanDays": 30, "renewals": 1, "renewalDays": 30,
                 "maxLoans": 10, "maxHolds": 5, "dailyFeeCents": 20, "feeCapCents": 1000, "note": "老年证"}""")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long rule = ((Number) JsonPath.read(created, "$.id")).longValue();
        String card = reader("ELDERLY");
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, item("C-KEPT-0001", ItemType.BOOK)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.ruleId").value(rule));
        api.as("demo-central").delete("/api/v1/circulation/rules/" + rule).andExpect(status().isNoContent());
        api.as("demo-desk").get("/api/v1/circulation/rules")
                .andExpect(jsonPath("$[?(@.id == " + rule + ")]").isEmpty());
        api.as("demo-central").post("/api/v1/circulation/rules", """
                {"unitCode": "TGQ-B01", "cardType": "ELDERLY", "loanDays": 30, "renewals": 1, "renewalDays": 30,
                 "maxLoans": 10, "maxHolds": 5, "dailyFeeCents": 30, "feeCapCents": 1000}""")
                .andExpect(status().isCreated()); // the cell takes a new rule
        jdbc.sql("update loan set due_on = current_date - 5 where reader_id = :r").param("r", readerOf(card)).update();
        // 5 days late at the removed rule's 0.20 元 a day: not the new rule's 0.30, nor the network default's 0.10
        api.as("demo-desk").post("/api/v1/circulation/checkins", """
                {"barcode": "C-KEPT-0001", "unit": "TGQ-B01"}""").andExpect(jsonPath("$.feeCents").value(100));
        assertThatThrownBy(() -> jdbc.sql("delete from loan_rule where id = :id").param("id", rule).update())
                .hasMessageContaining("kept");
        assertThatThrownBy(() -> jdbc.sql("delete from org_unit where code = 'TGQ-B01'").update())
                .hasMessageContaining("kept");
    }

    @Test
    void a_reader_with_three_overdue_books_returns_them_before_borrowing_more() throws Exception {
        String card = reader("ADULT");
        for (int i = 1; i <= 3; i++) {
            api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, item("C-OVER-000" + i,
                    ItemType.BOOK))).andExpect(status().isCreated());
        }
        jdbc.sql("update loan set due_on = current_date - 1 where reader_id = :r").param("r", readerOf(card)).update();
        api.as("demo-desk").post("/api/v1/circulation/checkouts", checkout(card, item("C-OVER-0004", ItemType.BOOK)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("TOO_MANY_OVERDUE"));
    }

    @Test
    void a_main_library_changes_and_removes_its_own_rules_but_the_network_default_stays() throws Exception {
        String created = api.as("demo-yian").post("/api/v1/circulation/rules", """
                {"unitCode": "YAQ", "cardType": "GROUP", "loanDays": 60, "renewals": 1, "renewalDays": 30,
                 "maxLoans": 40, "maxHolds": 10, "dailyFeeCents": 10, "feeCapCents": 1000}""")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        api.as("demo-yian").put("/api/v1/circulation/rules/" + id, """
                {"loanDays": 90, "renewals": 1, "renewalDays": 30, "maxLoans": 40, "maxHolds": 10,
                 "dailyFeeCents": 10, "feeCapCents": 1000, "note": "义安区集体证"}""")
                .andExpect(status().isOk()).andExpect(jsonPath("$.loanDays").value(90))
                .andExpect(jsonPath("$.unitCode").value("YAQ"));
        long network = jdbc.sql("select id from loan_rule where card_type is null and item_type is null "
                + "and unit_code is null").query(Long.class).single();
        api.as("demo-yian").put("/api/v1/circulation/rules/" + network, """
                {"loanDays": 90, "renewals": 1, "renewalDays": 30, "maxLoans": 40, "maxHolds": 10,
                 "dailyFeeCents": 10, "feeCapCents": 1000}""").andExpect(status().isForbidden());
        api.as("demo-admin").delete("/api/v1/circulation/rules/" + network)
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("DEFAULT_RULE_KEPT"));
        api.as("demo-yian").delete("/api/v1/circulation/rules/" + id).andExpect(status().isNoContent());
        api.as("demo-yian").delete("/api/v1/circulation/rules/" + id).andExpect(status().isNotFound());
    }

    @Test
    void two_desks_lending_one_item_at_once_make_exactly_one_loan() throws Exception {
        String barcode = item("C-RACE-0001", ItemType.BOOK);
        List<String> cards = List.of(reader("ADULT"), reader("ADULT"), reader("ADULT"), reader("ADULT"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> outcomes = new ArrayList<>();
        for (String card : cards) {
            Callable<String> attempt = () -> access.asSystem("desk", () -> {
                try {
                    circulating.checkout(card, barcode, "TGQ-B01", null);
                    return "LENT";
                } catch (RefusedException e) {
                    return e.refusal().name();
                }
            });
            outcomes.add(pool.submit(attempt));
        }
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            results.add(outcome.get());
        }
        pool.shutdown();
        assertThat(results).containsOnlyOnce("LENT");
        assertThat(results).filteredOn(r -> !r.equals("LENT")).containsOnly("ITEM_ALREADY_ON_LOAN");
        assertThat(jdbc.sql("select count(*) from loan l join item i on i.id = l.item_id where i.barcode = :b")
                .param("b", barcode).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_return_whose_book_was_taken_back_and_lent_again_meanwhile_ends_the_new_loan_under_its_borrowers_lock()
            throws Exception {
        String barcode = item("C-RACE-0002", ItemType.BOOK);
        String first = reader("ADULT");
        String second = reader("ADULT");
        long firstLoan = access.asSystem("desk", () -> circulating.checkout(first, barcode, "TGQ-B01", null)).loan().id();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Circulating.Checkin> returned;
        // another desk holds the copy: the return locks the first borrower, then waits for the copy
        try (Connection desk = dataSource.getConnection()) {
            desk.setAutoCommit(false);
            try (Statement statement = desk.createStatement()) {
                statement.execute("select 1 from item where barcode = '" + barcode + "' for update");
                returned = pool.submit(() -> access.asSystem("kiosk", () -> circulating.checkin(barcode, "TGQ-B01")));
                long waiting = 0;
                for (int i = 0; i < 200 && waiting == 0; i++) {
                    Thread.sleep(25);
                    waiting = jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                            + "and datname = current_database()").query(Long.class).single();
                }
                assertThat(waiting).as("the return waits for the copy").isEqualTo(1);
                // meanwhile that desk takes the book back and lends it to the second reader
                statement.execute("update loan set returned_at = now(), return_unit = 'TGQ-B01' where id = " + firstLoan);
                statement.execute("""
                        insert into loan (item_id, reader_id, card_number, lending_unit, rule_id, checked_out_at, due_on)
                        select item_id, %d, '%s', lending_unit, rule_id, now(), current_date + 30 from loan where id = %d"""
                        .formatted(readerOf(second), second, firstLoan));
            }
            desk.commit();
        }
        Circulating.Checkin checkin = returned.get(10, java.util.concurrent.TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(checkin.loan().readerId()).as("the loan open when the copy was locked").isEqualTo(readerOf(second));
        assertThat(checkin.loan().id()).isNotEqualTo(firstLoan);
        assertThat(checkin.loan().barcode()).isEqualTo(barcode);
        assertThat(checkin.loan().title()).isEqualTo("围城");
        assertThat(jdbc.sql("select count(*) from loan l join item i on i.id = l.item_id where i.barcode = :b "
                + "and l.returned_at is null").param("b", barcode).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select status from item where barcode = :b").param("b", barcode).query(String.class)
                .single()).isEqualTo("AVAILABLE");
    }
}
