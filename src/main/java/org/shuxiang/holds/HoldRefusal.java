package org.shuxiang.holds;

import org.shuxiang.platform.Refusal;

/** Why a hold request is refused. */
public enum HoldRefusal implements Refusal {
    HOLD_NOT_FOUND(404),
    CARD_UNKNOWN(404),
    RECORD_UNKNOWN(404),
    NOT_A_PICKUP_POINT(409),
    HOLD_LIMIT_REACHED(409),
    ALREADY_HOLDING(409),
    ITEM_NOT_OF_RECORD(400),
    HOLD_CLOSED(409),
    NOTHING_TO_HOLD(409),
    NO_HOLD_FOR_ITEM(409);

    private final int httpStatus;

    HoldRefusal(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
