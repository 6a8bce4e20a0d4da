package org.shuxiang.catalog.marc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Converts a record between CNMARC and MARC21 for export, field by field for what both formats say
 * the same way: control numbers, ISBN and price, language, title and responsibility, edition,
 * publication, extent, series, summary, subjects, the 中图法 class number and the names with their
 * relator codes, with 100 (CNMARC) and 008 (MARC21) built from the dates, audience and language.
 * Fields with no counterpart are left out: the conversion is for exchange, the stored record stays whole.
 */
public final class FlavourConversion {

    private FlavourConversion() {
    }

    /** The record in {@code target}'s flavour; unchanged when it already is. */
    public static MarcRecord convert(MarcRecord record, MarcFlavour target) {
        MarcFlavour source = MarcFlavour.detect(record);
        if (source == target) {
            return record;
        }
        return target == MarcFlavour.MARC21 ? toMarc21(record) : toCnmarc(record);
    }

    static MarcRecord toMarc21(MarcRecord cn) {
        List<MarcRecord.Field> out = new ArrayList<>();
        copyControl(cn, out, "001");
        copyControl(cn, out, "005");
        String general = cn.first("100", 'a').orElse("");
        String language = cn.first("101", 'a').orElse("chi");
        String entered = general.length() >= 8 ? general.substring(2, 8) : "000000";
        String year = general.length() >= 13 ? general.substring(9, 13) : "    ";
        char audience = general.length() > 17 && general.charAt(17) >= 'a' && general.charAt(17) <= 'e' ? 'j' : ' ';
        out.add(new MarcRecord.ControlField("008", entered + "s" + year + "    cc            " + audience
                + "            " + pad(language, 3) + " d"));
        cn.dataFields("010").forEach(f -> out.add(field("020", ' ', ' ', f, 'a', 'a', 'd', 'c')));
        cn.dataFields("101").forEach(f -> out.add(field("041", '0', ' ', f, 'a', 'a')));
        cn.dataFields("690").forEach(f -> out.add(withSource(field("084", ' ', ' ', f, 'a', 'a'), "clc")));
        List<MarcRecord.DataField> persons = new ArrayList<>();
        cn.dataFields("701").forEach(persons::add);
        cn.dataFields("702").forEach(persons::add);
        boolean main = false;
        for (MarcRecord.DataField person : persons) {
            String tag = !main && person.tag().equals("701") ? "100" : "700";
            main |= tag.equals("100");
            out.add(new MarcRecord.DataField(tag, '1', ' ', name(person)));
        }
        char titleIndicator = main ? '1' : '0';
        cn.dataFields("200").forEach(f -> out.add(field("245", titleIndicator, '0', f, 'a', 'a', 'e', 'b', 'f', 'c',
                'h', 'n', 'i', 'p')));
        cn.dataFields("205").forEach(f -> out.add(field("250", ' ', ' ', f, 'a', 'a')));
        cn.dataFields("210").forEach(f -> out.add(field("260", ' ', ' ', f, 'a', 'a', 'c', 'b', 'd', 'c')));
        cn.dataFields("215").forEach(f -> out.add(field("300", ' ', ' ', f, 'a', 'a', 'c', 'b', 'd', 'c')));
        cn.dataFields("225").forEach(f -> out.add(field("490", '0', ' ', f, 'a', 'a', 'v', 'v')));
        cn.dataFields("330").forEach(f -> out.add(field("520", ' ', ' ', f, 'a', 'a')));
        cn.dataFields("606").forEach(f -> out.add(field("650", ' ', '4', f, 'a', 'a', 'x', 'x', 'y', 'z', 'z', 'y')));
        cn.dataFields("711").forEach(f -> out.add(field("710", '2', ' ', f, 'a', 'a', '4', '4')));
        cn.dataFields("712").forEach(f -> out.add(field("710", '2', ' ', f, 'a', 'a', '4', '4')));
        out.sort((a, b) -> a.tag().compareTo(b.tag()));
        String leader = cn.leader();
        return new MarcRecord("00000" + leader.charAt(5) + leader.charAt(6) + leader.charAt(7) + " a2200000 a 4500",
                out);
    }

    static MarcRecord toCnmarc(MarcRecord m) {
        List<MarcRecord.Field> out = new ArrayList<>();
        copyControl(m, out, "001");
        copyControl(m, out, "005");
        String fixed = m.controlField("008").orElse("");
        String language = m.first("041", 'a').orElse(fixed.length() >= 38 ? fixed.substring(35, 38) : "und");
        String entered = fixed.length() >= 6 && fixed.substring(0, 6).chars().allMatch(Character::isDigit)
                ? (Integer.parseInt(fixed.substring(0, 2)) > 50 ? "19" : "20") + fixed.substring(0, 6) : "20000101";
        String year = fixed.length() >= 11 ? fixed.substring(7, 11) : "    ";
        String audience = fixed.length() > 22 && "abcj".indexOf(fixed.charAt(22)) >= 0 ? "c  " : "m  ";
        m.dataFields("020").forEach(f -> out.add(field("010", ' ', ' ', f, 'a', 'a', 'c', 'd')));
        out.add(new MarcRecord.DataField("100", ' ', ' ', List.of(new MarcRecord.Subfield('a',
                entered + "d" + year + "    " + audience + "y0" + pad(language, 3) + "y50      ba"))));
        out.add(new MarcRecord.DataField("101", '0', ' ', List.of(new MarcRecord.Subfield('a', language))));
        m.dataFields("245").forEach(f -> out.add(field("200", '1', ' ', f, 'a', 'a', 'b', 'e', 'c', 'f', 'n', 'h',
                'p', 'i')));
        m.dataFields("250").forEach(f -> out.add(field("205", ' ', ' ', f, 'a', 'a')));
        publication(m).ifPresent(f -> out.add(field("210", ' ', ' ', f, 'a', 'a', 'b', 'c', 'c', 'd')));
        m.dataFields("300").forEach(f -> out.add(field("215", ' ', ' ', f, 'a', 'a', 'b', 'c', 'c', 'd')));
        m.dataFields("490").forEach(f -> out.add(field("225", '2', ' ', f, 'a', 'a', 'v', 'v')));
        m.dataFields("520").forEach(f -> out.add(field("330", ' ', ' ', f, 'a', 'a')));
        m.dataFields("650").forEach(f -> out.add(field("606", '0', ' ', f, 'a', 'a', 'x', 'x', 'z', 'y', 'y', 'z')));
        m.dataFields("084").filter(f -> f.all('2').stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).startsWith("clc")))
                .forEach(f -> out.add(field("690", ' ', ' ', f, 'a', 'a')));
        m.dataFields("100").forEach(f -> out.add(field("701", ' ', '0', f, 'a', 'a', '4', '4')));
        m.dataFields("700").forEach(f -> out.add(field("702", ' ', '0', f, 'a', 'a', '4', '4')));
        m.dataFields("110").forEach(f -> out.add(field("711", '0', '2', f, 'a', 'a', '4', '4')));
        m.dataFields("710").forEach(f -> out.add(field("712", '0', '2', f, 'a', 'a', '4', '4')));
        out.sort((a, b) -> a.tag().compareTo(b.tag()));
        String leader = m.leader();
        return new MarcRecord("00000" + leader.charAt(5) + leader.charAt(6) + leader.charAt(7) + "0 2200000   450 ",
                out);
    }

    /** 264 with second indicator 1 (publication) if there is one, else 260. */
    private static Optional<MarcRecord.DataField> publication(MarcRecord m) {
        return m.dataFields("264").filter(f -> f.indicator2() == '1').findFirst()
                .or(() -> m.dataField("260"));
    }

    /** A CNMARC name (701/702) as MARC21 subfields: $a surname and $b forename joined, $4 kept. */
    private static List<MarcRecord.Subfield> name(MarcRecord.DataField person) {
        List<MarcRecord.Subfield> subfields = new ArrayList<>();
        String surname = person.first('a').orElse("");
        String name = person.first('b').map(forename -> surname + ", " + forename).orElse(surname);
        subfields.add(new MarcRecord.Subfield('a', name));
        person.all('4').forEach(code -> subfields.add(new MarcRecord.Subfield('4', code)));
        return subfields;
    }

    /** A new field with the source's subfields renamed by pairs (from, to); others left out. */
    private static MarcRecord.DataField field(String tag, char ind1, char ind2, MarcRecord.DataField source,
                                              char... pairs) {
        List<MarcRecord.Subfield> subfields = new ArrayList<>();
        for (MarcRecord.Subfield subfield : source.subfields()) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (subfield.code() == pairs[i]) {
                    subfields.add(new MarcRecord.Subfield(pairs[i + 1], subfield.value()));
                    break;
                }
            }
        }
        return new MarcRecord.DataField(tag, ind1, ind2, subfields);
    }

    private static MarcRecord.DataField withSource(MarcRecord.DataField field, String source) {
        List<MarcRecord.Subfield> subfields = new ArrayList<>(field.subfields());
        subfields.add(new MarcRecord.Subfield('2', source));
        return new MarcRecord.DataField(field.tag(), field.indicator1(), field.indicator2(), subfields);
    }

    private static void copyControl(MarcRecord record, List<MarcRecord.Field> out, String tag) {
        record.controlField(tag).ifPresent(data -> out.add(new MarcRecord.ControlField(tag, data)));
    }

    private static String pad(String text, int length) {
        String value = text.length() > length ? text.substring(0, length) : text;
        return value + " ".repeat(length - value.length());
    }
}
