package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Analytic gradients (backpropagation) against central finite differences (L(w+h) − L(w−h))/2h for every
 * parameter, over every activation × task × batch norm × penalty × dropout (none, or a fixed mask).
 *
 * <p>Per parameter array, relative error ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) must be below 1e-6. An
 * array whose exact gradient is zero (e.g. a dense bias followed by batch norm, or weights feeding dropped units)
 * passes when the absolute difference is below 1e-9, the rounding noise of the finite difference.
 */
class GradientCheckTest {

    private static final double STEP = 1e-5;
    private static final int INPUTS = 3;
    private static final int BATCH = 5;

    enum Penalty { NONE, L1, L2 }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation activation : Activation.values()) {
            for (Task task : Task.values()) {
                for (boolean batchNorm : new boolean[] {false, true}) {
                    for (Penalty penalty : Penalty.values()) {
                        for (boolean dropout : new boolean[] {false, true}) {
                            cases.add(Arguments.of(activation, task, batchNorm, penalty, dropout));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} batchNorm={2} penalty={3} dropout={4}")
    @MethodSource("cases")
    void analyticGradientsMatchFiniteDifferences(Activation activation, Task task, boolean batchNorm,
                                                 Penalty penalty, boolean dropout) {
        checkGradients(List.of(4, 3), activation, task, batchNorm, penalty, dropout);
    }

    /**
     * Wider layers, for the SIMD kernels' other paths: from {@value DenseLayer#DOT_PRODUCT_MIN_UNITS} units the
     * gradient handed down is summed along W's rows, and 17 and 19 units leave leftover lanes and columns there.
     */
    @ParameterizedTest(name = "{0} {1} dropout={2}")
    @MethodSource("wideCases")
    void widerLayersMatchFiniteDifferencesToo(Activation activation, Task task, boolean dropout) {
        checkGradients(List.of(17, 19, 8), activation, task, false, Penalty.NONE, dropout);
    }

    static Stream<Arguments> wideCases() {
        return Stream.of(Arguments.of(Activation.SIGMOID, Task.BINARY, false),
                Arguments.of(Activation.TANH, Task.MULTICLASS, true),
                Arguments.of(Activation.LEAKY_RELU, Task.REGRESSION, false));
    }

    private static void checkGradients(List<Integer> layers, Activation activation, Task task, boolean batchNorm,
                                       Penalty penalty, boolean dropout) {
        long seed = 31L * activation.ordinal() + 7L * task.ordinal() + (batchNorm ? 3 : 0);
        NetworkSpec spec = NetworkSpec.of(INPUTS, task, 3, layers, activation, batchNorm,
                Initializer.LECUN, 1.0, seed);
        Network network = Network.create(spec);
        SplittableRandom random = new SplittableRandom(seed + 1000);
        double[][] x = new double[BATCH][INPUTS];
        double[] y = new double[BATCH];
        for (int r = 0; r < BATCH; r++) {
            for (int i = 0; i < INPUTS; i++) {
                x[r][i] = 2 * random.nextDouble() - 1;
            }
            y[r] = switch (task) {
                case BINARY -> r % 2;
                case MULTICLASS -> r % 3;
                case REGRESSION -> random.nextGaussian();
            };
        }
        randomizeBiasesAndBatchNorm(network, random);
        double[][][] mask = dropout ? fixedMask(network, random, 0.4) : null;
        double l1 = penalty == Penalty.L1 ? 0.01 : 0;
        double l2 = penalty == Penalty.L2 ? 0.02 : 0;

        Trainer.lossAndGradients(network, x, y, mask, l1, l2);
        List<Parameter> parameters = Parameter.of(network);
        List<double[][]> analytic = new ArrayList<>();
        for (Parameter p : parameters) {
            analytic.add(deepCopy(p.gradients()));
        }
        for (int p = 0; p < parameters.size(); p++) {
            double[][] values = parameters.get(p).values();
            double[][] numeric = new double[values.length][values[0].length];
            for (int i = 0; i < values.length; i++) {
                for (int j = 0; j < values[i].length; j++) {
                    double saved = values[i][j];
                    values[i][j] = saved + STEP;
                    markChanged(parameters.get(p));
                    double plus = Trainer.lossAndGradients(network, x, y, mask, l1, l2);
                    values[i][j] = saved - STEP;
                    markChanged(parameters.get(p));
                    double minus = Trainer.lossAndGradients(network, x, y, mask, l1, l2);
                    values[i][j] = saved;
                    markChanged(parameters.get(p));
                    numeric[i][j] = (plus - minus) / (2 * STEP);
                }
            }
            assertClose(analytic.get(p), numeric, "parameter " + p + " (layer " + (parameters.get(p).layer() + 1)
                    + (parameters.get(p).isKernel() ? " kernel)" : ")"));
        }
    }

    /**
     * Non-zero biases (with zero biases a unit whose inputs are all 0, e.g. dropped, sits exactly on ReLU's kink,
     * where the finite difference is meaningless), γ ≠ 1 and β ≠ 0 so that their gradients are really exercised.
     */
    private static void randomizeBiasesAndBatchNorm(Network network, SplittableRandom random) {
        for (int l = 0; l < network.denseLayerCount(); l++) {
            double[] bias = network.dense(l).bias;
            for (int j = 0; j < bias.length; j++) {
                bias[j] = 0.2 * random.nextDouble() - 0.1;
            }
        }
        for (int l = 0; l < network.hiddenLayerCount(); l++) {
            BatchNormLayer norm = network.norm(l);
            if (norm != null) {
                for (int j = 0; j < norm.units; j++) {
                    norm.gamma[j] = 0.5 + random.nextDouble();
                    norm.beta[j] = random.nextDouble() - 0.5;
                }
            }
        }
    }

    private static double[][][] fixedMask(Network network, SplittableRandom random, double rate) {
        double[][][] mask = new double[network.hiddenLayerCount()][BATCH][];
        for (int l = 0; l < mask.length; l++) {
            for (int r = 0; r < BATCH; r++) {
                mask[l][r] = new double[network.units(l)];
                for (int j = 0; j < mask[l][r].length; j++) {
                    mask[l][r][j] = random.nextDouble() >= rate ? 1 / (1 - rate) : 0;
                }
            }
        }
        return mask;
    }

    private static void markChanged(Parameter p) {
        if (p.owner() != null) {
            p.owner().kernelChanged();
        }
    }

    private static void assertClose(double[][] analytic, double[][] numeric, String what) {
        double diff = 0;
        double a = 0;
        double n = 0;
        for (int i = 0; i < analytic.length; i++) {
            for (int j = 0; j < analytic[i].length; j++) {
                double d = analytic[i][j] - numeric[i][j];
                diff += d * d;
                a += analytic[i][j] * analytic[i][j];
                n += numeric[i][j] * numeric[i][j];
            }
        }
        diff = Math.sqrt(diff);
        double relative = diff / (Math.sqrt(a) + Math.sqrt(n));
        assertTrue(diff < 1e-9 || relative < 1e-6,
                what + ": relative error " + relative + ", absolute " + diff + ", ‖analytic‖ " + Math.sqrt(a));
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] copy = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            copy[i] = m[i].clone();
        }
        return copy;
    }
}
