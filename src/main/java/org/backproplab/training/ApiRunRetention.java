package org.backproplab.training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Which finished API runs to keep: each for {@code retention} after it ended, and at most {@code maxFinished} of
 * them (the oldest go first). Runs are kept in the order they ended.
 */
final class ApiRunRetention {

    private final Duration retention;
    private final int maxFinished;
    private final ArrayDeque<TrainingRun> finished = new ArrayDeque<>();

    ApiRunRetention(Duration retention, int maxFinished) {
        this.retention = retention;
        this.maxFinished = maxFinished;
    }

    /** Records a run that just ended; returns the runs to drop now (the oldest beyond the count, the expired). */
    synchronized List<TrainingRun> ended(TrainingRun run, Instant now) {
        finished.addLast(run);
        List<TrainingRun> dropped = expired(now);
        while (finished.size() > maxFinished) {
            dropped.add(finished.pollFirst());
        }
        return dropped;
    }

    /** Removes and returns the runs whose retention is over. */
    synchronized List<TrainingRun> expired(Instant now) {
        List<TrainingRun> dropped = new ArrayList<>();
        while (!finished.isEmpty() && isExpired(finished.peekFirst(), now)) {
            dropped.add(finished.pollFirst());
        }
        return dropped;
    }

    boolean isExpired(TrainingRun run, Instant now) {
        Instant ended = run.ended();
        return ended != null && !ended.plus(retention).isAfter(now);
    }

    synchronized int size() {
        return finished.size();
    }
}
