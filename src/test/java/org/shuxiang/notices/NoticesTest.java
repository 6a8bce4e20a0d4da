package org.shuxiang.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shuxiang.IntegrationTest;
import org.shuxiang.LibraryTest;
import org.shuxiang.TestReaders;
import org.shuxiang.catalog.ItemType;
import org.springframework.beans.factory.annotation.Autowired;

/** Readers get their notices by email, each once, even when two nodes run the job at the same moment. */
@IntegrationTest
class NoticesTest extends LibraryTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);





    @Autowired
    Notices notices;

    private List<String> subjectsTo(String address) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(address)) {
                subjects.add(message.getSubject());
            }
        }
        return subjects;
    }

    @Test
    void a_loan_due_soon_then_overdue_and_a_hold_ready_each_send_one_email_whatever_runs_the_job() throws Exception {
        long record = record("朝花夕拾");
        copy(record, "NOTE-0001", "TLLIB", ItemType.BOOK);
        copy(record, "NOTE-0002", "TLLIB", ItemType.BOOK);
        String card = TestReaders.register(api, "demo-central", "ADULT", "TLLIB");
        long reader = TestReaders.idOf(jdbc, card);
        api.as("demo-central").patch("/api/v1/readers/" + reader, """
                {"email": "wangfang@example.cn"}""").andExpect(status().isOk());
        api.as("demo-central").post("/api/v1/circulation/checkouts", """
                {"cardNumber": "%s", "barcode": "NOTE-0001", "unit": "TLLIB"}""".formatted(card))
                .andExpect(status().isCreated());
        jdbc.sql("update loan set due_on = current_date + 2 where reader_id = :r").param("r", reader).update();

        // two nodes run the job at the same moment
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        List<Future<Integer>> runs = List.of(nodes.submit(notices::runOnce), nodes.submit(notices::runOnce));
        for (Future<Integer> run : runs) {
            run.get();
        }
        nodes.shutdown();
        assertThat(subjectsTo("wangfang@example.cn")).containsExactly("【铜陵市图书馆】《朝花夕拾》将于 "
                + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(2) + " 到期");

        jdbc.sql("update loan set due_on = current_date - 1 where reader_id = :r").param("r", reader).update();
        notices.runOnce();
        notices.runOnce();
        assertThat(subjectsTo("wangfang@example.cn")).hasSize(2).last().asString().contains("已逾期");

        String body = api.as("demo-central").post("/api/v1/holds", """
                {"cardNumber": "%s", "recordId": %d, "pickupUnit": "TLLIB"}""".formatted(card, record))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(((Number) JsonPath.read(body, "$.id")).longValue()).isPositive();
        api.as("demo-central").post("/api/v1/holds/captures", """
                {"barcode": "NOTE-0002", "unit": "TLLIB"}""").andExpect(status().isOk());
        notices.runOnce();
        List<String> subjects = subjectsTo("wangfang@example.cn");
        assertThat(subjects).hasSize(3).last().asString().contains("已到馆");
        MimeMessage ready = mail.getReceivedMessages()[mail.getReceivedMessages().length - 1];
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(ready)).isNotBlank();
        assertThat(jdbc.sql("select count(*) from notice where reader_id = :r and status = 'SENT'").param("r", reader)
                .query(Long.class).single()).isEqualTo(3);
    }
}
