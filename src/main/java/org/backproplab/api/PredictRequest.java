package org.backproplab.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Input rows in the network's input space: one value per network input (the run's feature columns). */
@Schema(name = "PredictRequest")
public record PredictRequest(
        @Schema(description = "Rows of network inputs", example = "[[0.5, -1.2], [2.0, 0.3]]") double[][] x) {
}
