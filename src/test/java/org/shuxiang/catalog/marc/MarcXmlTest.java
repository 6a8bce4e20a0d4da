package org.shuxiang.catalog.marc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** MARCXML written by us reads back the same; bad XML is reported, never thrown at the caller. */
class MarcXmlTest {

    private static List<MarcReadResult> read(byte[] xml) {
        List<MarcReadResult> results = new ArrayList<>();
        new MarcXmlReader(new ByteArrayInputStream(xml)).forEachRemaining(results::add);
        return results;
    }

    @Test
    void a_chinese_record_written_as_marcxml_reads_back_the_same() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MarcXmlWriter writer = new MarcXmlWriter(out)) {
            writer.write(Iso2709RoundTripTest.SANTI);
            writer.write(Iso2709RoundTripTest.SANTI);
        }
        List<MarcReadResult> results = read(out.toByteArray());
        assertThat(results).hasSize(2);
        assertThat(((MarcReadResult.Read) results.get(1)).record()).isEqualTo(Iso2709RoundTripTest.SANTI);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("<subfield code=\"a\">三体</subfield>");
    }

    @Test
    void a_record_with_a_short_leader_is_rejected_and_the_next_is_read() {
        String xml = """
                <collection xmlns="http://www.loc.gov/MARC21/slim">
                  <record><leader>short</leader><controlfield tag="001">1</controlfield></record>
                  <record><leader>00000nam a2200000 a 4500</leader>
                    <datafield tag="245" ind1="1" ind2="0"><subfield code="a">Summerland</subfield></datafield>
                  </record>
                </collection>""";
        List<MarcReadResult> results = read(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(results).hasSize(2);
        assertThat(results.get(0)).isInstanceOf(MarcReadResult.Rejected.class);
        assertThat(((MarcReadResult.Rejected) results.get(0)).reason()).contains("leader");
        assertThat(((MarcReadResult.Read) results.get(1)).record().first("245", 'a')).contains("Summerland");
        assertThat(results.get(1).offset()).isEqualTo(3);
    }

    @Test
    void xml_that_breaks_off_ends_the_file_with_a_rejection_naming_the_line() {
        String xml = """
                <collection xmlns="http://www.loc.gov/MARC21/slim">
                  <record><leader>00000nam a2200000 a 4500</leader></record>
                  <record><leader>00000nam a2200000 a 4500</leader>
                    <datafield tag="245" ind1="1" ind2="0"><subfield code="a">Broken""";
        List<MarcReadResult> results = read(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(results).hasSize(2);
        assertThat(results.get(0)).isInstanceOf(MarcReadResult.Read.class);
        assertThat(((MarcReadResult.Rejected) results.get(1)).reason()).contains("not well formed at line");
    }

    @Test
    void an_external_entity_is_never_fetched() {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE collection [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <collection xmlns="http://www.loc.gov/MARC21/slim">
                  <record><leader>00000nam a2200000 a 4500</leader>
                    <datafield tag="245" ind1="1" ind2="0"><subfield code="a">&secret;</subfield></datafield>
                  </record>
                </collection>""";
        List<MarcReadResult> results = read(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(results).allSatisfy(r -> {
            if (r instanceof MarcReadResult.Read read) {
                assertThat(read.record().first("245", 'a').orElse("")).doesNotContain("root:");
            }
        });
    }
}
