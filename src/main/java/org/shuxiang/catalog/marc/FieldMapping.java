package org.shuxiang.catalog.marc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.shuxiang.catalog.Isbn;
import org.shuxiang.catalog.marc.BibliographicFields.Name;
import org.shuxiang.catalog.marc.MarcRecord.DataField;
import org.shuxiang.catalog.marc.MarcRecord.Subfield;

/**
 * Reads the fields the platform uses out of a CNMARC or MARC21 record. Missing fields give
 * {@code null} or an empty list; nothing here refuses a record.
 */
public final class FieldMapping {

    private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{3}");
    private static final Pattern FILLERS = Pattern.compile("[\\s#|]");
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)\\d{4}(?!\\d)");
    // "--" is the area separator of older ISBD records: "illustrated by Susan Linzig. --."; trim() strips it
    // a final full stop that belongs to an abbreviation or an initial stays: "1st ed.", "500 p.", "Le Guin, Ursula K.", "N.Y."
    private static final Pattern ABBREVIATION = Pattern.compile(
            "(?:^|[\\s(\\[.])(?:\\p{L}|pp|ed|eds|cm|mm|ill|col|pbk|hbk|rev|enl|etc|no|vol|Jr|Sr|Dr|St|Co|Inc|Ltd)\\.$");
    // what Chinese statements of responsibility write after a name; longest first, so 主编 wins over 编
    private static final List<String> ROLE_WORDS = List.of("主编", "编著", "编译", "选编", "改编", "整理", "翻译",
            "绘图", "摄影", "撰文", "校注", "口述", "著", "编", "译", "绘", "撰", "注");

    private FieldMapping() {
    }

    /** Maps a record in the flavour {@link MarcFlavour#detect} finds. */
    public static BibliographicFields map(MarcRecord record) {
        return map(record, MarcFlavour.detect(record));
    }

    public static BibliographicFields map(MarcRecord record, MarcFlavour flavour) {
        return switch (flavour) {
            case CNMARC -> fromCnmarc(record);
            case MARC21 -> fromMarc21(record);
        };
    }

    private static BibliographicFields fromCnmarc(MarcRecord record) {
        Optional<DataField> titleField = record.dataField("200");
        String responsibility = titleField.map(f -> joined(f, "fg", " ; ")).orElse(null);
        List<String> isbnTexts = record.all("010", 'a');
        List<Name> names = fieldsTagged(record, "700", "701", "702", "710", "711", "712")
                .map(f -> cnmarcName(f, responsibility)).flatMap(Optional::stream).toList();
        return new BibliographicFields(
                titleField.map(f -> title(f, 'e', 'h', 'i')).orElse(null),
                distinct(values(record, 'd', "200"), values(record, 'a', "510")),
                responsibility,
                names,
                first(record, "210", 'c'),
                first(record, "210", 'a'),
                year(first(record, "210", 'd')),
                first(record, "205", 'a'),
                validIsbns(isbnTexts),
                invalidIsbns(isbnTexts),
                first(record, "010", 'd'),
                first(record, "215", 'a'),
                distinct(values(record, 'a', "225"), values(record, 'a', "410")),
                values(record, 'a', "600", "601", "606", "607"),
                first(record, "690", 'a'),
                summary(record, "330"),
                first(record, "101", 'a'),
                cnmarcAudience(record));
    }

    private static BibliographicFields fromMarc21(MarcRecord record) {
        Optional<DataField> titleField = record.dataField("245");
        List<DataField> publication = marc21Publication(record);
        List<String> isbnTexts = record.all("020", 'a');
        List<Name> names = fieldsTagged(record, "100", "110", "700", "710")
                .map(FieldMapping::marc21Name).flatMap(Optional::stream).toList();
        return new BibliographicFields(
                titleField.map(f -> title(f, 'b', 'n', 'p')).orElse(null),
                values(record, 'a', "246"),
                titleField.map(f -> joined(f, "c", " ")).orElse(null),
                names,
                firstJoined(publication, "b", " ; "),
                firstJoined(publication, "a", " ; "),
                publication.stream().map(f -> year(joined(f, "c", " "))).filter(Objects::nonNull).findFirst()
                        .orElse(null),
                first(record, "250", 'a'),
                validIsbns(isbnTexts),
                invalidIsbns(isbnTexts),
                first(record, "020", 'c'),
                first(record, "300", 'a'),
                // 440 was made obsolete in 2008 but older records still carry their series there
                distinct(values(record, 'a', "440", "490"), values(record, 'a', "830")),
                values(record, 'a', "600", "610", "650", "651"),
                marc21ClcNumber(record),
                summary(record, "520"),
                marc21Language(record),
                marc21Audience(record));
    }

    /**
     * The title proper with its other title information and part, in ISBD order as catalogued:
     * "The amazing adventures of Kavalier and Clay : a novel", "三体. Ⅱ, 黑暗森林".
     */
    private static String title(DataField field, char otherTitle, char partNumber, char partName) {
        StringBuilder title = new StringBuilder();
        char previous = 0;
        for (Subfield subfield : field.subfields()) {
            char code = subfield.code();
            String separator;
            if (code == 'a') {
                separator = " ; ";
            } else if (code == otherTitle) {
                separator = " : ";
            } else if (code == partNumber || code == partName) {
                separator = code == partName && previous == partNumber ? ", " : ". ";
            } else {
                continue;
            }
            String value = trim(subfield.value());
            if (!value.isEmpty()) {
                title.append(title.isEmpty() ? "" : separator).append(value);
                previous = code;
            }
        }
        return title.isEmpty() ? null : title.toString();
    }

    private static Optional<Name> cnmarcName(DataField field, String responsibility) {
        String entry = field.first('a').map(FieldMapping::trim).orElse("");
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        // $b holds a person's forenames ("$aAsimov$b, Isaac") or a body's subdivisions ("$a中国社会科学院$b语言研究所")
        boolean corporate = field.tag().startsWith("71");
        String rest = joined(field, "b", corporate ? ". " : " ");
        String name = rest == null ? entry : entry + (corporate ? ". " : ", ") + rest;
        String role = joined(field, "4", ", ");
        return Optional.of(new Name(name, role != null ? role : roleInStatement(responsibility, entry)));
    }

    private static Optional<Name> marc21Name(DataField field) {
        Optional<String> name = field.first('a').map(FieldMapping::trim).filter(a -> !a.isEmpty());
        String role = joined(field, "e", ", ");
        return name.map(n -> new Name(n, role != null ? role : joined(field, "4", ", ")));
    }

    /** The word after a name in the statement of responsibility: 译 for 范晔 in "加西亚·马尔克斯著 ; 范晔译". */
    private static String roleInStatement(String responsibility, String name) {
        int at = responsibility == null ? -1 : responsibility.indexOf(name);
        if (at < 0) {
            return null;
        }
        String statement = responsibility.substring(at + name.length()).split("[;；]", 2)[0].strip();
        return ROLE_WORDS.stream().filter(statement::endsWith).findFirst().orElse(null);
    }

    /**
     * The publication statements, best first: publication (264 second indicator 1), the older 260,
     * then other 264s, whose copyright date stands in for an unknown date of publication. Each
     * value is taken from the first that has it, since some records split one statement over two fields.
     */
    private static List<DataField> marc21Publication(MarcRecord record) {
        return Stream.of(record.dataFields("264").filter(f -> f.indicator2() == '1'), record.dataFields("260"),
                record.dataFields("264").filter(f -> f.indicator2() != '1')).flatMap(s -> s).toList();
    }

    private static String firstJoined(List<DataField> fields, String codes, String separator) {
        return fields.stream().map(f -> joined(f, codes, separator)).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String marc21ClcNumber(MarcRecord record) {
        List<DataField> classifications = record.dataFields("084").toList();
        return classifications.stream()
                .filter(f -> f.first('2').filter(scheme -> scheme.strip().equalsIgnoreCase("clc")).isPresent())
                .findFirst()
                .or(() -> classifications.stream().findFirst())
                .flatMap(f -> f.first('a')).map(FieldMapping::trim).filter(a -> !a.isEmpty()).orElse(null);
    }

    private static String marc21Language(MarcRecord record) {
        return record.controlField("008").filter(data -> data.length() >= 38)
                .map(data -> data.substring(35, 38)).filter(code -> LANGUAGE_CODE.matcher(code).matches())
                .orElseGet(() -> first(record, "041", 'a'));
    }

    /** 008/22 is the target audience only in the 008 of books. */
    private static String marc21Audience(MarcRecord record) {
        String leader = record.leader();
        boolean book = "at".indexOf(leader.charAt(6)) >= 0 && "acdm".indexOf(leader.charAt(7)) >= 0;
        return record.controlField("008").filter(data -> book && data.length() > 22)
                .map(data -> audienceCode(data.substring(22, 23))).orElse(null);
    }

    private static String cnmarcAudience(MarcRecord record) {
        return record.first("100", 'a').filter(data -> data.length() >= 20)
                .map(data -> audienceCode(data.substring(17, 20))).orElse(null);
    }

    /** Blanks ('#' where a file spells them out) and fill characters ('|') mean no code was given. */
    private static String audienceCode(String positions) {
        String code = FILLERS.matcher(positions).replaceAll("");
        return code.isEmpty() ? null : code;
    }

    private static List<Isbn> validIsbns(List<String> texts) {
        return texts.stream().map(Isbn::parse).flatMap(Optional::stream).distinct().toList();
    }

    private static List<String> invalidIsbns(List<String> texts) {
        return texts.stream().filter(text -> Isbn.parse(text).isEmpty()).map(String::strip).toList();
    }

    private static Integer year(String date) {
        Matcher year = YEAR.matcher(date == null ? "" : date);
        return year.find() ? Integer.valueOf(year.group()) : null;
    }

    /** A summary is prose: its final full stop stays. */
    private static String summary(MarcRecord record, String tag) {
        return record.first(tag, 'a').map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    private static Stream<DataField> fieldsTagged(MarcRecord record, String... tags) {
        Set<String> wanted = Set.of(tags);
        return record.fields().stream().filter(f -> f instanceof DataField && wanted.contains(f.tag()))
                .map(DataField.class::cast);
    }

    /** Every {@code $code} of the fields with these tags, in record order, trimmed and without repeats. */
    private static List<String> values(MarcRecord record, char code, String... tags) {
        return fieldsTagged(record, tags).flatMap(f -> f.all(code).stream()).map(FieldMapping::trim)
                .filter(v -> !v.isEmpty()).distinct().toList();
    }

    private static String first(MarcRecord record, String tag, char code) {
        return record.first(tag, code).map(FieldMapping::trim).filter(v -> !v.isEmpty()).orElse(null);
    }

    /** The subfields of one field with any of these codes, trimmed and joined, or null when there are none. */
    private static String joined(DataField field, String codes, String separator) {
        List<String> parts = field.subfields().stream().filter(s -> codes.indexOf(s.code()) >= 0)
                .map(s -> trim(s.value())).filter(v -> !v.isEmpty()).toList();
        return parts.isEmpty() ? null : String.join(separator, parts);
    }

    @SafeVarargs
    private static List<String> distinct(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).distinct().toList();
    }

    /** Without the ISBD punctuation that separates a value from the next: "Summerland /" is "Summerland". */
    private static String trim(String value) {
        // hand-written rather than regular expressions anchored at the end, which rescan long values
        int start = 0;
        int end = value.length();
        boolean changed = true;
        while (changed) {
            changed = false;
            while (start < end && isIsbdPunctuation(value.charAt(start))) {
                start++;
                changed = true;
            }
            while (end > start) {
                char last = value.charAt(end - 1);
                if (isIsbdPunctuation(last)) {
                    end--;
                } else if (last == '-' && end - 2 >= start && value.charAt(end - 2) == '-') {
                    end -= 2;
                } else {
                    break;
                }
                changed = true;
            }
            if (end > start && value.charAt(end - 1) == '.' && !endsWithAbbreviation(value, start, end)) {
                end--;
                changed = true;
            }
        }
        return value.substring(start, end);
    }

    private static boolean isIsbdPunctuation(char c) {
        return Character.isWhitespace(c) || c == '/' || c == ':' || c == ';' || c == '=' || c == ',';
    }

    /** Whether the value's final full stop ends an abbreviation or an initial (looking at its last word only). */
    private static boolean endsWithAbbreviation(String value, int start, int end) {
        var matcher = ABBREVIATION.matcher(end == value.length() ? value : value.substring(0, end));
        matcher.region(Math.max(start, end - 6), end);
        matcher.useTransparentBounds(true);
        matcher.useAnchoringBounds(false);
        return matcher.find();
    }
}
