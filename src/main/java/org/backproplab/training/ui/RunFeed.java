package org.backproplab.training.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.backproplab.diagnosis.Finding;
import org.backproplab.engine.EpochReport;
import org.backproplab.training.RunListener;
import org.backproplab.training.RunState;
import org.backproplab.training.TrainingRun;

/**
 * Carries one run's events from the training threads to one UI, decoupled from training.
 *
 * <p>The listener methods only append to a buffer and, when no delivery is pending, schedule one on the shared
 * push scheduler; they never touch Vaadin and never wait. The scheduled task calls {@code ui.access} once; the
 * access command drains everything buffered until it actually runs, so there is at most one queued access per
 * feed and each delivery carries every epoch since the previous one. Deliveries are paced by the pages' shared
 * push budget ({@link RefreshBudget#pushes()}: at most 20 a second, fewer when many pages are open).
 *
 * <p>Memory stays bounded when the browser is slow or gone: beyond {@link #MAX_BUFFERED_EPOCHS} the feed stops
 * buffering and the next delivery re-reads the missed epochs from the run (which keeps them anyway), so no epoch
 * point is ever lost. A feed whose UI has gone closes itself.
 */
final class RunFeed implements RunListener, AutoCloseable {

    static final int MAX_BUFFERED_EPOCHS = 2_000;
    static final int MAX_BUFFERED_FINDINGS = 200;

    private final UI ui;
    private final TrainingRun run;
    private final ScheduledExecutorService scheduler;
    private final Consumer<FeedBatch> sink;
    private final RefreshBudget budget;

    private final Object lock = new Object();
    private final List<EpochReport> epochs = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private RunState state;
    private boolean overflowed;
    private boolean deliveryRequested;
    private long lastDeliveryNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    private ScheduledFuture<?> scheduled;
    private volatile boolean closed;

    /** Touched only inside UI access (session lock held). */
    private int lastDeliveredEpoch;
    private AutoCloseable subscription;

    RunFeed(UI ui, TrainingRun run, ScheduledExecutorService scheduler, RefreshBudget budget, Consumer<FeedBatch> sink) {
        this.ui = ui;
        this.run = run;
        this.scheduler = scheduler;
        this.budget = budget;
        this.sink = sink;
    }

    /** Subscribes to the run; with {@code replay}, the run's history arrives first, as ordinary events. */
    RunFeed start(boolean replay) {
        budget.pageStarted();
        subscription = run.subscribe(this, replay);
        return this;
    }

    TrainingRun run() {
        return run;
    }

    @Override
    public void onEpoch(TrainingRun source, EpochReport report) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (!overflowed) {
                if (epochs.size() < MAX_BUFFERED_EPOCHS) {
                    epochs.add(report);
                } else {
                    overflowed = true;
                    epochs.clear();
                }
            }
            requestDelivery();
        }
    }

    @Override
    public void onFinding(TrainingRun source, Finding finding) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (findings.size() < MAX_BUFFERED_FINDINGS) {
                findings.add(finding);
            }
            requestDelivery();
        }
    }

    @Override
    public void onState(TrainingRun source, RunState newState) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            state = newState;
            requestDelivery();
        }
    }

    /** Stops listening and cancels a pending delivery; safe to call more than once, from any thread. */
    @Override
    public void close() {
        AutoCloseable toClose;
        synchronized (lock) {
            if (!closed) {
                budget.pageStopped();
            }
            closed = true;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            epochs.clear();
            findings.clear();
            toClose = subscription;
            subscription = null;
        }
        if (toClose != null) {
            try {
                toClose.close();
            } catch (Exception e) {
                // Unsubscribing from a finished run has nothing left to release.
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Caller holds {@link #lock}. */
    private void requestDelivery() {
        if (deliveryRequested) {
            return;
        }
        deliveryRequested = true;
        long wait = Math.max(0, lastDeliveryNanos + budget.minIntervalNanos() - System.nanoTime());
        try {
            scheduled = scheduler.schedule(this::queueAccess, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            closed = true;
        }
    }

    /** On the scheduler: hands one delivery to the UI; never blocks on the session lock. */
    private void queueAccess() {
        if (closed) {
            return;
        }
        try {
            ui.access(this::deliver);
        } catch (UIDetachedException gone) {
            close();
        }
    }

    /** Inside UI access: everything buffered so far goes to the view in one batch. */
    private void deliver() {
        List<EpochReport> buffered;
        List<Finding> newFindings;
        RunState newState;
        boolean reread;
        synchronized (lock) {
            deliveryRequested = false;
            lastDeliveryNanos = System.nanoTime();
            if (closed) {
                return;
            }
            buffered = List.copyOf(epochs);
            newFindings = List.copyOf(findings);
            newState = state;
            reread = overflowed;
            epochs.clear();
            findings.clear();
            state = null;
            overflowed = false;
        }
        // Outside the feed's lock: reading the run's history may wait for the run, which may be calling us.
        List<EpochReport> fresh = new ArrayList<>();
        if (reread) {
            for (EpochReport report : run.epochs()) {
                if (report.epoch() > lastDeliveredEpoch) {
                    fresh.add(report);
                    lastDeliveredEpoch = report.epoch();
                }
            }
        }
        for (EpochReport report : buffered) {
            if (report.epoch() > lastDeliveredEpoch) {
                fresh.add(report);
                lastDeliveredEpoch = report.epoch();
            }
        }
        FeedBatch batch = new FeedBatch(run, List.copyOf(fresh), newState, newFindings);
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
