package org.backproplab.training;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.backproplab.config.FieldError;
import org.backproplab.config.InvalidConfigException;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.RunConfig;
import org.backproplab.config.RunConfigValidator;
import org.backproplab.config.TrainingConfig;
import org.backproplab.datasets.PreparedDataset;
import org.backproplab.diagnosis.Finding;
import org.backproplab.diagnosis.RunDiagnosis;
import org.backproplab.engine.BatchNormWeights;
import org.backproplab.engine.DenseWeights;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.Hyperparameters;
import org.backproplab.engine.Network;
import org.backproplab.engine.NonFinite;
import org.backproplab.engine.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training of one network on one dataset, shared by every view (and API client) that looks at it.
 *
 * <p>Threads and locks. The run trains only on the shared executor's threads, one slice at a time, holding
 * {@code trainingLock}; {@link #inspect} takes the same (fair) lock, so readers see the network between slices.
 * State transitions belong to the {@link RunScheduler} (under its monitor). Reports, findings, the configuration
 * and pending events live under this run's own monitor, held only for short copies. Events are queued under that
 * monitor and handed to listeners afterwards by whichever thread caused them, one thread at a time
 * ({@code deliveryLock}), so every listener sees them in order and no other lock is held while a listener runs. A
 * listener may call back into the run (pause, stop, subscribe): delivery does not re-enter, the events it causes
 * follow in order.
 *
 * <p>Memory: every epoch report is kept (up to the server's epoch limit) so that late subscribers, the API and
 * exports see the whole history; a report is a few hundred bytes per layer.
 */
public final class TrainingRun {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    /** What listeners are told, in the order it happened. */
    private sealed interface RunEvent {
    }

    private record EpochEvent(EpochReport report) implements RunEvent {
    }

    private record FindingEvent(Finding finding) implements RunEvent {
    }

    private record StateEvent(RunState state) implements RunEvent {
    }

    /** How a slice ended: {@code end} is null when the run goes on, else the final state it reached. */
    record SliceOutcome(RunState end, NonFinite divergedAt) {
        static final SliceOutcome GO_ON = new SliceOutcome(null, null);
    }

    private final String id;
    private final RunOwner owner;
    private final PreparedDataset data;
    private final Trainer trainer;
    private final RunDiagnosis diagnosis;
    private final RunScheduler scheduler;
    private final RunConfigValidator validator;
    private final TrainingLimits limits;
    private final Instant created;

    private final ReentrantLock trainingLock = new ReentrantLock(true);
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private final AtomicReference<Hyperparameters> pendingHyperparameters = new AtomicReference<>();
    private final CopyOnWriteArrayList<RunListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<TrainingRun> completion = new CompletableFuture<>();

    // Guarded by this (the run's monitor); volatile where read without it.
    private volatile RunConfig config;
    private volatile RunState state = RunState.QUEUED;
    private volatile int epoch;
    private final List<EpochReport> reports = new ArrayList<>();
    private final List<Finding> findingHistory = new ArrayList<>();
    private List<Finding> currentFindings = List.of();
    private NonFinite divergedAt;
    private Instant ended;
    private final ArrayDeque<RunEvent> pending = new ArrayDeque<>();

    // Guarded by deliveryLock: how far delivery has got (what a replay must repeat).
    private int deliveredEpochs;
    private int deliveredFindings;
    private RunState deliveredState = RunState.QUEUED;

    // Written by the scheduler under its monitor.
    volatile int stepsRequested;
    boolean sliceScheduled;
    /** The next slice while it waits for the run's pace, else null. */
    ScheduledFuture<?> pacedSlice;

    /** Time spent inside slices (written by the slice thread only). */
    private volatile long trainingNanos;

    private volatile Pace pace = Pace.FULL_SPEED;
    // Used by the slice thread only: whether an epoch is under way and when it began, and the earliest time
    // (System.nanoTime) the next epoch may begin under the pace, once one epoch has ended.
    private boolean epochUnderWay;
    private long epochStartNanos;
    private boolean epochDue;
    private long nextEpochDueNanos;

    TrainingRun(String id, RunOwner owner, RunFactory.RunParts parts, RunScheduler scheduler,
                RunConfigValidator validator, TrainingLimits limits, Instant created) {
        this.id = id;
        this.owner = owner;
        this.config = parts.config();
        this.data = parts.data();
        this.trainer = parts.trainer();
        this.diagnosis = parts.diagnosis();
        this.scheduler = scheduler;
        this.validator = validator;
        this.limits = limits;
        this.created = created;
    }

    /** Unguessable id (128 random bits, URL-safe). */
    public String id() {
        return id;
    }

    public RunOwner owner() {
        return owner;
    }

    /** The configuration with every default filled in; live changes ({@link #retune}) are reflected. */
    public RunConfig config() {
        return config;
    }

    public RunState state() {
        return state;
    }

    /** Epochs completed (and reported). */
    public int epoch() {
        return epoch;
    }

    /** Every epoch report so far, in order (a copy). */
    public synchronized List<EpochReport> epochs() {
        return List.copyOf(reports);
    }

    /** The diagnosis's current findings. */
    public synchronized List<Finding> findings() {
        return currentFindings;
    }

    /** The dataset this run trains on: points for plotting, the feature map for grids. */
    public PreparedDataset data() {
        return data;
    }

    /** Where the first non-finite value appeared; null unless the run DIVERGED. */
    public synchronized NonFinite divergedAt() {
        return divergedAt;
    }

    public Instant created() {
        return created;
    }

    /** When the run reached its final state; null before. */
    public synchronized Instant ended() {
        return ended;
    }

    /** Stops training after the batch in flight; the run can resume or step. A queued run leaves the queue. */
    public void pause() {
        scheduler.pause(this);
    }

    /** Starts or continues a PAUSED run (it may wait QUEUED when the server is full). */
    public void resume() {
        scheduler.resume(this);
    }

    /** Ends the run for good (state STOPPED); the network stays readable. */
    public void stop() {
        scheduler.stop(this);
    }

    /** When PAUSED: train exactly one more epoch, then stay PAUSED. Ignored in any other state. */
    public void step() {
        scheduler.step(this);
    }

    /**
     * Changes how the run trains, from its next mini-batch on, without resetting anything.
     *
     * @param training the whole training section as it should now be (missing fields take their defaults); its
     *                 seed is ignored, since the shuffling stream is already under way. Use
     *                 {@code run.config().training().withLearningRate(0.1)} to change a single value.
     * @param dropout  the new dropout rate, or null to keep it
     * @throws InvalidConfigException naming each bad field ({@code training.*}, {@code network.dropout})
     */
    public void retune(TrainingConfig training, Double dropout) {
        if (training == null) {
            throw new InvalidConfigException("training", "a training section is required");
        }
        synchronized (this) {
            RunConfig current = config;
            TrainingConfig next = training.withDefaults().withSeed(current.training().seed());
            NetworkConfig network = dropout == null ? current.network() : current.network().withDropout(dropout);
            RunConfig candidate = new RunConfig(current.dataset(), network, next);
            List<FieldError> errors = new ArrayList<>(validator.validate(candidate).stream()
                    .filter(e -> e.field().startsWith("training") || e.field().equals("network.dropout"))
                    .toList());
            if (errors.isEmpty()) {
                RunFactory.checkEpochLimit(next, limits, errors);
            }
            if (!errors.isEmpty()) {
                throw new InvalidConfigException(errors);
            }
            config = candidate;
            pendingHyperparameters.set(RunFactory.hyperparameters(next, network.dropout()));
        }
        // A lower epoch limit may already be reached: let the scheduler look at the run again.
        scheduler.configChanged(this);
    }

    /** How fast the run may train; it takes effect from the next epoch on, also while the run trains. */
    public void setPace(Pace newPace) {
        if (newPace == null) {
            throw new IllegalArgumentException("pace is required");
        }
        pace = newPace;
    }

    public Pace pace() {
        return pace;
    }

    /**
     * Registers a listener. With {@code replay}, it first receives the current state, then every epoch report and
     * finding so far (in order), then live events, with nothing lost or repeated in between.
     */
    public Subscription subscribe(RunListener listener, boolean replay) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is required");
        }
        // Called from inside a listener, this thread is already delivering: the loop further up finishes the job.
        boolean nested = deliveryLock.isHeldByCurrentThread();
        deliveryLock.lock();
        try {
            // The replay is exactly what earlier listeners have been given; the rest is still pending and comes live.
            RunState seenState = deliveredState;
            List<EpochReport> seenReports;
            List<Finding> seenFindings;
            synchronized (this) {
                seenReports = replay ? List.copyOf(reports.subList(0, deliveredEpochs)) : List.of();
                seenFindings = replay ? List.copyOf(findingHistory.subList(0, deliveredFindings)) : List.of();
            }
            if (!seenState.isFinal()) {
                listeners.add(listener);
            }
            if (replay && !replay(listener, seenState, seenReports, seenFindings)) {
                return () -> { };
            }
            if (!nested) {
                drain();
            }
        } finally {
            deliveryLock.unlock();
        }
        return () -> listeners.remove(listener);
    }

    /** Runs {@code reader} on the live network between slices (it waits for the slice in flight, ≤ one slice). */
    public <T> T inspect(Function<Network, T> reader) {
        trainingLock.lock();
        try {
            return reader.apply(trainer.network());
        } finally {
            trainingLock.unlock();
        }
    }

    /** The network's outputs for input rows (already in network-input form): probabilities or values. */
    public double[][] predict(double[][] x) {
        return inspect(network -> network.predict(x));
    }

    /**
     * The current parameters in the layout of {@code network.weights}: one entry per dense layer (Keras layout),
     * with γ, β, moving mean and moving variance on the hidden layers when batch norm is on.
     */
    public List<NetworkConfig.LayerWeights> model() {
        return inspect(network -> {
            List<DenseWeights> dense = network.weights();
            List<BatchNormWeights> norms = network.batchNormWeights();
            List<NetworkConfig.LayerWeights> layers = new ArrayList<>(dense.size());
            for (int l = 0; l < dense.size(); l++) {
                DenseWeights w = dense.get(l);
                BatchNormWeights bn = norms != null && l < norms.size() ? norms.get(l) : null;
                layers.add(bn == null ? NetworkConfig.LayerWeights.dense(w.kernel(), w.bias())
                        : new NetworkConfig.LayerWeights(w.kernel(), w.bias(), bn.gamma(), bn.beta(),
                        bn.movingMean(), bn.movingVariance()));
            }
            return List.copyOf(layers);
        });
    }

    /**
     * Completes (with this run) once the run has reached a final state, its listeners have been told and the
     * service has done its bookkeeping (e.g. API retention).
     */
    public CompletableFuture<TrainingRun> completion() {
        return completion.copy();
    }

    @Override
    public String toString() {
        return "TrainingRun[" + id + ", " + state + ", epoch " + epoch + "]";
    }

    // ---- used by the scheduler and the service ----

    boolean isApi() {
        return owner instanceof RunOwner.Api;
    }

    long trainingNanos() {
        return trainingNanos;
    }

    /** Sets the state and queues the event; the scheduler calls this under its monitor. */
    void changeState(RunState next, NonFinite nonFinite, Instant now) {
        synchronized (this) {
            if (state == next) {
                return;
            }
            state = next;
            if (next == RunState.DIVERGED) {
                divergedAt = nonFinite;
            }
            if (next.isFinal()) {
                ended = now;
            }
            pending.add(new StateEvent(next));
        }
    }

    /**
     * Trains until an epoch ends, the slice's time is up, or the run should not train any more (paused, stopped).
     * Runs on an executor thread; the scheduler makes sure only one slice of a run is under way at a time.
     */
    SliceOutcome trainSlice(long sliceNanos) {
        long start = System.nanoTime();
        long deadline = start + sliceNanos;
        trainingLock.lock();
        try {
            while (true) {
                RunState now = state;
                boolean stepping = now == RunState.PAUSED && stepsRequested > 0;
                if (now != RunState.RUNNING && !stepping) {
                    return SliceOutcome.GO_ON;
                }
                if (epoch >= config.training().epochs()) {
                    return new SliceOutcome(RunState.COMPLETED, null);
                }
                Hyperparameters changed = pendingHyperparameters.getAndSet(null);
                if (changed != null) {
                    trainer.setHyperparameters(changed);
                }
                if (!epochUnderWay) {
                    epochUnderWay = true;
                    epochStartNanos = System.nanoTime();
                }
                boolean epochEnded = trainer.trainBatch();
                EpochReport report = epochEnded || trainer.diverged() ? trainer.lastReport() : null;
                if (report != null && report.epoch() > epoch) {
                    record(report);
                }
                if (trainer.diverged() || (report != null && report.nonFinite() != null)) {
                    NonFinite where = report != null && report.nonFinite() != null ? report.nonFinite()
                            : new NonFinite(0, "loss");
                    return new SliceOutcome(RunState.DIVERGED, where);
                }
                if (epochEnded) {
                    keepPace();
                    if (stepping) {
                        scheduler.stepTaken(this);
                    }
                    return epoch >= config.training().epochs() ? new SliceOutcome(RunState.COMPLETED, null)
                            : SliceOutcome.GO_ON;
                }
                if (System.nanoTime() >= deadline) {
                    return SliceOutcome.GO_ON;
                }
            }
        } finally {
            trainingLock.unlock();
            trainingNanos += System.nanoTime() - start;
        }
    }

    /**
     * An epoch has ended: the next one is due one interval after this one's start. Epochs stay on that grid (no
     * drift from scheduling delays) unless this one started a whole interval late (a pause, a slow epoch, a pace
     * just set), which starts a new grid instead of a burst of catch-up epochs.
     */
    private void keepPace() {
        long interval = pace.epochIntervalNanos();
        epochUnderWay = false;
        boolean onGrid = epochDue && epochStartNanos - nextEpochDueNanos < interval;
        nextEpochDueNanos = (onGrid ? nextEpochDueNanos : epochStartNanos) + interval;
        epochDue = true;
    }

    /** How long the scheduler should wait before the next epoch: 0 when it may start now or the run is not paced. */
    long paceDelayNanos(long now) {
        if (!pace.limited() || epochUnderWay || !epochDue) {
            return 0;   // unpaced, in the middle of an epoch, or before the first one ended
        }
        return Math.max(0, nextEpochDueNanos - now);
    }

    /** Keeps a finished epoch's report and the findings it raised, unless the run has already ended. */
    private void record(EpochReport report) {
        List<Finding> raised = diagnosis.observe(report);
        // The current findings change only with a raised one (most epochs raise none): copied only then.
        List<Finding> current = raised.isEmpty() ? null : List.copyOf(diagnosis.findings());
        synchronized (this) {
            if (state.isFinal()) {
                return;
            }
            reports.add(report);
            epoch = report.epoch();
            pending.add(new EpochEvent(report));
            for (Finding finding : raised) {
                findingHistory.add(finding);
                pending.add(new FindingEvent(finding));
            }
            if (current != null) {
                currentFindings = current;
            }
        }
    }

    /** Hands queued events to the listeners, in order; call with no lock held. */
    void deliver() {
        if (deliveryLock.isHeldByCurrentThread()) {
            return;   // a listener changed the run: the delivery loop further up this thread's stack takes it on
        }
        deliveryLock.lock();
        try {
            drain();
        } finally {
            deliveryLock.unlock();
        }
    }

    /** Dispatches pending events until none is left; holds deliveryLock. */
    private void drain() {
        while (true) {
            RunEvent event;
            synchronized (this) {
                event = pending.poll();
            }
            if (event == null) {
                return;
            }
            switch (event) {
                case EpochEvent e -> deliveredEpochs++;
                case FindingEvent f -> deliveredFindings++;
                case StateEvent(RunState st) -> deliveredState = st;
            }
            dispatch(event);
        }
    }

    /** The run has ended and the service has done its bookkeeping: completes {@link #completion()}. */
    void markCompleted() {
        completion.complete(this);
    }

    /** Drops listeners and pending events (the run has been forgotten); the run itself must be final. */
    void release() {
        listeners.clear();
    }

    private void dispatch(RunEvent event) {
        for (RunListener listener : listeners) {
            if (!notify(listener, event)) {
                listeners.remove(listener);
            }
        }
        if (event instanceof StateEvent(RunState s) && s.isFinal()) {
            listeners.clear();
        }
    }

    private boolean replay(RunListener listener, RunState seenState, List<EpochReport> seenReports,
                           List<Finding> seenFindings) {
        if (!notify(listener, new StateEvent(seenState))) {
            listeners.remove(listener);
            return false;
        }
        int next = 0;
        for (EpochReport report : seenReports) {
            if (!notify(listener, new EpochEvent(report))) {
                listeners.remove(listener);
                return false;
            }
            while (next < seenFindings.size() && seenFindings.get(next).epoch() <= report.epoch()) {
                if (!notify(listener, new FindingEvent(seenFindings.get(next++)))) {
                    listeners.remove(listener);
                    return false;
                }
            }
        }
        while (next < seenFindings.size()) {
            if (!notify(listener, new FindingEvent(seenFindings.get(next++)))) {
                listeners.remove(listener);
                return false;
            }
        }
        return true;
    }

    /** Calls one listener; false when it threw (it is then dropped, and training goes on). */
    private boolean notify(RunListener listener, RunEvent event) {
        try {
            switch (event) {
                case EpochEvent(EpochReport report) -> listener.onEpoch(this, report);
                case FindingEvent(Finding finding) -> listener.onFinding(this, finding);
                case StateEvent(RunState s) -> listener.onState(this, s);
            }
            return true;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            log.atWarn().setMessage("run listener failed and was removed").addKeyValue("runId", id)
                    .addKeyValue("listener", listener.getClass().getName()).setCause(failure).log();
            return false;
        }
    }
}
