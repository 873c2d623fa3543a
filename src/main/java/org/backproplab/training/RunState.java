package org.backproplab.training;

/**
 * Where a run is in its life. QUEUED waits for a free slot of the server-wide limit; RUNNING trains; PAUSED holds
 * its network and can resume or step; the other three are final.
 */
public enum RunState {
    QUEUED,
    RUNNING,
    PAUSED,
    COMPLETED,
    DIVERGED,
    STOPPED;

    /** True when the run will never train again. */
    public boolean isFinal() {
        return this == COMPLETED || this == DIVERGED || this == STOPPED;
    }
}
