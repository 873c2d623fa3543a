package org.backproplab.training.ui;

import java.util.Objects;

/**
 * The evaluation grid behind the decision boundary and the unit thumbnails: {@code resolution × resolution} cell
 * centres covering the raw input square [-6, 6]², row-major with the first row at the top (x2 near +6) and the first
 * column at the left (x1 near -6). {@code inputs[cell]} is the network input of each cell after the dataset's
 * feature mapping, so one forward pass over {@code inputs} yields the boundary and every unit's thumbnail.
 */
public record BoundaryGrid(int resolution, double[][] inputs) {

    /** Half the side of the input square: points live in [-EXTENT, EXTENT]². */
    public static final double EXTENT = 6.0;
    public static final int MIN_RESOLUTION = 4;
    public static final int MAX_RESOLUTION = 256;
    public static final int DEFAULT_RESOLUTION = 64;

    /**
     * Maps a raw point of the square to the network's input vector. It has the shape of the datasets' FeatureMap,
     * so {@code featureMap::apply} fits.
     */
    @FunctionalInterface
    public interface InputMapping {
        double[] apply(double x1, double x2);

        /** The identity mapping (features x1, x2). */
        InputMapping RAW = (x1, x2) -> new double[] {x1, x2};
    }

    public BoundaryGrid {
        requireResolution(resolution);
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.length != resolution * resolution) {
            throw new IllegalArgumentException("inputs must have resolution² = " + resolution * resolution
                    + " rows, got " + inputs.length);
        }
    }

    /** Builds the grid's network inputs through {@code mapping}. */
    public static BoundaryGrid of(InputMapping mapping, int resolution) {
        Objects.requireNonNull(mapping, "mapping");
        requireResolution(resolution);
        double[][] inputs = new double[resolution * resolution][];
        for (int row = 0; row < resolution; row++) {
            double x2 = x2(row, resolution);
            for (int column = 0; column < resolution; column++) {
                inputs[row * resolution + column] = mapping.apply(x1(column, resolution), x2);
            }
        }
        return new BoundaryGrid(resolution, inputs);
    }

    /** The raw x1 of a column's cell centre. */
    public static double x1(int column, int resolution) {
        return -EXTENT + (column + 0.5) * (2 * EXTENT / resolution);
    }

    /** The raw x2 of a row's cell centre (row 0 is the top, near +6). */
    public static double x2(int row, int resolution) {
        return EXTENT - (row + 0.5) * (2 * EXTENT / resolution);
    }

    public int cells() {
        return resolution * resolution;
    }

    static void requireResolution(int resolution) {
        if (resolution < MIN_RESOLUTION || resolution > MAX_RESOLUTION) {
            throw new IllegalArgumentException("resolution must be in " + MIN_RESOLUTION + ".." + MAX_RESOLUTION
                    + ", got " + resolution);
        }
    }
}
