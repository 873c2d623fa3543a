package org.backproplab.training;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The runs of one browser session (the lab keeps one instance as a session attribute), so runs survive reloads and
 * navigation and every tab of the session sees the same ones. {@link #close()} when the session ends: it stops
 * every run and lets go of them. Thread-safe.
 *
 * <p>Finished runs stay listed until discarded, but at most {@code runsPerSession} of them: when a new run starts,
 * the oldest finished runs beyond that (other than the current and comparison runs) are forgotten.
 */
public final class SessionRuns {

    private final TrainingService service;
    private final List<TrainingRun> runs = new ArrayList<>();
    private TrainingRun current;
    private TrainingRun comparison;
    private boolean closed;

    SessionRuns(TrainingService service) {
        this.service = service;
    }

    /** This session's runs, oldest first. */
    public synchronized List<TrainingRun> runs() {
        return List.copyOf(runs);
    }

    /** The run the lab shows. */
    public synchronized Optional<TrainingRun> current() {
        return Optional.ofNullable(current);
    }

    /** Makes {@code run} (one of this session's) the run the lab shows; null clears. */
    public synchronized void setCurrent(TrainingRun run) {
        current = requireOwn(run);
    }

    /** The run shown beside the current one for an A/B comparison. */
    public synchronized Optional<TrainingRun> comparison() {
        return Optional.ofNullable(comparison);
    }

    /** Sets the comparison run (one of this session's); null clears. */
    public synchronized void setComparison(TrainingRun run) {
        comparison = requireOwn(run);
    }

    /** Stops the run and forgets it (the lab's reset). */
    public void discard(TrainingRun run) {
        synchronized (this) {
            if (run == null || !runs.remove(run)) {
                return;
            }
            if (current == run) {
                current = null;
            }
            if (comparison == run) {
                comparison = null;
            }
        }
        service.forget(run);
    }

    /** The session has ended: stops every run and frees them. Idempotent. */
    public void close() {
        List<TrainingRun> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(runs);
            runs.clear();
            current = null;
            comparison = null;
        }
        all.forEach(service::forget);
        service.sessionClosed(this);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Runs that are not finished (queued, running or paused): what the per-session limit counts. */
    public synchronized int unfinishedRuns() {
        return (int) runs.stream().filter(r -> !r.state().isFinal()).count();
    }

    /** Checks the session's limit before any work is spent on a new run. */
    synchronized void checkRoom(int limit) {
        if (closed) {
            throw new IllegalStateException("this session has ended");
        }
        int unfinished = unfinishedRuns();
        if (unfinished >= limit) {
            throw new CapacityException(TrainingService.RUNS_PER_SESSION_PROPERTY, "this session already has "
                    + unfinished + " unfinished runs, the most it may have; stop or reset one first", 0);
        }
    }

    /** Adds a new run atomically with the limit check; returns the finished runs to forget. */
    synchronized List<TrainingRun> add(TrainingRun run, int limit) {
        checkRoom(limit);
        runs.add(run);
        List<TrainingRun> forgotten = new ArrayList<>();
        long finished = runs.stream().filter(r -> r.state().isFinal()).count();
        for (Iterator<TrainingRun> it = runs.iterator(); it.hasNext() && finished > limit; ) {
            TrainingRun old = it.next();
            if (old.state().isFinal() && old != current && old != comparison) {
                it.remove();
                forgotten.add(old);
                finished--;
            }
        }
        return forgotten;
    }

    /** Takes back a run that could not be admitted. */
    synchronized void remove(TrainingRun run) {
        runs.remove(run);
    }

    private TrainingRun requireOwn(TrainingRun run) {
        if (run != null && !runs.contains(run)) {
            throw new IllegalArgumentException("run " + run.id() + " does not belong to this session");
        }
        return run;
    }
}
