package org.shuxiang.catalog.marc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Records written as ISO 2709 read back as the same records, with lengths counted in bytes. */
class Iso2709RoundTripTest {

    static final MarcRecord SANTI = new MarcRecord("00000nam0 2200000   450 ", List.of(
            new MarcRecord.ControlField("001", "012008001234"),
            new MarcRecord.DataField("010", ' ', ' ', List.of(new MarcRecord.Subfield('a', "978-7-5366-9293-0"),
                    new MarcRecord.Subfield('d', "CNY23.00"))),
            new MarcRecord.DataField("100", ' ', ' ', List.of(new MarcRecord.Subfield('a',
                    "20080101d2008    em y0chiy50      ea"))),
            new MarcRecord.DataField("200", '1', ' ', List.of(new MarcRecord.Subfield('a', "三体"),
                    new MarcRecord.Subfield('f', "刘慈欣著"))),
            new MarcRecord.DataField("210", ' ', ' ', List.of(new MarcRecord.Subfield('a', "重庆"),
                    new MarcRecord.Subfield('c', "重庆出版社"), new MarcRecord.Subfield('d', "2008"))),
            new MarcRecord.DataField("690", ' ', ' ', List.of(new MarcRecord.Subfield('a', "I247.55"),
                    new MarcRecord.Subfield('v', "5")))));

    private static List<MarcReadResult> read(byte[] bytes, MarcEncoding encoding) {
        List<MarcReadResult> results = new ArrayList<>();
        new Iso2709Reader(new ByteArrayInputStream(bytes), encoding).forEachRemaining(results::add);
        return results;
    }

    @Test
    void a_chinese_record_written_in_utf8_reads_back_the_same() {
        byte[] bytes = new Iso2709Writer(null, MarcEncoding.UTF_8).encode(SANTI);
        List<MarcReadResult> results = read(bytes, null);
        assertThat(results).hasSize(1);
        MarcReadResult.Read read = (MarcReadResult.Read) results.get(0);
        assertThat(read.record().fields()).isEqualTo(SANTI.fields());
        assertThat(read.encoding()).isEqualTo(MarcEncoding.UTF_8);
        assertThat(Integer.parseInt(read.record().leader().substring(0, 5))).isEqualTo(bytes.length);
    }

    @Test
    void in_gb18030_a_chinese_character_takes_two_bytes_and_the_lengths_say_so() {
        MarcRecord marked = EncodingMarks.apply(SANTI, MarcFlavour.detect(SANTI), MarcEncoding.GB18030);
        byte[] gb = new Iso2709Writer(null, MarcEncoding.GB18030).encode(marked);
        byte[] utf8 = new Iso2709Writer(null, MarcEncoding.UTF_8).encode(SANTI);
        int chineseCharacters = "三体刘慈欣著重庆重庆出版社".length();
        assertThat(utf8.length - gb.length).isEqualTo(chineseCharacters);
        MarcReadResult.Read read = (MarcReadResult.Read) read(gb, null).get(0);
        assertThat(read.encoding()).isEqualTo(MarcEncoding.GB18030);
        assertThat(read.record().first("200", 'a')).contains("三体");
        assertThat(read.record().first("100", 'a').orElseThrow().substring(26, 30)).isEqualTo("0120");
    }

    @Test
    void records_follow_one_another_and_each_is_numbered_with_its_byte_offset() {
        Iso2709Writer writer = new Iso2709Writer(null, MarcEncoding.UTF_8);
        byte[] one = writer.encode(SANTI);
        byte[] file = new byte[one.length * 3];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(one, 0, file, i * one.length, one.length);
        }
        List<MarcReadResult> results = read(file, null);
        assertThat(results).extracting(MarcReadResult::number).containsExactly(1L, 2L, 3L);
        assertThat(results).extracting(MarcReadResult::offset)
                .containsExactly(0L, (long) one.length, 2L * one.length);
    }

    @Test
    void a_record_too_long_for_the_format_is_refused_rather_than_written_wrong() {
        String huge = "书".repeat(40_000);
        MarcRecord big = new MarcRecord(SANTI.leader(), List.of(new MarcRecord.DataField("330", ' ', ' ',
                List.of(new MarcRecord.Subfield('a', huge)))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Iso2709Writer(null, MarcEncoding.UTF_8).encode(big))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(huge.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(99_999);
    }
}
