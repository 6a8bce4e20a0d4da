package org.shuxiang.platform;

/** Refusals of the platform itself: security, accounts, keys and malformed requests. */
public enum PlatformRefusal implements Refusal {
    VALIDATION_FAILED(400),
    MALFORMED_REQUEST(400),
    UNAUTHENTICATED(401),
    ACCOUNT_LOCKED(401),
    ACCESS_DENIED(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    UNSUPPORTED_MEDIA_TYPE(415),
    STAFF_NOT_FOUND(404),
    DUPLICATE_USERNAME(409),
    UNKNOWN_UNIT(400),
    OPERATOR_REQUIRED_FOR_ROLE(400),
    OPERATOR_ONLY_FOR_OPERATOR_STAFF(400),
    PASSWORD_TOO_WEAK(400),
    API_KEY_NOT_FOUND(404),
    INTERNAL_ERROR(500);

    private final int httpStatus;

    PlatformRefusal(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
