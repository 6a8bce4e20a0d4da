package org.shuxiang.catalog.marc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shuxiang.SharedData;
import org.shuxiang.catalog.Isbn;

/** A record converted between CNMARC and MARC21 says the same things the platform reads from it. */
class FlavourConversionTest {

    private static void assertSameFacts(BibliographicFields before, BibliographicFields after) {
        assertThat(after.title()).isEqualTo(before.title());
        assertThat(after.publisher()).isEqualTo(before.publisher());
        assertThat(after.place()).isEqualTo(before.place());
        assertThat(after.year()).isEqualTo(before.year());
        assertThat(after.isbns()).extracting(Isbn::isbn13)
                .containsExactlyElementsOf(before.isbns().stream().map(Isbn::isbn13).toList());
        assertThat(after.clcNumber()).isEqualTo(before.clcNumber());
        assertThat(after.subjects()).containsExactlyElementsOf(before.subjects());
        assertThat(after.names()).extracting(BibliographicFields.Name::name)
                .containsExactlyElementsOf(before.names().stream().map(BibliographicFields.Name::name).toList());
    }

    @Test
    void a_chinese_cnmarc_record_becomes_marc21_and_back_without_losing_what_the_platform_reads() {
        MarcRecord cnmarc = Iso2709RoundTripTest.SANTI;
        MarcRecord marc21 = FlavourConversion.convert(cnmarc, MarcFlavour.MARC21);
        assertThat(MarcFlavour.detect(marc21)).isEqualTo(MarcFlavour.MARC21);
        assertThat(marc21.first("245", 'a')).contains("三体");
        assertThat(marc21.first("084", '2')).contains("clc");
        assertSameFacts(FieldMapping.map(cnmarc, MarcFlavour.CNMARC), FieldMapping.map(marc21, MarcFlavour.MARC21));

        MarcRecord back = FlavourConversion.convert(marc21, MarcFlavour.CNMARC);
        assertThat(MarcFlavour.detect(back)).isEqualTo(MarcFlavour.CNMARC);
        assertSameFacts(FieldMapping.map(cnmarc, MarcFlavour.CNMARC), FieldMapping.map(back, MarcFlavour.CNMARC));
    }

    @Test
    void a_record_already_in_the_target_flavour_is_left_as_it_is() {
        assertThat(FlavourConversion.convert(Iso2709RoundTripTest.SANTI, MarcFlavour.CNMARC))
                .isSameAs(Iso2709RoundTripTest.SANTI);
    }

    @Test
    void converted_records_write_as_valid_iso2709_in_both_directions() throws IOException {
        List<MarcRecord> records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(SharedData.file("cnmarc/bnu-cnmarc-5-utf8.iso"))) {
            new Iso2709Reader(in, null).forEachRemaining(r -> records.add(((MarcReadResult.Read) r).record()));
        }
        for (MarcRecord cnmarc : records) {
            MarcRecord marc21 = FlavourConversion.convert(cnmarc, MarcFlavour.MARC21);
            byte[] bytes = new Iso2709Writer(null, MarcEncoding.UTF_8)
                    .encode(EncodingMarks.apply(marc21, MarcFlavour.MARC21, MarcEncoding.UTF_8));
            MarcReadResult read = new Iso2709Reader(new java.io.ByteArrayInputStream(bytes), null).next();
            assertThat(read).isInstanceOf(MarcReadResult.Read.class);
            BibliographicFields original = FieldMapping.map(cnmarc, MarcFlavour.CNMARC);
            BibliographicFields converted = FieldMapping.map(((MarcReadResult.Read) read).record(), MarcFlavour.MARC21);
            assertThat(converted.title()).isEqualTo(original.title());
            assertThat(converted.year()).isEqualTo(original.year());
            assertThat(converted.clcNumber()).isEqualTo(original.clcNumber());
        }
    }

    @Test
    void a_real_marc21_record_becomes_cnmarc_with_its_title_publication_isbn_and_names() throws IOException {
        MarcRecord marc21;
        try (InputStream in = Files.newInputStream(SharedData.file("marc21/summerland.mrc"))) {
            marc21 = ((MarcReadResult.Read) new Iso2709Reader(in, null).next()).record();
        }
        MarcRecord cnmarc = FlavourConversion.convert(marc21, MarcFlavour.CNMARC);
        assertThat(MarcFlavour.detect(cnmarc)).isEqualTo(MarcFlavour.CNMARC);
        BibliographicFields before = FieldMapping.map(marc21, MarcFlavour.MARC21);
        BibliographicFields after = FieldMapping.map(cnmarc, MarcFlavour.CNMARC);
        assertThat(after.title()).isEqualTo(before.title());
        assertThat(after.publisher()).isEqualTo(before.publisher());
        assertThat(after.year()).isEqualTo(before.year());
        assertThat(after.isbns()).isEqualTo(before.isbns());
        assertThat(after.names()).extracting(BibliographicFields.Name::name)
                .containsExactlyElementsOf(before.names().stream().map(BibliographicFields.Name::name).toList());
        assertThat(cnmarc.first("100", 'a').orElseThrow()).hasSize(36);
    }
}
