package org.backproplab.training.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.backproplab.engine.Task;
import org.junit.jupiter.api.Test;

class DiagramThumbnailsTest {

    /**
     * The lab's 40×40 grid does not divide evenly into 16×16 thumbnails (boxes of 2 or 3 cells a side): every
     * thumbnail must still be the box average of BoundaryCodec.average over the float values, with the unit's range
     * over its finite values, and a box holding a non-finite value must stay non-finite.
     */
    @Test
    void thumbnailsAreBoxAveragesOfTheFloatValuesWithTheirFiniteRange() {
        BoundaryGrid grid = BoundaryGrid.of(BoundaryGrid.InputMapping.RAW, LabVisuals.BOUNDARY_RESOLUTION);
        Random random = new Random(7);
        double[][][] hidden = new double[2][3][grid.cells()];
        for (double[][] layer : hidden) {
            for (double[] unit : layer) {
                for (int cell = 0; cell < unit.length; cell++) {
                    unit[cell] = random.nextGaussian() * 3;
                }
            }
        }
        hidden[1][2][41] = Double.NaN; // row 1, column 1: in the first box
        double[][] predictions = new double[grid.cells()][1];
        for (int cell = 0; cell < grid.cells(); cell++) {
            predictions[cell][0] = random.nextDouble();
        }

        DiagramThumbnails thumbnails = DiagramThumbnails.fromGrid(grid, hidden, predictions, Task.BINARY);

        assertEquals(16, thumbnails.resolution());
        for (int layer = 0; layer < hidden.length; layer++) {
            double layerMax = 1;
            for (int unit = 0; unit < hidden[layer].length; unit++) {
                float[] floats = toFloats(hidden[layer][unit]);
                DiagramThumbnail thumbnail = thumbnails.columns().get(layer + 1).get(unit);
                assertArrayEquals(BoundaryCodec.average(floats, grid.resolution(), 16), thumbnail.values());
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (float value : floats) {
                    if (Float.isFinite(value)) {
                        min = Math.min(min, value);
                        max = Math.max(max, value);
                    }
                }
                assertEquals(min, thumbnail.min());
                assertEquals(max, thumbnail.max());
                layerMax = Math.max(layerMax, Math.max(-min, max));
            }
            for (DiagramThumbnail thumbnail : thumbnails.columns().get(layer + 1)) {
                assertEquals(layerMax, thumbnail.scale(), "one scale per hidden layer");
            }
        }
        assertTrue(Float.isNaN(thumbnails.columns().get(2).get(2).values()[0]));
        DiagramThumbnail output = thumbnails.columns().get(3).get(0);
        assertArrayEquals(BoundaryCodec.average(toFloats(column(predictions)), grid.resolution(), 16),
                output.values());
        assertEquals(0.5, output.center());
        DiagramThumbnail x1 = thumbnails.columns().get(0).get(0);
        assertEquals(grid.inputs()[0][0], x1.min(), 1e-6);
        assertEquals(Math.abs(grid.inputs()[0][0]), x1.scale(), 1e-6);
    }

    private static double[] column(double[][] rows) {
        double[] values = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            values[i] = rows[i][0];
        }
        return values;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
