package org.backproplab.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.backproplab.config.NetworkConfig.LayerWeights;

/**
 * A network's parameters in the layout of {@code network.weights}: one entry per dense layer, output layer last,
 * Keras layout ({@code kernel[inputs][units]}, {@code bias[units]}); hidden layers of a batch-norm network also
 * carry {@code gamma}, {@code beta}, {@code movingMean} and {@code movingVariance}. Posting a configuration with
 * these weights restarts training from this model.
 */
@Schema(name = "Model")
public record ModelJson(List<LayerWeights> weights) {
}
