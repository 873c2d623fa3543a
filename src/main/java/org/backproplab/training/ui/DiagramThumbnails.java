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

        Downsampling downsampling = new Downsampling(grid.resolution(), target);
        int features = grid.inputs()[0].length;
        List<DiagramThumbnail> inputs = new ArrayList<>();
        for (int feature = 0; feature < Math.min(features, max); feature++) {
            double[] values = new double[cells];
            for (int cell = 0; cell < cells; cell++) {
                values[cell] = grid.inputs()[cell][feature];
            }
            Summary summary = downsampling.apply(values);
            inputs.add(summary.thumbnail(target, 0, Math.max(1e-9, summary.maxAbs())));
        }
        columns.add(inputs);

        for (double[][] layer : hidden) {
            List<Summary> units = new ArrayList<>();
            double layerMax = 1;
            for (int unit = 0; unit < Math.min(layer.length, max); unit++) {
                if (layer[unit].length != cells) {
                    throw new IllegalArgumentException("hidden values must have one entry per grid cell (" + cells
                            + "), got " + layer[unit].length);
                }
                Summary summary = downsampling.apply(layer[unit]);
                layerMax = Math.max(layerMax, summary.maxAbs());
                units.add(summary);
            }
            List<DiagramThumbnail> column = new ArrayList<>();
            for (Summary summary : units) {
                column.add(summary.thumbnail(target, 0, layerMax));
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
            double[] values = new double[cells];
            for (int cell = 0; cell < cells; cell++) {
                values[cell] = predictions[cell][k];
            }
            Summary summary = downsampling.apply(values);
            switch (task) {
                case BINARY -> output.add(summary.thumbnail(target, 0.5, 0.5));
                case MULTICLASS -> output.add(summary.thumbnail(target, 0, 1));
                case REGRESSION -> output.add(summary.thumbnail(target, 0, Math.max(1, summary.maxAbs())));
            }
        }
        columns.add(output);
        return new DiagramThumbnails(target, columns);
    }

    /** A unit's thumbnail image with its full-resolution range (as float values, which the diagram shows). */
    private record Summary(float[] image, double min, double max, double maxAbs) {

        DiagramThumbnail thumbnail(int resolution, double center, double scale) {
            return new DiagramThumbnail(resolution, image, center, scale, min, max);
        }
    }

    /**
     * Box-averages the grid's values down to the thumbnail resolution ({@link BoxAverage}, its map built once per
     * frame rather than per unit) in one pass that also finds their range. Values count at float precision, as the
     * thumbnails store them; a non-finite value makes its box non-finite (divergence stays visible) and stays out
     * of the range.
     */
    private static final class Downsampling {

        private final BoxAverage boxes;

        Downsampling(int sourceResolution, int targetResolution) {
            boxes = new BoxAverage(sourceResolution, targetResolution);
        }

        Summary apply(double[] values) {
            double[] sums = new double[boxes.boxes()];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int cell = 0; cell < values.length; cell++) {
                float value = (float) values[cell];
                sums[boxes.boxOf(cell)] += value;
                if (Float.isFinite(value)) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
            float[] image = boxes.averages(sums);
            double maxAbs = min <= max ? Math.max(Math.abs(min), Math.abs(max)) : 0;
            return new Summary(image, min, max, maxAbs);
        }
    }
}
