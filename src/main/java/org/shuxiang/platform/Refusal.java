package org.shuxiang.platform;

/**
 * A reason for refusing a request, with a stable code that REST problems, SIP2 screen messages and
 * web pages all carry. Its text lives in the message bundles under {@code problem.CODE}.
 */
public interface Refusal {

    /** The stable code, e.g. {@code UNIT_NOT_FOUND}. */
    String name();

    /** The HTTP status a REST client gets for it. */
    int httpStatus();

    default String messageKey() {
        return "problem." + name();
    }
}
