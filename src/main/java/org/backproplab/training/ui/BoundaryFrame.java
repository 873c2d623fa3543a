package org.backproplab.training.ui;

import java.util.Objects;
import java.util.function.Function;

/**
 * The network's output over the input square, ready for {@link DecisionBoundary#setOutput(BoundaryFrame)}:
 * {@code values[(row * resolution + column) * channels + channel]}, rows from the top (x2 = +6) down, columns from
 * x1 = -6 rightwards. {@code channels} is 1 for binary (probability of class 1) and regression (the value), and K
 * for multiclass (the class probabilities).
 */
public record BoundaryFrame(int resolution, int channels, float[] values) {

    public BoundaryFrame {
        BoundaryGrid.requireResolution(resolution);
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        Objects.requireNonNull(values, "values");
        if (values.length != resolution * resolution * channels) {
            throw new IllegalArgumentException("values must hold resolution² × channels = "
                    + resolution * resolution * channels + " numbers, got " + values.length);
        }
    }

    /**
     * Evaluates {@code predictor} (e.g. {@code network::predict}, called inside {@code TrainingRun.inspect}) on the
     * grid built through {@code mapping}. Use {@link #fromPredictions} instead when the same forward pass should
     * also feed the diagram's thumbnails.
     */
    public static BoundaryFrame compute(Function<double[][], double[][]> predictor,
                                        BoundaryGrid.InputMapping mapping, int resolution) {
        BoundaryGrid grid = BoundaryGrid.of(mapping, resolution);
        return fromPredictions(grid, predictor.apply(grid.inputs()));
    }

    /** Wraps the predictions of the grid's inputs ({@code predictions[cell][output]}). */
    public static BoundaryFrame fromPredictions(BoundaryGrid grid, double[][] predictions) {
        Objects.requireNonNull(predictions, "predictions");
        if (predictions.length != grid.cells()) {
            throw new IllegalArgumentException("predictions must have one row per grid cell (" + grid.cells()
                    + "), got " + predictions.length);
        }
        int channels = predictions[0].length;
        float[] values = new float[grid.cells() * channels];
        for (int cell = 0; cell < predictions.length; cell++) {
            if (predictions[cell].length != channels) {
                throw new IllegalArgumentException("prediction row " + cell + " has " + predictions[cell].length
                        + " outputs, expected " + channels);
            }
            for (int channel = 0; channel < channels; channel++) {
                values[cell * channels + channel] = (float) predictions[cell][channel];
            }
        }
        return new BoundaryFrame(grid.resolution(), channels, values);
    }

    public float value(int row, int column, int channel) {
        return values[(row * resolution + column) * channels + channel];
    }
}
