package org.shuxiang.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for items and call numbers. */
@Repository
class ItemRepository {

    private final JdbcClient jdbc;

    ItemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Item item) {
        jdbc.sql("""
                        insert into item (barcode, record_id, owning_unit, current_unit, shelving_location, item_type,
                                          price, acquired_on, status, call_number)
                        values (:barcode, :recordId, :owningUnit, :currentUnit, :location, :type, :price, :acquiredOn,
                                :status, :callNumber)""")
                .params(columns(item))
                .update();
    }

    void update(Item item) {
        jdbc.sql("""
                        update item set owning_unit = :owningUnit, current_unit = :currentUnit,
                               shelving_location = :location, item_type = :type, price = :price,
                               acquired_on = :acquiredOn, status = :status, call_number = :callNumber,
                               updated_at = now(), version = version + 1
                        where upper(barcode) = upper(:barcode)""")
                .params(columns(item))
                .update();
    }

    /** The item, locked for the rest of the transaction so that two changes do not cross. */
    Optional<Item> findForUpdate(String barcode) {
        return jdbc.sql("select * from item where upper(barcode) = upper(:barcode) for update")
                .param("barcode", barcode).query(ItemRepository::item).optional();
    }

    Optional<Item> find(String barcode) {
        return jdbc.sql("select * from item where upper(barcode) = upper(:barcode)")
                .param("barcode", barcode).query(ItemRepository::item).optional();
    }

    List<Item> findByRecord(long recordId) {
        return jdbc.sql("select * from item where record_id = :id order by owning_unit, barcode")
                .param("id", recordId).query(ItemRepository::item).list();
    }

    boolean barcodeTaken(String barcode) {
        return jdbc.sql("select exists(select 1 from item where upper(barcode) = upper(:barcode))")
                .param("barcode", barcode).query(Boolean.class).single();
    }

    /** Locks the record and returns its call number, if it has one yet. */
    Optional<String> lockRecordCallNumber(long recordId) {
        return jdbc.sql("select call_number from bib_record where id = :id for update")
                .param("id", recordId).query((rs, n) -> Optional.ofNullable(rs.getString(1))).single();
    }

    Optional<String> recordCallNumber(long recordId) {
        return jdbc.sql("select call_number from bib_record where id = :id").param("id", recordId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(o -> o);
    }

    void setRecordCallNumber(long recordId, String callNumber) {
        jdbc.sql("update bib_record set call_number = :callNumber where id = :id")
                .param("id", recordId).param("callNumber", callNumber).update();
    }

    /** Draws the next 种次号 of a class: one atomic upsert, safe under concurrent cataloguing. */
    int nextSequenceNumber(String classNumber) {
        return jdbc.sql("""
                        insert into call_number_counter (class_number, last_number) values (:class, 1)
                        on conflict (class_number)
                        do update set last_number = call_number_counter.last_number + 1
                        returning last_number""")
                .param("class", classNumber).query(Integer.class).single();
    }

    BookNumberScheme bookNumberScheme() {
        return jdbc.sql("select value from catalog_setting where name = 'book_number_scheme'")
                .query(String.class).optional().map(BookNumberScheme::valueOf).orElse(BookNumberScheme.SEQUENCE);
    }

    private static Map<String, Object> columns(Item item) {
        Map<String, Object> p = new HashMap<>();
        p.put("barcode", item.barcode());
        p.put("recordId", item.recordId());
        p.put("owningUnit", item.owningUnit());
        p.put("currentUnit", item.currentUnit());
        p.put("location", item.shelvingLocation());
        p.put("type", item.type().name());
        p.put("price", item.price());
        p.put("acquiredOn", item.acquiredOn());
        p.put("status", item.status().name());
        p.put("callNumber", item.callNumber());
        return p;
    }

    private static Item item(ResultSet rs, int row) throws SQLException {
        return new Item(rs.getString("barcode"), rs.getLong("record_id"), rs.getString("owning_unit"),
                rs.getString("current_unit"), rs.getString("shelving_location"),
                ItemType.valueOf(rs.getString("item_type")), rs.getBigDecimal("price"),
                rs.getObject("acquired_on", LocalDate.class), ItemStatus.valueOf(rs.getString("status")),
                rs.getString("call_number"));
    }
}
