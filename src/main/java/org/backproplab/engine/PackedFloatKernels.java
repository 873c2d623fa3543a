package org.backproplab.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C += A·B in single precision on packed operands, with explicit SIMD (the JDK's Vector API, eight floats per
 * 256-bit register): the measuring pass's kernel for layers with many inputs (see {@link FloatDenseLayer}). Used
 * only when {@link SimdSupport#ENABLED}.
 *
 * <p>The register tile: {@value #TILE_ROWS} rows × {@value #TILE_COLUMNS} columns of C stay in eight registers for
 * the whole sum over k. Each step over k loads two vectors of B's row k, broadcasts one value of A per row and issues
 * eight fused multiply-adds. That is 6 loads per 8 multiply-adds, which the load ports sustain while both
 * multiply-add units stay busy; the eight independent sums are just enough to hide the multiply-add latency. Larger
 * tiles (6 × 16: twelve sums, two B vectors and a broadcast) need all sixteen registers, and the JIT then keeps some
 * sums on the stack — measured 2× slower. On W2's first layer (AVX2 processor) the tile runs at 75–94 GFLOP/s, close
 * to the ~92 of a loop of nothing but independent multiply-adds; the plain float kernel reaches ~50.
 *
 * <p>Packing: the loop above reads A and B through plain indices only if both are laid out in the order it reads
 * them. A is cut into panels of {@value #TILE_ROWS} rows stored k by k (panel p holds a[4p + r][k] at k·4 + r), B
 * into panels of {@value #TILE_COLUMNS} columns stored k by k (panel q holds b[k][16q + j] at k·16 + j), so one tile
 * streams two contiguous arrays, with no row arrays to look up per step and no stride across cache lines. Packing
 * copies each operand once; the product reuses every A panel for all B panels and vice versa. Panels are padded
 * with zeros, so the tiles at the edges are computed whole: C must therefore have ⌈rows/4⌉·4 rows of at least
 * ⌈cols/16⌉·16 entries, and its entries beyond rows and cols get 0 added (so they keep their values, but for a
 * −0 turning +0).
 */
final class PackedFloatKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    /** Floats per register. */
    private static final int LANES = 8;
    /** Rows of C (and of an A panel) per tile. */
    static final int TILE_ROWS = 4;
    /** Columns of C (and of a B panel) per tile: two registers. */
    static final int TILE_COLUMNS = 2 * LANES;

    private PackedFloatKernels() {
    }

    /** n rounded up to a whole number of tiles of the given size. */
    static int padded(int n, int tile) {
        return (n + tile - 1) / tile * tile;
    }

    /** Room for A (rows × inner) packed in row panels. */
    static float[][] rowPanels(int rows, int inner) {
        return new float[padded(rows, TILE_ROWS) / TILE_ROWS][inner * TILE_ROWS];
    }

    /** Room for B (inner × cols) packed in column panels. */
    static float[][] columnPanels(int inner, int cols) {
        return new float[padded(cols, TILE_COLUMNS) / TILE_COLUMNS][inner * TILE_COLUMNS];
    }

    /**
     * Packs A = atᵀ (A is rows × inner, so at is inner × rows) as floats: panels[p][k·4 + r] = (float) at[k][4p + r],
     * zero for rows ≥ rows. Packing straight from the transpose, in double, saves a float copy in between: the
     * measuring pass's A is a layer's Wᵀ, and the layer stores W.
     */
    static void packTransposedRows(double[][] at, int rows, int inner, float[][] panels) {
        for (int p = 0; p < panels.length; p++) {
            float[] panel = panels[p];
            int r0 = p * TILE_ROWS;
            int height = Math.min(TILE_ROWS, rows - r0);
            for (int k = 0; k < inner; k++) {
                double[] source = at[k];
                int at0 = k * TILE_ROWS;
                for (int r = 0; r < height; r++) {
                    panel[at0 + r] = (float) source[r0 + r];
                }
                for (int r = height; r < TILE_ROWS; r++) {
                    panel[at0 + r] = 0f;
                }
            }
        }
    }

    /** Packs B (inner × cols): panels[q][k·16 + j] = b[k][16q + j], zero for columns ≥ cols. */
    static void packColumns(float[][] b, int inner, int cols, float[][] panels) {
        int count = padded(cols, TILE_COLUMNS) / TILE_COLUMNS;
        for (int q = 0; q < count; q++) {
            float[] panel = panels[q];
            int j0 = q * TILE_COLUMNS;
            int width = Math.min(TILE_COLUMNS, cols - j0);
            if (width == TILE_COLUMNS) {
                // Two register loads and stores per row: System.arraycopy's call costs more than 16 floats' copy.
                for (int k = 0; k < inner; k++) {
                    int at0 = k * TILE_COLUMNS;
                    FloatVector.fromArray(SPECIES, b[k], j0).intoArray(panel, at0);
                    FloatVector.fromArray(SPECIES, b[k], j0 + LANES).intoArray(panel, at0 + LANES);
                }
                continue;
            }
            for (int k = 0; k < inner; k++) {
                int at0 = k * TILE_COLUMNS;
                System.arraycopy(b[k], j0, panel, at0, width);
                for (int j = width; j < TILE_COLUMNS; j++) {
                    panel[at0 + j] = 0f;
                }
            }
        }
    }

    /**
     * Packs B = btᵀ rows start .. start + cols of bt as floats (B is inner × cols): panels[q][k·16 + j] =
     * (float) bt[start + 16q + j][k], zero for columns ≥ cols. Packing straight from the transpose, in double, saves
     * a float copy in between: the first layer's B is a chunk of examples, stored one example per row.
     */
    static void packTransposedColumns(double[][] bt, int start, int inner, int cols, float[][] panels) {
        int count = padded(cols, TILE_COLUMNS) / TILE_COLUMNS;
        for (int q = 0; q < count; q++) {
            float[] panel = panels[q];
            int j0 = q * TILE_COLUMNS;
            int width = Math.min(TILE_COLUMNS, cols - j0);
            // One source row at a time: its values go to one place in each of the panel's rows, all in the same
            // panel (inner × 16 floats), which stays in the cache while its 16 source rows are read.
            for (int j = 0; j < TILE_COLUMNS; j++) {
                if (j >= width) {
                    for (int k = 0; k < inner; k++) {
                        panel[k * TILE_COLUMNS + j] = 0f;
                    }
                    continue;
                }
                double[] source = bt[start + j0 + j];
                for (int k = 0; k < inner; k++) {
                    panel[k * TILE_COLUMNS + j] = (float) source[k];
                }
            }
        }
    }

    /**
     * c[r][j] += Σ_k a[r][k] · b[k][j] for r &lt; rows, j &lt; cols, k &lt; inner, with A and B packed as above (c padded
     * as the class comment says). Each A panel (4 × inner) stays in the L1 cache while every B panel streams past it.
     */
    static void multiplyAdd(float[][] aPanels, float[][] bPanels, float[][] c, int rows, int inner, int cols) {
        int rowPanels = padded(rows, TILE_ROWS) / TILE_ROWS;
        int columnPanels = padded(cols, TILE_COLUMNS) / TILE_COLUMNS;
        for (int p = 0; p < rowPanels; p++) {
            int r = p * TILE_ROWS;
            for (int q = 0; q < columnPanels; q++) {
                tile(aPanels[p], bPanels[q], inner, c[r], c[r + 1], c[r + 2], c[r + 3], q * TILE_COLUMNS);
            }
        }
    }

    /** c0..c3[j .. j+16) += (A panel)·(B panel): eight sums in registers, written back once. */
    private static void tile(float[] a, float[] b, int inner, float[] c0, float[] c1, float[] c2, float[] c3,
                             int j) {
        FloatVector c0l = FloatVector.fromArray(SPECIES, c0, j);
        FloatVector c0r = FloatVector.fromArray(SPECIES, c0, j + LANES);
        FloatVector c1l = FloatVector.fromArray(SPECIES, c1, j);
        FloatVector c1r = FloatVector.fromArray(SPECIES, c1, j + LANES);
        FloatVector c2l = FloatVector.fromArray(SPECIES, c2, j);
        FloatVector c2r = FloatVector.fromArray(SPECIES, c2, j + LANES);
        FloatVector c3l = FloatVector.fromArray(SPECIES, c3, j);
        FloatVector c3r = FloatVector.fromArray(SPECIES, c3, j + LANES);
        for (int k = 0; k < inner; k++) {
            int bk = k * TILE_COLUMNS;
            int ak = k * TILE_ROWS;
            FloatVector bl = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector br = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector s = FloatVector.broadcast(SPECIES, a[ak]);
            c0l = bl.fma(s, c0l);
            c0r = br.fma(s, c0r);
            s = FloatVector.broadcast(SPECIES, a[ak + 1]);
            c1l = bl.fma(s, c1l);
            c1r = br.fma(s, c1r);
            s = FloatVector.broadcast(SPECIES, a[ak + 2]);
            c2l = bl.fma(s, c2l);
            c2r = br.fma(s, c2r);
            s = FloatVector.broadcast(SPECIES, a[ak + 3]);
            c3l = bl.fma(s, c3l);
            c3r = br.fma(s, c3r);
        }
        c0l.intoArray(c0, j);
        c0r.intoArray(c0, j + LANES);
        c1l.intoArray(c1, j);
        c1r.intoArray(c1, j + LANES);
        c2l.intoArray(c2, j);
        c2r.intoArray(c2, j + LANES);
        c3l.intoArray(c3, j);
        c3r.intoArray(c3, j + LANES);
    }
}
