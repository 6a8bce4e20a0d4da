package org.shuxiang.catalog.search;

import java.util.List;

import org.shuxiang.catalog.marc.BibliographicFields;

/** What the index knows of one record: its fields, call number, popularity and copies. */
record IndexSource(long id, BibliographicFields fields, String callNumber, int loanCount, List<Copy> copies) {

    /** One copy, as much as search needs of it. */
    record Copy(String barcode, String currentUnit, String type, String status, String callNumber) {
    }

}
