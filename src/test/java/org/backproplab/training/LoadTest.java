package org.backproplab.training;

import static org.backproplab.training.TrainingTestSupport.await;
import static org.backproplab.training.TrainingTestSupport.names;
import static org.backproplab.training.TrainingTestSupport.serviceThreads;
import static org.backproplab.training.TrainingTestSupport.endless;
import static org.backproplab.training.TrainingTestSupport.epochReached;
import static org.backproplab.training.TrainingTestSupport.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.backproplab.datasets.DatasetCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many learners at once: fair shares of the shared threads, and nothing left behind when sessions end.
 * The figures printed are for reading, not asserted against the clock.
 */
class LoadTest {

    private static final int SESSIONS = 50;
    private static final int RUNS_PER_SESSION = 4;
    private static final int EPOCHS = 40;

    private TrainingService service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    /**
     * 200 identical-size runs (a 2×4 tanh network on 50 training points) from 50 sessions, all admitted at once on
     * two threads. The window runs from the moment every run has been resumed to the moment the first run
     * completes: all 200 are training throughout it, so each deserves 1/200 of the epochs trained in it. A run
     * that got less than half of that share fails the test. A run-to-completion scheduler would fail it badly (the
     * first run would end while most others had trained nothing).
     */
    @Test
    void twoHundredRunsFromFiftySessionsCompleteWithFairShares() {
        service = new TrainingService(TrainingLimits.defaults().withRunsPerSession(RUNS_PER_SESSION)
                .withRunsTotal(SESSIONS * RUNS_PER_SESSION).withWorkerThreads(2), new DatasetCatalog(),
                Clock.systemUTC());
        List<TrainingRun> runs = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            SessionRuns session = service.openSession();
            for (int r = 0; r < RUNS_PER_SESSION; r++) {
                long seed = s * RUNS_PER_SESSION + r + 1;
                runs.add(service.start(small(EPOCHS).withTraining(small(EPOCHS).training().withSeed(seed)),
                        new RunOwner.Session(session), true));
            }
        }
        CompletableFuture<int[]> atFirstCompletion = new CompletableFuture<>();
        for (TrainingRun run : runs) {
            run.subscribe(new RunListener() {
                @Override
                public void onState(TrainingRun r, RunState state) {
                    if (state.isFinal() && !atFirstCompletion.isDone()) {
                        atFirstCompletion.complete(epochsOf(runs));
                    }
                }
            }, false);
        }

        long started = System.nanoTime();
        runs.forEach(TrainingRun::resume);
        int[] atStart = epochsOf(runs);
        int[] atEnd = await(atFirstCompletion);
        await(CompletableFuture.allOf(runs.stream().map(TrainingRun::completion).toArray(CompletableFuture[]::new)));
        double seconds = (System.nanoTime() - started) / 1e9;

        for (TrainingRun run : runs) {
            assertEquals(RunState.COMPLETED, run.state());
            assertEquals(EPOCHS, run.epochs().size());
        }
        int total = 0;
        int fewest = Integer.MAX_VALUE;
        int most = 0;
        for (int i = 0; i < runs.size(); i++) {
            int inWindow = atEnd[i] - atStart[i];
            total += inWindow;
            fewest = Math.min(fewest, inWindow);
            most = Math.max(most, inWindow);
        }
        double fairShare = (double) total / runs.size();
        double inSlices = runs.stream().mapToLong(TrainingRun::trainingNanos).sum() / 1e9;
        System.out.printf("load: %d runs x %d epochs in %.2f s (%.0f epochs/s); window: %d epochs, fair share %.1f,"
                + " fewest %d, most %d; time inside slices %.2f s of %.2f thread-seconds (%.0f %%)%n", runs.size(),
                EPOCHS, seconds, runs.size() * EPOCHS / seconds, total, fairShare, fewest, most, inSlices,
                2 * seconds, 100 * inSlices / (2 * seconds));
        assertTrue(fairShare >= EPOCHS / 4.0, "the window must be long enough to mean something: " + fairShare);
        assertTrue(fewest >= fairShare / 2, "fewest " + fewest + " epochs against a fair share of " + fairShare);
        assertEquals(0, service.activeRuns());
    }

    /** Closing sessions stops their runs (running, queued, paused), frees them, and starts or leaves no thread. */
    @Test
    void endingSessionsStopsTheirRunsAndLeavesNoThreadsBehind() throws InterruptedException {
        Set<Thread> earlier = serviceThreads();     // other services in this JVM (e.g. a cached Spring context)
        service = new TrainingService(TrainingLimits.defaults().withWorkerThreads(2).withRunsTotal(4),
                new DatasetCatalog(), Clock.systemUTC());
        TrainingRun api = service.start(endless(), new RunOwner.Api(), true);   // keeps its slot while paused
        List<SessionRuns> sessions = new ArrayList<>();
        List<TrainingRun> runs = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            SessionRuns session = service.openSession();
            sessions.add(session);
            runs.add(service.start(endless(), new RunOwner.Session(session), false));
            runs.add(service.start(endless(), new RunOwner.Session(session), false));
            runs.add(service.start(endless(), new RunOwner.Session(session), true));
        }
        await(epochReached(runs.getFirst(), 2));
        assertEquals(4, service.activeRuns());
        assertEquals(7, service.queuedRuns());
        Set<Thread> threads = serviceThreads();
        threads.removeAll(earlier);
        assertTrue(threads.size() <= 3, "two workers and the cleanup thread, was " + names(threads));

        sessions.forEach(SessionRuns::close);
        sessions.forEach(SessionRuns::close);          // idempotent
        for (TrainingRun run : runs) {
            assertEquals(RunState.STOPPED, await(run.completion()).state());
            assertTrue(service.find(run.id()).isEmpty(), "a closed session's runs are forgotten");
        }
        assertEquals(0, service.queuedRuns());
        assertEquals(1, service.activeRuns(), "only the paused API run still holds a slot");
        assertEquals(0, service.sessions());
        assertTrue(sessions.stream().allMatch(SessionRuns::isClosed));
        assertTrue(sessions.stream().allMatch(s -> s.runs().isEmpty()));
        Set<Thread> after = serviceThreads();
        after.removeAll(earlier);
        assertTrue(threads.containsAll(after), "no new threads: " + names(after));

        service.close();
        assertEquals(RunState.STOPPED, await(api.completion()).state(), "shutting down stops API runs too");
        for (Thread thread : after) {
            thread.join(10_000);
        }
        Set<Thread> left = serviceThreads();
        left.removeAll(earlier);
        assertTrue(left.isEmpty(), "threads left: " + names(left));
        service = null;
    }

    private static int[] epochsOf(List<TrainingRun> runs) {
        int[] epochs = new int[runs.size()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = runs.get(i).epoch();
        }
        return epochs;
    }

}
