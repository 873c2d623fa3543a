package org.backproplab.api;

/** No run with this id: it never existed, or it ended longer ago than the retention time. */
public class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(String id) {
        super("no run with id '" + id + "' (unknown, or it ended and was discarded after the retention time)");
    }
}
