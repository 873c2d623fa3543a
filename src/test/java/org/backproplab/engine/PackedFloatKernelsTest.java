package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packed float kernel against a plain triple loop in double, over shapes that hit every edge of its 4 × 16 tile:
 * rows 1..9 (whole tiles, and 1–3 rows of zero padding), columns 1, 15, 16, 17, 33 (a lone column, a padded tile,
 * one and several whole tiles plus a padded one) and inner sizes from 1 up. Runs only where the Vector API is in use.
 */
class PackedFloatKernelsTest {

    private static final int TILE_ROWS = PackedFloatKernels.TILE_ROWS;
    private static final int TILE_COLUMNS = PackedFloatKernels.TILE_COLUMNS;
    private final SplittableRandom random = new SplittableRandom(5);

    @BeforeEach
    void needsSimd() {
        assumeTrue(SimdSupport.enabled(), "SIMD kernels not in use in this JVM (" + SimdSupport.describe()
                + "): nothing to compare");
    }

    private float[][] matrix(int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) random.nextDouble(-2, 2);
            }
        }
        return m;
    }

    private static double[][] transposeToDouble(float[][] a, int rows, int cols) {
        double[][] t = new double[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                t[k][r] = a[r][k];
            }
        }
        return t;
    }

    @Test
    void productMatchesATripleLoopAndLeavesThePaddingAsItWas() {
        for (int rows = 1; rows <= 9; rows++) {
            for (int cols : new int[] {1, 15, 16, 17, 33}) {
                for (int inner : new int[] {1, 2, 7, 64, 1 + random.nextInt(300)}) {
                    float[][] a = matrix(rows, inner);
                    float[][] b = matrix(inner, cols);
                    int paddedRows = PackedFloatKernels.padded(rows, TILE_ROWS);
                    int paddedCols = PackedFloatKernels.padded(cols, TILE_COLUMNS);
                    float[][] c = matrix(paddedRows, paddedCols);
                    float[][] before = new float[paddedRows][];
                    for (int r = 0; r < paddedRows; r++) {
                        before[r] = c[r].clone();
                    }

                    String shape = rows + "x" + inner + "·" + inner + "x" + cols;
                    float[][] aPanels = PackedFloatKernels.rowPanels(rows, inner);
                    float[][] bPanels = PackedFloatKernels.columnPanels(inner, cols);
                    PackedFloatKernels.packTransposedRows(transposeToDouble(a, rows, inner), rows, inner, aPanels);
                    PackedFloatKernels.packColumns(b, inner, cols, bPanels);
                    assertSamePanels(bPanels, packedFromTranspose(b, inner, cols), shape);
                    PackedFloatKernels.multiplyAdd(aPanels, bPanels, c, rows, inner, cols);

                    for (int r = 0; r < paddedRows; r++) {
                        for (int j = 0; j < paddedCols; j++) {
                            if (r >= rows || j >= cols) {
                                assertEquals(before[r][j], c[r][j], shape + ": padding [" + r + "][" + j + "]");
                                continue;
                            }
                            double expected = before[r][j];
                            double magnitude = Math.abs(before[r][j]);
                            for (int k = 0; k < inner; k++) {
                                expected += (double) a[r][k] * b[k][j];
                                magnitude += Math.abs((double) a[r][k] * b[k][j]);
                            }
                            // Float rounding: each of the inner + 1 additions errs by at most 2⁻²⁴ of the running sum.
                            double tolerance = (inner + 1) * 0x1p-24 * magnitude;
                            assertEquals(expected, c[r][j], tolerance, shape + " [" + r + "][" + j + "]");
                        }
                    }
                }
            }
        }
    }

    /** B packed by packTransposedColumns from bᵀ as doubles, placed after two rows that must be skipped. */
    private static float[][] packedFromTranspose(float[][] b, int inner, int cols) {
        double[][] bt = new double[cols + 2][inner];
        java.util.Arrays.fill(bt[0], Double.NaN);
        java.util.Arrays.fill(bt[1], Double.NaN);
        for (int k = 0; k < inner; k++) {
            for (int j = 0; j < cols; j++) {
                bt[2 + j][k] = b[k][j];
            }
        }
        float[][] panels = PackedFloatKernels.columnPanels(inner, cols);
        for (float[] panel : panels) {
            java.util.Arrays.fill(panel, Float.NaN); // stale values must not survive packing
        }
        PackedFloatKernels.packTransposedColumns(bt, 2, inner, cols, panels);
        return panels;
    }

    private static void assertSamePanels(float[][] expected, float[][] actual, String shape) {
        assertEquals(expected.length, actual.length, shape + ": panels");
        for (int q = 0; q < expected.length; q++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected[q], actual[q], shape + ": panel " + q);
        }
    }

    @Test
    void packingLaysOutPanelsKByKWithZerosPastTheEdge() {
        float[][] b = matrix(3, 18);
        float[][] bPanels = PackedFloatKernels.columnPanels(3, 18);
        for (float[] panel : bPanels) {
            java.util.Arrays.fill(panel, Float.NaN); // stale values must not survive packing
        }
        PackedFloatKernels.packColumns(b, 3, 18, bPanels);
        assertEquals(2, bPanels.length);
        assertEquals(b[2][5], bPanels[0][2 * TILE_COLUMNS + 5]);
        assertEquals(b[1][17], bPanels[1][TILE_COLUMNS + 1]);
        assertEquals(0f, bPanels[1][TILE_COLUMNS + 2]);

        double[][] at = {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}};
        float[][] aPanels = PackedFloatKernels.rowPanels(5, 2);
        for (float[] panel : aPanels) {
            java.util.Arrays.fill(panel, Float.NaN);
        }
        PackedFloatKernels.packTransposedRows(at, 5, 2, aPanels);
        assertEquals(2, aPanels.length);
        assertEquals(8f, aPanels[0][TILE_ROWS + 2]); // a[2][1] = at[1][2]
        assertEquals(10f, aPanels[1][TILE_ROWS]); // a[4][1]
        assertEquals(0f, aPanels[1][TILE_ROWS + 1]); // row 5 does not exist
    }
}
