package org.shuxiang.catalog.search;

import java.util.List;

import org.shuxiang.catalog.marc.BibliographicFields;

/**
 * What the index knows of one record: its fields, call number, popularity and copies, where a copy is on
 * the shelf, and a digest of the rest ({@code structure}). A light source has neither fields nor copies (both
 * null): it is read when only the copies' statuses or the loan count may have changed.
 *
 * @param structure   a digest of everything the document holds except availability and the loan count: the
 *                    record's version and call number, and each copy's barcode, type and call number (where
 *                    a copy is shows only in availability). When it is unchanged, the index updates the
 *                    document's availability and loan count in place instead of analysing it again: a
 *                    checkout, a return here or elsewhere, a transit. Computed by the database
 *                    ({@link IndexSources}), so that a light source reads no copy.
 * @param availableAt the units where a copy is on the shelf now, in order
 */
record IndexSource(long id, BibliographicFields fields, String callNumber, int loanCount, List<Copy> copies,
                   long recordVersion, long structure, List<String> availableAt) {

    /** One copy, as much as search needs of it. */
    record Copy(String barcode, String type, String callNumber) {
    }

    IndexSource whole(BibliographicFields f, List<Copy> c) {
        return new IndexSource(id, f, callNumber, loanCount, c, recordVersion, structure, availableAt);
    }
}
