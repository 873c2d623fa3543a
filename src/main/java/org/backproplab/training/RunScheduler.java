package org.backproplab.training;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.backproplab.engine.NonFinite;
import org.backproplab.engine.SimdSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares a fixed pool of training threads among all runs, fairly, and keeps the server-wide limit.
 *
 * <p>Fairness: a run that wants to train has exactly one slice task in the executor's FIFO queue (or on a
 * thread). A slice ends at the end of an epoch or when its time is up, and the run then goes to the back of the
 * queue: round robin, so N runs on T threads each get about T/N of the machine, and a pause or stop takes effect
 * within one mini-batch.
 *
 * <p>Pace: a run with a {@link Pace} limit that is ahead of it does not queue its next slice at once; a timer
 * thread queues it when the next epoch is due, so a slowed-down run holds no training thread while it waits.
 *
 * <p>Slots: at most {@code runsTotal} runs hold a slot. A RUNNING run holds one; a lab run gives it back when
 * paused, an API run keeps it until it ends. Lab runs that find no slot wait QUEUED, first come first served; API
 * runs are refused instead. A PAUSED run may {@link #step} without a slot (one epoch).
 *
 * <p>Every state transition happens under this object's monitor; events are delivered after it is released.
 */
final class RunScheduler {

    static final String RUNS_TOTAL_PROPERTY = "backprop.limits.runs-total";

    private static final Logger log = LoggerFactory.getLogger(RunScheduler.class);
    private static final long DEFAULT_RETRY_SECONDS = 10;
    private static final long MAX_RETRY_SECONDS = 3600;

    private final ThreadPoolExecutor executor;
    private final ScheduledThreadPoolExecutor pacer;
    private final int threads;
    private final int runsTotal;
    private final long sliceNanos;
    private final Clock clock;
    private final Consumer<TrainingRun> onEnded;

    private final Set<TrainingRun> slotHolders = new LinkedHashSet<>();
    private final ArrayDeque<TrainingRun> waiting = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param onEnded called once per run after it reached its final state and listeners were told (no lock held)
     */
    RunScheduler(int threads, int runsTotal, Duration slice, String threadPrefix, Clock clock,
                 Consumer<TrainingRun> onEnded) {
        this.threads = threads;
        this.runsTotal = runsTotal;
        this.sliceNanos = slice.toNanos();
        this.clock = clock;
        this.onEnded = onEnded;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(threadPrefix));
        this.pacer = new ScheduledThreadPoolExecutor(1, daemonThreads(threadPrefix + "pacer-"));
        this.pacer.setRemoveOnCancelPolicy(true);
        log.info("training on {} threads, at most {} runs at once; engine: {}", threads, runsTotal,
                SimdSupport.describe());
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> log.error("uncaught exception in {}", t.getName(), e));
            return thread;
        };
    }

    /** Puts a new run into its first state; an API run that finds no slot is refused. */
    void admit(TrainingRun run, boolean startPaused) {
        Changes changes = new Changes();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the training service has shut down");
            }
            if (run.isApi()) {
                if (slotHolders.size() >= runsTotal) {
                    throw new CapacityException(RUNS_TOTAL_PROPERTY, "the server is training " + slotHolders.size()
                            + " runs, its limit; try again later", retryAfterSeconds());
                }
                slotHolders.add(run);
                enter(run, startPaused ? RunState.PAUSED : RunState.RUNNING, changes);
            } else if (startPaused) {
                enter(run, RunState.PAUSED, changes);
            } else {
                startOrQueue(run, changes);
            }
        }
        deliver(changes);
    }

    void pause(TrainingRun run) {
        Changes changes = new Changes();
        synchronized (this) {
            switch (run.state()) {
                case RUNNING -> {
                    if (!run.isApi()) {
                        slotHolders.remove(run);
                    }
                    run.stepsRequested = 0;
                    enter(run, RunState.PAUSED, changes);
                    promote(changes);
                }
                case QUEUED -> {
                    waiting.remove(run);
                    enter(run, RunState.PAUSED, changes);
                }
                default -> {
                }
            }
        }
        deliver(changes);
    }

    void resume(TrainingRun run) {
        Changes changes = new Changes();
        synchronized (this) {
            if (run.state() == RunState.PAUSED && !closed) {
                run.stepsRequested = 0;
                if (run.isApi()) {
                    enter(run, RunState.RUNNING, changes);
                } else {
                    startOrQueue(run, changes);
                }
            }
        }
        deliver(changes);
    }

    void step(TrainingRun run) {
        synchronized (this) {
            if (run.state() == RunState.PAUSED && !closed) {
                run.stepsRequested++;
                schedule(run);
            }
        }
    }

    /** Called by the slice thread when a stepped epoch has ended. */
    synchronized void stepTaken(TrainingRun run) {
        run.stepsRequested = Math.max(0, run.stepsRequested - 1);
    }

    void stop(TrainingRun run) {
        Changes changes = new Changes();
        synchronized (this) {
            end(run, RunState.STOPPED, null, changes);
        }
        deliver(changes);
    }

    /** A retune may have lowered the epoch limit below the epochs done: a running run finishes at its next slice. */
    void configChanged(TrainingRun run) {
        synchronized (this) {
            if (run.state() == RunState.RUNNING) {
                schedule(run);
            }
        }
    }

    /** Runs holding a slot (running, plus paused API runs). */
    synchronized int activeRuns() {
        return slotHolders.size();
    }

    synchronized int queuedRuns() {
        return waiting.size();
    }

    int threads() {
        return threads;
    }

    /**
     * Stops taking work and waits for the threads to end. Runs must have been stopped before; slices still queued
     * see their run's final state and return at once.
     */
    void close(Duration timeout) {
        synchronized (this) {
            closed = true;
        }
        pacer.shutdownNow();
        executor.shutdown();
        try {
            pacer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("training threads did not finish within {}; interrupting them", timeout);
                executor.shutdownNow();
                executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ---- internals, under the monitor unless said otherwise ----

    private void startOrQueue(TrainingRun run, Changes changes) {
        if (slotHolders.size() < runsTotal && waiting.isEmpty()) {
            slotHolders.add(run);
            enter(run, RunState.RUNNING, changes);
        } else {
            waiting.addLast(run);
            enter(run, RunState.QUEUED, changes);
        }
    }

    /** Gives free slots to the longest-waiting runs. */
    private void promote(Changes changes) {
        while (slotHolders.size() < runsTotal && !waiting.isEmpty()) {
            TrainingRun next = waiting.pollFirst();
            slotHolders.add(next);
            enter(next, RunState.RUNNING, changes);
        }
    }

    private void end(TrainingRun run, RunState finalState, NonFinite divergedAt, Changes changes) {
        if (run.state().isFinal()) {
            return;
        }
        slotHolders.remove(run);
        waiting.remove(run);
        run.stepsRequested = 0;
        if (run.pacedSlice != null && run.pacedSlice.cancel(false)) {
            // An ended run needs no next slice; the timer lets go of it at once instead of when it was due.
            run.pacedSlice = null;
            run.sliceScheduled = false;
        }
        run.changeState(finalState, divergedAt, clock.instant());
        changes.touched.add(run);
        changes.ended.add(run);
        promote(changes);
    }

    private void enter(TrainingRun run, RunState next, Changes changes) {
        run.changeState(next, null, clock.instant());
        changes.touched.add(run);
        if (next == RunState.RUNNING) {
            schedule(run);
        }
    }

    /** Makes sure the run has a slice queued or under way. */
    private void schedule(TrainingRun run) {
        if (!run.sliceScheduled && !closed) {
            run.sliceScheduled = true;
            submit(run);
        }
    }

    private void submit(TrainingRun run) {
        try {
            executor.execute(() -> slice(run));
        } catch (RejectedExecutionException shutDown) {
            run.sliceScheduled = false;
        }
    }

    /** Queues the run's next slice after a pause for its pace; it stays "scheduled" meanwhile. */
    private void submitLater(TrainingRun run, long delayNanos) {
        try {
            run.pacedSlice = pacer.schedule(() -> {
                synchronized (this) {
                    run.pacedSlice = null;
                    if (closed) {
                        run.sliceScheduled = false;
                    } else {
                        submit(run);
                    }
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            run.sliceScheduled = false;
        }
    }

    private boolean wantsSlice(TrainingRun run) {
        RunState s = run.state();
        return s == RunState.RUNNING || (s == RunState.PAUSED && run.stepsRequested > 0);
    }

    /** One slice on an executor thread, then back to the end of the queue if the run still wants to train. */
    private void slice(TrainingRun run) {
        TrainingRun.SliceOutcome outcome;
        try {
            outcome = run.trainSlice(sliceNanos);
        } catch (RuntimeException | LinkageError | AssertionError failure) {
            log.atError().setMessage("training failed; stopping the run").addKeyValue("runId", run.id())
                    .setCause(failure).log();
            outcome = new TrainingRun.SliceOutcome(RunState.STOPPED, null);
        }
        run.deliver();
        Changes changes = new Changes();
        synchronized (this) {
            if (outcome.end() != null) {
                end(run, outcome.end(), outcome.divergedAt(), changes);
            }
            if (wantsSlice(run) && !closed) {
                long wait = run.state() == RunState.RUNNING ? run.paceDelayNanos(System.nanoTime()) : 0;
                if (wait > 0) {
                    submitLater(run, wait);
                } else {
                    submit(run);
                }
            } else {
                run.sliceScheduled = false;
            }
        }
        deliver(changes);
    }

    /** Hands out the events of every run a transition touched, then reports the runs that ended. No lock held. */
    private void deliver(Changes changes) {
        for (TrainingRun run : changes.touched) {
            run.deliver();
        }
        for (TrainingRun run : changes.ended) {
            try {
                onEnded.accept(run);
            } finally {
                run.markCompleted();
            }
        }
    }

    /** The runs one transition changed (their events wait for delivery) and those among them that ended. */
    private static final class Changes {
        final Set<TrainingRun> touched = new LinkedHashSet<>();
        final List<TrainingRun> ended = new ArrayList<>(1);
    }

    /**
     * When a slot will probably free: for each running run, its remaining epochs times its measured time per epoch
     * (stretched by how many runs share each thread); the soonest, in whole seconds, 1..3600. Without any
     * measurement yet, 10 seconds.
     */
    private long retryAfterSeconds() {
        long running = slotHolders.stream().filter(r -> r.state() == RunState.RUNNING).count();
        double share = Math.max(1.0, (double) running / threads);
        double soonest = Double.POSITIVE_INFINITY;
        for (TrainingRun run : slotHolders) {
            int done = run.epoch();
            if (run.state() != RunState.RUNNING || done == 0) {
                continue;
            }
            int remaining = Math.max(0, run.config().training().epochs() - done);
            double secondsPerEpoch = run.trainingNanos() / 1e9 / done;
            soonest = Math.min(soonest, remaining * secondsPerEpoch * share);
        }
        if (Double.isInfinite(soonest)) {
            return DEFAULT_RETRY_SECONDS;
        }
        return Math.max(1, Math.min(MAX_RETRY_SECONDS, (long) Math.ceil(soonest)));
    }
}
