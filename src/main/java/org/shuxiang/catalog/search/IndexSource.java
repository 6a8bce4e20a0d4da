package org.shuxiang.catalog.search;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.shuxiang.catalog.marc.BibliographicFields;

/**
 * What the index knows of one record: its fields, call number, popularity and copies. {@code fields} is
 * null in a light source, read when only the copies' statuses or the loan count may have changed.
 */
record IndexSource(long id, BibliographicFields fields, String callNumber, int loanCount, List<Copy> copies,
                   long recordVersion) {

    /** One copy, as much as search needs of it. */
    record Copy(String barcode, String currentUnit, String type, String status, String callNumber) {
    }

    IndexSource withFields(BibliographicFields f) {
        return new IndexSource(id, f, callNumber, loanCount, copies, recordVersion);
    }

    /** The units where a copy is on the shelf now, in order. */
    Set<String> availableAt() {
        Set<String> units = new TreeSet<>();
        for (Copy copy : copies) {
            if ("AVAILABLE".equals(copy.status())) {
                units.add(copy.currentUnit());
            }
        }
        return units;
    }

    /**
     * A digest of everything the document holds except availability and the loan count: the record's
     * version and call number, and each copy's barcode, type and call number (where a copy is shows only
     * in availability). When it is unchanged, the index updates the document's availability and loan
     * count in place instead of analysing it again: a checkout, a return here or elsewhere, a transit.
     */
    long structure() {
        long h = 1125899906842597L;
        h = 31 * h + recordVersion;
        h = 31 * h + (callNumber == null ? 0 : callNumber.hashCode());
        List<Copy> sorted = copies.stream().sorted(java.util.Comparator.comparing(Copy::barcode)).toList();
        for (Copy copy : sorted) {
            h = 31 * h + copy.barcode().hashCode();
            h = 31 * h + copy.type().hashCode();
            h = 31 * h + (copy.callNumber() == null ? 0 : copy.callNumber().hashCode());
        }
        return h;
    }
}
