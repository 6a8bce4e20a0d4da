package org.shuxiang.catalog.marc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Files broken on purpose: the bad record is rejected with its number, offset and reason; the rest read. */
class BrokenIso2709Test {

    private static final Iso2709Writer WRITER = new Iso2709Writer(null, MarcEncoding.UTF_8);
    private static final byte[] GOOD = WRITER.encode(Iso2709RoundTripTest.SANTI);

    private static List<MarcReadResult> read(byte[] bytes) {
        List<MarcReadResult> results = new ArrayList<>();
        new Iso2709Reader(new ByteArrayInputStream(bytes), null).forEachRemaining(results::add);
        return results;
    }

    private static byte[] file(byte[]... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] record : records) {
            out.writeBytes(record);
        }
        return out.toByteArray();
    }

    private static MarcReadResult.Rejected onlyRejection(List<MarcReadResult> results) {
        List<MarcReadResult.Rejected> rejected = results.stream().filter(r -> r instanceof MarcReadResult.Rejected)
                .map(MarcReadResult.Rejected.class::cast).toList();
        assertThat(rejected).hasSize(1);
        return rejected.get(0);
    }

    @Test
    void a_record_whose_leader_gives_the_wrong_length_is_rejected_and_the_next_one_read() {
        byte[] wrong = GOOD.clone();
        wrong[4] = (byte) (wrong[4] == '9' ? '8' : wrong[4] + 1);
        List<MarcReadResult> results = read(file(GOOD, wrong, GOOD));
        assertThat(results).hasSize(3);
        MarcReadResult.Rejected rejected = onlyRejection(results);
        assertThat(rejected.number()).isEqualTo(2);
        assertThat(rejected.offset()).isEqualTo(GOOD.length);
        assertThat(rejected.reason()).contains("leader says");
        assertThat(results.get(2)).isInstanceOf(MarcReadResult.Read.class);
    }

    @Test
    void a_truncated_file_rejects_its_last_record_and_keeps_the_others() {
        byte[] cut = java.util.Arrays.copyOf(GOOD, GOOD.length / 2);
        List<MarcReadResult> results = read(file(GOOD, GOOD, cut));
        assertThat(results).hasSize(3);
        MarcReadResult.Rejected rejected = onlyRejection(results);
        assertThat(rejected.number()).isEqualTo(3);
        assertThat(rejected.offset()).isEqualTo(2L * GOOD.length);
        assertThat(rejected.reason()).contains("truncated");
    }

    @Test
    void a_directory_with_letters_for_digits_is_rejected() {
        byte[] bad = GOOD.clone();
        bad[24 + 3] = 'x';
        MarcReadResult.Rejected rejected = onlyRejection(read(file(bad, GOOD)));
        assertThat(rejected.number()).isEqualTo(1);
        assertThat(rejected.reason()).contains("directory entry 1");
    }

    @Test
    void a_directory_entry_pointing_past_the_end_is_rejected() {
        byte[] bad = GOOD.clone();
        // the first entry's length: make it 9999
        for (int i = 0; i < 4; i++) {
            bad[24 + 3 + i] = '9';
        }
        assertThat(onlyRejection(read(bad)).reason()).contains("runs past the end");
    }

    @Test
    void a_byte_that_is_not_utf8_is_rejected_naming_the_field() {
        byte[] bad = GOOD.clone();
        String asLatin1 = new String(GOOD, StandardCharsets.ISO_8859_1);
        int title = asLatin1.indexOf(new String("三体".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        bad[title] = (byte) 0xFF;
        MarcReadResult.Rejected rejected = onlyRejection(read(file(GOOD, bad)));
        assertThat(rejected.number()).isEqualTo(2);
        assertThat(rejected.reason()).contains("not UTF_8 text");
    }

    @Test
    void garbage_between_records_is_one_rejection_not_the_end_of_the_file() {
        byte[] garbage = "this is not a MARC record\u001D".getBytes(StandardCharsets.US_ASCII);
        List<MarcReadResult> results = read(file(GOOD, garbage, GOOD));
        assertThat(results).hasSize(3);
        assertThat(onlyRejection(results).reason()).contains("record length is not a number");
    }

    @Test
    void an_empty_file_has_no_records() {
        assertThat(read(new byte[0])).isEmpty();
        assertThat(read("\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }
}
