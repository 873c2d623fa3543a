package org.backproplab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The end-of-epoch measurements: one inference-mode pass over the training set (loss, accuracy, and per layer the
 * activation mean/std, dead units and saturated outputs) and one over the test set (loss, accuracy).
 *
 * <p>Each pass is a single forward sweep in chunks of examples that measures everything on the fly, so no
 * activations are kept beyond the current chunk. Inside a chunk the examples are the columns ({@code [unit][example]}):
 * every loop — the matrix product, the activation, the statistics — then runs over the chunk's examples, which is
 * long enough to be vectorized even when a layer has only a handful of units. Reuses its buffers, so measuring
 * allocates only the report itself.
 */
final class EpochEvaluator {

    /** Examples per chunk: long inner loops, while a chunk of a wide layer still stays in the caches. */
    static final int CHUNK = 128;

    private final Network network;
    private final int capacity;
    /** The chunk's inputs, transposed: [input][example]. */
    private final double[][] inputColumns;
    /** Per dense layer: weighted sums [unit][example] (for the output layer, the logits). */
    private final double[][][] sums;
    /** Per hidden layer: pre-activations (batch-norm output, or the sums themselves) and activations. */
    private final double[][][] preActivations;
    private final double[][][] activations;
    private final double[] logits;
    private final double[] prediction;
    /** Per hidden layer and unit: Σa, Σa², max pre-activation, count of saturated outputs. */
    private final double[][] sum;
    private final double[][] sumOfSquares;
    private final double[][] maxPreActivation;
    private final double[][] saturatedCount;
    private double outputSum;
    private double outputSumOfSquares;
    /** The running pass's loss sum and correct predictions. */
    private double lossSum;
    private int correct;

    EpochEvaluator(Network network, int largestSet) {
        this.network = network;
        this.capacity = Math.max(1, Math.min(largestSet, CHUNK));
        int hidden = network.hiddenLayerCount();
        inputColumns = new double[network.inputs()][capacity];
        sums = new double[hidden + 1][][];
        preActivations = new double[hidden][][];
        activations = new double[hidden][][];
        sum = new double[hidden][];
        sumOfSquares = new double[hidden][];
        maxPreActivation = new double[hidden][];
        saturatedCount = new double[hidden][];
        for (int l = 0; l <= hidden; l++) {
            int units = l < hidden ? network.units(l) : network.outputs();
            sums[l] = new double[units][capacity];
            if (l == hidden) {
                break;
            }
            preActivations[l] = network.norm(l) != null ? new double[units][capacity] : sums[l];
            activations[l] = network.activation(l) == Activation.LINEAR ? preActivations[l]
                    : new double[units][capacity];
            sum[l] = new double[units];
            sumOfSquares[l] = new double[units];
            maxPreActivation[l] = new double[units];
            saturatedCount[l] = new double[units];
        }
        logits = new double[network.outputs()];
        prediction = new double[network.outputs()];
    }

    /** Loss (mean, without penalty) and the number of correct predictions over a set; optionally collects layer statistics. */
    private double[] pass(Samples samples, boolean collect) {
        int hidden = network.hiddenLayerCount();
        if (collect) {
            for (int l = 0; l < hidden; l++) {
                Arrays.fill(sum[l], 0.0);
                Arrays.fill(sumOfSquares[l], 0.0);
                Arrays.fill(maxPreActivation[l], Double.NEGATIVE_INFINITY);
                Arrays.fill(saturatedCount[l], 0.0);
            }
            outputSum = 0;
            outputSumOfSquares = 0;
        }
        lossSum = 0;
        correct = 0;
        int n = samples.size();
        for (int start = 0; start < n; start += capacity) {
            int rows = Math.min(capacity, n - start);
            loadColumns(samples.x(), start, rows);
            double[][] input = inputColumns;
            for (int l = 0; l < hidden; l++) {
                network.dense(l).forwardColumns(input, rows, sums[l]);
                BatchNormLayer norm = network.norm(l);
                if (norm != null) {
                    norm.forwardInferenceColumns(sums[l], rows, preActivations[l]);
                }
                Activation f = network.activation(l);
                for (int j = 0; j < network.units(l); j++) {
                    f.apply(preActivations[l][j], activations[l][j], rows);
                }
                if (collect) {
                    collectLayer(l, rows);
                }
                input = activations[l];
            }
            network.dense(hidden).forwardColumns(input, rows, sums[hidden]);
            scoreChunk(samples.y(), start, rows, collect);
        }
        return new double[] {lossSum / n, correct};
    }

    /**
     * inputColumns[i][r] = x[start + r][i], eight examples at a time so that each cache line of a column is
     * written once (784 columns would otherwise evict each other's lines between writes).
     */
    private void loadColumns(double[][] x, int start, int rows) {
        int inputs = inputColumns.length;
        for (int r0 = 0; r0 < rows; r0 += 8) {
            int r1 = Math.min(rows, r0 + 8);
            for (int i = 0; i < inputs; i++) {
                double[] column = inputColumns[i];
                for (int r = r0; r < r1; r++) {
                    column[r] = x[start + r][i];
                }
            }
        }
    }

    /** Adds one chunk's losses and correct predictions (and output statistics when collecting), from its logits. */
    private void scoreChunk(double[] targets, int start, int rows, boolean collect) {
        OutputLoss loss = network.outputLoss();
        boolean classification = network.task().isClassification();
        double[][] logitColumns = sums[network.hiddenLayerCount()];
        int outputs = logits.length;
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < outputs; k++) {
                logits[k] = logitColumns[k][r];
            }
            double target = targets[start + r];
            if (collect) {
                lossSum += loss.lossAndPrediction(logits, target, prediction);
                for (double p : prediction) {
                    outputSum += p;
                    outputSumOfSquares += p * p;
                }
            } else {
                lossSum += loss.loss(logits, target);
            }
            if (classification && loss.correct(logits, target)) {
                correct++;
            }
        }
    }

    /** Adds one chunk's activations of hidden layer l to the per-unit statistics (loops over the examples). */
    private void collectLayer(int l, int rows) {
        Activation f = network.activation(l);
        boolean dead = f.isReluFamily();
        double threshold = 0.01 * f.maxDerivative();
        for (int j = 0; j < network.units(l); j++) {
            double[] a = activations[l][j];
            addSums(a, rows, l, j);
            if (dead) {
                double[] z = preActivations[l][j];
                double max = maxPreActivation[l][j];
                for (int r = 0; r < rows; r++) {
                    max = Math.max(max, z[r]);
                }
                maxPreActivation[l][j] = max;
            }
            if (f == Activation.SIGMOID) {
                int count = 0;
                for (int r = 0; r < rows; r++) {
                    count += a[r] * (1 - a[r]) < threshold ? 1 : 0;
                }
                saturatedCount[l][j] += count;
            } else if (f == Activation.TANH) {
                int count = 0;
                for (int r = 0; r < rows; r++) {
                    count += 1 - a[r] * a[r] < threshold ? 1 : 0;
                }
                saturatedCount[l][j] += count;
            }
        }
    }

    /** sum[l][j] += Σ_r a[r], sumOfSquares[l][j] += Σ_r a[r]². */
    private void addSums(double[] a, int rows, int l, int j) {
        // Four partial sums: one running sum would make every addition wait for the previous one.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        double q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            double v0 = a[r], v1 = a[r + 1], v2 = a[r + 2], v3 = a[r + 3];
            s0 += v0;
            s1 += v1;
            s2 += v2;
            s3 += v3;
            q0 += v0 * v0;
            q1 += v1 * v1;
            q2 += v2 * v2;
            q3 += v3 * v3;
        }
        for (; r < rows; r++) {
            s0 += a[r];
            q0 += a[r] * a[r];
        }
        sum[l][j] += (s0 + s1) + (s2 + s3);
        sumOfSquares[l][j] += (q0 + q1) + (q2 + q3);
    }

    /**
     * Builds the epoch report from the evaluation passes and the per-step statistics the trainer collected
     * (arrays indexed by dense layer; NaN where there is no value).
     */
    EpochReport report(int epoch, Samples train, Samples test, double penalty, double[] gradientNorm,
                       double[] weightNorm, double[] updateRatio, NonFinite nonFinite) {
        double[] trainResult = pass(train, true);
        double[] testResult = test.size() > 0 ? pass(test, false) : null;
        boolean classification = network.task().isClassification();
        int hidden = network.hiddenLayerCount();
        List<LayerReport> layers = new ArrayList<>(hidden + 1);
        int n = train.size();
        for (int l = 0; l <= hidden; l++) {
            Double mean;
            Double std;
            Double dead = null;
            Double saturated = null;
            int units;
            if (l < hidden) {
                units = network.units(l);
                double total = 0;
                double totalSquares = 0;
                int deadUnits = 0;
                double saturatedOutputs = 0;
                for (int j = 0; j < units; j++) {
                    total += sum[l][j];
                    totalSquares += sumOfSquares[l][j];
                    if (maxPreActivation[l][j] <= 0) {
                        deadUnits++;
                    }
                    saturatedOutputs += saturatedCount[l][j];
                }
                double count = (double) n * units;
                mean = total / count;
                std = Math.sqrt(Math.max(0, totalSquares / count - mean * mean));
                Activation f = network.activation(l);
                if (f.isReluFamily()) {
                    dead = (double) deadUnits / units;
                }
                if (f.saturates()) {
                    saturated = saturatedOutputs / count;
                }
            } else {
                units = network.outputs();
                double count = (double) n * units;
                mean = outputSum / count;
                std = Math.sqrt(Math.max(0, outputSumOfSquares / count - mean * mean));
            }
            layers.add(new LayerReport(l + 1, units, finite(gradientNorm[l]), finite(weightNorm[l]),
                    finite(updateRatio[l]), finite(mean), finite(std), dead, saturated));
        }
        return new EpochReport(epoch,
                finite(trainResult[0] + penalty),
                testResult == null ? null : finite(testResult[0] + penalty),
                classification ? trainResult[1] / n : null,
                classification && testResult != null ? testResult[1] / test.size() : null,
                layers, nonFinite);
    }

    /** The value, or null when it is NaN or infinite (reports never carry non-finite numbers). */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static Double finite(Double value) {
        return value == null ? null : finite(value.doubleValue());
    }
}
