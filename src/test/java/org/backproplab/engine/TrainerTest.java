package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final Samples TRAIN = TestSpirals.spiral(200, 0.1, 1);
    private static final Samples TEST = TestSpirals.spiral(100, 0.1, 2);

    private static Trainer trainer(Activation activation, boolean batchNorm, Hyperparameters hyper, long seed) {
        Network network = Network.create(NetworkSpec.of(2, Task.BINARY, 2, List.of(8, 8), activation, batchNorm,
                Initializer.XAVIER, 1, seed));
        return new Trainer(network, TRAIN, TEST, hyper, seed);
    }

    private static List<EpochReport> run(Trainer trainer, int epochs) {
        List<EpochReport> reports = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            reports.add(trainer.trainEpoch());
        }
        return reports;
    }

    @Test
    void sameConfigurationAndSeedsGiveIdenticalReports() {
        Hyperparameters hyper = Hyperparameters.sgd(0.05, 7).withDropout(0.2).withOptimizer(OptimizerKind.ADAM);
        List<EpochReport> first = run(trainer(Activation.RELU, true, hyper, 4), 5);
        List<EpochReport> second = run(trainer(Activation.RELU, true, hyper, 4), 5);
        assertEquals(first, second);
        assertNotEquals(first, run(trainer(Activation.RELU, true, hyper, 5), 5));
    }

    @Test
    void reportHasEveryFieldForEveryLayer() {
        EpochReport report = trainer(Activation.TANH, false, Hyperparameters.sgd(0.03, 10), 1).trainEpoch();
        assertEquals(1, report.epoch());
        assertEquals(3, report.layers().size());
        assertNotNull(report.testLoss());
        assertNotNull(report.trainAccuracy());
        assertNull(report.nonFinite());
        for (LayerReport layer : report.layers()) {
            assertTrue(layer.gradientNorm() > 0);
            assertTrue(layer.weightNorm() > 0);
            assertTrue(layer.updateRatio() > 0);
            assertNotNull(layer.activationMean());
            assertTrue(layer.activationStd() > 0);
            assertNull(layer.deadFraction(), "tanh has no dead units");
        }
        assertNotNull(report.layers().get(0).saturatedFraction());
        assertNull(report.layers().get(2).saturatedFraction(), "not for the output layer");
        assertEquals(8, report.layers().get(0).units());
        assertEquals(3, report.layers().get(2).layer());
    }

    @Test
    void reluLayersReportDeadFractionAndRegressionHasNoAccuracy() {
        Samples train = new Samples(TRAIN.x(), TRAIN.x().length == 0 ? new double[0] : radius(TRAIN));
        Network network = Network.create(NetworkSpec.of(2, Task.REGRESSION, 1, List.of(6), Activation.RELU, false,
                Initializer.HE, 1, 3));
        EpochReport report = new Trainer(network, train, Samples.empty(2), Hyperparameters.sgd(0.01, 10), 3)
                .trainEpoch();
        assertNull(report.trainAccuracy());
        assertNull(report.testLoss());
        assertNull(report.testAccuracy());
        assertNotNull(report.layers().get(0).deadFraction());
        assertNull(report.layers().get(0).saturatedFraction());
        assertNull(report.layers().get(1).deadFraction());
    }

    private static double[] radius(Samples samples) {
        double[] y = new double[samples.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.hypot(samples.x()[i][0], samples.x()[i][1]);
        }
        return y;
    }

    @Test
    void trainBatchEndsEpochAfterCeilOfSizeOverBatch() {
        Trainer trainer = trainer(Activation.TANH, false, Hyperparameters.sgd(0.03, 64), 1);
        int batches = 0;
        boolean ended = false;
        while (!ended) {
            ended = trainer.trainBatch();
            batches++;
        }
        assertEquals(4, batches); // 200 = 64 + 64 + 64 + 8
        assertEquals(1, trainer.epoch());
        assertSame(trainer.lastReport(), trainer.lastReport());
        assertEquals(1, trainer.lastReport().epoch());
    }

    @Test
    void batchLargerThanTrainingSetIsFullBatch() {
        Trainer trainer = trainer(Activation.TANH, false, Hyperparameters.sgd(0.03, 1024), 1);
        assertTrue(trainer.trainBatch());
    }

    @Test
    void hyperparametersChangeBetweenBatchesWithoutReset() {
        Trainer trainer = trainer(Activation.RELU, false, Hyperparameters.sgd(0.03, 10), 1);
        trainer.trainEpoch();
        trainer.trainBatch();
        trainer.setHyperparameters(trainer.hyperparameters().withLearningRate(0.3).withBatchSize(50)
                .withDropout(0.5).withL2(0.001).withClipNorm(1.0).withOptimizer(OptimizerKind.MOMENTUM));
        EpochReport report = trainer.trainEpoch();
        assertEquals(2, report.epoch());
        assertEquals(0.3, trainer.hyperparameters().learningRate());
        assertNotNull(report.trainLoss());
    }

    @Test
    void dropoutOneProducesNoNaNAndAllMasksDropped() {
        Trainer trainer = trainer(Activation.RELU, false, Hyperparameters.sgd(0.1, 10).withDropout(1.0), 1);
        for (EpochReport report : run(trainer, 3)) {
            assertNull(report.nonFinite());
            assertNotNull(report.trainLoss());
            for (LayerReport layer : report.layers()) {
                assertNotNull(layer.gradientNorm());
            }
        }
        assertFalse(trainer.diverged());
        DropoutStep step = trainer.lastDropoutStep();
        assertEquals(0.0, step.scale());
        for (boolean[] mask : trainer.lastDropoutMasks()) {
            for (boolean kept : mask) {
                assertFalse(kept);
            }
        }
        // Hidden weights get no gradient when every hidden output is dropped.
        assertEquals(0.0, trainer.lastReport().layers().get(0).gradientNorm());
    }

    @Test
    void dropoutMasksKeepAboutOneMinusRate() {
        Trainer trainer = trainer(Activation.RELU, false, Hyperparameters.sgd(0.1, 200).withDropout(0.25), 1);
        trainer.trainBatch();
        DropoutStep step = trainer.lastDropoutStep();
        assertEquals(200, step.examples());
        assertEquals(1 / 0.75, step.scale(), 1e-15);
        int kept = 0;
        int total = 0;
        for (boolean[] mask : step.kept()) {
            for (boolean k : mask) {
                kept += k ? 1 : 0;
                total++;
            }
        }
        assertEquals(0.75, (double) kept / total, 0.03);
        assertTrue(trainer(Activation.RELU, false, Hyperparameters.sgd(0.1, 10), 1).lastDropoutMasks().isEmpty());
    }

    @Test
    void divergenceIsReportedWithLocationAndStopsTraining() {
        double[][] x = {{1, 2}, {3, -4}, {5, 6}};
        Samples train = new Samples(x, new double[] {1e150, -1e150, 1e150});
        Network network = Network.create(NetworkSpec.of(2, Task.REGRESSION, 1, List.of(4), Activation.RELU, false,
                Initializer.HE, 1, 1));
        Trainer trainer = new Trainer(network, train, Samples.empty(2), Hyperparameters.sgd(10, 1), 1);
        EpochReport report = null;
        for (int e = 0; e < 20 && !trainer.diverged(); e++) {
            report = trainer.trainEpoch();
        }
        assertTrue(trainer.diverged());
        assertNotNull(report.nonFinite());
        assertTrue(List.of("gradient", "weight", "activation", "loss").contains(report.nonFinite().what()));
        assertTrue(report.nonFinite().layer() >= 1 && report.nonFinite().layer() <= 2);
        assertNoNonFiniteNumbers(report);
        int epochs = trainer.epoch();
        assertSame(report, trainer.trainEpoch());
        assertFalse(trainer.trainBatch());
        assertEquals(epochs, trainer.epoch());
    }

    static void assertNoNonFiniteNumbers(EpochReport report) {
        List<Double> values = new ArrayList<>(List.of());
        values.add(report.trainLoss());
        values.add(report.testLoss());
        values.add(report.trainAccuracy());
        values.add(report.testAccuracy());
        for (LayerReport l : report.layers()) {
            values.addAll(java.util.Arrays.asList(l.gradientNorm(), l.weightNorm(), l.updateRatio(),
                    l.activationMean(), l.activationStd(), l.deadFraction(), l.saturatedFraction()));
        }
        for (Double v : values) {
            assertTrue(v == null || Double.isFinite(v), "non-finite number in report: " + report);
        }
    }

    @Test
    void invalidSamplesAreRejectedWithTheirPosition() {
        Network network = Network.create(NetworkSpec.of(2, Task.BINARY, 2, List.of(3), Activation.RELU, false,
                Initializer.HE, 1, 1));
        Samples badLabel = new Samples(new double[][] {{1, 2}}, new double[] {2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(network, badLabel, null, Hyperparameters.sgd(0.1, 1), 1));
        assertTrue(e.getMessage().contains("train.y[0]"), e.getMessage());
        Samples badWidth = new Samples(new double[][] {{1, 2, 3}}, new double[] {1});
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer(network, badWidth, null, Hyperparameters.sgd(0.1, 1), 1));
    }

    @Test
    void hyperparametersAreValidatedWithFieldNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hyperparameters.sgd(0, 10));
        assertTrue(e.getMessage().contains("learningRate"));
        e = assertThrows(IllegalArgumentException.class, () -> Hyperparameters.sgd(0.1, 2000));
        assertTrue(e.getMessage().contains("batchSize"));
        e = assertThrows(IllegalArgumentException.class, () -> Hyperparameters.sgd(0.1, 10).withDropout(1.5));
        assertTrue(e.getMessage().contains("dropout"));
    }
}
