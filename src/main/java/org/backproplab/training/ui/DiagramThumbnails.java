package org.backproplab.training.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.backproplab.engine.Task;

/**
 * The thumbnails of every drawn unit, by diagram column: column 0 the inputs, then each hidden layer, then the
 * output layer. Only the first {@link NetworkDiagram#MAX_DRAWN_UNITS} units of a column are kept.
 */
public record DiagramThumbnails(int resolution, List<List<DiagramThumbnail>> columns) {

    public static final int DEFAULT_RESOLUTION = 16;

    public DiagramThumbnails {
        Objects.requireNonNull(columns, "columns");
        columns = columns.stream().map(List::copyOf).toList();
    }

    /**
     * Builds the thumbnails from one forward pass over {@code grid.inputs()}: {@code hidden[layer][unit][cell]} and
     * {@code predictions[cell][output]} as the engine's {@code Network.evaluate} returns them. Inputs are scaled
     * by their own largest magnitude; each hidden layer shares one scale of at least 1 (so vanishing activations
     * look pale, as they are); outputs follow the task (probabilities around 0.5 for binary).
     */
    public static DiagramThumbnails fromGrid(BoundaryGrid grid, double[][][] hidden, double[][] predictions,
                                             Task task) {
        Objects.requireNonNull(hidden, "hidden");
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(task, "task");
        int cells = grid.cells();
        int target = Math.min(DEFAULT_RESOLUTION, grid.resolution());
        int max = NetworkDiagram.MAX_DRAWN_UNITS;
        List<List<DiagramThumbnail>> columns = new ArrayList<>();

        int features = grid.inputs()[0].length;
        List<DiagramThumbnail> inputs = new ArrayList<>();
        for (int feature = 0; feature < Math.min(features, max); feature++) {
            float[] values = new float[cells];
            for (int cell = 0; cell < cells; cell++) {
                values[cell] = (float) grid.inputs()[cell][feature];
            }
            inputs.add(thumbnail(grid, values, target, 0, Math.max(1e-9, maxAbs(values))));
        }
        columns.add(inputs);

        for (double[][] layer : hidden) {
            List<float[]> units = new ArrayList<>();
            double layerMax = 1;
            for (int unit = 0; unit < Math.min(layer.length, max); unit++) {
                if (layer[unit].length != cells) {
                    throw new IllegalArgumentException("hidden values must have one entry per grid cell (" + cells
                            + "), got " + layer[unit].length);
                }
                float[] values = toFloats(layer[unit]);
                layerMax = Math.max(layerMax, maxAbs(values));
                units.add(values);
            }
            List<DiagramThumbnail> column = new ArrayList<>();
            for (float[] values : units) {
                column.add(thumbnail(grid, values, target, 0, layerMax));
            }
            columns.add(column);
        }

        if (predictions.length != cells) {
            throw new IllegalArgumentException("predictions must have one row per grid cell (" + cells + "), got "
                    + predictions.length);
        }
        int outputs = predictions.length == 0 ? 0 : predictions[0].length;
        List<DiagramThumbnail> output = new ArrayList<>();
        for (int k = 0; k < Math.min(outputs, max); k++) {
            float[] values = new float[cells];
            for (int cell = 0; cell < cells; cell++) {
                values[cell] = (float) predictions[cell][k];
            }
            switch (task) {
                case BINARY -> output.add(thumbnail(grid, values, target, 0.5, 0.5));
                case MULTICLASS -> output.add(thumbnail(grid, values, target, 0, 1));
                case REGRESSION -> output.add(thumbnail(grid, values, target, 0, Math.max(1, maxAbs(values))));
            }
        }
        columns.add(output);
        return new DiagramThumbnails(target, columns);
    }

    private static DiagramThumbnail thumbnail(BoundaryGrid grid, float[] values, int target, double center,
                                              double scale) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float value : values) {
            if (Float.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return new DiagramThumbnail(target, BoundaryCodec.average(values, grid.resolution(), target),
                center, scale, min, max);
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float value : values) {
            if (Float.isFinite(value)) {
                max = Math.max(max, Math.abs(value));
            }
        }
        return max;
    }
}
