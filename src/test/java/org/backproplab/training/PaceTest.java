package org.backproplab.training;

import static org.backproplab.training.TrainingTestSupport.await;
import static org.backproplab.training.TrainingTestSupport.endless;
import static org.backproplab.training.TrainingTestSupport.epochReached;
import static org.backproplab.training.TrainingTestSupport.names;
import static org.backproplab.training.TrainingTestSupport.oneThreadService;
import static org.backproplab.training.TrainingTestSupport.quiesce;
import static org.backproplab.training.TrainingTestSupport.serviceThreads;
import static org.backproplab.training.TrainingTestSupport.small;
import static org.backproplab.training.TrainingTestSupport.stateReached;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run's pace: at most so many epochs a second, changeable while it trains, without holding a training thread.
 * The timing checks only bound from the side a slow machine cannot break: a paced run never trains more epochs
 * than its pace allows in the time that passed (a slower machine only trains fewer).
 */
class PaceTest {

    private TrainingService service;
    private SessionRuns session;

    @BeforeEach
    void startService() {
        service = oneThreadService();
        session = service.openSession();
    }

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aPacedRunTrainsNoFasterThanItsPaceWhileAnotherRunUsesTheOnlyThread() {
        long start = System.nanoTime();
        TrainingRun paced = service.start(endless(), new RunOwner.Session(session), false, Pace.epochsPerSecond(20));
        await(epochReached(paced, 2));

        // 2,000 epochs at full speed on the one thread while the paced run waits between its epochs.
        TrainingRun fast = service.start(small(2_000), new RunOwner.Session(session), false);
        assertEquals(RunState.COMPLETED, await(fast.completion()).state());
        int epochs = paced.epoch();   // read before the clock: every epoch counted ended within the time measured
        double seconds = (System.nanoTime() - start) / 1e9;

        assertTrue(epochs >= 2, "the paced run trained");
        // One epoch at once, then one every 50 ms: never more than 1 + 20 per second elapsed.
        assertTrue(epochs <= 1 + Math.ceil(seconds * 20), epochs + " epochs in " + seconds + " s at 20 epochs/s");
        assertEquals(RunState.RUNNING, paced.state());
    }

    @Test
    void thePaceChangesWhileTheRunTrains() {
        TrainingRun run = service.start(endless(), new RunOwner.Session(session), false);
        await(epochReached(run, 5));

        // Under the run's training lock nothing trains: the pace, the clock and the epoch count agree.
        long[] slowed = run.inspect(network -> {
            run.setPace(Pace.epochsPerSecond(10));
            return new long[] {System.nanoTime(), run.epoch()};
        });
        await(epochReached(run, (int) slowed[1] + 6));
        int epochs = run.epoch() - (int) slowed[1];
        double seconds = (System.nanoTime() - slowed[0]) / 1e9;
        // The epoch under way and one more may end at once, and the grid may have begun up to an interval before
        // the pace was set; after that, one epoch per 100 ms at most. Unpaced, six epochs take about a millisecond.
        assertTrue(epochs <= 3 + Math.ceil(seconds * 10), epochs + " epochs in " + seconds + " s at 10 epochs/s");

        run.setPace(Pace.FULL_SPEED);
        int before = run.epoch();
        await(epochReached(run, before + 500));
        run.stop();
        assertEquals(RunState.STOPPED, await(run.completion()).state());
    }

    @Test
    void pauseStepAndStopAnswerWhileARunWaitsForItsPace() {
        TrainingRun run = service.start(endless(), new RunOwner.Session(session), false, Pace.epochsPerSecond(2));
        await(epochReached(run, 1));

        run.pause();
        await(stateReached(run, RunState.PAUSED));
        quiesce(run);
        int paused = run.epoch();
        run.step();
        assertEquals(paused + 1, await(epochReached(run, paused + 1)));
        quiesce(run);
        assertEquals(RunState.PAUSED, run.state());

        run.resume();
        run.stop();
        assertEquals(RunState.STOPPED, await(run.completion()).state());
    }

    @Test
    void closingTheServiceWithAPacedRunWaitingLeavesNoThread() throws InterruptedException {
        Set<Thread> earlier = serviceThreads();
        TrainingRun run = service.start(endless(), new RunOwner.Session(session), false, Pace.epochsPerSecond(1));
        await(epochReached(run, 2));   // the second epoch came through the pacer's timer

        service.close();
        assertEquals(RunState.STOPPED, run.completion().orTimeout(TrainingTestSupport.WAIT_SECONDS, TimeUnit.SECONDS)
                .join().state());
        Set<Thread> left = serviceThreads();
        left.removeAll(earlier);
        for (Thread thread : left) {
            thread.join(10_000);
        }
        left.removeIf(thread -> !thread.isAlive());
        assertTrue(left.isEmpty(), "threads left: " + names(left));
        service = null;
    }

    @Test
    void aPaceOutsideItsRangeIsRefusedWithTheRange() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Pace.epochsPerSecond(-1));
        assertTrue(error.getMessage().contains("0 (no limit) or 1..10000"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pace.epochsPerSecond(Pace.MAX_EPOCHS_PER_SECOND + 1));
        TrainingRun run = service.start(small(5), new RunOwner.Session(session), true);
        assertThrows(IllegalArgumentException.class, () -> run.setPace(null));
        assertEquals(Pace.FULL_SPEED, run.pace(), "runs train at full speed unless asked otherwise");
    }
}
