package org.backproplab.training;

import static org.backproplab.training.TrainingTestSupport.await;
import static org.backproplab.training.TrainingTestSupport.endless;
import static org.backproplab.training.TrainingTestSupport.epochReached;
import static org.backproplab.training.TrainingTestSupport.small;
import static org.backproplab.training.TrainingTestSupport.stateReached;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import org.backproplab.datasets.DatasetCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-session and server-wide limits, the FIFO queue, and the API's refusal with a retry estimate. */
class CapacityTest {

    private TrainingService service;

    private TrainingService service(TrainingLimits limits) {
        service = new TrainingService(limits, new DatasetCatalog(), Clock.systemUTC());
        return service;
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void labRunsBeyondTheServerLimitWaitQueuedInOrderUntilASlotFrees() {
        TrainingService s = service(TrainingLimits.defaults().withRunsTotal(2).withWorkerThreads(1));
        SessionRuns alice = s.openSession();
        SessionRuns bob = s.openSession();
        TrainingRun a1 = s.start(endless(), new RunOwner.Session(alice), false);
        TrainingRun a2 = s.start(endless(), new RunOwner.Session(alice), false);
        TrainingRun b1 = s.start(endless(), new RunOwner.Session(bob), false);
        TrainingRun b2 = s.start(small(5), new RunOwner.Session(bob), false);
        assertEquals(RunState.QUEUED, b1.state());
        assertEquals(RunState.QUEUED, b2.state());
        assertEquals(2, s.activeRuns());
        assertEquals(2, s.queuedRuns());
        assertEquals(0, b1.epoch());

        a1.pause();                                   // frees a slot: the first in line gets it
        assertEquals(RunState.RUNNING, b1.state());
        assertEquals(RunState.QUEUED, b2.state());
        await(epochReached(b1, 1));

        a1.resume();                                  // the server is still full: back in line, behind b2
        assertEquals(RunState.QUEUED, a1.state());
        a2.stop();
        assertEquals(RunState.RUNNING, b2.state());
        assertEquals(RunState.COMPLETED, await(b2.completion()).state());
        await(stateReached(a1, RunState.RUNNING));    // b2's end let a1 in
        assertEquals(2, s.activeRuns());
        assertEquals(0, s.queuedRuns());

        b1.pause();
        TrainingRun takesTheFreedSlot = s.start(endless(), new RunOwner.Session(alice), false);
        assertEquals(RunState.RUNNING, takesTheFreedSlot.state(), "b1's pause freed a slot");
        TrainingRun waiting = s.start(endless(), new RunOwner.Session(bob), false);
        assertEquals(RunState.QUEUED, waiting.state());
        waiting.pause();
        assertEquals(RunState.PAUSED, waiting.state(), "a queued run can be paused out of the queue");
        assertEquals(0, s.queuedRuns());
    }

    @Test
    void aSessionOverItsLimitIsRefusedAndFinishedRunsDoNotCount() {
        TrainingService s = service(TrainingLimits.defaults().withRunsPerSession(2));
        SessionRuns session = s.openSession();
        TrainingRun first = s.start(endless(), new RunOwner.Session(session), true);
        s.start(endless(), new RunOwner.Session(session), false);
        CapacityException full = assertThrows(CapacityException.class,
                () -> s.start(small(5), new RunOwner.Session(session), false));
        assertEquals("backprop.limits.runs-per-session", full.field());
        assertEquals(2, session.runs().size(), "the refused run was not added");

        first.stop();
        TrainingRun third = s.start(small(5), new RunOwner.Session(session), false);
        await(third.completion());
        assertEquals(3, session.runs().size());
        session.discard(first);
        assertEquals(2, session.runs().size());
        assertTrue(s.find(first.id()).isEmpty(), "a discarded run is forgotten");
    }

    @Test
    void apiRunsFindingTheServerFullAreRefusedWithRetryAfterWhileLabRunsQueue() {
        TrainingService s = service(TrainingLimits.defaults().withRunsTotal(1).withWorkerThreads(1));
        TrainingRun api = s.start(small(100_000), new RunOwner.Api(), false);
        await(epochReached(api, 3));
        CapacityException full = assertThrows(CapacityException.class,
                () -> s.start(small(5), new RunOwner.Api(), false));
        assertEquals("backprop.limits.runs-total", full.field());
        assertTrue(full.retryAfterSeconds() >= 1 && full.retryAfterSeconds() <= 3600,
                "retry after " + full.retryAfterSeconds());
        assertTrue(full.getMessage().contains("limit"));

        SessionRuns session = s.openSession();
        TrainingRun lab = s.start(small(5), new RunOwner.Session(session), false);
        assertEquals(RunState.QUEUED, lab.state(), "the lab waits where the API is refused");

        api.pause();
        assertEquals(RunState.QUEUED, lab.state(), "a paused API run keeps its slot");
        assertThrows(CapacityException.class, () -> s.start(small(5), new RunOwner.Api(), true));
        api.resume();
        assertEquals(RunState.RUNNING, api.state());

        api.stop();
        assertEquals(RunState.COMPLETED, await(lab.completion()).state(), "the slot went to the queued lab run");
        TrainingRun next = s.start(small(5), new RunOwner.Api(), false);
        assertEquals(RunState.COMPLETED, await(next.completion()).state());
    }

    @Test
    void aClosedSessionTakesNoNewRuns() {
        TrainingService s = service(TrainingLimits.defaults());
        SessionRuns session = s.openSession();
        session.close();
        assertThrows(IllegalStateException.class, () -> s.start(small(5), new RunOwner.Session(session), false));
    }
}
