package org.backproplab.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** One output row per input row: the sigmoid probability (binary), K class probabilities, or the value. */
@Schema(name = "PredictResponse")
public record PredictResponse(
        @Schema(description = "One row of outputs per input row", example = "[[0.93], [0.08]]") double[][] y) {
}
