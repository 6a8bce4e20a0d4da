package org.shuxiang.catalog;

import org.shuxiang.platform.Refusal;

/** Why a catalogue request is refused. */
public enum CatalogRefusal implements Refusal {
    RECORD_NOT_FOUND(404),
    IMPORT_NOT_FOUND(404),
    EMPTY_FILE(400),
    EXPORT_ENCODING_UNSUPPORTED(400),
    TOO_MANY_RECORDS_REQUESTED(400);

    private final int httpStatus;

    CatalogRefusal(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
