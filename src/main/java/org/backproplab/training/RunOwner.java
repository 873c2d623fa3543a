package org.backproplab.training;

/**
 * Who a run belongs to. A lab run belongs to one browser session and ends with it; an API run belongs to nobody,
 * is reachable only by its id and is kept for a while after it ends.
 */
public sealed interface RunOwner {

    /** A run of the lab, counted against its session's limit. */
    record Session(SessionRuns runs) implements RunOwner {
        public Session {
            if (runs == null) {
                throw new IllegalArgumentException("runs is required");
            }
        }
    }

    /** A run created through the HTTP API. */
    record Api() implements RunOwner {
    }
}
