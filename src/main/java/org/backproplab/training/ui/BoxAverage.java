package org.backproplab.training.ui;

/**
 * Box-averaging of a square row-major image from a source resolution S down to a target resolution T ≤ S: target
 * row t covers source rows [t·S/T, (t+1)·S/T), and columns likewise. The cell-to-box map is computed once, so one
 * instance averages many images of the same size cheaply. A non-finite cell makes its box non-finite, so
 * divergence stays visible.
 */
final class BoxAverage {

    private final int[] boxOfCell;
    private final double[] cellsPerBox;

    BoxAverage(int sourceResolution, int targetResolution) {
        boxOfCell = new int[sourceResolution * sourceResolution];
        cellsPerBox = new double[targetResolution * targetResolution];
        int[] boxIndex = new int[sourceResolution];
        for (int box = 0; box < targetResolution; box++) {
            for (int cell = box * sourceResolution / targetResolution;
                 cell < (box + 1) * sourceResolution / targetResolution; cell++) {
                boxIndex[cell] = box;
            }
        }
        for (int row = 0; row < sourceResolution; row++) {
            for (int column = 0; column < sourceResolution; column++) {
                int box = boxIndex[row] * targetResolution + boxIndex[column];
                boxOfCell[row * sourceResolution + column] = box;
                cellsPerBox[box]++;
            }
        }
    }

    /** The box (target cell) a source cell falls in. */
    int boxOf(int cell) {
        return boxOfCell[cell];
    }

    /** Number of boxes, T². */
    int boxes() {
        return cellsPerBox.length;
    }

    /** Each box's sum over its cells, divided by its cell count. */
    float[] averages(double[] sums) {
        float[] image = new float[sums.length];
        for (int box = 0; box < sums.length; box++) {
            image[box] = (float) (sums[box] / cellsPerBox[box]);
        }
        return image;
    }

    /** The averaged image of {@code source} (S² values). */
    float[] apply(float[] source) {
        double[] sums = new double[boxes()];
        for (int cell = 0; cell < source.length; cell++) {
            sums[boxOfCell[cell]] += source[cell];
        }
        return averages(sums);
    }
}
