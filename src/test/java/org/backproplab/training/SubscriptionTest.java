package org.backproplab.training;

import static org.backproplab.training.TrainingTestSupport.await;
import static org.backproplab.training.TrainingTestSupport.epochReached;
import static org.backproplab.training.TrainingTestSupport.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.backproplab.datasets.DatasetCatalog;
import org.backproplab.engine.EpochReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listeners: replay then live with nothing lost or doubled, unsubscribe, a failing listener is dropped. */
class SubscriptionTest {

    private TrainingService service;
    private SessionRuns session;

    @BeforeEach
    void startService() {
        service = new TrainingService(TrainingLimits.defaults(), new DatasetCatalog(), Clock.systemUTC());
        session = service.openSession();
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    /** Records every event as text, in order, and completes when the run ends. */
    private static final class Recorder implements RunListener {
        final List<String> events = new ArrayList<>();
        final List<Integer> epochs = new ArrayList<>();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        final CompletableFuture<Void> paused = new CompletableFuture<>();

        @Override
        public synchronized void onEpoch(TrainingRun run, EpochReport report) {
            events.add("epoch " + report.epoch());
            epochs.add(report.epoch());
        }

        @Override
        public synchronized void onState(TrainingRun run, RunState state) {
            events.add("state " + state);
            if (state == RunState.PAUSED) {
                paused.complete(null);
            }
            if (state.isFinal()) {
                ended.complete(null);
            }
        }
    }

    @Test
    void aLateSubscriberGetsTheHistoryThenLiveEventsWithoutGapsOrRepeats() {
        TrainingRun run = service.start(TrainingTestSupport.endless(), new RunOwner.Session(session), false);
        await(epochReached(run, 5));
        Recorder late = new Recorder();
        run.subscribe(late, true);
        await(epochReached(run, 40));
        run.stop();
        await(late.ended);
        assertEquals("state RUNNING", late.events.getFirst(), "the current state comes first");
        assertEquals(IntStream.rangeClosed(1, run.epoch()).boxed().toList(), late.epochs);
        assertTrue(run.epoch() >= 40);
        assertEquals("state STOPPED", late.events.getLast());
    }

    @Test
    void replayOfAFinishedRunGivesItsFinalStateAndWholeHistory() {
        TrainingRun run = service.start(small(12), new RunOwner.Session(session), false);
        await(run.completion());
        Recorder recorder = new Recorder();
        run.subscribe(recorder, true);
        assertEquals("state COMPLETED", recorder.events.getFirst());
        assertEquals(IntStream.rangeClosed(1, 12).boxed().toList(), recorder.epochs);

        Recorder withoutReplay = new Recorder();
        run.subscribe(withoutReplay, false);
        assertTrue(withoutReplay.events.isEmpty());
    }

    @Test
    void closingTheSubscriptionStopsEvents() {
        // Paused until subscribed: the listener closes its own subscription, which it only has once subscribe returned.
        TrainingRun run = service.start(small(40), new RunOwner.Session(session), true);
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        List<Integer> seen = new ArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        subscription.set(run.subscribe(new RunListener() {
            @Override
            public void onEpoch(TrainingRun r, EpochReport report) {
                seen.add(report.epoch());
                if (report.epoch() == 3) {
                    subscription.get().close();
                    closed.complete(null);
                }
            }
        }, true));
        run.resume();
        await(closed);
        await(run.completion());
        assertEquals(List.of(1, 2, 3), seen);
    }

    @Test
    void aThrowingListenerIsRemovedAndTrainingGoesOn() {
        TrainingRun run = service.start(small(25), new RunOwner.Session(session), true);
        AtomicInteger calls = new AtomicInteger();
        run.subscribe(new RunListener() {
            @Override
            public void onEpoch(TrainingRun r, EpochReport report) {
                calls.incrementAndGet();
                throw new IllegalStateException("a broken view");
            }
        }, false);
        Recorder healthy = new Recorder();
        run.subscribe(healthy, false);
        run.resume();
        await(healthy.ended);
        assertEquals(RunState.COMPLETED, run.state());
        assertEquals(1, calls.get(), "called once, then dropped");
        assertEquals(IntStream.rangeClosed(1, 25).boxed().toList(), healthy.epochs);
    }

    @Test
    void aListenerMayPauseAndSubscribeFromItsCallbackWithoutReorderingEvents() {
        TrainingRun run = service.start(small(100), new RunOwner.Session(session), true);
        Recorder late = new Recorder();
        run.subscribe(new RunListener() {
            @Override
            public void onEpoch(TrainingRun r, EpochReport report) {
                if (report.epoch() == 3) {
                    r.pause();
                    r.subscribe(late, true);
                }
            }
        }, false);
        Recorder watcher = new Recorder();
        run.subscribe(watcher, false);
        run.resume();
        // Listeners are called one after another: wait until both recorders have seen the pause.
        await(watcher.paused);
        await(late.paused);
        List<String> expected = List.of("state RUNNING", "epoch 1", "epoch 2", "epoch 3", "state PAUSED");
        assertEquals(expected, watcher.events);
        assertEquals(expected, late.events, "replay up to epoch 3, then the pause live");
        run.stop();
        await(late.ended);
        assertEquals("state STOPPED", late.events.getLast());
    }
}
