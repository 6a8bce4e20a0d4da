package org.shuxiang.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.shuxiang.catalog.marc.BibliographicFields;
import org.shuxiang.catalog.marc.FieldMapping;
import org.shuxiang.catalog.marc.MarcFlavour;
import org.shuxiang.catalog.marc.MarcRecord;
import org.shuxiang.catalog.marc.MarcRecord.ControlField;
import org.shuxiang.catalog.marc.MarcRecord.DataField;
import org.shuxiang.catalog.marc.MarcRecord.Subfield;

/** A cataloguer's edit of the main fields is written where the platform reads them, in either flavour. */
class MainFieldsTest {

    private static final MarcRecord CNMARC = new MarcRecord("00000nam0 2200000   450 ", List.of(
            new ControlField("001", "CN-1"),
            new DataField("010", ' ', ' ', List.of(new Subfield('a', "978-7-5366-9293-0"), new Subfield('d', "CNY23.00"))),
            new DataField("200", '1', ' ', List.of(new Subfield('a', "三体"), new Subfield('f', "刘慈欣著"))),
            new DataField("210", ' ', ' ', List.of(new Subfield('a', "重庆"), new Subfield('c', "重庆出版社"),
                    new Subfield('d', "2008"))),
            new DataField("701", ' ', '0', List.of(new Subfield('a', "刘慈欣"), new Subfield('4', "著")))));

    private static final MarcRecord MARC21 = new MarcRecord("00000nam a2200000 a 4500", List.of(
            new ControlField("001", "US-1"),
            new DataField("100", '1', ' ', List.of(new Subfield('a', "Liu, Cixin."))),
            new DataField("245", '1', '4', List.of(new Subfield('a', "The three-body problem /"),
                    new Subfield('c', "Cixin Liu."))),
            new DataField("264", ' ', '1', List.of(new Subfield('a', "New York :"), new Subfield('b', "Tor,"),
                    new Subfield('c', "2014.")))));

    @Test
    void a_cnmarc_title_publisher_and_class_number_are_written_into_200_210_and_690() {
        MainFields edit = new MainFields("三体Ⅰ", "刘慈欣著", "刘慈欣", "重庆出版社", "重庆", "2010", "9787536692930",
                "I247.55", "地球文明与三体文明的第一次接触。");
        MarcRecord edited = edit.applyTo(CNMARC, MarcFlavour.CNMARC);
        BibliographicFields fields = FieldMapping.map(edited, MarcFlavour.CNMARC);
        assertThat(fields.title()).isEqualTo("三体Ⅰ");
        assertThat(fields.year()).isEqualTo(2010);
        assertThat(fields.clcNumber()).isEqualTo("I247.55");
        assertThat(fields.summary()).isEqualTo("地球文明与三体文明的第一次接触。");
        assertThat(edited.first("010", 'd')).as("the price beside the ISBN stays").contains("CNY23.00");
        assertThat(edited.fields()).extracting(MarcRecord.Field::tag)
                .as("new fields go in tag order").containsExactly("001", "010", "200", "210", "330", "690", "701");
    }

    @Test
    void a_marc21_edit_keeps_the_publication_statement_it_found_and_marks_a_new_class_number_as_clc() {
        MainFields edit = new MainFields("The three-body problem", "Cixin Liu ; translated by Ken Liu", "Liu, Cixin.",
                "Tor Books", "New York", "2014", null, "I247.55", null);
        MarcRecord edited = edit.applyTo(MARC21, MarcFlavour.MARC21);
        BibliographicFields fields = FieldMapping.map(edited, MarcFlavour.MARC21);
        assertThat(fields.title()).isEqualTo("The three-body problem");
        assertThat(fields.publisher()).isEqualTo("Tor Books");
        assertThat(fields.responsibility()).isEqualTo("Cixin Liu ; translated by Ken Liu");
        assertThat(fields.clcNumber()).isEqualTo("I247.55");
        assertThat(edited.dataField("084").orElseThrow().first('2')).contains("clc");
        assertThat(edited.dataFields("264").count()).isEqualTo(1);
        assertThat(edited.dataField("245").orElseThrow().indicator2()).as("the indicators stay").isEqualTo('4');
    }

    @Test
    void a_value_left_blank_removes_its_subfield_and_an_empty_field_goes() {
        MainFields edit = new MainFields("三体", "刘慈欣著", "刘慈欣", "重庆出版社", "重庆", "2008", "", null, null);
        MarcRecord edited = edit.applyTo(CNMARC, MarcFlavour.CNMARC);
        assertThat(edited.first("010", 'a')).isEmpty();
        assertThat(edited.first("010", 'd')).contains("CNY23.00");

        MarcRecord bare = new MarcRecord(CNMARC.leader(), List.of(new DataField("200", '1', ' ',
                List.of(new Subfield('a', "三体"))), new DataField("330", ' ', ' ', List.of(new Subfield('a', "旧提要")))));
        MarcRecord cleared = new MainFields("三体", null, null, null, null, null, null, null, "").applyTo(bare,
                MarcFlavour.CNMARC);
        assertThat(cleared.dataField("330")).isEmpty();
    }
}
