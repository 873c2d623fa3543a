package org.backproplab.training;

import static org.backproplab.training.TrainingTestSupport.await;
import static org.backproplab.training.TrainingTestSupport.epochReached;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import org.backproplab.config.DatasetConfig;
import org.backproplab.config.FieldError;
import org.backproplab.config.InvalidConfigException;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.RunConfig;
import org.backproplab.config.TrainingConfig;
import org.backproplab.datasets.DatasetCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live changes while a run trains: they apply from the next mini-batch and reset nothing. */
class RetuneTest {

    private TrainingService service;
    private SessionRuns session;

    @BeforeEach
    void startService() {
        service = new TrainingService(TrainingLimits.defaults().withMaxEpochs(1000), new DatasetCatalog(),
                Clock.systemUTC());
        session = service.openSession();
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    /** Plain SGD, one full batch per epoch, no dropout: an epoch is exactly one update w ← w − lr·g. */
    private static RunConfig fullBatchSgd() {
        return new RunConfig(
                new DatasetConfig("xor", 100, 0.1, 0.5, null, 3L, null, null, null),
                new NetworkConfig(List.of(5), "tanh", null, "xavier", null, null, null, null),
                new TrainingConfig("sgd", 0.03, null, 1024, 500, null, null, null, 7L));
    }

    @Test
    void aNewLearningRateScalesTheVeryNextUpdateWithoutResettingAnything() {
        TrainingRun tuned = service.start(fullBatchSgd(), new RunOwner.Session(session), true);
        TrainingRun twin = service.start(fullBatchSgd(), new RunOwner.Session(session), true);
        for (TrainingRun run : List.of(tuned, twin)) {
            run.step();
            run.step();
            run.step();
            await(epochReached(run, 3));
        }
        List<NetworkConfig.LayerWeights> before = tuned.model();
        assertWeightsEqual(before, twin.model(), "same seed, same training so far");

        tuned.retune(tuned.config().training().withLearningRate(0.3), null);
        assertEquals(0.3, tuned.config().training().learningRate());
        assertWeightsEqual(before, tuned.model(), "retuning does not touch the weights");
        assertEquals(3, tuned.epoch(), "retuning does not reset the epoch count");

        tuned.step();
        twin.step();
        await(epochReached(tuned, 4));
        await(epochReached(twin, 4));
        assertEquals(4, tuned.epochs().size());

        // Same weights and data before the step, so the same gradient: the update must be exactly 10× the twin's.
        List<NetworkConfig.LayerWeights> tunedAfter = tuned.model();
        List<NetworkConfig.LayerWeights> twinAfter = twin.model();
        double maxDeviation = 0;
        double largestUpdate = 0;
        for (int l = 0; l < before.size(); l++) {
            double[][] w0 = before.get(l).kernel();
            for (int i = 0; i < w0.length; i++) {
                for (int j = 0; j < w0[i].length; j++) {
                    double tunedUpdate = tunedAfter.get(l).kernel()[i][j] - w0[i][j];
                    double twinUpdate = twinAfter.get(l).kernel()[i][j] - w0[i][j];
                    maxDeviation = Math.max(maxDeviation, Math.abs(tunedUpdate - 10 * twinUpdate));
                    largestUpdate = Math.max(largestUpdate, Math.abs(tunedUpdate));
                }
            }
        }
        assertTrue(largestUpdate > 1e-6, "the step changed the weights");
        assertTrue(maxDeviation < 1e-9 * Math.max(1, largestUpdate) + 1e-12,
                "update is lr-proportional from the next batch; deviation " + maxDeviation);
    }

    @Test
    void dropoutAndOtherKnobsChangeLiveAndShowInTheConfig() {
        TrainingRun run = service.start(fullBatchSgd(), new RunOwner.Session(session), true);
        TrainingConfig next = run.config().training().withOptimizer("adam").withBatchSize(16)
                .withRegularization(0.001, 0.01).withClipNorm(1.0);
        run.retune(next, 0.25);
        RunConfig config = run.config();
        assertEquals("adam", config.training().optimizer());
        assertEquals(16, config.training().batchSize());
        assertEquals(0.001, config.training().l1());
        assertEquals(0.01, config.training().l2());
        assertEquals(1.0, config.training().clipNorm());
        assertEquals(0.25, config.network().dropout());
        assertEquals(7L, config.training().seed(), "the shuffle seed cannot change mid-run");
        run.step();
        await(epochReached(run, 1));
        run.retune(run.config().training().withClipNorm(null), null);
        assertEquals(null, run.config().training().clipNorm(), "null turns clipping off");
        assertEquals(0.25, run.config().network().dropout(), "null dropout keeps it");
    }

    @Test
    void badValuesAreRejectedWithTheirFieldAndChangeNothing() {
        TrainingRun run = service.start(fullBatchSgd(), new RunOwner.Session(session), true);
        InvalidConfigException bad = assertThrows(InvalidConfigException.class,
                () -> run.retune(run.config().training().withLearningRate(20).withEpochs(5000), 1.5));
        List<String> fields = bad.errors().stream().map(FieldError::field).toList();
        assertTrue(fields.containsAll(List.of("training.learningRate", "network.dropout")), fields.toString());
        InvalidConfigException tooLong = assertThrows(InvalidConfigException.class,
                () -> run.retune(run.config().training().withEpochs(5000), null));
        assertEquals(List.of("training.epochs"), tooLong.errors().stream().map(FieldError::field).toList());
        assertEquals(0.03, run.config().training().learningRate());
        assertEquals(500, run.config().training().epochs());
    }

    private static void assertWeightsEqual(List<NetworkConfig.LayerWeights> expected,
                                           List<NetworkConfig.LayerWeights> actual, String message) {
        assertEquals(expected.size(), actual.size());
        for (int l = 0; l < expected.size(); l++) {
            assertArrayEquals(expected.get(l).bias(), actual.get(l).bias(), message);
            for (int i = 0; i < expected.get(l).kernel().length; i++) {
                assertArrayEquals(expected.get(l).kernel()[i], actual.get(l).kernel()[i], message);
            }
        }
    }
}
