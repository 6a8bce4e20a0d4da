package org.shuxiang.catalog;

import org.shuxiang.platform.Refusal;

/** Why a catalogue request is refused. */
public enum CatalogRefusal implements Refusal {
    RECORD_NOT_FOUND(404),
    IMPORT_NOT_FOUND(404),
    EMPTY_FILE(400),
    EXPORT_ENCODING_UNSUPPORTED(400),
    TOO_MANY_RECORDS_REQUESTED(400),
    ITEM_NOT_FOUND(404),
    DUPLICATE_BARCODE(409),
    ITEM_ON_LOAN(409),
    ITEM_WITHDRAWN(409),
    STATUS_NOT_SET_BY_HAND(409),
    NO_CLASS_NUMBER(409),
    NO_AUTHOR_FOR_BOOK_NUMBER(409),
    TITLE_REQUIRED(400),
    YEAR_INVALID(400),
    ISBN_INVALID(400),
    RECORD_CHANGED(409);

    private final int httpStatus;

    CatalogRefusal(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
