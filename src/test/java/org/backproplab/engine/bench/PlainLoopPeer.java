package org.backproplab.engine.bench;

import java.util.SplittableRandom;
import org.backproplab.engine.Hyperparameters;
import org.backproplab.engine.Initializer;
import org.backproplab.engine.NetworkSpec;
import org.backproplab.engine.OptimizerKind;
import org.backproplab.engine.Samples;
import org.backproplab.engine.Task;

/**
 * The engine issue's last peer, "a plain hand-written {@code double[][]} Java loop", written out so the benchmark can
 * time it next to the engine in the same run: the shared host's speed swings by ±25 % from one moment to the next,
 * and a ratio measured side by side does not. It trains the benchmark's networks the way one would write it by hand:
 * one array per row, the weights as {@code w[layer][input][unit]} so the forward and gradient loops run along the
 * same index in both operands (the form the JIT vectorizes), {@code Math.tanh} and {@code Math.exp}, plain sgd on
 * shuffled mini-batches, and no epoch report at all (the engine's figures include its full report).
 *
 * <p>Two choices make it as fast as a plain loop gets here, so that the ratio errs on the engine's side: the loop
 * order follows the layer's size ({@link #isLarge}), and nothing is computed that training does not need. Four
 * interleaved sums in the ∂L/∂X dot products made no difference beyond the noise (medians over 12 alternating
 * slices: W1 0.4 % slower, W3 1.6 % faster), so the plain single sum stays. In three benchmark runs with the
 * host in its fast state it ran at 1,638–1,709 / 115–126 epochs/s (W1 / W3) and 7,065–8,291 samples/s (W2),
 * against the 1,950 / 166 / 8,683 for its own loop: the ratios favour the engine by up to that much.
 */
final class PlainLoopPeer {

    enum Hidden { TANH, SIGMOID, RELU }

    private final double[][] x;
    private final double[] y;
    private final Hidden hidden;
    private final boolean softmax;
    private final int batch;
    private final double learningRate;
    private final double[][][] w;
    private final double[][] b;
    private final double[][][] gradW;
    private final double[][] gradB;
    /** a[l][r] = layer l's output for row r of the batch; a[0] is the input. */
    private final double[][][] a;
    /** delta[l][r] = ∂L/∂z of layer l + 1 (the layer whose input is a[l]). */
    private final double[][][] delta;
    private final int[] order;
    private final SplittableRandom random;
    private final int largeFrom;

    /**
     * The loop for the engine's network of this spec, trained with these hyperparameters' batch size and learning
     * rate (sgd): the same layer sizes, hidden activation and output, so the two time the same workload.
     */
    static PlainLoopPeer of(NetworkSpec spec, Hyperparameters hyper, Samples train, long seed) {
        int[] layers = new int[spec.hiddenUnits().size() + 2];
        layers[0] = spec.inputs();
        for (int l = 0; l < spec.hiddenUnits().size(); l++) {
            layers[l + 1] = spec.hiddenUnits().get(l);
        }
        layers[layers.length - 1] = spec.outputs();
        Hidden hidden = switch (spec.hiddenActivations().getFirst()) {
            case TANH -> Hidden.TANH;
            case SIGMOID -> Hidden.SIGMOID;
            case RELU -> Hidden.RELU;
            default -> throw new IllegalArgumentException("the plain loop has tanh, sigmoid and relu only");
        };
        if (spec.task() == Task.REGRESSION || hyper.optimizer() != OptimizerKind.SGD
                || spec.initializer() != (hidden == Hidden.RELU ? Initializer.HE : Initializer.XAVIER)) {
            throw new IllegalArgumentException("the plain loop trains classifiers with sgd only, initialized He for"
                    + " relu and Glorot (xavier) otherwise");
        }
        return new PlainLoopPeer(train, layers, hidden, spec.task() == Task.MULTICLASS, hyper.batchSize(),
                hyper.learningRate(), seed);
    }

    /**
     * @param layers the unit counts from the input to the output, e.g. {2, 8, 8, 8, 8, 1}
     * @param softmax a softmax output with cross-entropy over {@code layers[last]} classes; otherwise one sigmoid
     *                unit with binary cross-entropy
     */
    PlainLoopPeer(Samples train, int[] layers, Hidden hidden, boolean softmax, int batch, double learningRate,
                  long seed) {
        this(train, layers, hidden, softmax, batch, learningRate, seed, 1 << 14);
    }

    /** As above, with the weight count from which a layer takes the cache-friendly loop order (for the tests). */
    PlainLoopPeer(Samples train, int[] layers, Hidden hidden, boolean softmax, int batch, double learningRate,
                  long seed, int largeFrom) {
        this.largeFrom = largeFrom;
        this.x = train.x();
        this.y = train.y();
        this.hidden = hidden;
        this.softmax = softmax;
        this.batch = batch;
        this.learningRate = learningRate;
        this.random = new SplittableRandom(seed);
        int depth = layers.length - 1;
        w = new double[depth][][];
        b = new double[depth][];
        gradW = new double[depth][][];
        gradB = new double[depth][];
        a = new double[depth + 1][][];
        delta = new double[depth][][];
        a[0] = new double[batch][layers[0]];
        for (int l = 0; l < depth; l++) {
            int in = layers[l];
            int out = layers[l + 1];
            w[l] = new double[in][out];
            b[l] = new double[out];
            gradW[l] = new double[in][out];
            gradB[l] = new double[out];
            a[l + 1] = new double[batch][out];
            delta[l] = new double[batch][out];
            // He normal for ReLU, Glorot uniform otherwise, as the benchmark's networks use.
            double limit = Math.sqrt(6.0 / (in + out));
            double sigma = Math.sqrt(2.0 / in);
            for (double[] row : w[l]) {
                for (int j = 0; j < out; j++) {
                    row[j] = hidden == Hidden.RELU ? sigma * gaussian() : limit * (2 * random.nextDouble() - 1);
                }
            }
        }
        order = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    /** One pass over the shuffled training set; returns the mean loss of its batches (the tests check it falls). */
    double trainEpoch() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double lossSum = 0;
        int batches = 0;
        for (int start = 0; start < order.length; start += batch) {
            lossSum += step(start, Math.min(batch, order.length - start));
            batches++;
        }
        return lossSum / batches;
    }

    private double step(int start, int rows) {
        int depth = w.length;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x[order[start + r]], 0, a[0][r], 0, a[0][r].length);
        }
        // Forward: z = a·W + b, then the activation.
        for (int l = 0; l < depth; l++) {
            double[][] in = a[l];
            double[][] out = a[l + 1];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(b[l], 0, out[r], 0, b[l].length);
            }
            if (isLarge(l)) {
                // Each row of W serves the whole batch while it is in the cache.
                for (int i = 0; i < w[l].length; i++) {
                    for (int r = 0; r < rows; r++) {
                        axpy(in[r][i], w[l][i], out[r]);
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < w[l].length; i++) {
                        axpy(in[r][i], w[l][i], out[r]);
                    }
                }
            }
            if (l < depth - 1) {
                for (int r = 0; r < rows; r++) {
                    activate(out[r]);
                }
            }
        }
        // Output: ∂L/∂z = (prediction − target) / rows, for both losses.
        double loss = 0;
        int last = depth - 1;
        for (int r = 0; r < rows; r++) {
            double[] z = a[depth][r];
            double[] d = delta[last][r];
            int target = (int) y[order[start + r]];
            if (softmax) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int j = 0; j < z.length; j++) {
                    z[j] = Math.exp(z[j] - max);
                    sum += z[j];
                }
                for (int j = 0; j < z.length; j++) {
                    z[j] /= sum;
                    d[j] = (z[j] - (j == target ? 1 : 0)) / rows;
                }
                loss -= Math.log(Math.max(z[target], 1e-300));
            } else {
                double p = 1 / (1 + Math.exp(-z[0]));
                z[0] = p;
                d[0] = (p - target) / rows;
                loss -= Math.log(Math.max(target == 1 ? p : 1 - p, 1e-300));
            }
        }
        // Backward: ∂L/∂W = aᵀ·δ, ∂L/∂b = Σδ, and δ below = (δ·Wᵀ) ⊙ f'(a), before W changes.
        for (int l = last; l >= 0; l--) {
            for (double[] row : gradW[l]) {
                java.util.Arrays.fill(row, 0);
            }
            java.util.Arrays.fill(gradB[l], 0);
            for (int r = 0; r < rows; r++) {
                double[] d = delta[l][r];
                for (int j = 0; j < d.length; j++) {
                    gradB[l][j] += d[j];
                }
            }
            if (isLarge(l)) {
                for (int i = 0; i < w[l].length; i++) {
                    for (int r = 0; r < rows; r++) {
                        axpy(a[l][r][i], delta[l][r], gradW[l][i]);
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < w[l].length; i++) {
                        axpy(a[l][r][i], delta[l][r], gradW[l][i]);
                    }
                }
            }
            if (l > 0) {
                for (int r = 0; r < rows; r++) {
                    double[] d = delta[l][r];
                    double[] below = delta[l - 1][r];
                    double[] out = a[l][r];
                    for (int i = 0; i < below.length; i++) {
                        double[] wi = w[l][i];
                        double sum = 0;
                        for (int j = 0; j < d.length; j++) {
                            sum += d[j] * wi[j];
                        }
                        below[i] = sum * derivative(out[i]);
                    }
                }
            }
            for (int i = 0; i < w[l].length; i++) {
                axpy(-learningRate, gradW[l][i], w[l][i]);
            }
            for (int j = 0; j < b[l].length; j++) {
                b[l][j] -= learningRate * gradB[l][j];
            }
        }
        return loss / rows;
    }

    /**
     * Whether layer l's weights outgrow the fast caches (W2's 784 × 256): then the loops keep one row of W (or of its
     * gradient) for the whole batch; on small layers the row-by-row order measured faster. Either order gives the
     * same sums; the peer takes the faster one, so the ratio against it errs on the engine's side.
     */
    private boolean isLarge(int l) {
        return w[l].length * b[l].length >= largeFrom;
    }

    /** y += a·x, along the same index in both arrays: the loop form the JIT vectorizes. */
    private static void axpy(double a, double[] x, double[] y) {
        for (int j = 0; j < y.length; j++) {
            y[j] += a * x[j];
        }
    }

    private void activate(double[] z) {
        switch (hidden) {
            case TANH -> {
                for (int j = 0; j < z.length; j++) {
                    z[j] = Math.tanh(z[j]);
                }
            }
            case SIGMOID -> {
                for (int j = 0; j < z.length; j++) {
                    z[j] = 1 / (1 + Math.exp(-z[j]));
                }
            }
            case RELU -> {
                for (int j = 0; j < z.length; j++) {
                    z[j] = Math.max(0, z[j]);
                }
            }
        }
    }

    /** f'(z) written with the output a = f(z). */
    private double derivative(double out) {
        return switch (hidden) {
            case TANH -> 1 - out * out;
            case SIGMOID -> out * (1 - out);
            case RELU -> out > 0 ? 1 : 0;
        };
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
