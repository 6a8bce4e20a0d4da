package org.shuxiang;

import java.util.List;

import org.shuxiang.catalog.ItemType;
import org.shuxiang.catalog.ManagingItems;
import org.shuxiang.platform.AccessControl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the tests of the library's daily work share: the API, the database, and a quick way to put a
 * title with its copies on the shelves (records are inserted directly; copies go through the catalogue).
 */
public abstract class LibraryTest {

    @Autowired
    protected Api api;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected ManagingItems items;

    @Autowired
    protected AccessControl access;

    /** A bibliographic record with this title and nothing else; returns its id. */
    protected long record(String title) {
        return jdbc.sql("""
                insert into bib_record (flavour, leader, fields, title) values ('CNMARC', '00000nam0 2200000   450 ', '[]',
                :title) returning id""").param("title", title).query(Long.class).single();
    }

    /** A copy of the record, owned by and on the shelf at {@code unit}. */
    protected String copy(long record, String barcode, String unit, ItemType type) {
        return copy(record, barcode, unit, type, null);
    }

    protected String copy(long record, String barcode, String unit, ItemType type, java.math.BigDecimal price) {
        access.asSystem("test", () -> items.add(record, List.of(new ManagingItems.NewItem(barcode, unit, null, null,
                type, price, null, "I200/1"))));
        return barcode;
    }
}
