package org.backproplab.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Every number of one plain SGD step on one example, for the "backpropagation, step by step" walkthrough. The
 * numbers come from the engine's own forward and backward code (the same calls {@link Trainer} makes), so they are
 * exactly what a trainer with batch size 1, sgd, no dropout, no penalty and no clipping does. Batch normalization
 * is not supported here (with one example its batch statistics are degenerate).
 *
 * <p>Reading a trace, layer by layer (layers numbered from 1 at the input side; the output layer is last):
 * <ul>
 *   <li>forward: z_j = Σ_i w_ij·x_i + b_j, a_j = f(z_j) ({@link NodeTrace#weightedSum}, {@link NodeTrace#activation});</li>
 *   <li>the loss L of the prediction against the target ({@link #loss()});</li>
 *   <li>backward, from the output down: ∂L/∂a_j = Σ_k ∂L/∂z_k·w_jk over the units k of the layer above;
 *       ∂L/∂z_j = ∂L/∂a_j · f'(z_j) (chain rule: {@link NodeTrace#lossGradientActivation} ×
 *       {@link NodeTrace#localDerivative} = {@link NodeTrace#lossGradientSum});</li>
 *   <li>each weight: ∂L/∂w_ij = ∂L/∂z_j · x_i (its input), and w_ij ← w_ij − lr·∂L/∂w_ij ({@link WeightTrace}).</li>
 * </ul>
 */
public final class BackpropTrace {

    /**
     * One unit in one layer.
     *
     * @param layer                  layer number (1 = first hidden layer, the output layer last)
     * @param unit                   0-based unit index in that layer
     * @param weightedSum            z, the weighted sum of the unit's inputs plus bias
     * @param activation             a = f(z); for the output layer the prediction (probability or value)
     * @param lossGradientActivation ∂L/∂a; null for a softmax output (its derivative is not per unit)
     * @param localDerivative        da/dz = f'(z); null for a softmax output
     * @param lossGradientSum        ∂L/∂z (for the output layer: prediction − target, times 2 for squared error)
     */
    public record NodeTrace(int layer, int unit, double weightedSum, double activation, Double lossGradientActivation,
                            Double localDerivative, double lossGradientSum) {
    }

    /**
     * One weight (or bias) of one layer.
     *
     * @param layer         layer number of the unit the weight feeds
     * @param fromUnit      index of the input (an input feature for layer 1, else a unit of the layer below), or
     *                      -1 for the bias (whose input is 1)
     * @param toUnit        index of the unit it feeds
     * @param weight        value before the step
     * @param input         the value it multiplies (1 for a bias)
     * @param gradient      ∂L/∂w = ∂L/∂z(toUnit) · input
     * @param updatedWeight weight − learningRate · gradient
     */
    public record WeightTrace(int layer, int fromUnit, int toUnit, double weight, double input, double gradient,
                              double updatedWeight) {

        public boolean isBias() {
            return fromUnit < 0;
        }
    }

    private final double[] input;
    private final double target;
    private final double learningRate;
    private final double loss;
    private final List<List<NodeTrace>> nodes;
    private final List<List<WeightTrace>> weights;

    private BackpropTrace(double[] input, double target, double learningRate, double loss,
                          List<List<NodeTrace>> nodes, List<List<WeightTrace>> weights) {
        this.input = input.clone();
        this.target = target;
        this.learningRate = learningRate;
        this.loss = loss;
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * Traces one SGD step of {@code network} on example (x, y). The network itself is not changed.
     *
     * @throws IllegalArgumentException for a batch-normalized network, a wrong input size or a bad learning rate
     */
    public static BackpropTrace of(Network network, double[] x, double y, double learningRate) {
        if (network.spec().batchNorm()) {
            throw new IllegalArgumentException("the step-by-step trace does not support batch normalization");
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("learningRate must be > 0 and <= 10, was " + learningRate);
        }
        double[][] batch = {x};
        network.checkInputs(batch);
        Network work = network.copy();
        int hidden = work.hiddenLayerCount();
        BatchBuffers buffers = new BatchBuffers(work, 1, true);
        work.forward(buffers, batch, 1, true, false);
        double loss = work.outputLoss().lossAndGradient(buffers.sums[hidden], new double[] {y}, 1,
                buffers.gradients[hidden]);
        // Keep ∂L/∂a of every hidden layer before backward() turns it into ∂L/∂z in place.
        double[][] lossGradientActivations = new double[hidden][];
        work.backward(buffers, batch, 1);
        for (int l = 0; l < hidden; l++) {
            double[][] dA = new double[1][work.units(l)];
            work.dense(l + 1).backwardInput(buffers.gradients[l + 1], 1, dA);
            lossGradientActivations[l] = dA[0];
        }

        List<List<NodeTrace>> nodes = new ArrayList<>();
        for (int l = 0; l < hidden; l++) {
            Activation f = work.activation(l);
            List<NodeTrace> layer = new ArrayList<>();
            for (int j = 0; j < work.units(l); j++) {
                double z = buffers.sums[l][0][j];
                double a = buffers.activations[l][0][j];
                layer.add(new NodeTrace(l + 1, j, z, a, lossGradientActivations[l][j], f.derivative(z, a),
                        buffers.gradients[l][0][j]));
            }
            nodes.add(List.copyOf(layer));
        }
        nodes.add(outputNodes(work, buffers, y));

        List<List<WeightTrace>> weights = new ArrayList<>();
        for (int l = 0; l <= hidden; l++) {
            DenseLayer dense = work.dense(l);
            double[] in = l == 0 ? x : buffers.activations[l - 1][0];
            List<WeightTrace> layer = new ArrayList<>();
            for (int j = 0; j < dense.units; j++) {
                for (int i = 0; i < dense.inputs; i++) {
                    double w = dense.kernel[i][j];
                    double g = dense.kernelGradient[i][j];
                    layer.add(new WeightTrace(l + 1, i, j, w, in[i], g, w - learningRate * g));
                }
                double b = dense.bias[j];
                double gb = dense.biasGradient[j];
                layer.add(new WeightTrace(l + 1, -1, j, b, 1.0, gb, b - learningRate * gb));
            }
            weights.add(List.copyOf(layer));
        }
        return new BackpropTrace(x, y, learningRate, loss, List.copyOf(nodes), List.copyOf(weights));
    }

    private static List<NodeTrace> outputNodes(Network network, BatchBuffers buffers, double y) {
        int hidden = network.hiddenLayerCount();
        double[] logits = buffers.sums[hidden][0];
        double[] predictions = new double[network.outputs()];
        network.outputLoss().predict(logits, predictions);
        List<NodeTrace> layer = new ArrayList<>();
        for (int k = 0; k < network.outputs(); k++) {
            double p = predictions[k];
            double dz = buffers.gradients[hidden][0][k];
            Double dA = null;
            Double local = null;
            switch (network.task()) {
                case BINARY -> {
                    // L = −[y·log p + (1−y)·log(1−p)]: ∂L/∂p = (p − y)/(p(1 − p)); dp/dz = p(1 − p).
                    local = p * (1 - p);
                    dA = (p - y) / local;
                }
                case REGRESSION -> {
                    local = 1.0;
                    dA = dz;
                }
                case MULTICLASS -> {
                }
            }
            layer.add(new NodeTrace(hidden + 1, k, logits[k], p, dA, local, dz));
        }
        return List.copyOf(layer);
    }

    /** The example's inputs. */
    public double[] input() {
        return input.clone();
    }

    public double target() {
        return target;
    }

    public double learningRate() {
        return learningRate;
    }

    /** The loss of the example before the step. */
    public double loss() {
        return loss;
    }

    /** Per layer (hidden layers from the input side, then the output layer), its units. */
    public List<List<NodeTrace>> nodes() {
        return nodes;
    }

    /** Per layer, its weights and biases (for each unit: its incoming weights in input order, then its bias). */
    public List<List<WeightTrace>> weights() {
        return weights;
    }

    /** The network's weights after the step, Keras layout (as {@link Network#weights()} would return them). */
    public List<DenseWeights> updatedWeights() {
        List<DenseWeights> result = new ArrayList<>();
        int fanIn = input.length;
        for (List<WeightTrace> layer : weights) {
            int units = (int) layer.stream().filter(WeightTrace::isBias).count();
            double[][] kernel = new double[fanIn][units];
            double[] bias = new double[units];
            for (WeightTrace w : layer) {
                if (w.isBias()) {
                    bias[w.toUnit()] = w.updatedWeight();
                } else {
                    kernel[w.fromUnit()][w.toUnit()] = w.updatedWeight();
                }
            }
            result.add(new DenseWeights(kernel, bias));
            fanIn = units;
        }
        return List.copyOf(result);
    }
}
