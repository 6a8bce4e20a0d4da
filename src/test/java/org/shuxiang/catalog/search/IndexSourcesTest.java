package org.shuxiang.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.LibraryTest;
import org.shuxiang.catalog.ItemType;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the tailer reads of a changed record without reading its copies: the database's digest of the
 * record's structure, which lending and returning leave alone and anything a document shows changes, and
 * where its copies are on the shelf.
 */
@IntegrationTest
class IndexSourcesTest extends LibraryTest {

    @Autowired
    IndexSources sources;

    private IndexSource light(long record) {
        List<IndexSource> found = sources.light(List.of(record));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private void set(String column, String value, String barcode) {
        jdbc.sql("update item set " + column + " = :v where barcode = :b").param("v", value).param("b", barcode)
                .update();
    }

    @Test
    void lending_returning_and_moving_a_copy_leave_the_structure_alone_and_change_where_it_is_on_the_shelf() {
        long record = record("围城");
        copy(record, "SRC-0001", "YAQ-B01", ItemType.BOOK);
        copy(record, "SRC-0002", "TLLIB", ItemType.BOOK);
        IndexSource before = light(record);
        assertThat(before.availableAt()).containsExactly("TLLIB", "YAQ-B01");
        assertThat(before.copies()).as("a light source reads no copy").isNull();
        assertThat(before.fields()).isNull();

        set("status", "ON_LOAN", "SRC-0001");
        assertThat(light(record).structure()).isEqualTo(before.structure());
        assertThat(light(record).availableAt()).containsExactly("TLLIB");

        set("status", "AVAILABLE", "SRC-0001");
        set("current_unit", "TLLIB", "SRC-0001");
        assertThat(light(record).structure()).isEqualTo(before.structure());
        assertThat(light(record).availableAt()).containsExactly("TLLIB");
    }

    @Test
    void a_new_copy_a_new_call_number_or_type_and_a_withdrawal_change_the_structure() {
        long record = record("边城");
        copy(record, "SRC-0101", "YAQ-B01", ItemType.BOOK);
        long first = light(record).structure();

        copy(record, "SRC-0102", "YAQ-B01", ItemType.BOOK);
        long twoCopies = light(record).structure();
        assertThat(twoCopies).isNotEqualTo(first);

        set("call_number", "I247.5/99", "SRC-0102");
        long called = light(record).structure();
        assertThat(called).isNotEqualTo(twoCopies);

        set("item_type", "CHILDRENS_BOOK", "SRC-0102");
        long typed = light(record).structure();
        assertThat(typed).isNotEqualTo(called);

        set("status", "WITHDRAWN", "SRC-0102");
        assertThat(light(record).structure()).as("withdrawn: as if it had never been added").isEqualTo(first);
    }

    @Test
    void a_record_without_copies_is_on_no_shelf_and_a_whole_source_carries_its_copies_and_fields() {
        long record = record("城南旧事");
        assertThat(light(record).availableAt()).isEmpty();

        copy(record, "SRC-0201", "YAQ-B01", ItemType.BOOK);
        List<IndexSource> whole = sources.whole(List.of(light(record)));
        assertThat(whole).singleElement().satisfies(source -> {
            assertThat(source.fields()).as("its fields, parsed from its MARC").isNotNull();
            assertThat(source.copies()).extracting(IndexSource.Copy::barcode).containsExactly("SRC-0201");
        });
    }

    @Test
    void a_record_that_no_longer_exists_has_no_source() {
        assertThat(sources.light(List.of(-1L))).isEmpty();
    }
}
