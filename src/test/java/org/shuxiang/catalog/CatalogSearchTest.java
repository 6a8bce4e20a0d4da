package org.shuxiang.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shuxiang.Api;
import org.shuxiang.IntegrationTest;
import org.shuxiang.catalog.marc.Iso2709Writer;
import org.shuxiang.catalog.marc.MarcEncoding;
import org.shuxiang.catalog.marc.MarcRecord;
import org.shuxiang.catalog.search.SearchIndex;
import org.shuxiang.platform.AccessControl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Searching in Chinese and pinyin, by ISBN, barcode and call number, with facets and availability. */
@IntegrationTest
class CatalogSearchTest {

    private static final String SANTI_ISBN = "9787536692930";
    private static boolean loaded;

    @Autowired
    Api api;

    @Autowired
    MockMvc mvc;

    @Autowired
    ImportingRecords importing;

    @Autowired
    ManagingItems items;

    @Autowired
    AccessControl access;

    @Autowired
    SearchIndex index;

    @Autowired
    JdbcClient jdbc;

    private static MarcRecord cnmarc(String isbn, String title, String author, String publisher, String year,
                                     String clc) {
        return new MarcRecord("00000nam0 2200000   450 ", List.of(
                new MarcRecord.DataField("010", ' ', ' ', List.of(new MarcRecord.Subfield('a', isbn))),
                new MarcRecord.DataField("100", ' ', ' ', List.of(new MarcRecord.Subfield('a',
                        year + "0101d" + year + "    em y0chiy50      ea"))),
                new MarcRecord.DataField("101", '0', ' ', List.of(new MarcRecord.Subfield('a', "chi"))),
                new MarcRecord.DataField("200", '1', ' ', List.of(new MarcRecord.Subfield('a', title),
                        new MarcRecord.Subfield('f', author + "著"))),
                new MarcRecord.DataField("210", ' ', ' ', List.of(new MarcRecord.Subfield('c', publisher),
                        new MarcRecord.Subfield('d', year))),
                new MarcRecord.DataField("690", ' ', ' ', List.of(new MarcRecord.Subfield('a', clc))),
                new MarcRecord.DataField("701", ' ', '0', List.of(new MarcRecord.Subfield('a', author),
                        new MarcRecord.Subfield('4', "著")))));
    }

    private long load(MarcRecord record, String isbn) {
        byte[] file = new Iso2709Writer(null, MarcEncoding.UTF_8).encode(record);
        access.asSystem("test", () -> importing.importFile("search.mrc", new ByteArrayInputStream(file),
                ImportingRecords.Format.ISO2709, null, DuplicateRule.KEEP));
        return jdbc.sql("select id from bib_record where :isbn = any(isbns)").param("isbn", isbn)
                .query(Long.class).single();
    }

    @BeforeEach
    void catalogue() {
        if (loaded) {
            return;
        }
        long santi = load(cnmarc(SANTI_ISBN, "三体", "刘慈欣", "重庆出版社", "2008", "I247.55"), SANTI_ISBN);
        long huozhe = load(cnmarc("9787506365437", "活着", "余华", "作家出版社", "2012", "I247.57"), "9787506365437");
        access.asSystem("test", () -> {
            items.add(santi, List.of(
                    new ManagingItems.NewItem("T-SRCH-0001", "YAQ-B01", null, null, ItemType.BOOK, null, null, null),
                    new ManagingItems.NewItem("T-SRCH-0002", "TGQ-B01", null, null, ItemType.BOOK, null, null, null),
                    new ManagingItems.NewItem("T-SRCH-0003", "ZYX-B01", null, null, ItemType.BOOK, null, null, null)));
            return items.add(huozhe, List.of(
                    new ManagingItems.NewItem("T-SRCH-0004", "ZYX-B01", null, null, ItemType.BOOK, null, null, null)));
        });
        jdbc.sql("update item set status = 'ON_LOAN' where barcode = 'T-SRCH-0003'").update();
        index.catchUp();
        loaded = true;
    }

    private ResultActions search(String query, String... params) throws Exception {
        var request = get("/api/v1/catalog/search").param("q", query)
                .header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
                        "demo-desk:shuxiang-demo".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andExpect(status().isOk());
    }

    @Test
    void a_title_is_found_by_its_chinese_words() throws Exception {
        search("三体").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")));
        search("活着").andExpect(jsonPath("$.hits[0].title").value("活着"))
                .andExpect(jsonPath("$.hits[0].author").value("余华"));
    }

    @Test
    void santi_and_st_find_the_three_body_problem_by_its_pinyin() throws Exception {
        search("santi").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")));
        search("st").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")));
        search("liucixin").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")));
        search("huozhe").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("活着")));
    }

    @Test
    void a_mixed_query_of_chinese_and_pinyin_narrows_to_the_title_that_has_both() throws Exception {
        search("三体 liucixin").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")))
                .andExpect(jsonPath("$.hits[*].title", Matchers.not(Matchers.hasItem("活着"))));
        search("三体 yuhua").andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void an_isbn_in_either_form_with_or_without_hyphens_finds_exactly_its_title() throws Exception {
        search("9787536692930").andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.hits[0].title").value("三体"));
        search("978-7-5366-9293-0").andExpect(jsonPath("$.total").value(1));
        search("7536692935").andExpect(jsonPath("$.total").value(1));
        search("isbn:7-5366-9293-5").andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void a_barcode_or_a_call_number_finds_its_title() throws Exception {
        search("T-SRCH-0004").andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.hits[0].title").value("活着"));
        search("t-srch-0001").andExpect(jsonPath("$.hits[0].title").value("三体"));
        String callNumber = jdbc.sql("select call_number from item where barcode = 'T-SRCH-0001'")
                .query(String.class).single();
        search(callNumber).andExpect(jsonPath("$.hits[0].title").value("三体"));
    }

    @Test
    void fielded_words_search_one_field() throws Exception {
        search("author:刘慈欣").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")))
                .andExpect(jsonPath("$.hits[*].title", Matchers.not(Matchers.hasItem("活着"))));
        search("publisher:作家出版社").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("活着")));
        search("title:活着 class:I247").andExpect(jsonPath("$.total").value(1));
        search("class:I247.55").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")))
                .andExpect(jsonPath("$.hits[*].title", Matchers.not(Matchers.hasItem("活着"))));
    }

    @Test
    void each_hit_says_where_copies_are_on_the_shelf_and_how_many_are_out() throws Exception {
        search("isbn:9787536692930")
                .andExpect(jsonPath("$.hits[0].availability.onShelf").value(2))
                .andExpect(jsonPath("$.hits[0].availability.onLoan").value(1))
                .andExpect(jsonPath("$.hits[0].availability.onShelfAt[*].unit",
                        Matchers.containsInAnyOrder("TGQ-B01", "YAQ-B01")))
                .andExpect(jsonPath("$.hits[0].callNumber").value(Matchers.startsWith("I247.55/")));
    }

    @Test
    void facets_count_units_classes_and_years_and_filters_narrow_the_hits() throws Exception {
        search("刘慈欣 余华").andExpect(jsonPath("$.total").value(0));
        search("class:I247")
                .andExpect(jsonPath("$.facets.clcClass[?(@.value == 'I')].label").value(Matchers.hasItem("文学")))
                .andExpect(jsonPath("$.facets.unit[*].value", Matchers.hasItems("YAQ-B01", "TGQ-B01")))
                .andExpect(jsonPath("$.facets.unit[?(@.value == 'YAQ-B01')].label").value(Matchers.hasItem("义安区五松镇分馆")))
                .andExpect(jsonPath("$.facets.year[*].value", Matchers.hasItems("2000-2009", "2010-2019")));
        search("class:I247", "unit", "TGQ-B01").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")))
                .andExpect(jsonPath("$.hits[*].title", Matchers.not(Matchers.hasItem("活着"))));
        search("三体", "availableWithin", "YAQ").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")));
        search("活着", "availableWithin", "YAQ").andExpect(jsonPath("$.total").value(0));
        search("活着", "availableWithin", "ZYX").andExpect(jsonPath("$.total").value(1));
        search("class:I247", "yearFrom", "2010").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("活着")))
                .andExpect(jsonPath("$.hits[*].title", Matchers.not(Matchers.hasItem("三体"))));
        search("class:I247", "sort", "newest").andExpect(jsonPath("$.hits[0].year").value(Matchers.greaterThanOrEqualTo(2012)));
    }

    @Test
    void a_bad_query_string_returns_a_result_not_an_error() throws Exception {
        for (String bad : List.of("(((", "title:", ":::", "\"三体", "*", "AND OR NOT", "\\", "class:", "a".repeat(5000),
                "isbn:12345", "三 体 的 了 在 和 与 及 或 以 为 于 上 下 中 前 后 里 外")) {
            search(bad).andExpect(jsonPath("$.total").isNumber());
        }
        api.as("demo-desk").get("/api/v1/catalog/search?q=x&sort=sideways").andExpect(status().isBadRequest());
        api.as("demo-desk").get("/api/v1/catalog/search?q=x&page=-5&size=100000").andExpect(status().isOk())
                .andExpect(jsonPath("$.size").value(100));
    }

    @Test
    void a_change_is_searchable_within_a_second_of_its_commit() throws Exception {
        long santi = jdbc.sql("select id from bib_record where :isbn = any(isbns)").param("isbn", SANTI_ISBN)
                .query(Long.class).single();
        access.asSystem("test", () -> items.add(santi, List.of(new ManagingItems.NewItem("T-SRCH-LIVE", "JQ-B01",
                null, null, ItemType.BOOK, null, null, null))));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(1));
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            body = search("T-SRCH-LIVE").andReturn().getResponse().getContentAsString();
            if (body.contains("\"total\":1")) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(body).contains("\"total\":1");
    }

    @Test
    void a_search_asked_again_after_a_change_finds_the_change_in_its_hits_and_its_total() throws Exception {
        search("骆驼祥子").andExpect(jsonPath("$.total").value(0));
        load(cnmarc("9787020024759", "骆驼祥子", "老舍", "人民文学出版社", "2000", "I246.5"), "9787020024759");
        index.catchUp();
        search("骆驼祥子").andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.hits[0].title").value("骆驼祥子"));
    }

    @Test
    void the_popular_sort_puts_the_most_borrowed_title_first() throws Exception {
        jdbc.sql("update bib_record_activity set loan_count = 500, change_xid = pg_current_xact_id() "
                + "where record_id = (select id from bib_record where :isbn = any(isbns))").param("isbn", "9787506365437")
                .update();
        index.catchUp();
        search("class:I247", "sort", "popular").andExpect(jsonPath("$.hits[0].title").value("活着"));
        jdbc.sql("update bib_record_activity set loan_count = 900, change_xid = pg_current_xact_id() "
                + "where record_id = (select id from bib_record where :isbn = any(isbns))").param("isbn", SANTI_ISBN)
                .update();
        index.catchUp();
        search("class:I247", "sort", "popular").andExpect(jsonPath("$.hits[0].title").value("三体"));
    }

    @Test
    void lending_the_last_copy_at_a_unit_takes_the_title_off_that_units_shelf_and_a_return_puts_it_back()
            throws Exception {
        long santi = jdbc.sql("select id from bib_record where :isbn = any(isbns)").param("isbn", SANTI_ISBN)
                .query(Long.class).single();
        search("三体", "unit", "TGQ-B01").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")));
        List<Long> lent = jdbc.sql("update item set status = 'ON_LOAN' where record_id = :r and current_unit = 'TGQ-B01' "
                + "and status = 'AVAILABLE' returning id").param("r", santi).query(Long.class).list();
        try {
            index.catchUp();
            search("三体", "unit", "TGQ-B01").andExpect(jsonPath("$.hits[*].title", Matchers.not(Matchers.hasItem("三体"))));
            search("三体", "unit", "YAQ-B01").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")));
            search("title:三体 isbn:" + SANTI_ISBN)
                    .andExpect(jsonPath("$.facets.unit[*].value", Matchers.contains("YAQ-B01")));
        } finally {
            jdbc.sql("update item set status = 'AVAILABLE' where id = any(:ids)")
                    .param("ids", lent.toArray(Long[]::new)).update();
        }
        index.catchUp();
        search("三体", "unit", "TGQ-B01").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")));
        search("isbn:" + SANTI_ISBN + " title:三体")
                .andExpect(jsonPath("$.facets.unit[*].value", Matchers.containsInAnyOrder("YAQ-B01", "TGQ-B01")));
    }

    @Test
    void the_index_is_rebuilt_from_the_database_while_searches_go_on() throws Exception {
        api.as("demo-desk").post("/api/v1/catalog/search-index/rebuild", null).andExpect(status().isForbidden());
        api.as("demo-admin").post("/api/v1/catalog/search-index/rebuild", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recordsIndexed").value(Matchers.greaterThanOrEqualTo(2)));
        search("santi").andExpect(jsonPath("$.hits[*].title", Matchers.hasItem("三体")));
    }
}
