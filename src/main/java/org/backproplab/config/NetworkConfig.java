package org.backproplab.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;

/**
 * The network's shape and how it starts. {@code activations} is our addition to the contract: an optional
 * per-hidden-layer activation list that overrides {@code activation} layer by layer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkConfig(
        List<Integer> hiddenLayers,
        String activation,
        List<String> activations,
        String initializer,
        Double initScale,
        Boolean batchNorm,
        Double dropout,
        List<LayerWeights> weights) {

    static final NetworkConfig EMPTY = new NetworkConfig(null, null, null, null, null, null, null, null);

    public NetworkConfig withDefaults() {
        return new NetworkConfig(
                hiddenLayers == null ? List.of(8, 8, 8, 8) : List.copyOf(hiddenLayers),
                activation == null ? "tanh" : activation,
                activations == null ? null : List.copyOf(activations),
                initializer == null ? "xavier" : initializer,
                initScale == null ? 1.0 : initScale,
                batchNorm == null ? Boolean.FALSE : batchNorm,
                dropout == null ? 0.0 : dropout,
                weights);
    }

    /** The activation of each hidden layer: the per-layer list where given, else the network-wide one. */
    public List<String> activationPerLayer() {
        List<Integer> layers = hiddenLayers == null ? List.of() : hiddenLayers;
        if (activations != null && activations.size() == layers.size()) {
            return activations;
        }
        return Collections.nCopies(layers.size(), activation == null ? "tanh" : activation);
    }

    public NetworkConfig withHiddenLayers(List<Integer> layers) {
        return new NetworkConfig(List.copyOf(layers), activation, null, initializer, initScale, batchNorm, dropout, null);
    }

    public NetworkConfig withActivation(String newActivation) {
        return new NetworkConfig(hiddenLayers, newActivation, null, initializer, initScale, batchNorm, dropout, weights);
    }

    public NetworkConfig withInitializer(String newInitializer, double scale) {
        return new NetworkConfig(hiddenLayers, activation, activations, newInitializer, scale, batchNorm, dropout, weights);
    }

    public NetworkConfig withBatchNorm(boolean on) {
        return new NetworkConfig(hiddenLayers, activation, activations, initializer, initScale, on, dropout, null);
    }

    public NetworkConfig withDropout(double rate) {
        return new NetworkConfig(hiddenLayers, activation, activations, initializer, initScale, batchNorm, rate, weights);
    }

    public NetworkConfig withWeights(List<LayerWeights> newWeights) {
        return new NetworkConfig(hiddenLayers, activation, activations, initializer, initScale, batchNorm, dropout, newWeights);
    }

    /**
     * One dense layer's parameters in Keras layout: {@code kernel[inputs][units]}, {@code bias[units]}. The
     * batch-normalization fields are present only for hidden layers of a network with batch norm.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LayerWeights(double[][] kernel, double[] bias,
                               double[] gamma, double[] beta, double[] movingMean, double[] movingVariance) {

        public static LayerWeights dense(double[][] kernel, double[] bias) {
            return new LayerWeights(kernel, bias, null, null, null, null);
        }
    }
}
