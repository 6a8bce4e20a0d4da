package org.shuxiang.catalog.marc;

import java.util.regex.Pattern;

/**
 * The two MARC formats records arrive in. They share the ISO 2709 frame but not the meaning of
 * their tags: 200 is the title in CNMARC and nothing in MARC21, 100 is general processing data
 * in CNMARC and the main author in MARC21.
 */
public enum MarcFlavour {
    /** MARC 21, as Library of Congress and most foreign-language suppliers send it. */
    MARC21,
    /** CNMARC (GB/T 33286), China's UNIMARC; plain UNIMARC records read the same way. */
    CNMARC;

    // CNMARC/UNIMARC 100$a starts with the date the record was entered and the type of publication date
    private static final Pattern PROCESSING_DATA = Pattern.compile("^\\d{8}[a-z#|]");

    /**
     * The flavour of a record, judged by its fields first, since leaders are often wrong
     * (a CNMARC record exported with a MARC21 leader, or the reverse) and differ little anyway.
     */
    public static MarcFlavour detect(MarcRecord record) {
        boolean unimarcTitle = record.dataField("200").isPresent();
        boolean marc21Title = record.dataField("245").isPresent();
        if (unimarcTitle != marc21Title) {
            return unimarcTitle ? CNMARC : MARC21;
        }
        if (record.first("100", 'a').filter(a -> PROCESSING_DATA.matcher(a).find()).isPresent()) {
            return CNMARC;
        }
        if (record.controlField("008").isPresent()) {
            return MARC21;
        }
        // last resort: leader/08 is the hierarchical level (a digit) in UNIMARC, blank or 'a' in MARC21
        return Character.isDigit(record.leader().charAt(8)) ? CNMARC : MARC21;
    }
}
