package org.backproplab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected network: inputs → hidden dense layers (each optionally batch-normalized, then activated) →
 * an output dense layer whose logits the task turns into predictions (see {@link OutputLoss}).
 *
 * <p>Forward, for hidden layer l with input h (h = x for the first layer):
 * z = h·W + b → (batch norm) → a = f(z) → (dropout, training only) → next layer's input.
 * Backward runs the same chain in reverse (see {@link #backward}); each step is one application of the chain rule.
 *
 * <p>A network is not thread-safe: hand other threads a {@link #copy()}.
 */
public final class Network {

    /** Rows per chunk when predicting for many inputs; bounds the memory of an inference pass. */
    static final int INFERENCE_CHUNK = 128;

    private final NetworkSpec spec;
    private final DenseLayer[] dense;
    private final BatchNormLayer[] norms;
    private final Activation[] activations;
    private final OutputLoss outputLoss;

    private Network(NetworkSpec spec) {
        this.spec = spec;
        int hidden = spec.hiddenUnits().size();
        dense = new DenseLayer[hidden + 1];
        norms = new BatchNormLayer[spec.batchNorm() ? hidden : 0];
        activations = spec.hiddenActivations().toArray(new Activation[0]);
        int fanIn = spec.inputs();
        for (int l = 0; l <= hidden; l++) {
            int units = l < hidden ? spec.hiddenUnits().get(l) : spec.outputs();
            dense[l] = new DenseLayer(fanIn, units);
            if (l < hidden && spec.batchNorm()) {
                norms[l] = new BatchNormLayer(units);
            }
            fanIn = units;
        }
        outputLoss = new OutputLoss(spec.task(), spec.outputs());
    }

    /** Builds a network, initialized from the spec's initializer and seed, or from its start weights. */
    public static Network create(NetworkSpec spec) {
        Network network = new Network(spec);
        if (spec.startWeights() != null) {
            for (int l = 0; l < network.dense.length; l++) {
                network.dense[l].setWeights(spec.startWeights().get(l));
            }
        } else {
            SplittableRandom random = new SplittableRandom(spec.seed());
            for (DenseLayer layer : network.dense) {
                spec.initializer().fill(layer.kernel, spec.initScale(), random);
                layer.kernelChanged();
            }
        }
        return network;
    }

    public NetworkSpec spec() {
        return spec;
    }

    public int inputs() {
        return spec.inputs();
    }

    public Task task() {
        return spec.task();
    }

    /** Output units: K for multiclass, else 1. */
    public int outputs() {
        return spec.outputs();
    }

    public int hiddenLayerCount() {
        return dense.length - 1;
    }

    /** Units of hidden layer {@code hiddenLayer} (0-based). */
    public int units(int hiddenLayer) {
        return dense[hiddenLayer].units;
    }

    /** Trainable values: kernels, biases, and batch-norm γ and β (running averages are not trained). */
    public int parameterCount() {
        int count = 0;
        for (DenseLayer layer : dense) {
            count += layer.parameterCount();
        }
        for (BatchNormLayer norm : norms) {
            count += 2 * norm.units;
        }
        return count;
    }

    /** Predictions in inference mode: one row per input (probabilities, or [value] for regression). */
    public double[][] predict(double[][] x) {
        return evaluate(x, false).predictions();
    }

    /** Predictions and every hidden unit's output, in inference mode (e.g. for decision-boundary thumbnails). */
    public NetworkOutputs evaluate(double[][] x) {
        return evaluate(x, true);
    }

    private NetworkOutputs evaluate(double[][] x, boolean withHidden) {
        checkInputs(x);
        int n = x.length;
        double[][] predictions = new double[n][outputs()];
        double[][][] hidden = new double[withHidden ? hiddenLayerCount() : 0][][];
        for (int l = 0; l < hidden.length; l++) {
            hidden[l] = new double[units(l)][n];
        }
        BatchBuffers buffers = new BatchBuffers(this, Math.max(1, Math.min(n, INFERENCE_CHUNK)), false);
        double[][] chunk = new double[buffers.capacity][];
        for (int start = 0; start < n; start += buffers.capacity) {
            int rows = Math.min(buffers.capacity, n - start);
            System.arraycopy(x, start, chunk, 0, rows);
            forward(buffers, chunk, rows, false, false);
            for (int r = 0; r < rows; r++) {
                outputLoss.predict(buffers.sums[hiddenLayerCount()][r], predictions[start + r]);
            }
            for (int l = 0; l < hidden.length; l++) {
                double[][] a = buffers.activations[l];
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < units(l); j++) {
                        hidden[l][j][start + r] = a[r][j];
                    }
                }
            }
        }
        return new NetworkOutputs(predictions, hidden);
    }

    /**
     * Builds a network from the spec's start weights and, for a batch-normalized network, the given batch-norm
     * parameters (γ, β and the running averages), one entry per hidden layer; a null entry keeps the fresh
     * values (γ 1, β 0, mean 0, variance 1). This restarts a saved model exactly, inference included.
     */
    public static Network create(NetworkSpec spec, List<BatchNormWeights> startBatchNorm) {
        Network network = create(spec);
        if (startBatchNorm == null) {
            return network;
        }
        if (startBatchNorm.size() != network.norms.length) {
            throw new IllegalArgumentException("batch norm: expected " + network.norms.length
                    + " entries (one per hidden layer of a batch-normalized network), got " + startBatchNorm.size());
        }
        for (int l = 0; l < network.norms.length; l++) {
            if (startBatchNorm.get(l) != null) {
                network.norms[l].setWeights(startBatchNorm.get(l), l + 1);
            }
        }
        return network;
    }

    /** Deep copies of the dense layers' weights, Keras layout, hidden layers first, the output layer last. */
    public List<DenseWeights> weights() {
        List<DenseWeights> list = new ArrayList<>(dense.length);
        for (DenseLayer layer : dense) {
            list.add(layer.weights());
        }
        return List.copyOf(list);
    }

    /** One entry per hidden layer when batch normalization is on, else empty. */
    public List<BatchNormWeights> batchNormWeights() {
        List<BatchNormWeights> list = new ArrayList<>(norms.length);
        for (BatchNormLayer norm : norms) {
            list.add(norm.weights());
        }
        return List.copyOf(list);
    }

    /** An independent network with the same spec and the same current parameters (incl. running averages). */
    public Network copy() {
        Network copy = new Network(spec);
        for (int l = 0; l < dense.length; l++) {
            copy.dense[l].setWeights(new DenseWeights(dense[l].kernel, dense[l].bias));
        }
        for (int l = 0; l < norms.length; l++) {
            copy.norms[l].copyFrom(norms[l]);
        }
        return copy;
    }

    // ---- the engine's internals, shared by Trainer, BackpropTrace and the evaluation pass ----

    DenseLayer dense(int layer) {
        return dense[layer];
    }

    /** The batch-norm layer of hidden layer l, or null without batch norm. */
    BatchNormLayer norm(int layer) {
        return norms.length == 0 ? null : norms[layer];
    }

    Activation activation(int hiddenLayer) {
        return activations[hiddenLayer];
    }

    OutputLoss outputLoss() {
        return outputLoss;
    }

    /** Dense layers including the output layer. */
    int denseLayerCount() {
        return dense.length;
    }

    /**
     * Forward pass over the first n rows of x. In training mode batch norm uses (and its running averages follow)
     * the batch statistics; dropout is applied when {@code buffers.dropoutActive} (multipliers already drawn).
     */
    void forward(BatchBuffers buffers, double[][] x, int n, boolean training, boolean updateMovingAverages) {
        int hidden = hiddenLayerCount();
        double[][] input = x;
        for (int l = 0; l < hidden; l++) {
            DenseLayer layer = dense[l];
            layer.forward(input, n, buffers.sums[l]);
            if (norms.length > 0) {
                if (training) {
                    norms[l].forwardTraining(buffers.sums[l], n, buffers.normalized[l], buffers.preActivations[l],
                            buffers.batchMean[l], buffers.batchInverseStd[l], updateMovingAverages);
                } else {
                    norms[l].forwardInference(buffers.sums[l], n, buffers.preActivations[l],
                            buffers.batchInverseStd[l]);
                }
            }
            double[][] pre = buffers.preActivations[l];
            double[][] act = buffers.activations[l];
            applyActivation(activations[l], pre, act, n, layer.units, buffers.flatScratch);
            if (training && buffers.dropoutActive) {
                // Inverted dropout: out = a · mask / (1 − rate), so the expected output equals a at inference.
                double[][] mult = buffers.dropoutMultipliers[l];
                double[][] out = buffers.dropped[l];
                for (int r = 0; r < n; r++) {
                    double[] o = out[r];
                    double[] a = act[r];
                    double[] m = mult[r];
                    for (int j = 0; j < layer.units; j++) {
                        o[j] = a[j] * m[j];
                    }
                }
            }
            input = training ? buffers.output(l) : act;
        }
        dense[hidden].forward(input, n, buffers.sums[hidden]);
    }

    /**
     * a = f(z) row by row. Narrow layers of tanh, sigmoid or ELU first gather all rows into one flat array: a loop
     * over 8 values is too short for the JIT to vectorize, one over n·8 values is not, and these functions cost
     * ~10× more per value in scalar code than the copying does. The SIMD kernels need no such detour.
     */
    private static void applyActivation(Activation f, double[][] z, double[][] a, int n, int units, double[] flat) {
        boolean expensive = f == Activation.TANH || f == Activation.SIGMOID || f == Activation.ELU;
        if (!expensive || units >= 64 || n == 1 || SimdSupport.ENABLED) {
            for (int r = 0; r < n; r++) {
                f.apply(z[r], a[r], units);
            }
            return;
        }
        for (int r = 0; r < n; r++) {
            System.arraycopy(z[r], 0, flat, r * units, units);
        }
        f.apply(flat, flat, n * units);
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * units, a[r], 0, units);
        }
    }

    /**
     * Backward pass for the rows of the last training forward pass. Expects ∂L/∂logits in
     * {@code buffers.gradients[H]}; leaves ∂L/∂W, ∂L/∂b (and ∂L/∂γ, ∂L/∂β) in the layers. Going down, for each
     * hidden layer: ∂L/∂out = ∂L/∂z(above)·Wᵀ(above); through dropout ×mask/(1−rate); through the activation
     * ×f'(z); through batch norm (see {@link BatchNormLayer}); then the dense layer's own gradients.
     */
    void backward(BatchBuffers buffers, double[][] x, int n) {
        for (int l = hiddenLayerCount(); l >= 0; l--) {
            DenseLayer layer = dense[l];
            double[][] dz = buffers.gradients[l];
            double[][] input = l == 0 ? x : buffers.output(l - 1);
            layer.computeGradients(input, dz, n);
            if (l == 0) {
                break;
            }
            int below = l - 1;
            double[][] dOut = buffers.gradients[below];
            layer.backwardInput(dz, n, dOut);
            int units = dense[below].units;
            if (buffers.dropoutActive) {
                double[][] mult = buffers.dropoutMultipliers[below];
                for (int r = 0; r < n; r++) {
                    double[] g = dOut[r];
                    double[] m = mult[r];
                    for (int j = 0; j < units; j++) {
                        g[j] *= m[j];
                    }
                }
            }
            Activation f = activations[below];
            double[][] pre = buffers.preActivations[below];
            double[][] act = buffers.activations[below];
            for (int r = 0; r < n; r++) {
                f.backward(pre[r], act[r], dOut[r], units);
            }
            if (norms.length > 0) {
                norms[below].backward(dOut, buffers.normalized[below], buffers.batchInverseStd[below], n);
            }
        }
    }

    void checkInputs(double[][] x) {
        for (int r = 0; r < x.length; r++) {
            if (x[r] == null || x[r].length != inputs()) {
                throw new IllegalArgumentException("x[" + r + "] must have " + inputs() + " values, had "
                        + (x[r] == null ? "none" : x[r].length));
            }
        }
    }
}
