package org.shuxiang.catalog;

/** What an import does with a record whose ISBN or control number the catalogue already has. */
public enum DuplicateRule {
    /** Keep the catalogue's record as it is. */
    KEEP,
    /** Replace the catalogue's record with the incoming one (its items stay with it). */
    REPLACE,
    /** Add to the catalogue's record the fields of the incoming one that it lacks. */
    MERGE
}
