package org.backproplab.engine;

/**
 * Preallocated per-layer arrays for one mini-batch (or one chunk of an inference pass), so that a training step
 * allocates nothing. Index l runs over the dense layers: 0..H−1 hidden, H the output layer. Row r is one example.
 */
final class BatchBuffers {

    final int capacity;
    final boolean training;
    /** Weighted sums z = x·W + b; for the output layer these are the logits. */
    final double[][][] sums;
    /** Batch norm only: x̂ (training) — null otherwise. */
    final double[][][] normalized;
    /** Pre-activations (the batch-norm output, or the weighted sums themselves without batch norm). */
    final double[][][] preActivations;
    /** Activations a = f(pre-activation). */
    final double[][][] activations;
    /** Training only: the layer's output after dropout (allocated on first use). */
    final double[][][] dropped;
    /** Training only: dropout multipliers per example and unit: 0 (dropped) or 1/(1 − rate) (kept). */
    final double[][][] dropoutMultipliers;
    /** Training only: ∂L/∂(layer output), turned in place into ∂L/∂(weighted sum) on the way down. */
    final double[][][] gradients;
    /** Batch norm: batch mean and 1/√(σ²+ε) per unit (training), or scratch (inference). */
    final double[][] batchMean;
    final double[][] batchInverseStd;
    /** Scratch for applying an activation to all rows at once (capacity × widest hidden layer). */
    final double[] flatScratch;
    /** True while the current step uses dropout (then {@link #dropped} holds the layer outputs). */
    boolean dropoutActive;

    BatchBuffers(Network network, int capacity, boolean training) {
        this.capacity = capacity;
        this.training = training;
        int hidden = network.hiddenLayerCount();
        sums = new double[hidden + 1][][];
        normalized = new double[hidden][][];
        preActivations = new double[hidden][][];
        activations = new double[hidden][][];
        dropped = new double[hidden][][];
        dropoutMultipliers = new double[hidden][][];
        gradients = new double[hidden + 1][][];
        batchMean = new double[hidden][];
        batchInverseStd = new double[hidden][];
        boolean batchNorm = network.spec().batchNorm();
        int widest = 0;
        for (int l = 0; l < hidden; l++) {
            widest = Math.max(widest, network.units(l));
        }
        flatScratch = new double[capacity * widest];
        for (int l = 0; l <= hidden; l++) {
            int units = l < hidden ? network.units(l) : network.outputs();
            sums[l] = new double[capacity][units];
            if (training) {
                gradients[l] = new double[capacity][units];
            }
            if (l == hidden) {
                break;
            }
            if (batchNorm) {
                preActivations[l] = new double[capacity][units];
                normalized[l] = training ? new double[capacity][units] : null;
                batchMean[l] = new double[units];
                batchInverseStd[l] = new double[units];
            } else {
                preActivations[l] = sums[l];
            }
            activations[l] = network.activation(l) == Activation.LINEAR ? preActivations[l]
                    : new double[capacity][units];
        }
    }

    /** Allocates the dropout arrays the first time dropout is used. */
    void ensureDropout(Network network) {
        if (dropped.length > 0 && dropped[0] == null) {
            for (int l = 0; l < dropped.length; l++) {
                dropped[l] = new double[capacity][network.units(l)];
                dropoutMultipliers[l] = new double[capacity][network.units(l)];
            }
        }
    }

    /** What hidden layer l hands to the next layer: its activations, or the dropped-out activations. */
    double[][] output(int l) {
        return dropoutActive ? dropped[l] : activations[l];
    }
}
