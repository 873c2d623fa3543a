package org.backproplab.training;

import java.util.concurrent.TimeUnit;

/**
 * How fast a run may train: at most {@code epochsPerSecond} epochs a second, or as fast as the machine allows
 * ({@link #FULL_SPEED}). A learner who watches a small network learn needs it slowed down: at full speed the lab's
 * default run of 500 epochs is over in a fraction of a second, before any chart could show it unfold. A paced run
 * waits between epochs without holding a training thread.
 *
 * @param epochsPerSecond 1..{@value #MAX_EPOCHS_PER_SECOND}, or 0 for no limit
 */
public record Pace(int epochsPerSecond) {

    public static final int MAX_EPOCHS_PER_SECOND = 10_000;
    public static final Pace FULL_SPEED = new Pace(0);

    public Pace {
        if (epochsPerSecond < 0 || epochsPerSecond > MAX_EPOCHS_PER_SECOND) {
            throw new IllegalArgumentException("epochs per second must be 0 (no limit) or 1.." + MAX_EPOCHS_PER_SECOND
                    + ", was " + epochsPerSecond);
        }
    }

    public static Pace epochsPerSecond(int rate) {
        return new Pace(rate);
    }

    public boolean limited() {
        return epochsPerSecond > 0;
    }

    /** The least time from one epoch's start to the next one's; 0 without a limit. */
    long epochIntervalNanos() {
        return limited() ? TimeUnit.SECONDS.toNanos(1) / epochsPerSecond : 0;
    }
}
