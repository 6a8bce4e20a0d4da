package org.shuxiang.selfservice;

import org.shuxiang.platform.Refusal;

/** Why the device registry or a device's request is refused. */
public enum SelfServiceRefusal implements Refusal {
    DEVICE_NOT_FOUND(404),
    DEVICE_CODE_TAKEN(409),
    SIP2_ACCOUNT_UNKNOWN(400),
    SIP2_ACCOUNT_ELSEWHERE(400),
    SIP2_ACCOUNT_TAKEN(409),
    SIP2_PASSWORD_UNFIT(400),
    NOT_A_DEVICE(403),
    DEVICE_CANNOT(403),
    COUNT_INTERVAL_INVALID(400),
    DEPOSIT_OR_CREDIT_REQUIRED(409),
    CREDIT_TOO_LOW(409);

    private final int httpStatus;

    SelfServiceRefusal(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
