package org.backproplab.datasets;

/**
 * A dataset request or a piece of user data that cannot be used. The message is written for the learner and
 * always names where the problem is; {@link #field()} holds that location alone, for example
 * {@code "dataset.samples"}, {@code "dataset.train.x[3]"} or {@code "csv row 7, column 3"}.
 */
public class DatasetException extends RuntimeException {

    private final String field;

    public DatasetException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The path of the offending field or the CSV location, as it appears at the start of the message. */
    public String field() {
        return field;
    }
}
