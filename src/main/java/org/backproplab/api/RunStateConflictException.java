package org.backproplab.api;

/** A control request the run's current state does not allow, such as resuming a run that has ended. */
public class RunStateConflictException extends RuntimeException {

    public RunStateConflictException(String message) {
        super(message);
    }
}
