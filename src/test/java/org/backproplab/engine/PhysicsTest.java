package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failure modes the lab teaches, reproduced on the spiral: the engine must show them in its epoch reports.
 */
class PhysicsTest {

    private static final Samples TRAIN = TestSpirals.spiral(500, 0.1, 11);
    private static final Samples TEST = TestSpirals.spiral(500, 0.1, 12);

    private static Trainer trainer(int layers, int units, Activation activation, Initializer initializer,
                                   double initScale, boolean batchNorm, Hyperparameters hyper, Samples train,
                                   Samples test) {
        NetworkSpec spec = NetworkSpec.of(2, Task.BINARY, 2, Collections.nCopies(layers, units), activation,
                batchNorm, initializer, initScale, 7);
        return new Trainer(Network.create(spec), train, test, hyper, 7);
    }

    private static double firstToOutputGradientRatio(EpochReport report) {
        List<LayerReport> layers = report.layers();
        return layers.get(0).gradientNorm() / layers.get(layers.size() - 1).gradientNorm();
    }

    @Test
    void deepSigmoidGradientsVanishWhileReluWithHeKeepsThem() {
        Hyperparameters hyper = Hyperparameters.sgd(0.03, 10);
        EpochReport sigmoid = trainer(10, 8, Activation.SIGMOID, Initializer.XAVIER, 1, false, hyper, TRAIN, TEST)
                .trainEpoch();
        EpochReport relu = trainer(10, 8, Activation.RELU, Initializer.HE, 1, false, hyper, TRAIN, TEST)
                .trainEpoch();
        double sigmoidRatio = firstToOutputGradientRatio(sigmoid);
        double reluRatio = firstToOutputGradientRatio(relu);
        assertTrue(sigmoidRatio < 1e-3, "sigmoid first/output gradient ratio " + sigmoidRatio);
        assertTrue(reluRatio > 1e-2, "relu first/output gradient ratio " + reluRatio);
    }

    @Test
    void highLearningRateKillsReluUnitsLowDoesNot() {
        Trainer high = trainer(6, 8, Activation.RELU, Initializer.HE, 1, false, Hyperparameters.sgd(1.5, 10),
                TRAIN, TEST);
        boolean mostlyDead = false;
        for (int e = 0; e < 30 && !mostlyDead && !high.diverged(); e++) {
            EpochReport report = high.trainEpoch();
            mostlyDead = maxDeadFraction(report) > 0.5;
        }
        assertTrue(mostlyDead || high.diverged(), "no hidden layer became > 50 % dead at learning rate 1.5");

        Trainer low = trainer(6, 8, Activation.RELU, Initializer.HE, 1, false, Hyperparameters.sgd(0.03, 10),
                TRAIN, TEST);
        for (int e = 0; e < 30; e++) {
            EpochReport report = low.trainEpoch();
            assertTrue(maxDeadFraction(report) <= 0.4, "epoch " + report.epoch() + ": " + report);
        }
        assertNull(low.lastReport().nonFinite());
    }

    private static double maxDeadFraction(EpochReport report) {
        double max = 0;
        for (LayerReport layer : report.layers()) {
            if (layer.deadFraction() != null) {
                max = Math.max(max, layer.deadFraction());
            }
        }
        return max;
    }

    @Test
    void hugeInitialWeightsExplodeAndBatchNormTamesThem() {
        Hyperparameters hyper = Hyperparameters.sgd(0.03, 10);
        Trainer plain = trainer(8, 32, Activation.RELU, Initializer.NORMAL, 1.0, false, hyper, TRAIN, TEST);
        for (int e = 0; e < 5 && !plain.diverged(); e++) {
            plain.trainEpoch();
        }
        assertTrue(plain.diverged(), "relu 8×32 with N(0, 1) weights should diverge: " + plain.lastReport());
        NonFinite where = plain.lastReport().nonFinite();
        assertNotNull(where);
        assertTrue(where.layer() >= 1 && where.layer() <= 9, where.toString());
        TrainerTest.assertNoNonFiniteNumbers(plain.lastReport());

        Trainer normalized = trainer(8, 32, Activation.RELU, Initializer.NORMAL, 1.0, true, hyper, TRAIN, TEST);
        for (int e = 0; e < 30; e++) {
            EpochReport report = normalized.trainEpoch();
            assertNull(report.nonFinite());
            assertNotNull(report.trainLoss());
            assertTrue(Double.isFinite(report.trainLoss()));
        }
    }

    @Test
    void dropoutOfEverythingLearnsNothing() {
        Trainer trainer = trainer(3, 16, Activation.RELU, Initializer.HE, 1, false,
                Hyperparameters.sgd(0.1, 10).withDropout(1.0), TRAIN, TEST);
        double first = trainer.trainEpoch().trainAccuracy();
        for (int e = 0; e < 20; e++) {
            trainer.trainEpoch();
        }
        double last = trainer.lastReport().trainAccuracy();
        assertEquals(0.5, last, 0.12, "training accuracy should stay at chance");
        assertEquals(first, last, 0.05, "the hidden layers never change");
    }

    @Test
    void dropoutNarrowsTheGeneralizationGap() {
        Samples smallNoisy = TestSpirals.spiral(60, 0.8, 21);
        Samples test = TestSpirals.spiral(200, 0.8, 22);
        double gapWithout = gap(smallNoisy, test, 0.0);
        double gapWith = gap(smallNoisy, test, 0.5);
        assertTrue(gapWithout > 0.15, "3×64 should overfit 60 noisy points, gap " + gapWithout);
        assertTrue(gapWith < gapWithout - 0.05, "gap with dropout " + gapWith + " vs without " + gapWithout);
    }

    private static double gap(Samples train, Samples test, double dropout) {
        Trainer trainer = trainer(3, 64, Activation.RELU, Initializer.HE, 1, false,
                Hyperparameters.sgd(0.01, 10).withOptimizer(OptimizerKind.ADAM).withDropout(dropout), train, test);
        double sum = 0;
        int epochs = 150;
        int averaged = 20;
        for (int e = 1; e <= epochs; e++) {
            EpochReport report = trainer.trainEpoch();
            if (e > epochs - averaged) {
                sum += report.trainAccuracy() - report.testAccuracy();
            }
        }
        return sum / averaged;
    }
}
