package org.shuxiang.network;

import org.shuxiang.platform.Refusal;

/** Why a change to the network is refused; each code is stable across REST, SIP2 and the web. */
public enum NetworkRefusal implements Refusal {
    UNIT_NOT_FOUND(404),
    OPERATOR_NOT_FOUND(400),
    DUPLICATE_UNIT_CODE(409),
    DUPLICATE_OPERATOR_CODE(409),
    PARENT_NOT_FOUND(400),
    PARENT_INACTIVE(409),
    TYPE_NOT_ALLOWED_UNDER_PARENT(409),
    ROOT_MUST_BE_CENTRAL_LIBRARY(409),
    NETWORK_ALREADY_HAS_ROOT(409),
    MOVE_WOULD_CREATE_CYCLE(409),
    CANNOT_MOVE_ROOT(409),
    UNIT_HAS_ACTIVE_CHILDREN(409),
    INVALID_TIME_RANGE(400),
    OVERLAPPING_TIME_RANGES(400),
    INVALID_CLOSED_PERIOD(400),
    OVERLAPPING_CLOSED_PERIODS(400),
    COORDINATES_INCOMPLETE(400);

    private final int httpStatus;

    NetworkRefusal(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
