package org.backproplab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The end-of-epoch measurements: one inference-mode pass over the training set (loss, accuracy, and per layer the
 * activation mean/std, dead units and saturated outputs) and one over the test set (loss, accuracy). Reuses its
 * buffers, so measuring allocates only the report itself.
 */
final class EpochEvaluator {

    private final Network network;
    private final BatchBuffers buffers;
    private final double[][] chunk;
    private final double[] prediction;
    /** Per hidden layer and unit: Σa, Σa², max pre-activation, count of saturated outputs. */
    private final double[][] sum;
    private final double[][] sumOfSquares;
    private final double[][] maxPreActivation;
    private final double[][] saturatedCount;
    private double outputSum;
    private double outputSumOfSquares;

    EpochEvaluator(Network network, int largestSet) {
        this.network = network;
        this.buffers = new BatchBuffers(network, Math.max(1, Math.min(largestSet, Network.INFERENCE_CHUNK)), false);
        this.chunk = new double[buffers.capacity][];
        this.prediction = new double[network.outputs()];
        int hidden = network.hiddenLayerCount();
        sum = new double[hidden][];
        sumOfSquares = new double[hidden][];
        maxPreActivation = new double[hidden][];
        saturatedCount = new double[hidden][];
        for (int l = 0; l < hidden; l++) {
            int units = network.units(l);
            sum[l] = new double[units];
            sumOfSquares[l] = new double[units];
            maxPreActivation[l] = new double[units];
            saturatedCount[l] = new double[units];
        }
    }

    /** Loss (mean, plus penalty) and the number of correct predictions over a set; optionally collects layer statistics. */
    private double[] pass(Samples samples, boolean collect) {
        OutputLoss loss = network.outputLoss();
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
        double lossSum = 0;
        int correct = 0;
        int n = samples.size();
        boolean classification = network.task().isClassification();
        for (int start = 0; start < n; start += buffers.capacity) {
            int rows = Math.min(buffers.capacity, n - start);
            System.arraycopy(samples.x(), start, chunk, 0, rows);
            network.forward(buffers, chunk, rows, false, false);
            double[][] logits = buffers.sums[hidden];
            for (int r = 0; r < rows; r++) {
                double target = samples.y()[start + r];
                lossSum += loss.loss(logits[r], target);
                if (classification && loss.correct(logits[r], target)) {
                    correct++;
                }
                if (collect) {
                    loss.predict(logits[r], prediction);
                    for (double p : prediction) {
                        outputSum += p;
                        outputSumOfSquares += p * p;
                    }
                }
            }
            if (collect) {
                for (int l = 0; l < hidden; l++) {
                    collectLayer(l, rows);
                }
            }
        }
        return new double[] {lossSum / n, correct};
    }

    private void collectLayer(int l, int rows) {
        Activation f = network.activation(l);
        int units = network.units(l);
        double[] s = sum[l];
        double[] s2 = sumOfSquares[l];
        double[] max = maxPreActivation[l];
        double[] saturated = saturatedCount[l];
        double threshold = 0.01 * f.maxDerivative();
        for (int r = 0; r < rows; r++) {
            double[] a = buffers.activations[l][r];
            double[] z = buffers.preActivations[l][r];
            for (int j = 0; j < units; j++) {
                double v = a[j];
                s[j] += v;
                s2[j] += v * v;
                max[j] = Math.max(max[j], z[j]);
            }
            if (f == Activation.SIGMOID) {
                for (int j = 0; j < units; j++) {
                    saturated[j] += a[j] * (1 - a[j]) < threshold ? 1 : 0;
                }
            } else if (f == Activation.TANH) {
                for (int j = 0; j < units; j++) {
                    saturated[j] += 1 - a[j] * a[j] < threshold ? 1 : 0;
                }
            }
        }
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
