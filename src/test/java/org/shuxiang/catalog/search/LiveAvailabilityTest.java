package org.shuxiang.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.LibraryTest;
import org.shuxiang.catalog.CatalogSearch;
import org.shuxiang.catalog.ItemType;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Lending and returning change what searches find at once, through live values beside the index. Those
 * values reach the index itself when they are folded in, at a quiet moment; a commit between folds says
 * where to read them again from, so that a restart loses none.
 */
@IntegrationTest
class LiveAvailabilityTest extends LibraryTest {

    @Autowired
    SearchIndex index;

    @Autowired
    CatalogSearch search;

    private boolean onShelfAt(String unit, long record) {
        return search.search(new CatalogSearch.SearchRequest("", 0, 100, CatalogSearch.Sort.RELEVANCE, unit, null,
                null, null, null, null, null)).hits().stream().anyMatch(h -> h.id() == record);
    }

    private void setStatus(String barcode, String status) {
        jdbc.sql("update item set status = :s where barcode = :b").param("s", status).param("b", barcode).update();
    }

    @Test
    void a_loan_shows_at_once_without_touching_the_index_and_is_in_the_index_after_the_next_commit() {
        long record = record("长恨歌");
        copy(record, "LIVE-0001", "YAQ-B01", ItemType.BOOK);
        index.catchUp();
        assertThat(onShelfAt("YAQ-B01", record)).isTrue();

        setStatus("LIVE-0001", "ON_LOAN");
        index.catchUp();
        assertThat(index.liveAvailability()).as("lent: a live value, no document written").containsKey(record);
        assertThat(onShelfAt("YAQ-B01", record)).isFalse();

        index.commitNow();
        assertThat(index.liveAvailability()).as("folded into the index at the commit").doesNotContainKey(record);
        assertThat(onShelfAt("YAQ-B01", record)).as("now read from the index itself").isFalse();

        setStatus("LIVE-0001", "AVAILABLE");
        index.catchUp();
        assertThat(onShelfAt("YAQ-B01", record)).isTrue();
        index.commitNow();
        assertThat(index.liveAvailability()).doesNotContainKey(record);
        assertThat(onShelfAt("YAQ-B01", record)).isTrue();
    }

    @Test
    void a_record_whose_document_was_written_long_ago_is_found_in_the_index_and_lent_without_rewriting_it() {
        long record = record("红高粱家族");
        copy(record, "LIVE-0101", "YAQ-B01", ItemType.BOOK);
        copy(record, "LIVE-0102", "YAQ-B01", ItemType.BOOK);
        index.commitNow();
        index.forgetWrittenStructures();

        setStatus("LIVE-0101", "ON_LOAN");
        index.catchUp();
        assertThat(index.liveAvailability()).as("its structure read from the index: a live value")
                .containsKey(record);
        assertThat(onShelfAt("YAQ-B01", record)).as("one copy is still on the shelf").isTrue();
        setStatus("LIVE-0102", "ON_LOAN");
        index.catchUp();
        assertThat(onShelfAt("YAQ-B01", record)).isFalse();
    }

    @Test
    void a_loan_not_yet_folded_into_the_index_is_read_again_after_a_crash() throws Exception {
        long record = record("平凡的世界");
        copy(record, "LIVE-0201", "YAQ-B01", ItemType.BOOK);
        index.commitNow();
        setStatus("LIVE-0201", "ON_LOAN");
        long other = record("白鹿原"); // a new document: the commit that follows has something of its own to hold
        copy(other, "LIVE-0202", "YAQ-B01", ItemType.BOOK);
        index.commitKeepingLiveValues();
        assertThat(index.liveAvailability()).as("committed, not folded").containsKey(record);

        index.restartAfterCrash();
        index.catchUp();
        assertThat(onShelfAt("YAQ-B01", record)).as("the loan read again from the change log").isFalse();
        assertThat(onShelfAt("YAQ-B01", other)).isTrue();
    }
}
