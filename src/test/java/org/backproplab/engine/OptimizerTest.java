package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One hand-computed step of each update rule on the smallest network there is: one input, no hidden layer, one
 * linear output (regression). With w = 0.5, b = 0.1, x = 2, y = 0: z = 1.1, L = z² = 1.21,
 * ∂L/∂z = 2z = 2.2, ∂L/∂w = 2.2·x = 4.4, ∂L/∂b = 2.2.
 */
class OptimizerTest {

    private static final double EXACT = 1e-15;

    private static Trainer trainer(Hyperparameters hyper) {
        NetworkSpec spec = new NetworkSpec(1, Task.REGRESSION, 1, List.of(), List.of(), false, Initializer.ZEROS, 1,
                1, List.of(new DenseWeights(new double[][] {{0.5}}, new double[] {0.1})));
        Samples one = new Samples(new double[][] {{2}}, new double[] {0});
        return new Trainer(Network.create(spec), one, Samples.empty(1), hyper, 1);
    }

    private static double weight(Trainer trainer) {
        return trainer.network().weights().get(0).kernel()[0][0];
    }

    private static double bias(Trainer trainer) {
        return trainer.network().weights().get(0).bias()[0];
    }

    @Test
    void sgdSubtractsLearningRateTimesGradient() {
        Trainer trainer = trainer(Hyperparameters.sgd(0.01, 1));
        trainer.trainBatch();
        assertEquals(0.5 - 0.01 * 4.4, weight(trainer), EXACT);   // 0.456
        assertEquals(0.1 - 0.01 * 2.2, bias(trainer), EXACT);     // 0.078
    }

    @Test
    void momentumAccumulatesVelocity() {
        Trainer trainer = trainer(Hyperparameters.sgd(0.01, 1).withOptimizer(OptimizerKind.MOMENTUM).withMomentum(0.9));
        trainer.trainBatch();
        // Step 1: v = −0.01·4.4 = −0.044 → w = 0.456; v_b = −0.022 → b = 0.078.
        assertEquals(0.456, weight(trainer), EXACT);
        assertEquals(0.078, bias(trainer), EXACT);
        trainer.trainBatch();
        // Step 2: z = 0.456·2 + 0.078 = 0.99, ∂L/∂z = 1.98, ∂L/∂w = 3.96.
        // v_w = 0.9·(−0.044) − 0.01·3.96 = −0.0792 → w = 0.3768; v_b = 0.9·(−0.022) − 0.0198 = −0.0396 → b = 0.0384.
        assertEquals(0.3768, weight(trainer), 1e-14);
        assertEquals(0.0384, bias(trainer), 1e-14);
    }

    @Test
    void adamUsesBiasCorrectedMoments() {
        Trainer trainer = trainer(Hyperparameters.sgd(0.01, 1).withOptimizer(OptimizerKind.ADAM));
        trainer.trainBatch();
        // t = 1: m = 0.1·g, v = 0.001·g², m̂ = g, v̂ = g², Δ = −lr·g/(|g| + 1e-7).
        double w1 = 0.5 - 0.01 * 4.4 / (4.4 + 1e-7);
        double b1 = 0.1 - 0.01 * 2.2 / (2.2 + 1e-7);
        assertEquals(w1, weight(trainer), EXACT);
        assertEquals(b1, bias(trainer), EXACT);
        trainer.trainBatch();
        // t = 2 with the new gradient g2 = 2·z·x.
        double z = w1 * 2 + b1;
        double gw = 2 * z * 2;
        double mw = 0.9 * (0.1 * 4.4) + 0.1 * gw;
        double vw = 0.999 * (0.001 * 4.4 * 4.4) + 0.001 * gw * gw;
        double mHat = mw / (1 - 0.9 * 0.9);
        double vHat = vw / (1 - 0.999 * 0.999);
        assertEquals(w1 - 0.01 * mHat / (Math.sqrt(vHat) + 1e-7), weight(trainer), 1e-14);
    }

    @Test
    void clippingScalesTheGlobalGradientNorm() {
        Trainer trainer = trainer(Hyperparameters.sgd(0.01, 1).withClipNorm(1.0));
        trainer.trainBatch();
        double norm = Math.sqrt(4.4 * 4.4 + 2.2 * 2.2);
        assertEquals(0.5 - 0.01 * 4.4 / norm, weight(trainer), EXACT);
        assertEquals(0.1 - 0.01 * 2.2 / norm, bias(trainer), EXACT);
    }

    @Test
    void l2AddsTwiceLambdaTimesWeightToKernelGradientOnly() {
        Trainer trainer = trainer(Hyperparameters.sgd(0.01, 1).withL2(0.5));
        trainer.trainBatch();
        assertEquals(0.5 - 0.01 * (4.4 + 2 * 0.5 * 0.5), weight(trainer), EXACT);
        assertEquals(0.1 - 0.01 * 2.2, bias(trainer), EXACT);
    }

    @Test
    void l1AddsLambdaTimesSignToKernelGradient() {
        Trainer trainer = trainer(Hyperparameters.sgd(0.01, 1).withL1(0.3));
        trainer.trainBatch();
        assertEquals(0.5 - 0.01 * (4.4 + 0.3), weight(trainer), EXACT);
    }

    @Test
    void reportedLossIncludesThePenalty() {
        Trainer trainer = trainer(Hyperparameters.sgd(0.01, 1).withL2(0.5));
        EpochReport report = trainer.trainEpoch();
        double w = weight(trainer);
        double z = w * 2 + bias(trainer);
        // The measuring pass runs in single precision: agreement to float's ~1e-7, not to the last double bit.
        double expected = z * z + 0.5 * w * w;
        assertEquals(expected, report.trainLoss(), 1e-6 * expected);
    }
}
