package org.shuxiang.circulation;

import org.shuxiang.platform.Refusal;

/** Why a checkout, checkin or renewal is refused: each a reason code the desk and kiosks show in words. */
public enum CirculationRefusal implements Refusal {
    CARD_UNKNOWN(404),
    CARD_REPLACED(409),
    CARD_EXPIRED(409),
    READER_BLOCKED(409),
    CARD_DOES_NOT_BORROW(409),
    LOAN_LIMIT_REACHED(409),
    ITEM_TYPE_LIMIT_REACHED(409),
    ITEM_UNKNOWN(404),
    ITEM_NOT_LOANABLE(409),
    ITEM_ALREADY_ON_LOAN(409),
    ITEM_NOT_AVAILABLE(409),
    ITEM_NOT_ON_LOAN(409),
    UNIT_DOES_NOT_LEND(409),
    UNIT_DOES_NOT_ACCEPT_RETURNS(409),
    NO_LOAN_RULE(409),
    LOAN_NOT_FOUND(404),
    RENEWALS_USED(409),
    RULE_NOT_FOUND(404),
    RULE_CELL_TAKEN(409),
    FEES_OWED(409),
    FEE_NOT_FOUND(404),
    UNKNOWN_PAYMENT_METHOD(400),
    PAYMENT_NOT_OWED(400),
    WAIVER_REASON_REQUIRED(400),
    ITEM_ON_HOLD_FOR_ANOTHER(409),
    ITEM_NOT_IN_TRANSIT(409),
    HOLDS_WAITING(409),
    OFFLINE_BATCH_NOT_FOUND(404),
    NO_DEPOSIT_OR_CREDIT(409),
    TOO_MANY_OVERDUE(409),
    DEFAULT_RULE_KEPT(409);

    private final int httpStatus;

    CirculationRefusal(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
