package org.shuxiang.catalog.marc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shuxiang.SharedData;

/** Real MARC21, UNIMARC and CNMARC files from other projects' test suites (skipped when absent). */
class RealMarcFilesTest {

    private static List<MarcReadResult> readIso(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return collect(new Iso2709Reader(in, null));
        }
    }

    private static List<MarcReadResult> readXml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return collect(new MarcXmlReader(in));
        }
    }

    private static List<MarcReadResult> collect(Iterator<MarcReadResult> reader) {
        List<MarcReadResult> results = new ArrayList<>();
        reader.forEachRemaining(results::add);
        return results;
    }

    private static List<MarcRecord> records(List<MarcReadResult> results) {
        return results.stream().filter(r -> r instanceof MarcReadResult.Read)
                .map(r -> ((MarcReadResult.Read) r).record()).toList();
    }

    private static List<MarcReadResult.Rejected> rejected(List<MarcReadResult> results) {
        return results.stream().filter(r -> r instanceof MarcReadResult.Rejected)
                .map(MarcReadResult.Rejected.class::cast).toList();
    }

    @Test
    void chinese_cnmarc_in_gb18030_utf8_and_marcxml_are_the_same_five_books() throws IOException {
        List<MarcReadResult> gb = readIso(SharedData.file("cnmarc/bnu-cnmarc-5-gb18030.iso"));
        List<MarcReadResult> utf8 = readIso(SharedData.file("cnmarc/bnu-cnmarc-5-utf8.iso"));
        List<MarcReadResult> xml = readXml(SharedData.file("cnmarc/bnu-cnmarc-5.xml"));
        assertThat(records(gb)).hasSize(5);
        assertThat(rejected(gb)).isEmpty();
        assertThat(gb).allSatisfy(r -> assertThat(((MarcReadResult.Read) r).encoding()).isEqualTo(MarcEncoding.GB18030));
        assertThat(utf8).allSatisfy(r -> assertThat(((MarcReadResult.Read) r).encoding()).isEqualTo(MarcEncoding.UTF_8));
        for (int i = 0; i < 5; i++) {
            MarcRecord fromGb = records(gb).get(i);
            assertThat(titles(fromGb)).isEqualTo(titles(records(utf8).get(i))).isEqualTo(titles(records(xml).get(i)));
            assertThat(fromGb.first("200", 'a').orElseThrow()).matches(".*\\p{IsHan}.*");
            assertThat(MarcFlavour.detect(fromGb)).isNotEqualTo(MarcFlavour.MARC21);
        }
    }

    private static List<String> titles(MarcRecord record) {
        return record.dataFields("200").flatMap(f -> f.subfields().stream()).map(MarcRecord.Subfield::value).toList();
    }

    @Test
    void a_unimarc_record_that_says_unicode_is_read_as_unicode() throws IOException {
        List<MarcRecord> records = records(readIso(SharedData.file("unimarc/pymarc-testunimarc.dat")));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).first("200", 'a').orElseThrow()).contains("altra faccia della spirale");
    }

    @Test
    void marc8_and_utf8_editions_of_the_same_file_say_the_same_things() throws IOException {
        List<MarcRecord> marc8 = records(readIso(SharedData.file("marc21/brkrtest.mrc")));
        List<MarcRecord> utf8 = records(readIso(SharedData.file("marc21/brkrtest_UTF8.mrc")));
        assertThat(marc8).isNotEmpty().hasSameSizeAs(utf8);
        for (int i = 0; i < marc8.size(); i++) {
            assertThat(nfc(marc8.get(i).first("245", 'a').orElse("")))
                    .isEqualTo(nfc(utf8.get(i).first("245", 'a').orElse("")));
        }
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    @Test
    void a_thousand_marc8_records_read_without_loss() throws IOException {
        List<MarcReadResult> results = readIso(SharedData.file("marc21/evergreen/jazz_1k.mrc"));
        assertThat(records(results).size()).isEqualTo(1000);
        assertThat(results).allSatisfy(r -> assertThat(((MarcReadResult.Read) r).encoding()).isEqualTo(MarcEncoding.MARC_8));
    }

    @Test
    void utf8_records_whose_leader_wrongly_says_marc8_are_read_as_utf8() throws IOException {
        List<MarcReadResult> results = readIso(SharedData.file("marc21/evergreen/FSL.marc"));
        assertThat(records(results).size()).isEqualTo(52);
        assertThat(results).allSatisfy(r -> assertThat(((MarcReadResult.Read) r).encoding()).isEqualTo(MarcEncoding.UTF_8));
    }

    @Test
    void devanagari_records_in_utf8_keep_their_script_and_the_one_malformed_record_is_named() throws IOException {
        List<MarcReadResult> results = readIso(SharedData.file("marc21/evergreen/nepali.marc"));
        List<MarcRecord> records = records(results);
        assertThat(records.size()).isEqualTo(95);
        assertThat(rejected(results)).singleElement().satisfies(r -> {
            assertThat(r.number()).isEqualTo(16);
            assertThat(r.offset()).isEqualTo(19793);
            assertThat(r.reason()).contains("field 260 has data before its first subfield");
        });
        assertThat(records.stream().flatMap(r -> r.all("245", 'a').stream()))
                .anyMatch(title -> title.matches(".*\\p{IsDevanagari}.*"));
    }

    @Test
    void a_file_with_an_oversized_field_and_a_bad_directory_reports_the_bad_record_and_keeps_the_rest()
            throws IOException {
        List<MarcReadResult> results = readIso(SharedData.file("marc21/bad_oversize_field_bad_directory.mrc"));
        assertThat(rejected(results)).singleElement().satisfies(r -> {
            assertThat(r.number()).isEqualTo(2);
            assertThat(r.offset()).isEqualTo(1571);
            assertThat(r.reason()).contains("not a multiple of 12");
        });
        assertThat(records(results).size()).isEqualTo(4);
    }

    @Test
    void a_file_with_many_real_errors_is_read_to_its_end_with_each_error_reported() throws IOException {
        List<MarcReadResult> fixed = readIso(SharedData.file("marc21/pride-and-prejudice-fixed.mrc"));
        List<MarcReadResult> broken = readIso(SharedData.file("marc21/pride-and-prejudice-with-many-errors.mrc"));
        assertThat(rejected(fixed)).isEmpty();
        assertThat(broken.size()).isEqualTo(383);
        assertThat(records(broken).size()).isEqualTo(298);
        assertThat(rejected(broken)).hasSize(85);
        assertThat(rejected(broken).stream().filter(r -> r.reason().contains("not UTF_8 text")).count()).isEqualTo(69);
        assertThat(rejected(broken).stream().filter(r -> r.reason().contains("not a multiple of 12")).count())
                .isEqualTo(16);
        assertThat(rejected(broken).get(0).number()).isEqualTo(2);
        assertThat(rejected(broken).get(0).offset()).isEqualTo(665);
    }

    @Test
    void pymarcs_bad_records_are_each_rejected_with_the_reason() throws IOException {
        List<MarcReadResult> results = readIso(SharedData.file("marc21/pymarc-bad_records.mrc"));
        assertThat(rejected(results)).extracting(MarcReadResult.Rejected::reason).anySatisfy(
                reason -> assertThat(reason).contains("base address")).anySatisfy(
                reason -> assertThat(reason).contains("not a multiple of 12"));
        assertThat(records(results)).isNotEmpty();
    }

    @Test
    void marcxml_from_pymarc_reads_as_marc21() throws IOException {
        List<MarcRecord> records = records(readXml(SharedData.file("marc21/pymarc-batch.xml")));
        assertThat(records).isNotEmpty();
        assertThat(records).allSatisfy(r -> assertThat(MarcFlavour.detect(r)).isEqualTo(MarcFlavour.MARC21));
    }
}
