package org.backproplab.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.backproplab.datasets.DatasetInfo;

/** One catalogue entry, with the task in the contract's spelling ({@code binary}, {@code multiclass}, {@code regression}). */
@Schema(name = "Dataset")
public record DatasetJson(
        @Schema(description = "The value for dataset.name", example = "spiral") String name,
        @Schema(example = "binary") String task,
        @Schema(description = "Raw input columns (2 for the 2-D sets, before derived features)", example = "2") int inputDimension,
        @Schema(description = "Number of classes; 0 for regression", example = "2") int classes,
        @Schema(description = "Rows shipped, or the default sample count of a synthetic set", example = "500") int rows,
        @Schema(description = "Generated from samples, noise and seed") boolean synthetic,
        @Schema(description = "Points lie in a plane (features apply)") boolean twoDimensional,
        String title,
        String description,
        @Schema(nullable = true) String source) {

    static DatasetJson of(DatasetInfo info) {
        return new DatasetJson(info.name(), info.task().id(), info.inputDimension(), info.classes(), info.rows(),
                info.synthetic(), info.twoDimensional(), info.title(), info.description(), info.source());
    }
}
