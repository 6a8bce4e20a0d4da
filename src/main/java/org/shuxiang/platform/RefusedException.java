package org.shuxiang.platform;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Thrown by an application service to refuse a request and roll back whatever it had begun.
 * The arguments fill the placeholders of the refusal's message.
 */
public class RefusedException extends RuntimeException {

    private final transient Refusal refusal;
    private final transient List<Object> arguments;
    private final String field;

    public RefusedException(Refusal refusal, Object... arguments) {
        this(refusal, null, arguments);
    }

    private RefusedException(Refusal refusal, String field, Object... arguments) {
        super(refusal.name() + (arguments.length == 0 ? "" : " " + Arrays.toString(arguments)));
        this.refusal = refusal;
        this.arguments = Collections.unmodifiableList(Arrays.asList(arguments.clone()));
        this.field = field;
    }

    /** A refusal caused by one field of the request, which the problem names. */
    public static RefusedException onField(String field, Refusal refusal, Object... arguments) {
        return new RefusedException(refusal, field, arguments);
    }

    public Refusal refusal() {
        return refusal;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }

    public String field() {
        return field;
    }
}
