package org.backproplab.training;

/**
 * The server (or the learner's session) already runs as many trainings as its limits allow. {@link #field()} names
 * the limit that was hit (its property name); {@link #retryAfterSeconds()} estimates when a slot frees, for the
 * API's {@code Retry-After} header (0 when waiting will not help, e.g. the session's own runs are the limit).
 */
public class CapacityException extends RuntimeException {

    private final String field;
    private final long retryAfterSeconds;

    public CapacityException(String field, String message, long retryAfterSeconds) {
        super(message);
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String field() {
        return field;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
