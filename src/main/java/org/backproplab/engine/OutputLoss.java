package org.backproplab.engine;

import java.util.Arrays;

/**
 * The output layer's squashing function and loss, always computed from the logits z (the output layer's weighted
 * sums) so that large |z| cannot overflow or take log(0). In all three cases the gradient of the batch-mean loss
 * with respect to a logit has the same simple form, (prediction − target)/n (times 2 for squared error):
 * <ul>
 *   <li>binary: p = σ(z), L = −[y·log p + (1−y)·log(1−p)] = max(z,0) − z·y + log(1 + e^−|z|); ∂L/∂z = p − y;</li>
 *   <li>multiclass: p = softmax(z), L = −log p_y = log Σ_k e^(z_k) − z_y (shifted by max z); ∂L/∂z_k = p_k − [k=y];</li>
 *   <li>regression: ŷ = z, L = (z − y)²; ∂L/∂z = 2(z − y).</li>
 * </ul>
 */
final class OutputLoss {

    private final Task task;
    private final int outputs;

    OutputLoss(Task task, int outputs) {
        this.task = task;
        this.outputs = outputs;
    }

    /**
     * Mean loss over the first n rows, and writes ∂(mean loss)/∂logits into {@code gradient}.
     */
    double lossAndGradient(double[][] logits, double[] targets, int n, double[][] gradient) {
        double sum = 0;
        double perRow = 1.0 / n;
        for (int r = 0; r < n; r++) {
            double[] z = logits[r];
            double[] g = gradient[r];
            double y = targets[r];
            // The prediction goes to g first, then becomes (prediction − target)/n in place.
            sum += lossAndPrediction(z, y, g);
            switch (task) {
                case BINARY -> g[0] = (g[0] - y) * perRow;
                case MULTICLASS -> {
                    g[(int) y] -= 1;
                    for (int k = 0; k < outputs; k++) {
                        g[k] *= perRow;
                    }
                }
                case REGRESSION -> g[0] = 2 * (z[0] - y) * perRow;
            }
        }
        return sum / n;
    }

    /**
     * The loss of one example (not averaged) and its prediction (as {@link #predict}) at once, sharing the
     * exponentials the two have in common.
     */
    double lossAndPrediction(double[] logits, double target, double[] out) {
        switch (task) {
            case BINARY -> {
                double z = logits[0];
                double e = Math.exp(-Math.abs(z));
                out[0] = z >= 0 ? 1 / (1 + e) : e / (1 + e);
                return Math.max(z, 0) - z * target + FastMath.log1pUnit(e);
            }
            case MULTICLASS -> {
                double max = max(logits);
                double sum = 0;
                for (int k = 0; k < outputs; k++) {
                    double e = Math.exp(logits[k] - max);
                    out[k] = e;
                    sum += e;
                }
                for (int k = 0; k < outputs; k++) {
                    out[k] /= sum;
                }
                return max + Math.log(sum) - logits[(int) target];
            }
            default -> {
                out[0] = logits[0];
                double d = logits[0] - target;
                return d * d;
            }
        }
    }

    /**
     * Per-example running sums for {@link #scoreColumns}, one lane per example slot of a chunk: the loss, and the sum
     * and the sum of squares of the predictions. Adding into lanes runs along the examples, which the JIT
     * vectorizes; a single running sum would be one long chain of dependent additions.
     */
    static final class Lanes {
        final double[] losses;
        final double[] predictionSums;
        final double[] predictionSquares;
        /** Scratch: e^(−|z|) per example (binary). */
        private final double[] exponentials;

        Lanes(int capacity) {
            losses = new double[capacity];
            predictionSums = new double[capacity];
            predictionSquares = new double[capacity];
            exponentials = new double[capacity];
        }

        void clear() {
            Arrays.fill(losses, 0.0);
            Arrays.fill(predictionSums, 0.0);
            Arrays.fill(predictionSquares, 0.0);
        }
    }

    /**
     * Scores a chunk of examples whose logits are columns ({@code logits[k][r]}: output k of example r), as the
     * epoch-end measuring pass holds them. For each example r &lt; n, with target {@code targets[start + r]}, adds
     * its loss and its predictions' sum and sum of squares into the lanes. Returns how many predictions are right
     * (always 0 for regression).
     */
    int scoreColumns(float[][] logits, double[] targets, int start, int n, Lanes lanes) {
        return switch (task) {
            case BINARY -> {
                scoreBinary(logits[0], targets, start, n, lanes);
                yield countBinaryCorrect(logits[0], targets, start, n);
            }
            case MULTICLASS -> scoreMulticlass(logits, targets, start, n, lanes);
            case REGRESSION -> {
                scoreRegression(logits[0], targets, start, n, lanes);
                yield 0;
            }
        };
    }

    /**
     * L = max(z,0) − z·y + log(1 + t) and p = σ(z) from t = e^(−|z|) ∈ (0, 1], which cannot overflow: σ(−|z|) =
     * t/(1 + t) is p for z ≤ 0 and 1 − p for z &gt; 0. That choice is made without a branch: z·2²⁰⁰ clamped to
     * [0, 1] is exactly 1 for every positive float z and 0 otherwise. Three loops rather than one: the JIT
     * vectorizes each of them, but not a loop body as large as all three together (measured 4× slower).
     */
    private static void scoreBinary(float[] logits, double[] targets, int start, int n, Lanes lanes) {
        double[] t = lanes.exponentials;
        double[] losses = lanes.losses;
        double[] sums = lanes.predictionSums;
        double[] squares = lanes.predictionSquares;
        for (int r = 0; r < n; r++) {
            t[r] = 1 + FastMath.expm1(-Math.abs((double) logits[r]));
        }
        for (int r = 0; r < n; r++) {
            double z = logits[r];
            double below = t[r] / (1 + t[r]);
            double p = below + Math.min(1.0, Math.max(0.0, z * 0x1p200)) * (1 - 2 * below);
            losses[r] += Math.max(z, 0) - z * targets[start + r];
            sums[r] += p;
            squares[r] += p * p;
        }
        for (int r = 0; r < n; r++) {
            losses[r] += log1pUnitSeries(t[r]);
        }
    }

    private static int countBinaryCorrect(float[] logits, double[] targets, int start, int n) {
        int correct = 0;
        for (int r = 0; r < n; r++) {
            correct += (logits[r] > 0) == (targets[start + r] > 0.5) ? 1 : 0;
        }
        return correct;
    }

    /**
     * log(1 + t) for 0 ≤ t ≤ 1 with multiply-adds only (so that the binary scoring loop vectorizes; {@link Math#log}
     * is an opaque call): with s = t/(2 + t) ∈ [0, 1/3], log(1 + t) = 2·artanh s = 2s·(1 + s²/3 + s⁴/5 + …). Twelve
     * terms leave a relative error below (1/9)¹²/25 ≈ 1.4e-13.
     */
    private static double log1pUnitSeries(double t) {
        double s = t / (2 + t);
        double q = s * s;
        double series = 1.0 / 23;
        series = Math.fma(series, q, 1.0 / 21);
        series = Math.fma(series, q, 1.0 / 19);
        series = Math.fma(series, q, 1.0 / 17);
        series = Math.fma(series, q, 1.0 / 15);
        series = Math.fma(series, q, 1.0 / 13);
        series = Math.fma(series, q, 1.0 / 11);
        series = Math.fma(series, q, 1.0 / 9);
        series = Math.fma(series, q, 1.0 / 7);
        series = Math.fma(series, q, 1.0 / 5);
        series = Math.fma(series, q, 1.0 / 3);
        series = Math.fma(series, q, 1.0);
        return 2 * s * series;
    }

    private static void scoreRegression(float[] logits, double[] targets, int start, int n, Lanes lanes) {
        double[] losses = lanes.losses;
        double[] sums = lanes.predictionSums;
        double[] squares = lanes.predictionSquares;
        for (int r = 0; r < n; r++) {
            double z = logits[r];
            double d = z - targets[start + r];
            losses[r] += d * d;
            sums[r] += z;
            squares[r] += z * z;
        }
    }

    /**
     * One example at a time (the loops over outputs are short): L = log Σ_k e^(z_k − max) + max − z_y, and the
     * probabilities p_k = e^(z_k − max)/Σ sum to 1, so only Σ p_k² needs computing.
     */
    private int scoreMulticlass(float[][] logits, double[] targets, int start, int n, Lanes lanes) {
        int correct = 0;
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int k = 1; k < outputs; k++) {
                best = logits[k][r] > logits[best][r] ? k : best;
            }
            double max = logits[best][r];
            double sum = 0;
            double squares = 0;
            for (int k = 0; k < outputs; k++) {
                double e = Math.exp(logits[k][r] - max);
                sum += e;
                squares += e * e;
            }
            int target = (int) targets[start + r];
            lanes.losses[r] += max + Math.log(sum) - logits[target][r];
            lanes.predictionSums[r] += 1;
            lanes.predictionSquares[r] += squares / (sum * sum);
            correct += best == target ? 1 : 0;
        }
        return correct;
    }

    /** Predictions from logits: probabilities for classification, the value itself for regression. */
    void predict(double[] logits, double[] out) {
        switch (task) {
            case BINARY -> out[0] = sigmoid(logits[0]);
            case MULTICLASS -> softmax(logits, out);
            case REGRESSION -> out[0] = logits[0];
        }
    }

    /** 1/(1 + e^−z) without overflow for either sign of z. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    private void softmax(double[] z, double[] out) {
        double max = max(z);
        double sum = 0;
        for (int k = 0; k < outputs; k++) {
            double e = Math.exp(z[k] - max);
            out[k] = e;
            sum += e;
        }
        for (int k = 0; k < outputs; k++) {
            out[k] /= sum;
        }
    }

    private double max(double[] z) {
        double max = z[0];
        for (int k = 1; k < outputs; k++) {
            max = Math.max(max, z[k]);
        }
        return max;
    }
}
