package org.backproplab.training;

import static org.backproplab.training.TrainingTestSupport.await;
import static org.backproplab.training.TrainingTestSupport.endless;
import static org.backproplab.training.TrainingTestSupport.epochReached;
import static org.backproplab.training.TrainingTestSupport.letOtherWorkRun;
import static org.backproplab.training.TrainingTestSupport.oneThreadService;
import static org.backproplab.training.TrainingTestSupport.quiesce;
import static org.backproplab.training.TrainingTestSupport.small;
import static org.backproplab.training.TrainingTestSupport.stateReached;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.backproplab.config.DatasetConfig;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.RunConfig;
import org.backproplab.config.TrainingConfig;
import org.backproplab.diagnosis.FindingKind;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.NonFinite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run's state machine: pause, step, resume, stop, completion at the limit, divergence. */
class TrainingRunStateTest {

    private TrainingService service;
    private SessionRuns session;

    @BeforeEach
    void startService() {
        service = oneThreadService();
        session = service.openSession();
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void pauseStopsEpochsStepTrainsExactlyOneResumeContinuesStopEnds() {
        TrainingRun run = service.start(endless(), new RunOwner.Session(session), false);
        assertEquals(RunState.RUNNING, run.state());
        await(epochReached(run, 3));

        run.pause();
        assertEquals(RunState.PAUSED, run.state());
        quiesce(run);
        int pausedAt = run.epoch();
        letOtherWorkRun(service, session, 30);
        assertEquals(pausedAt, run.epoch(), "a paused run must not train while others do");
        assertEquals(RunState.PAUSED, run.state());

        run.step();
        await(epochReached(run, pausedAt + 1));
        letOtherWorkRun(service, session, 30);
        assertEquals(pausedAt + 1, run.epoch(), "step trains exactly one epoch");
        assertEquals(RunState.PAUSED, run.state());
        assertEquals(pausedAt + 1, run.epochs().size());

        run.resume();
        assertEquals(RunState.RUNNING, run.state());
        await(epochReached(run, pausedAt + 5));

        run.stop();
        assertEquals(RunState.STOPPED, run.state());
        assertSame(run, await(run.completion()));
        quiesce(run);
        int stoppedAt = run.epoch();
        letOtherWorkRun(service, session, 10);
        assertEquals(stoppedAt, run.epoch());
        run.resume();
        run.step();
        assertEquals(RunState.STOPPED, run.state(), "a final state is final");
    }

    @Test
    void aRunCreatedPausedWaitsForResumeOrStep() {
        TrainingRun run = service.start(small(50), new RunOwner.Session(session), true);
        assertEquals(RunState.PAUSED, run.state());
        letOtherWorkRun(service, session, 10);
        assertEquals(0, run.epoch());
        run.step();
        run.step();
        await(epochReached(run, 2));
        letOtherWorkRun(service, session, 10);
        assertEquals(2, run.epoch(), "two steps, two epochs");
        run.resume();
        assertEquals(RunState.COMPLETED, await(run.completion()).state());
    }

    @Test
    void completesAtTheEpochLimitWithEveryReportInOrder() {
        TrainingRun run = service.start(small(15), new RunOwner.Session(session), false);
        await(run.completion());
        assertEquals(RunState.COMPLETED, run.state());
        assertEquals(15, run.epoch());
        List<EpochReport> reports = run.epochs();
        assertEquals(15, reports.size());
        for (int i = 0; i < reports.size(); i++) {
            assertEquals(i + 1, reports.get(i).epoch());
            assertNotNull(reports.get(i).trainLoss());
        }
        assertNull(run.divergedAt());
        assertNotNull(run.ended());
    }

    @Test
    void aStepThatReachesTheLimitCompletesTheRun() {
        TrainingRun run = service.start(small(2), new RunOwner.Session(session), true);
        run.step();
        run.step();
        assertEquals(RunState.COMPLETED, await(run.completion()).state());
        assertEquals(2, run.epoch());
    }

    @Test
    void aLowerEpochLimitEndsTheRunThere() {
        TrainingRun run = service.start(endless(), new RunOwner.Session(session), false);
        await(epochReached(run, 3));
        run.pause();
        quiesce(run);
        int pausedAt = run.epoch();
        run.retune(run.config().training().withEpochs(pausedAt + 2), null);
        assertEquals(pausedAt + 2, run.config().training().epochs());
        run.resume();
        assertEquals(RunState.COMPLETED, await(run.completion()).state());
        assertEquals(pausedAt + 2, run.epoch());

        TrainingRun reached = service.start(endless(), new RunOwner.Session(session), true);
        reached.step();
        await(epochReached(reached, 1));
        reached.retune(reached.config().training().withEpochs(1), null);
        reached.resume();
        assertEquals(RunState.COMPLETED, await(reached.completion()).state());
        assertEquals(1, reached.epoch(), "a limit already reached completes the run without training");
    }

    @Test
    void divergesWithTheLocationOfTheFirstNonFiniteValue() {
        // Regression with a huge learning rate and wide initial weights: the loss explodes within a few steps.
        RunConfig exploding = new RunConfig(
                new DatasetConfig("plane", 100, 0.0, 0.5, null, 1L, null, null, null),
                new NetworkConfig(List.of(16, 16), "relu", null, "normal", 5.0, null, null, null),
                new TrainingConfig("sgd", 10.0, null, 10, 1000, null, null, null, 1L));
        TrainingRun run = service.start(exploding, new RunOwner.Session(session), false);
        assertSame(run, await(run.completion()));
        assertEquals(RunState.DIVERGED, run.state());
        NonFinite where = run.divergedAt();
        assertNotNull(where);
        assertTrue(Set.of("gradient", "weight", "activation", "loss").contains(where.what()), where.what());
        assertTrue(where.layer() >= 1 && where.layer() <= 3, "layer " + where.layer());
        assertTrue(run.epoch() < 1000);
        EpochReport last = run.epochs().getLast();
        assertEquals(where, last.nonFinite(), "the last report carries the same location");
        assertTrue(run.findings().stream().anyMatch(f -> f.kind() == FindingKind.DIVERGED),
                "diagnosis names the divergence: " + run.findings());
    }
}
