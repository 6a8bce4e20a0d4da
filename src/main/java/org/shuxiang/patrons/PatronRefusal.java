package org.shuxiang.patrons;

import org.shuxiang.platform.Refusal;

/** Why a request about readers is refused. */
public enum PatronRefusal implements Refusal {
    READER_NOT_FOUND(404),
    CARD_NOT_FOUND(404),
    INVALID_IDENTITY_NUMBER(400),
    IDENTITY_NUMBER_REQUIRED(400),
    IDENTITY_ALREADY_REGISTERED(409),
    CARD_NUMBER_TAKEN(409),
    INVALID_CARD_NUMBER(400),
    INVALID_PIN(400),
    GUARDIAN_REQUIRED(400),
    GUARDIAN_NOT_ADULT(409),
    GUARDIAN_ONLY_FOR_CHILDREN(400),
    CHILD_TOO_OLD(409),
    UNKNOWN_HOME_UNIT(400),
    BLOCK_NOT_FOUND(404),
    REASON_REQUIRED(400),
    CREDIT_UNAVAILABLE(503),
    CONSENT_REQUIRED(400),
    UNKNOWN_DEPOSIT_TIER(400);

    private final int httpStatus;

    PatronRefusal(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
