package org.backproplab.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The shape and starting point of a network: input → hidden dense layers → an output layer fixed by the task.
 *
 * @param inputs            number of input features, ≥ 1
 * @param task              decides the output layer and loss
 * @param classes           K (≥ 2) for a multiclass task; ignored otherwise (binary has 1 sigmoid output,
 *                          regression 1 linear output)
 * @param hiddenUnits       0..12 hidden layers of 1..256 units each
 * @param hiddenActivations one activation per hidden layer
 * @param batchNorm         batch normalization after each hidden layer's weighted sum, before its activation
 * @param initializer       how kernels are initialized (ignored when startWeights is given)
 * @param initScale         σ of the {@code normal} initializer, &gt; 0
 * @param seed              seed of the initializer
 * @param startWeights      null to initialize, or one entry per dense layer including the output layer (Keras layout)
 */
public record NetworkSpec(int inputs, Task task, int classes, List<Integer> hiddenUnits,
                          List<Activation> hiddenActivations, boolean batchNorm, Initializer initializer,
                          double initScale, long seed, List<DenseWeights> startWeights) {

    public static final int MAX_HIDDEN_LAYERS = 12;
    public static final int MAX_UNITS = 256;

    public NetworkSpec {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be >= 1, was " + inputs);
        }
        if (task == null) {
            throw new IllegalArgumentException("task is required; allowed: binary, multiclass, regression");
        }
        if (task == Task.MULTICLASS && classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2 for a multiclass task, was " + classes);
        }
        if (hiddenUnits == null || hiddenUnits.size() > MAX_HIDDEN_LAYERS) {
            throw new IllegalArgumentException("hiddenLayers must list 0.." + MAX_HIDDEN_LAYERS + " layers");
        }
        for (int l = 0; l < hiddenUnits.size(); l++) {
            Integer units = hiddenUnits.get(l);
            if (units == null || units < 1 || units > MAX_UNITS) {
                throw new IllegalArgumentException(
                        "hiddenLayers[" + l + "] must be 1.." + MAX_UNITS + " units, was " + units);
            }
        }
        if (hiddenActivations == null || hiddenActivations.size() != hiddenUnits.size()
                || hiddenActivations.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("one activation per hidden layer is required ("
                    + hiddenUnits.size() + " layers)");
        }
        if (initializer == null) {
            throw new IllegalArgumentException("initializer is required; allowed: xavier, he, lecun, zeros, normal");
        }
        if (!(initScale > 0 && Double.isFinite(initScale))) {
            throw new IllegalArgumentException("initScale must be a finite number > 0, was " + initScale);
        }
        hiddenUnits = List.copyOf(hiddenUnits);
        hiddenActivations = List.copyOf(hiddenActivations);
        if (task != Task.MULTICLASS) {
            classes = task == Task.BINARY ? 2 : 1;
        }
        if (startWeights != null) {
            startWeights = Collections.unmodifiableList(new ArrayList<>(startWeights));
            checkShapes(inputs, hiddenUnits, task == Task.MULTICLASS ? classes : 1, startWeights);
        }
    }

    /** The same activation on every hidden layer, default seed handling left to the caller. */
    public static NetworkSpec of(int inputs, Task task, int classes, List<Integer> hiddenUnits,
                                 Activation activation, boolean batchNorm, Initializer initializer,
                                 double initScale, long seed) {
        return new NetworkSpec(inputs, task, classes, hiddenUnits,
                Collections.nCopies(hiddenUnits.size(), activation), batchNorm, initializer, initScale, seed, null);
    }

    /** Units of the output layer: K for multiclass, else 1. */
    public int outputs() {
        return task == Task.MULTICLASS ? classes : 1;
    }

    /** This spec with other starting weights (null = initialize). */
    public NetworkSpec withStartWeights(List<DenseWeights> weights) {
        return new NetworkSpec(inputs, task, classes, hiddenUnits, hiddenActivations, batchNorm, initializer,
                initScale, seed, weights);
    }

    private static void checkShapes(int inputs, List<Integer> hidden, int outputs, List<DenseWeights> weights) {
        int layers = hidden.size() + 1;
        if (weights.size() != layers) {
            throw new IllegalArgumentException("weights must have " + layers
                    + " entries (one per dense layer including the output layer), had " + weights.size());
        }
        int fanIn = inputs;
        for (int l = 0; l < layers; l++) {
            int units = l < hidden.size() ? hidden.get(l) : outputs;
            DenseWeights w = weights.get(l);
            String expected = "expected kernel [" + fanIn + "][" + units + "] and bias [" + units + "]";
            boolean ok = w != null && w.kernel().length == fanIn && w.bias().length == units;
            for (int i = 0; ok && i < fanIn; i++) {
                ok = w.kernel()[i] != null && w.kernel()[i].length == units;
            }
            if (!ok) {
                throw new IllegalArgumentException("weights[" + l + "] (layer " + (l + 1) + "): " + expected);
            }
            for (double[] row : w.kernel()) {
                checkFinite(row, l);
            }
            checkFinite(w.bias(), l);
            fanIn = units;
        }
    }

    private static void checkFinite(double[] values, int layer) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("weights[" + layer + "] (layer " + (layer + 1)
                        + ") contains a value that is not a finite number");
            }
        }
    }
}
