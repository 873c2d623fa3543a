package org.backproplab.training;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.backproplab.config.FieldError;
import org.backproplab.config.InvalidConfigException;
import org.backproplab.config.RunConfig;
import org.backproplab.config.RunConfigValidator;
import org.backproplab.datasets.DatasetCatalog;
import org.backproplab.datasets.DatasetInfo;
import org.backproplab.datasets.PreparedDataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Starts and keeps every training of the server, for the lab's sessions and the HTTP API alike: one code path,
 * one shared executor, one set of limits ({@link TrainingLimits}).
 *
 * <p>Lab runs belong to a {@link SessionRuns} ({@link #openSession()}) and end with it. API runs are reachable only
 * by id, kept {@code apiRetention} after they end and at most {@code apiMaxFinished} of them. Every run, lab or
 * API, can be looked up by its (unguessable) id, so the lab can link its current run to the API's exports.
 */
@Service
public class TrainingService implements DisposableBean, AutoCloseable {

    /** Prefix of every thread this service starts (training workers and the cleanup thread). */
    public static final String THREAD_PREFIX = "backprop-trainer-";
    static final String RUNS_PER_SESSION_PROPERTY = "backprop.limits.runs-per-session";

    private static final Logger log = LoggerFactory.getLogger(TrainingService.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final TrainingLimits limits;
    private final DatasetCatalog catalog;
    private final RunConfigValidator validator;
    private final RunFactory factory;
    private final Clock clock;
    private final RunScheduler scheduler;
    private final ApiRunRetention apiRetention;
    private final ScheduledExecutorService cleanup;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TrainingRun> runs = new ConcurrentHashMap<>();
    private final Set<SessionRuns> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    @Autowired
    public TrainingService(TrainingLimits limits) {
        this(limits, new DatasetCatalog(), Clock.systemUTC());
    }

    public TrainingService(TrainingLimits limits, DatasetCatalog catalog, Clock clock) {
        this.limits = limits;
        this.catalog = catalog;
        this.clock = clock;
        this.validator = new RunConfigValidator(catalog.all().stream().map(DatasetInfo::name).toList());
        this.factory = new RunFactory(catalog, validator, limits);
        this.apiRetention = new ApiRunRetention(limits.apiRetention(), limits.apiMaxFinished());
        this.scheduler = new RunScheduler(limits.effectiveWorkerThreads(), limits.effectiveRunsTotal(),
                limits.slice(), THREAD_PREFIX, clock, this::ended);
        this.cleanup = Executors.newSingleThreadScheduledExecutor(
                RunScheduler.daemonThreads(THREAD_PREFIX + "cleanup-"));
        long period = Math.clamp(limits.apiRetention().toMillis() / 10, 1_000, 60_000);
        cleanup.scheduleWithFixedDelay(this::purgeExpiredApiRuns, period, period, TimeUnit.MILLISECONDS);
        log.atInfo().setMessage("training service started").addKeyValue("workerThreads", scheduler.threads())
                .addKeyValue("runsTotal", limits.effectiveRunsTotal())
                .addKeyValue("runsPerSession", limits.runsPerSession()).log();
    }

    /**
     * Validates {@code config}, builds its data, network and trainer, and hands the run to the scheduler.
     *
     * @param startPaused true: the run waits PAUSED for {@link TrainingRun#resume()} or {@link TrainingRun#step()}
     * @throws InvalidConfigException every bad field with its path: the contract's ranges, {@code training.epochs}
     *                                above the server's limit, {@code network.hiddenLayers} for a network above the
     *                                parameter limit, {@code network.weights[i]...} shapes, {@code dataset.*} for
     *                                unusable inline data
     * @throws CapacityException      a session over its limit, or an API run while every slot is taken (with a
     *                                retry estimate); a lab run that finds the server full waits QUEUED instead
     */
    public TrainingRun start(RunConfig config, RunOwner owner, boolean startPaused) {
        return start(config, owner, startPaused, Pace.FULL_SPEED);
    }

    /** As {@link #start(RunConfig, RunOwner, boolean)}, training no faster than {@code pace} from the first epoch. */
    public TrainingRun start(RunConfig config, RunOwner owner, boolean startPaused, Pace pace) {
        if (pace == null) {
            throw new IllegalArgumentException("pace is required");
        }
        if (owner == null) {
            throw new IllegalArgumentException("owner is required");
        }
        if (closed) {
            throw new IllegalStateException("the training service has shut down");
        }
        if (owner instanceof RunOwner.Session(SessionRuns session)) {
            session.checkRoom(limits.runsPerSession());
        }
        RunFactory.RunParts parts = factory.build(config);
        TrainingRun run = new TrainingRun(newId(), owner, parts, scheduler, validator, limits, clock.instant());
        run.setPace(pace);
        runs.put(run.id(), run);
        try {
            if (owner instanceof RunOwner.Session(SessionRuns session)) {
                session.add(run, limits.runsPerSession()).forEach(this::forget);
            }
            scheduler.admit(run, startPaused);
        } catch (RuntimeException refused) {
            runs.remove(run.id());
            if (owner instanceof RunOwner.Session(SessionRuns session)) {
                session.remove(run);
            }
            throw refused;
        }
        RunConfig c = run.config();
        log.atInfo().setMessage("run started").addKeyValue("runId", run.id())
                .addKeyValue("owner", run.isApi() ? "api" : "session").addKeyValue("state", run.state())
                .addKeyValue("dataset", c.dataset().name()).addKeyValue("hiddenLayers", c.network().hiddenLayers())
                .addKeyValue("optimizer", c.training().optimizer()).addKeyValue("epochs", c.training().epochs())
                .log();
        return run;
    }

    /** A new, empty set of runs for a browser session; close it when the session ends. */
    public SessionRuns openSession() {
        if (closed) {
            throw new IllegalStateException("the training service has shut down");
        }
        SessionRuns session = new SessionRuns(this);
        sessions.add(session);
        return session;
    }

    /** The run with this id, lab or API, while it is kept. */
    public Optional<TrainingRun> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        TrainingRun run = runs.get(id);
        if (run != null && run.isApi() && apiRetention.isExpired(run, clock.instant())) {
            runs.remove(id, run);
            return Optional.empty();
        }
        return Optional.ofNullable(run);
    }

    /**
     * The data a run with {@code config} would train on, prepared as {@link #start} prepares it (same generator,
     * split and scaling), so a view can show it before the run exists.
     *
     * @throws InvalidConfigException the dataset settings are invalid or the data cannot be prepared
     */
    public PreparedDataset prepareData(RunConfig config) {
        List<FieldError> errors = validator.validate(config).stream()
                .filter(error -> error.field().startsWith("dataset")).toList();
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return factory.prepareData(config.withDefaults().dataset());
    }

    public DatasetCatalog datasets() {
        return catalog;
    }

    public RunConfigValidator validator() {
        return validator;
    }

    public TrainingLimits limits() {
        return limits;
    }

    /** Runs holding a slot of the server-wide limit: running ones, and paused API runs. */
    public int activeRuns() {
        return scheduler.activeRuns();
    }

    /** Lab runs waiting for a slot. */
    public int queuedRuns() {
        return scheduler.queuedRuns();
    }

    /** Open browser sessions. */
    public int sessions() {
        return sessions.size();
    }

    /** Drops the API runs whose retention is over (also done periodically); returns how many. */
    public int purgeExpiredApiRuns() {
        List<TrainingRun> expired = apiRetention.expired(clock.instant());
        expired.forEach(this::drop);
        return expired.size();
    }

    /** Stops every run, ends every session and the threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cleanup.shutdownNow();
        List.copyOf(sessions).forEach(SessionRuns::close);
        List.copyOf(runs.values()).forEach(TrainingRun::stop);
        scheduler.close(SHUTDOWN_TIMEOUT);
        try {
            cleanup.awaitTermination(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("training service stopped");
    }

    @Override
    public void destroy() {
        close();
    }

    // ---- package internals ----

    /** Stops a lab run and lets go of it. */
    void forget(TrainingRun run) {
        run.stop();
        drop(run);
    }

    void sessionClosed(SessionRuns session) {
        sessions.remove(session);
    }

    private void drop(TrainingRun run) {
        runs.remove(run.id(), run);
        run.release();
    }

    /** Called once per run when it has ended and its listeners have been told. */
    private void ended(TrainingRun run) {
        Duration trained = Duration.between(run.created(), run.ended());
        log.atInfo().setMessage("run ended").addKeyValue("runId", run.id()).addKeyValue("state", run.state())
                .addKeyValue("epochs", run.epoch()).addKeyValue("seconds", trained.toMillis() / 1000.0)
                .addKeyValue("divergedAt", run.divergedAt()).log();
        if (run.isApi()) {
            apiRetention.ended(run, clock.instant()).forEach(this::drop);
        }
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
