package org.backproplab.training;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.backproplab.config.DatasetConfig;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.RunConfig;
import org.backproplab.config.TrainingConfig;
import org.backproplab.datasets.DatasetCatalog;
import org.backproplab.engine.EpochReport;

/** Small configurations and listener-based waits shared by the training service tests (no sleeping). */
final class TrainingTestSupport {

    /** Upper bound for any wait; a test that needs it has failed anyway. */
    static final long WAIT_SECONDS = 60;

    private TrainingTestSupport() {
    }

    /**
     * A service with one training thread: runs strictly take turns, so "another run trained meanwhile" means time
     * has passed, and a run that held the thread while idle would stall every other.
     */
    static TrainingService oneThreadService() {
        return new TrainingService(TrainingLimits.defaults().withWorkerThreads(1), new DatasetCatalog(),
                Clock.systemUTC());
    }

    /** The live threads of every training service in this JVM. */
    static Set<Thread> serviceThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(TrainingService.THREAD_PREFIX))
                .collect(Collectors.toCollection(HashSet::new));
    }

    static String names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).sorted().toList().toString();
    }

    /** Two blobs of 100 points (50 train), a 2×4 tanh network, batch 10: an epoch takes well under a millisecond. */
    static RunConfig small(int epochs) {
        return new RunConfig(
                new DatasetConfig("gauss", 100, 0.1, 0.5, null, 1L, null, null, null),
                new NetworkConfig(List.of(4, 4), "tanh", null, "xavier", null, null, null, null),
                new TrainingConfig("sgd", 0.03, null, 10, epochs, null, null, null, 1L));
    }

    /** A run that would go on for a very long time unless paused or stopped. */
    static RunConfig endless() {
        return small(100_000);
    }

    /** Completes when the run has reported epoch {@code n}; fails if it ends before. */
    static CompletableFuture<Integer> epochReached(TrainingRun run, int n) {
        CompletableFuture<Integer> reached = new CompletableFuture<>();
        Subscription subscription = run.subscribe(new RunListener() {
            @Override
            public void onEpoch(TrainingRun r, EpochReport report) {
                if (report.epoch() >= n) {
                    reached.complete(report.epoch());
                }
            }

            @Override
            public void onState(TrainingRun r, RunState state) {
                if (state.isFinal() && r.epoch() < n) {
                    reached.completeExceptionally(new AssertionError(
                            "run ended " + state + " at epoch " + r.epoch() + " before epoch " + n));
                }
            }
        }, true);
        reached.whenComplete((value, failure) -> subscription.close());
        return reached;
    }

    /** Completes when the run enters {@code wanted} (at once if it is there now). */
    static CompletableFuture<RunState> stateReached(TrainingRun run, RunState wanted) {
        CompletableFuture<RunState> reached = new CompletableFuture<>();
        Subscription subscription = run.subscribe(new RunListener() {
            @Override
            public void onState(TrainingRun r, RunState state) {
                if (state == wanted) {
                    reached.complete(state);
                } else if (state.isFinal()) {
                    reached.completeExceptionally(new AssertionError("run ended " + state + ", never " + wanted));
                }
            }
        }, true);
        reached.whenComplete((value, failure) -> subscription.close());
        return reached;
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("wait failed: " + e, e);
        }
    }

    /** Waits until the slice in flight (if any) has let go of the network. */
    static void quiesce(TrainingRun run) {
        run.inspect(network -> null);
    }

    /** Runs another short training to completion on the same executor: time passes without sleeping. */
    static void letOtherWorkRun(TrainingService service, SessionRuns session, int epochs) {
        TrainingRun other = service.start(small(epochs), new RunOwner.Session(session), false);
        await(other.completion());
        session.discard(other);
    }
}
