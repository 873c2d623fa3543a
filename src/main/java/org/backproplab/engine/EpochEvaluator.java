package org.backproplab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The end-of-epoch measurements: one inference-mode pass over the training set (loss, accuracy, and per layer the
 * activation mean/std, dead units and saturated outputs) and one over the test set (loss, accuracy).
 *
 * <p>Each pass is a single forward sweep in chunks of examples that measures everything on the fly. Inside a chunk
 * the examples are the columns ({@code [unit][example]}): every loop — the matrix product, the activation, the
 * statistics, the loss — then runs over the chunk's examples, which is long enough to be vectorized even when a
 * layer has only a handful of units. Two buffers take turns as a layer's input and output, and each unit's row goes
 * through batch norm, the activation and the statistics in place while it is in the L1 cache (a buffer per layer
 * was measured slower: ten layers of 32 units no longer fit the L2 cache). Reuses its buffers, so measuring
 * allocates only the report itself.
 *
 * <p>The pass runs in single precision on a float copy of the weights taken at epoch end (see FloatDenseLayer):
 * eight values per SIMD instruction instead of four, and a rational tanh and σ instead of exponentials (see
 * FastMath), keep the diagnostics a small part of an epoch. The numbers it yields are shown to three or four digits;
 * float's ~1e-7 relative precision is far below that. Training never uses floats.
 *
 * <p>Sums: each hidden layer's outputs are added up unit by unit into its {@link ActivationTotals}, in float for at
 * most a few dozen values at a time (a rounding error of at most ~2e-6 relative, typically far less) and in double
 * beyond that.
 */
final class EpochEvaluator {

    /** Examples per chunk: long inner loops, while a chunk of a wide layer still stays in the caches. */
    static final int CHUNK = 256;

    private final Network network;
    private final int capacity;
    /** Per dense layer: its weights as floats, copied at the start of each report, and its weighted sums. */
    private final FloatDenseLayer[] layers;
    /** Per hidden layer with batch norm: inference-mode batch norm as y = z·scale + shift per unit. */
    private final float[][] normScale;
    private final float[][] normShift;
    private final Samples train;
    private final Samples test;
    /**
     * The training and test inputs as floats, chunk by chunk, laid out as the first layer's kernel reads them (see
     * FloatDenseLayer#inputChunk); made at the first report and kept, since the data never changes during a training.
     */
    private float[][][] trainChunks;
    private float[][][] testChunks;
    /**
     * Two [unit][example] buffers, as wide as the widest layer: a layer reads its input from one and writes its
     * weighted sums into the other, which then turn into its outputs in place (the logits for the output layer).
     * Padded to whole tiles of the packed kernel (see FloatDenseLayer#outputBuffer).
     */
    private final float[][] front;
    private final float[][] back;
    /** Per hidden layer: Σa, Σa² and the saturated outputs over the training pass. */
    private final ActivationTotals[] totals;
    /**
     * Per hidden layer and unit: the largest pre-activation seen (≤ 0 means the unit is dead), followed only while it
     * is ≤ 0: once positive (or NaN, which Math.max passes on) it can never return to ≤ 0, so the unit's rows need
     * no more scanning. Most units are alive after the first chunk, which makes the scan nearly free.
     */
    private final float[][] maxPreActivation;
    /** Per example slot, over the running pass: the loss, and the sum and sum of squares of the predictions. */
    private final OutputLoss.Lanes outputLanes;

    EpochEvaluator(Network network, Samples train, Samples test) {
        this.network = network;
        this.train = train;
        this.test = test;
        this.capacity = Math.max(1, Math.min(Math.max(train.size(), test.size()), CHUNK));
        int hidden = network.hiddenLayerCount();
        layers = new FloatDenseLayer[hidden + 1];
        normScale = new float[hidden][];
        normShift = new float[hidden][];
        totals = new ActivationTotals[hidden];
        maxPreActivation = new float[hidden][];
        int widest = 0;
        for (int l = 0; l <= hidden; l++) {
            DenseLayer layer = network.dense(l);
            int units = layer.units;
            layers[l] = new FloatDenseLayer(layer.inputs, units, capacity);
            widest = Math.max(widest, units);
            if (l == hidden) {
                break;
            }
            if (network.norm(l) != null) {
                normScale[l] = new float[units];
                normShift[l] = new float[units];
            }
            totals[l] = ActivationTotals.create(capacity);
            maxPreActivation[l] = new float[units];
        }
        front = FloatDenseLayer.outputBuffer(widest, capacity);
        back = FloatDenseLayer.outputBuffer(widest, capacity);
        outputLanes = new OutputLoss.Lanes(capacity);
    }

    /** What one pass over a set measured: the mean loss (without penalty), correct predictions, output sums. */
    private record PassResult(double loss, int correct, double outputSum, double outputSumOfSquares) {
    }

    /** One pass over a set; when {@code collect} is set, also the hidden layers' statistics (into the totals). */
    private PassResult pass(Samples samples, float[][][] chunks, boolean collect) {
        int hidden = network.hiddenLayerCount();
        if (collect) {
            for (int l = 0; l < hidden; l++) {
                totals[l].clear();
                Arrays.fill(maxPreActivation[l], Float.NEGATIVE_INFINITY);
            }
        }
        outputLanes.clear();
        int correct = 0;
        OutputLoss loss = network.outputLoss();
        int n = samples.size();
        for (int start = 0; start < n; start += capacity) {
            int rows = Math.min(capacity, n - start);
            float[][] input = chunks[start / capacity];
            float[][] output = front;
            for (int l = 0; l < hidden; l++) {
                layers[l].weightedSums(input, output, rows);
                finishLayer(l, output, rows, collect);
                input = layers[l + 1].arrange(output, rows);
                output = output == front ? back : front;
            }
            layers[hidden].weightedSums(input, output, rows);
            correct += loss.scoreColumns(output, samples.y(), start, rows, outputLanes);
        }
        return new PassResult(Parameter.sum(outputLanes.losses, capacity) / n, correct,
                Parameter.sum(outputLanes.predictionSums, capacity),
                Parameter.sum(outputLanes.predictionSquares, capacity));
    }

    /** Copies the network's current weights (and folded inference-mode batch norm) into the float arrays. */
    private void copyWeights() {
        for (int l = 0; l < layers.length; l++) {
            layers[l].copyFrom(network.dense(l));
        }
        for (int l = 0; l < normScale.length; l++) {
            BatchNormLayer norm = network.norm(l);
            if (norm == null) {
                continue;
            }
            // y = γ·(z − μ)/√(σ² + ε) + β = z·scale + (β − μ·scale), with the running μ and σ².
            for (int j = 0; j < norm.units; j++) {
                double scale = norm.inferenceScale(j);
                normScale[l][j] = (float) scale;
                normShift[l][j] = (float) (norm.beta[j] - norm.movingMean[j] * scale);
            }
        }
    }

    /**
     * Turns hidden layer l's weighted sums into its outputs in place, unit by unit: batch norm, then (when
     * collecting, and while not yet positive) the largest pre-activation, the activation, then (when collecting) the
     * statistics.
     */
    private void finishLayer(int l, float[][] z, int rows, boolean collect) {
        Activation f = network.activation(l);
        int units = network.units(l);
        boolean dead = collect && f.isReluFamily();
        for (int j = 0; j < units; j++) {
            float[] row = z[j];
            if (normScale[l] != null) {
                normalize(row, normScale[l][j], normShift[l][j], rows);
            }
            if (dead && maxPreActivation[l][j] <= 0) {
                maxPreActivation[l][j] = Math.max(maxPreActivation[l][j], max(row, rows));
            }
            f.apply(row, row, rows);
            if (collect) {
                totals[l].add(f, row, rows);
            }
        }
    }

    private static void normalize(float[] z, float scale, float shift, int rows) {
        for (int r = 0; r < rows; r++) {
            z[r] = Math.fma(z[r], scale, shift);
        }
    }

    /** The inputs as float chunks of {@code capacity} examples, laid out for the first layer. */
    private float[][][] inputChunks(double[][] x) {
        float[][][] chunks = new float[(x.length + capacity - 1) / capacity][][];
        for (int c = 0; c < chunks.length; c++) {
            int start = c * capacity;
            chunks[c] = layers[0].inputChunk(x, start, Math.min(capacity, x.length - start));
        }
        return chunks;
    }

    private static float max(float[] values, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            max = Math.max(max, values[r]);
        }
        return max;
    }

    /**
     * Builds the epoch report from the evaluation passes and the per-step statistics the trainer collected
     * (arrays indexed by dense layer; NaN where there is no value).
     */
    EpochReport report(int epoch, double penalty, double[] gradientNorm, double[] weightNorm, double[] updateRatio,
                       NonFinite nonFinite) {
        prepare();
        PassResult trainResult = pass(train, trainChunks, true);
        PassResult testResult = test.size() > 0 ? pass(test, testChunks, false) : null;
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
                double total = totals[l].sum();
                double totalSquares = totals[l].sumOfSquares();
                double saturatedOutputs = totals[l].saturated();
                int deadUnits = 0;
                for (int j = 0; j < units; j++) {
                    if (maxPreActivation[l][j] <= 0) {
                        deadUnits++;
                    }
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
                mean = trainResult.outputSum() / count;
                std = Math.sqrt(Math.max(0, trainResult.outputSumOfSquares() / count - mean * mean));
            }
            layers.add(new LayerReport(l + 1, units, finite(gradientNorm[l]), finite(weightNorm[l]),
                    finite(updateRatio[l]), finite(mean), finite(std), dead, saturated));
        }
        return new EpochReport(epoch,
                finite(trainResult.loss() + penalty),
                testResult == null ? null : finite(testResult.loss() + penalty),
                classification ? (double) trainResult.correct() / n : null,
                classification && testResult != null ? (double) testResult.correct() / test.size() : null,
                layers, nonFinite);
    }

    /** Makes the float input chunks (first time only) and copies the current weights. */
    private void prepare() {
        if (trainChunks == null) {
            trainChunks = inputChunks(train.x());
            testChunks = inputChunks(test.x());
        }
        copyWeights();
    }

    /**
     * What {@link #report} computes, without the hidden layers' statistics (activation mean and std, dead and
     * saturated units): the same passes for the losses and accuracies only; returns the train loss. Training never
     * calls this. The engine benchmark times it against {@link #report} to measure what those statistics cost.
     */
    double lossesOnly() {
        prepare();
        double trainLoss = pass(train, trainChunks, false).loss();
        if (test.size() > 0) {
            pass(test, testChunks, false);
        }
        return trainLoss;
    }

    /** The value, or null when it is NaN or infinite (reports never carry non-finite numbers). */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static Double finite(Double value) {
        return value == null ? null : finite(value.doubleValue());
    }
}
