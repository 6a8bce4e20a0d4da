package org.shuxiang.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.SharedData;
import org.shuxiang.catalog.marc.Iso2709Reader;
import org.shuxiang.catalog.marc.Iso2709Writer;
import org.shuxiang.catalog.marc.MarcEncoding;
import org.shuxiang.catalog.marc.MarcReadResult;
import org.shuxiang.catalog.marc.MarcRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/** Importing MARC files over REST, with reports, duplicate rules and exports that import back. */
@IntegrationTest
class CatalogImportTest {

    private static final AtomicInteger NEXT_ISBN = new AtomicInteger(100_000);

    @Autowired
    MockMvc mvc;

    @Autowired
    org.shuxiang.catalog.search.SearchIndex searchIndex;

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":shuxiang-demo").getBytes(StandardCharsets.UTF_8));
    }

    private ResultActions upload(String user, String name, byte[] bytes, String... params) throws Exception {
        MockMultipartHttpServletRequestBuilder request = multipart("/api/v1/catalog/imports")
                .file(new MockMultipartFile("file", name, "application/octet-stream", bytes))
                .header(HttpHeaders.AUTHORIZATION, basic(user));
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request);
    }

    /** A fresh ISBN-13 with a right check digit, so each test's books are its own. */
    static String freshIsbn() {
        String body = "978711" + String.format("%06d", NEXT_ISBN.getAndIncrement());
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return body + (10 - sum % 10) % 10;
    }

    static MarcRecord book(String isbn, String title, String subject) {
        return new MarcRecord("00000nam0 2200000   450 ", List.of(
                new MarcRecord.DataField("010", ' ', ' ', List.of(new MarcRecord.Subfield('a', isbn),
                        new MarcRecord.Subfield('d', "CNY39.00"))),
                new MarcRecord.DataField("100", ' ', ' ', List.of(new MarcRecord.Subfield('a',
                        "20240101d2024    em y0chiy50      ea"))),
                new MarcRecord.DataField("200", '1', ' ', List.of(new MarcRecord.Subfield('a', title),
                        new MarcRecord.Subfield('f', "测试作者著"))),
                new MarcRecord.DataField("210", ' ', ' ', List.of(new MarcRecord.Subfield('a', "合肥"),
                        new MarcRecord.Subfield('c', "安徽文艺出版社"), new MarcRecord.Subfield('d', "2024"))),
                new MarcRecord.DataField("606", '0', ' ', List.of(new MarcRecord.Subfield('a', subject))),
                new MarcRecord.DataField("690", ' ', ' ', List.of(new MarcRecord.Subfield('a', "I247.5")))));
    }

    private static byte[] iso(MarcEncoding encoding, MarcRecord... records) {
        Iso2709Writer writer = new Iso2709Writer(null, encoding);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MarcRecord record : records) {
            out.writeBytes(writer.encode(record));
        }
        return out.toByteArray();
    }

    @Test
    void a_file_with_a_truncated_last_record_imports_the_others_and_reports_the_broken_one() throws Exception {
        byte[] good = iso(MarcEncoding.UTF_8, book(freshIsbn(), "铜陵记忆", "地方史"),
                book(freshIsbn(), "长江边的图书馆", "图书馆"));
        byte[] broken = iso(MarcEncoding.UTF_8, book(freshIsbn(), "半本书", "测试"));
        byte[] file = new byte[good.length + broken.length / 2];
        System.arraycopy(good, 0, file, 0, good.length);
        System.arraycopy(broken, 0, file, good.length, broken.length / 2);

        String report = upload("demo-admin", "truncated.mrc", file)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("FINISHED"))
                .andExpect(jsonPath("$.format").value("ISO2709"))
                .andExpect(jsonPath("$.recordsRead").value(3))
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.rejections[0].recordNumber").value(3))
                .andExpect(jsonPath("$.rejections[0].offset").value(good.length))
                .andExpect(jsonPath("$.rejections[0].reason").value(org.hamcrest.Matchers.containsString("truncated")))
                .andReturn().getResponse().getContentAsString();
        int id = JsonPath.read(report, "$.id");
        mvc.perform(get("/api/v1/catalog/imports/" + id).header(HttpHeaders.AUTHORIZATION, basic("demo-central")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.rejections.length()").value(1));
    }

    @Test
    void a_record_with_a_known_isbn_merges_into_the_catalogues_record_by_the_chosen_rule() throws Exception {
        String isbn = freshIsbn();
        upload("demo-admin", "first.mrc", iso(MarcEncoding.UTF_8, book(isbn, "书香铜陵", "阅读推广")))
                .andExpect(jsonPath("$.created").value(1));
        long id = exportedIdOf(isbn);

        upload("demo-admin", "keep.mrc", iso(MarcEncoding.UTF_8, book(isbn, "书香铜陵（新版）", "公共图书馆")),
                "duplicates", "keep")
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.merged").value(1));
        record(id).andExpect(jsonPath("$.fields.title").value("书香铜陵"))
                .andExpect(jsonPath("$.fields.subjects.length()").value(1));

        upload("demo-admin", "merge.mrc", iso(MarcEncoding.UTF_8, book(isbn, "书香铜陵", "公共图书馆")),
                "duplicates", "merge")
                .andExpect(jsonPath("$.merged").value(1));
        record(id).andExpect(jsonPath("$.fields.subjects", org.hamcrest.Matchers.containsInAnyOrder("阅读推广", "公共图书馆")));

        upload("demo-admin", "replace.mrc", iso(MarcEncoding.GB18030, book(isbn, "书香铜陵（修订版）", "全民阅读")),
                "duplicates", "replace", "encoding", "gb18030")
                .andExpect(jsonPath("$.merged").value(1));
        record(id).andExpect(jsonPath("$.fields.title").value("书香铜陵（修订版）"))
                .andExpect(jsonPath("$.fields.subjects", org.hamcrest.Matchers.contains("全民阅读")));
    }

    @Test
    void two_records_of_one_file_with_the_same_isbn_become_one_record() throws Exception {
        String isbn = freshIsbn();
        upload("demo-admin", "twice.mrc", iso(MarcEncoding.UTF_8, book(isbn, "同书两录", "图书馆学"),
                        book(isbn, "同书两录", "目录学")), "duplicates", "merge")
                .andExpect(jsonPath("$.recordsRead").value(2))
                .andExpect(jsonPath("$.created").value(1))
                .andExpect(jsonPath("$.merged").value(1));
        record(exportedIdOf(isbn)).andExpect(jsonPath("$.fields.subjects",
                org.hamcrest.Matchers.containsInAnyOrder("图书馆学", "目录学")));
    }

    private ResultActions record(long id) throws Exception {
        return mvc.perform(get("/api/v1/catalog/records/" + id).header(HttpHeaders.AUTHORIZATION, basic("demo-desk")))
                .andExpect(status().isOk());
    }

    /** The id of the record holding this ISBN, read from an export of everything. */
    private long exportedIdOf(String isbn) throws Exception {
        for (long id = 1; id < 100_000; id++) {
            MvcResult result = mvc.perform(get("/api/v1/catalog/records/" + id)
                    .header(HttpHeaders.AUTHORIZATION, basic("demo-desk"))).andReturn();
            if (result.getResponse().getStatus() == 404) {
                break;
            }
            if (result.getResponse().getContentAsString().contains(isbn)) {
                return id;
            }
        }
        throw new AssertionError("no record with ISBN " + isbn);
    }

    @Test
    void an_export_in_gb18030_imports_back_to_the_same_records() throws Exception {
        String isbn = freshIsbn();
        upload("demo-admin", "roundtrip.mrc", iso(MarcEncoding.UTF_8, book(isbn, "三体·铜陵特藏", "科幻小说")))
                .andExpect(jsonPath("$.created").value(1));
        long id = exportedIdOf(isbn);
        byte[] exported = export("ids", Long.toString(id), "format", "iso2709", "encoding", "gb18030");
        List<MarcRecord> records = new ArrayList<>();
        new Iso2709Reader(new ByteArrayInputStream(exported), null).forEachRemaining(r -> {
            assertThat(r).isInstanceOf(MarcReadResult.Read.class);
            assertThat(((MarcReadResult.Read) r).encoding()).isEqualTo(MarcEncoding.GB18030);
            records.add(((MarcReadResult.Read) r).record());
        });
        assertThat(records).hasSize(1);
        assertThat(records.get(0).first("200", 'a')).contains("三体·铜陵特藏");

        upload("demo-admin", "exported.mrc", exported)
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.merged").value(1))
                .andExpect(jsonPath("$.rejected").value(0));

        String xml = new String(export("ids", Long.toString(id), "format", "marcxml"), StandardCharsets.UTF_8);
        assertThat(xml).contains("<subfield code=\"a\">三体·铜陵特藏</subfield>");
        upload("demo-admin", "exported.xml", xml.getBytes(StandardCharsets.UTF_8))
                .andExpect(jsonPath("$.format").value("MARCXML"))
                .andExpect(jsonPath("$.merged").value(1));
    }

    @Test
    void the_records_a_search_finds_export_as_one_file() throws Exception {
        String first = freshIsbn();
        String second = freshIsbn();
        upload("demo-admin", "search-export.mrc", iso(MarcEncoding.UTF_8, book(first, "鹊江夜话", "地方文学"),
                book(second, "鹊江夜话续编", "地方文学"))).andExpect(jsonPath("$.created").value(2));
        searchIndex.catchUp();
        byte[] exported = export("q", "鹊江夜话", "format", "iso2709");
        List<String> titles = new ArrayList<>();
        new Iso2709Reader(new ByteArrayInputStream(exported), null).forEachRemaining(r ->
                titles.add(((MarcReadResult.Read) r).record().first("200", 'a').orElse("")));
        assertThat(titles).containsExactlyInAnyOrder("鹊江夜话", "鹊江夜话续编");
    }

    @Test
    void a_cnmarc_record_exports_as_marc21_that_imports_back_into_the_same_record() throws Exception {
        String isbn = freshIsbn();
        upload("demo-admin", "cn.mrc", iso(MarcEncoding.UTF_8, book(isbn, "铜陵矿冶史话", "矿业史")))
                .andExpect(jsonPath("$.created").value(1));
        long id = exportedIdOf(isbn);
        byte[] marc21 = export("ids", Long.toString(id), "flavour", "marc21");
        MarcRecord converted = ((MarcReadResult.Read) new Iso2709Reader(new ByteArrayInputStream(marc21), null).next())
                .record();
        assertThat(converted.first("245", 'a')).contains("铜陵矿冶史话");
        assertThat(converted.first("020", 'a')).contains(isbn);
        assertThat(converted.leader().charAt(9)).isEqualTo('a');
        upload("demo-admin", "back.mrc", marc21).andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.merged").value(1));
        mvc.perform(get("/api/v1/catalog/exports").param("flavour", "dublin-core")
                        .header(HttpHeaders.AUTHORIZATION, basic("demo-admin")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("flavour"));
    }

    private byte[] export(String... params) throws Exception {
        MockHttpServletRequestBuilder request = get("/api/v1/catalog/exports")
                .header(HttpHeaders.AUTHORIZATION, basic("demo-admin"));
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        MvcResult started = mvc.perform(request).andExpect(request().asyncStarted()).andReturn();
        return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();
    }

    @Test
    void real_chinese_cnmarc_imports_and_a_reimport_in_another_encoding_merges_every_record() throws Exception {
        byte[] gb = Files.readAllBytes(SharedData.file("cnmarc/bnu-cnmarc-5-gb18030.iso"));
        byte[] utf8 = Files.readAllBytes(SharedData.file("cnmarc/bnu-cnmarc-5-utf8.iso"));
        String first = upload("demo-admin", "bnu-cnmarc-5-gb18030.iso", gb)
                .andExpect(jsonPath("$.recordsRead").value(5))
                .andExpect(jsonPath("$.rejected").value(0))
                .andReturn().getResponse().getContentAsString();
        int created = JsonPath.read(first, "$.created");
        int merged = JsonPath.read(first, "$.merged");
        assertThat(created + merged).isEqualTo(5);
        assertThat(merged).as("the print and electronic editions share an ISBN").isGreaterThanOrEqualTo(1);
        upload("demo-admin", "bnu-cnmarc-5-utf8.iso", utf8)
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.merged").value(5));
    }

    @Test
    void real_marc21_with_errors_imports_the_good_records_and_names_each_bad_one() throws Exception {
        byte[] file = Files.readAllBytes(SharedData.file("marc21/pymarc-bad_records.mrc"));
        upload("demo-admin", "pymarc-bad_records.mrc", file)
                .andExpect(jsonPath("$.status").value("FINISHED"))
                .andExpect(jsonPath("$.recordsRead").value(8))
                .andExpect(jsonPath("$.rejected").value(6))
                .andExpect(jsonPath("$.rejections[*].reason", org.hamcrest.Matchers.hasItems(
                        org.hamcrest.Matchers.containsString("base address"),
                        org.hamcrest.Matchers.containsString("not a multiple of 12"),
                        org.hamcrest.Matchers.containsString("no title"))));
    }

    @Test
    void bad_requests_are_refused_with_a_reason_and_change_nothing() throws Exception {
        byte[] file = iso(MarcEncoding.UTF_8, book(freshIsbn(), "不会导入", "测试"));
        upload("demo-admin", "x.mrc", file, "format", "pdf")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("format"));
        upload("demo-admin", "x.mrc", file, "duplicates", "whatever")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("duplicates"));
        upload("demo-admin", "empty.mrc", new byte[0])
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("EMPTY_FILE"));
        upload("demo-desk", "x.mrc", file)
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/catalog/exports").param("encoding", "marc-8")
                        .header(HttpHeaders.AUTHORIZATION, basic("demo-admin")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("EXPORT_ENCODING_UNSUPPORTED"));
        mvc.perform(get("/api/v1/catalog/records/987654321").header(HttpHeaders.AUTHORIZATION, basic("demo-desk")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("RECORD_NOT_FOUND"));
    }
}
