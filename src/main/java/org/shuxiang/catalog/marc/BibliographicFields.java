package org.shuxiang.catalog.marc;

import java.util.List;
import java.util.Optional;

import org.shuxiang.catalog.ClcClass;
import org.shuxiang.catalog.Isbn;

/**
 * What the platform uses of a bibliographic record, the same whether it came as CNMARC or MARC21
 * (see {@link FieldMapping}). Text is as catalogued, without the ISBD punctuation at its ends; a
 * value the record lacks is {@code null}, a list it lacks is empty.
 *
 * @param title          the title proper with its other title information and part, e.g. "三体"
 * @param parallelTitles titles in another language or script
 * @param responsibility the statement of responsibility as written, e.g. "刘慈欣著"
 * @param names          the persons and bodies responsible, each with its role
 * @param publisher      the publisher's name, e.g. "重庆出版社"
 * @param place          the place of publication
 * @param year           the year of publication, when the record gives four digits
 * @param edition        the edition statement, e.g. "2版" or "1st ed."
 * @param isbns          the valid ISBNs, without repeats
 * @param invalidIsbns   ISBN fields that hold no valid ISBN, as written, for a cataloguer to fix
 * @param price          as written, e.g. "CNY23.00"
 * @param pages          the extent as written, e.g. "302页" or "500 p."
 * @param series         the series titles
 * @param subjects       the subject headings' main terms (topics, names, places)
 * @param clcNumber      the 中图法 class number, e.g. "I247.55"
 * @param summary        the abstract, as written
 * @param language       the language code of the text, e.g. "chi" or "eng"
 * @param audience       the target audience code as recorded (CNMARC 100$a/17-19, MARC21 008/22)
 */
public record BibliographicFields(
        String title,
        List<String> parallelTitles,
        String responsibility,
        List<Name> names,
        String publisher,
        String place,
        Integer year,
        String edition,
        List<Isbn> isbns,
        List<String> invalidIsbns,
        String price,
        String pages,
        List<String> series,
        List<String> subjects,
        String clcNumber,
        String summary,
        String language,
        String audience) {

    /**
     * A person or body named in the record.
     *
     * @param role the relator as the record has it: a word from the statement of responsibility
     *             (著, 编, 译), a relator term ("author") or a relator code ("070", "aut"); null when none is given
     */
    public record Name(String name, String role) {
    }

    public BibliographicFields {
        parallelTitles = copy(parallelTitles);
        names = copy(names);
        isbns = copy(isbns);
        invalidIsbns = copy(invalidIsbns);
        series = copy(series);
        subjects = copy(subjects);
    }

    /** The top 中图法 class of {@link #clcNumber()}, e.g. {@link ClcClass#I} for "I247.55". */
    public Optional<ClcClass> clcClass() {
        return ClcClass.ofClassNumber(clcNumber);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
