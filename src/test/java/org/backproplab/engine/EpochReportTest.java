package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The epoch report's measured fields recomputed independently, in double precision, from {@link Network#evaluate}
 * (predictions and every hidden unit's output) after the same epochs: the measuring pass (single precision,
 * chunked, examples as columns) must agree with the definitions of run-config.md.
 */
class EpochReportTest {

    private static final Samples SPIRAL = TestSpirals.spiral(300, 0.2, 3);
    private static final Samples SPIRAL_TEST = TestSpirals.spiral(150, 0.2, 4);

    @ParameterizedTest(name = "{0}, batch norm {1}")
    @CsvSource({"tanh,false", "sigmoid,false", "relu,false", "elu,true", "leaky_relu,true", "relu,true"})
    void binaryReportMatchesAnIndependentComputation(String activation, boolean batchNorm) {
        Network network = Network.create(NetworkSpec.of(2, Task.BINARY, 2, List.of(12, 9, 5),
                Activation.fromId(activation), batchNorm, Initializer.HE, 1.5, 11));
        Trainer trainer = new Trainer(network, SPIRAL, SPIRAL_TEST, Hyperparameters.sgd(0.3, 16).withL2(0.001), 5);
        EpochReport report = null;
        for (int e = 0; e < 4; e++) {
            report = trainer.trainEpoch();
        }
        assertMatches(network, report, 0.001);
    }

    @Test
    void multiclassAndRegressionReportsMatchAnIndependentComputation() {
        Samples train = threeClasses(240, 1);
        Network classifier = Network.create(NetworkSpec.of(2, Task.MULTICLASS, 3, List.of(16, 16), Activation.RELU,
                false, Initializer.HE, 1, 2));
        Trainer trainer = new Trainer(classifier, train, threeClasses(90, 2), Hyperparameters.sgd(0.1, 8), 2);
        trainer.trainEpoch();
        assertMatches(classifier, trainer.trainEpoch(), 0);

        Samples plane = plane(200, 3);
        Network regression = Network.create(NetworkSpec.of(2, Task.REGRESSION, 1, List.of(10), Activation.TANH,
                false, Initializer.XAVIER, 1, 4));
        Trainer fit = new Trainer(regression, plane, plane(80, 4), Hyperparameters.sgd(0.05, 10), 4);
        fit.trainEpoch();
        EpochReport report = fit.trainEpoch();
        assertNull(report.trainAccuracy());
        assertMatches(regression, report, 0);
    }

    /** The benchmark's report split: the losses-only passes score exactly what the full report scores. */
    @Test
    void lossesOnlyScoresTheSameTrainLossAsTheReport() {
        Network network = Network.create(NetworkSpec.of(2, Task.BINARY, 2, List.of(12, 9), Activation.RELU, false,
                Initializer.HE, 1, 6));
        new Trainer(network, SPIRAL, SPIRAL_TEST, Hyperparameters.sgd(0.1, 16), 6).trainEpoch();
        EpochEvaluator evaluator = new EpochEvaluator(network, SPIRAL, SPIRAL_TEST);
        double[] none = new double[network.denseLayerCount()];
        EpochReport report = evaluator.report(1, 0, none, none, none, null);
        assertEquals(report.trainLoss(), evaluator.lossesOnly(), 0);
    }

    /**
     * Layers with {@value FloatDenseLayer#PACKED_MIN_INPUTS} or more inputs (all three here) take the packed kernel
     * when SIMD is on; 300 and 70 examples leave chunks that are not whole tiles, and 75 and 66 units rows that are
     * not.
     */
    @ParameterizedTest(name = "batch norm {0}")
    @CsvSource({"false", "true"})
    void reportOfWideLayersMatchesAnIndependentComputation(boolean batchNorm) {
        Samples train = wide(threeClasses(300, 5), 70, 6);
        Samples test = wide(threeClasses(70, 7), 70, 8);
        Network network = Network.create(NetworkSpec.of(70, Task.MULTICLASS, 3, List.of(75, 66), Activation.RELU,
                batchNorm, Initializer.HE, 1, 9));
        Trainer trainer = new Trainer(network, train, test, Hyperparameters.sgd(0.05, 16), 3);
        trainer.trainEpoch();
        assertMatches(network, trainer.trainEpoch(), 0, train, test);
    }

    private static void assertMatches(Network network, EpochReport report, double l2) {
        Samples train = SPIRAL;
        Samples test = SPIRAL_TEST;
        if (network.task() != Task.BINARY) {
            train = network.task() == Task.MULTICLASS ? threeClasses(240, 1) : plane(200, 3);
            test = network.task() == Task.MULTICLASS ? threeClasses(90, 2) : plane(80, 4);
        }
        assertMatches(network, report, l2, train, test);
    }

    private static void assertMatches(Network network, EpochReport report, double l2, Samples train, Samples test) {
        double penalty = 0;
        for (DenseWeights layer : network.weights()) {
            for (double[] row : layer.kernel()) {
                for (double w : row) {
                    penalty += l2 * w * w;
                }
            }
        }
        NetworkOutputs outputs = network.evaluate(train.x());
        assertClose(meanLoss(network.task(), outputs.predictions(), train.y()) + penalty, report.trainLoss(), "trainLoss");
        assertClose(meanLoss(network.task(), network.predict(test.x()), test.y()) + penalty, report.testLoss(), "testLoss");
        if (network.task().isClassification()) {
            assertEquals(accuracy(network.task(), outputs.predictions(), train.y()), report.trainAccuracy(), 1e-9,
                    "trainAccuracy");
        }
        Activation f = network.spec().hiddenActivations().get(0);
        for (int l = 0; l < network.hiddenLayerCount(); l++) {
            double[][] units = outputs.hidden()[l];
            int n = train.size();
            double sum = 0;
            double squares = 0;
            int dead = 0;
            int saturated = 0;
            for (double[] unit : units) {
                boolean alive = false;
                for (double a : unit) {
                    sum += a;
                    squares += a * a;
                    alive |= a > 0;
                    double derivative = f == Activation.TANH ? 1 - a * a : a * (1 - a);
                    saturated += derivative < 0.01 * f.maxDerivative() ? 1 : 0;
                }
                dead += alive ? 0 : 1;
            }
            double count = (double) n * units.length;
            double mean = sum / count;
            LayerReport layer = report.layers().get(l);
            String where = "layer " + (l + 1) + " ";
            assertEquals(mean, layer.activationMean(), 1e-5 * (1 + Math.abs(mean)), where + "activationMean");
            assertEquals(Math.sqrt(squares / count - mean * mean), layer.activationStd(), 1e-5, where + "activationStd");
            if (f.isReluFamily()) {
                assertEquals((double) dead / units.length, layer.deadFraction(), 1e-12, where + "deadFraction");
            }
            if (f.saturates()) {
                // An output right at the threshold may round to the other side in single precision: allow two.
                assertEquals(saturated / count, layer.saturatedFraction(), 2 / count, where + "saturatedFraction");
            }
        }
    }

    private static void assertClose(double expected, Double actual, String field) {
        assertEquals(expected, actual, 1e-5 * Math.abs(expected) + 1e-9, field);
    }

    private static double meanLoss(Task task, double[][] predictions, double[] y) {
        double sum = 0;
        for (int r = 0; r < y.length; r++) {
            double[] p = predictions[r];
            sum += switch (task) {
                case BINARY -> -(y[r] * Math.log(p[0]) + (1 - y[r]) * Math.log(1 - p[0]));
                case MULTICLASS -> -Math.log(p[(int) y[r]]);
                case REGRESSION -> (p[0] - y[r]) * (p[0] - y[r]);
            };
        }
        return sum / y.length;
    }

    private static double accuracy(Task task, double[][] predictions, double[] y) {
        int correct = 0;
        for (int r = 0; r < y.length; r++) {
            double[] p = predictions[r];
            int predicted = 0;
            if (task == Task.BINARY) {
                predicted = p[0] > 0.5 ? 1 : 0;
            } else {
                for (int k = 1; k < p.length; k++) {
                    predicted = p[k] > p[predicted] ? k : predicted;
                }
            }
            correct += predicted == (int) y[r] ? 1 : 0;
        }
        return (double) correct / y.length;
    }

    /** Three Gaussian blobs on a circle, labels 0..2. */
    private static Samples threeClasses(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            double angle = 2 * Math.PI * k / 3;
            x[i] = new double[] {2 * Math.cos(angle) + random.nextGaussian(), 2 * Math.sin(angle) + random.nextGaussian()};
            y[i] = k;
        }
        return new Samples(x, y);
    }

    /** The samples with noise features appended, up to {@code inputs} features in all. */
    private static Samples wide(Samples samples, int inputs, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[][] x = new double[samples.size()][inputs];
        for (int i = 0; i < x.length; i++) {
            double[] given = samples.x()[i];
            System.arraycopy(given, 0, x[i], 0, given.length);
            for (int k = given.length; k < inputs; k++) {
                x[i][k] = random.nextGaussian();
            }
        }
        return new Samples(x, samples.y());
    }

    /** y = 0.5·x1 − 0.3·x2 + 0.1 plus a little noise. */
    private static Samples plane(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextDouble(-3, 3), random.nextDouble(-3, 3)};
            y[i] = 0.5 * x[i][0] - 0.3 * x[i][1] + 0.1 + 0.05 * random.nextGaussian();
        }
        return new Samples(x, y);
    }
}
