package org.shuxiang.demo;

import java.util.List;

import org.shuxiang.circulation.Circulating;
import org.shuxiang.holds.Holds;
import org.shuxiang.patrons.CardType;
import org.shuxiang.patrons.ManagingReaders;
import org.shuxiang.patrons.Reader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo readers of every card type (PIN 123456 for all), with loans, an overdue loan, a fee and holds in
 * progress, made through the same use cases as a desk would use; only the dates are moved back in SQL
 * so that a loan is overdue today.
 */
@Component
class DemoReaders {

    static final String PIN = "123456";
    private static final Logger log = LoggerFactory.getLogger(DemoReaders.class);

    /** The demo readers: card number, name, card type, identity card number (none for the group card), home unit. */
    record DemoReader(String card, String name, CardType type, String identity, String homeUnit) {
    }

    static final List<DemoReader> READERS = List.of(
            new DemoReader("TL20000001", "王芳", CardType.ADULT, "340702198805160024", "TGQ-B01"),
            new DemoReader("TL20000002", "陈静", CardType.ADULT, "340705198209230048", "YAQ-B01"),
            new DemoReader("TL20000003", "陈小明", CardType.CHILD, "340705201706110017", "YAQ-B01"),
            new DemoReader("TL20000004", "张德顺", CardType.ELDERLY, "340721194603020016", "TLLIB"),
            new DemoReader("TL20000005", "李明", CardType.DISABLED, "340702197511080032", "TGQ-B01"),
            new DemoReader("TL20000006", "铜陵市第一中学", CardType.GROUP, null, "TGQ"),
            new DemoReader("TL20000007", "赵敏", CardType.READING_ONLY, "340702199901010055", "TLLIB"));

    private final ManagingReaders readers;
    private final Circulating circulating;
    private final Holds holds;
    private final JdbcClient jdbc;

    DemoReaders(ManagingReaders readers, Circulating circulating, Holds holds, JdbcClient jdbc) {
        this.readers = readers;
        this.circulating = circulating;
        this.holds = holds;
        this.jdbc = jdbc;
    }

    void load() {
        Long guardian = null;
        for (DemoReader r : READERS) {
            Reader reader = readers.register(new ManagingReaders.Registration(r.name(), r.identity(), null, null,
                    r.homeUnit(), r.type(), r.type() == CardType.CHILD ? guardian : null, r.card(), PIN, null));
            if (r.card().equals("TL20000002")) {
                guardian = reader.id();
            }
            if (r.type() == CardType.GROUP) {
                readers.payDeposit(reader.id(), 30_000);
            } else if (r.type() != CardType.READING_ONLY) {
                readers.checkCredit(reader.id(), true);
            }
        }
        // 王芳 has two books out, one of them overdue; 陈小明 a children's book; the school a box of books
        List<String> available = jdbc.sql("""
                        select barcode from (select distinct on (record_id) barcode from item
                                             where status = 'AVAILABLE' and item_type in ('BOOK', 'CHILDRENS_BOOK')
                                             order by record_id, barcode) one_a_title
                        order by barcode limit 12""").query(String.class).list();
        if (available.size() < 8) {
            return;
        }
        circulating.checkout("TL20000001", available.get(0), "TGQ-B01", "demo-1");
        circulating.checkout("TL20000001", available.get(1), "TGQ-B01", "demo-2");
        circulating.checkout("TL20000003", available.get(2), "YAQ-B01", "demo-3");
        for (int i = 3; i < 7; i++) {
            circulating.checkout("TL20000006", available.get(i), "TGQ", "demo-" + (i + 1));
        }
        jdbc.sql("update loan set due_on = current_date - 5, checked_out_at = now() - interval '35 days' "
                + "where request_id = 'demo-2'").update();
        // 张德顺 returned a book 12 days late: a fee of 1.20 元 to pay
        circulating.checkout("TL20000004", available.get(7), "TLLIB", "demo-8");
        jdbc.sql("update loan set due_on = current_date - 12 where request_id = 'demo-8'").update();
        circulating.checkin(available.get(7), "TLLIB");
        // holds: 王芳 waits for 三体 at her branch; 张德顺 for 活着 at the central library
        holdByTitle("TL20000001", "三体", "TGQ-B01");
        holdByTitle("TL20000004", "活着", "TLLIB");
        log.info("Loaded {} demo readers (cards {} to {}, PIN {}) with loans, an overdue loan, a fee and holds",
                READERS.size(), READERS.get(0).card(), READERS.get(READERS.size() - 1).card(), PIN);
    }

    private void holdByTitle(String card, String title, String pickup) {
        jdbc.sql("select id from bib_record where title = :t order by id limit 1").param("t", title).query(Long.class)
                .optional().ifPresent(record -> holds.place(card, record, null, pickup));
    }
}
