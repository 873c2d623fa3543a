package org.backproplab.engine;

/**
 * The two matrix products that do nearly all of the work of training, written so that the JIT compiler turns
 * their inner loops into SIMD instructions.
 *
 * <p>Matrices are arrays of rows ({@code double[row][column]}). Every inner loop has the shape
 * {@code c[j] = fma(s, b[j], c[j])}: the same index j in separate row arrays, which C2 vectorizes, while the
 * scalar coefficients s stay in registers. The loops are blocked — two output rows times four inner indices per
 * pass — so each loaded element of b feeds two fused multiply-adds and each load/store of c carries four; one to
 * three leftover inner indices take at most two more passes. A·B additionally walks the inner index in blocks of
 * 128 so that the rows of b in use stay in the cache (about 25 % faster at 64×784 · 784×256 than streaming all of
 * b for every pair of rows). Splitting the columns into tiles was measured to be slower: at ≤ 256 columns, long
 * inner loops matter more.
 */
final class MatrixKernels {

    private MatrixKernels() {
    }

    /**
     * c[r][j] += Σ_k a[r][k] · b[k][j] for r &lt; rows, k &lt; inner, j &lt; cols (C += A·B).
     */
    static void multiplyAdd(double[][] a, double[][] b, double[][] c, int rows, int inner, int cols) {
        // Inner-index blocks: all rows are first swept with b's rows k0..k1 only, so that slice of b stays in the
        // cache instead of being streamed again from memory for every pair of rows (matters at 784×256).
        for (int k0 = 0; k0 < inner; k0 += INNER_BLOCK) {
            multiplyAddBlock(a, b, c, rows, k0, Math.min(inner, k0 + INNER_BLOCK), cols);
        }
    }

    /** Rows of b whose slice is reused across all output rows (128 rows of 256 doubles = 256 KB). */
    private static final int INNER_BLOCK = 128;

    private static void multiplyAddBlock(double[][] a, double[][] b, double[][] c, int rows, int k0, int k1,
                                         int cols) {
        int from = 0;
        int to = cols;
        int r = 0;
        for (; r + 1 < rows; r += 2) {
            double[] a0 = a[r];
            double[] a1 = a[r + 1];
            double[] c0 = c[r];
            double[] c1 = c[r + 1];
            int k = k0;
            for (; k + 3 < k1; k += 4) {
                fourTermsTwoRows(a0[k], a0[k + 1], a0[k + 2], a0[k + 3],
                        a1[k], a1[k + 1], a1[k + 2], a1[k + 3],
                        b[k], b[k + 1], b[k + 2], b[k + 3], c0, c1, from, to);
            }
            if (k + 1 < k1) {
                twoTermsTwoRows(a0[k], a0[k + 1], a1[k], a1[k + 1], b[k], b[k + 1], c0, c1, from, to);
                k += 2;
            }
            if (k < k1) {
                oneTermTwoRows(a0[k], a1[k], b[k], c0, c1, from, to);
            }
        }
        if (r < rows) {
            double[] a0 = a[r];
            double[] c0 = c[r];
            int k = k0;
            for (; k + 3 < k1; k += 4) {
                fourTermsOneRow(a0[k], a0[k + 1], a0[k + 2], a0[k + 3],
                        b[k], b[k + 1], b[k + 2], b[k + 3], c0, from, to);
            }
            if (k + 1 < k1) {
                twoTermsOneRow(a0[k], a0[k + 1], b[k], b[k + 1], c0, from, to);
                k += 2;
            }
            if (k < k1) {
                oneTermOneRow(a0[k], b[k], c0, from, to);
            }
        }
    }

    /**
     * c[i][j] = Σ_r a[r][i] · b[r][j] for i &lt; rows, r &lt; inner, j &lt; cols (C = Aᵀ·B, overwriting C), without
     * forming Aᵀ. This is how a kernel's gradient is summed over a mini-batch: ∂L/∂W = Xᵀ · ∂L/∂Z. Each pair of
     * rows of C is cleared right before it is accumulated, while it is in the cache anyway.
     *
     * @param lanes at least cols entries, overwritten: each finished row of C adds its squares there while the row
     *              is still in the cache (a wide layer's gradient is larger than the cache, and a separate pass for
     *              the clipping norm would fetch it again)
     * @return Σ c², exactly as {@link Parameter#squaredNorm} sums it
     */
    static double transposedMultiply(double[][] a, double[][] b, double[][] c, int rows, int inner, int cols,
                                     double[] lanes) {
        java.util.Arrays.fill(lanes, 0, cols, 0.0);
        int from = 0;
        int to = cols;
        int i = 0;
        for (; i + 1 < rows; i += 2) {
            double[] c0 = c[i];
            double[] c1 = c[i + 1];
            java.util.Arrays.fill(c0, 0, cols, 0.0);
            java.util.Arrays.fill(c1, 0, cols, 0.0);
            int r = 0;
            for (; r + 3 < inner; r += 4) {
                double[] x0 = a[r];
                double[] x1 = a[r + 1];
                double[] x2 = a[r + 2];
                double[] x3 = a[r + 3];
                fourTermsTwoRows(x0[i], x1[i], x2[i], x3[i], x0[i + 1], x1[i + 1], x2[i + 1], x3[i + 1],
                        b[r], b[r + 1], b[r + 2], b[r + 3], c0, c1, from, to);
            }
            if (r + 1 < inner) {
                twoTermsTwoRows(a[r][i], a[r + 1][i], a[r][i + 1], a[r + 1][i + 1], b[r], b[r + 1], c0, c1, from, to);
                r += 2;
            }
            if (r < inner) {
                oneTermTwoRows(a[r][i], a[r][i + 1], b[r], c0, c1, from, to);
            }
            Parameter.addSquares(c0, lanes, cols);
            Parameter.addSquares(c1, lanes, cols);
        }
        if (i < rows) {
            double[] c0 = c[i];
            java.util.Arrays.fill(c0, 0, cols, 0.0);
            int r = 0;
            for (; r + 3 < inner; r += 4) {
                fourTermsOneRow(a[r][i], a[r + 1][i], a[r + 2][i], a[r + 3][i],
                        b[r], b[r + 1], b[r + 2], b[r + 3], c0, from, to);
            }
            if (r + 1 < inner) {
                twoTermsOneRow(a[r][i], a[r + 1][i], b[r], b[r + 1], c0, from, to);
                r += 2;
            }
            if (r < inner) {
                oneTermOneRow(a[r][i], b[r], c0, from, to);
            }
            Parameter.addSquares(c0, lanes, cols);
        }
        return Parameter.sum(lanes, cols);
    }

    private static void fourTermsTwoRows(double s00, double s01, double s02, double s03,
                                         double s10, double s11, double s12, double s13,
                                         double[] b0, double[] b1, double[] b2, double[] b3,
                                         double[] c0, double[] c1, int from, int to) {
        for (int j = from; j < to; j++) {
            double v0 = b0[j];
            double v1 = b1[j];
            double v2 = b2[j];
            double v3 = b3[j];
            c0[j] = Math.fma(s03, v3, Math.fma(s02, v2, Math.fma(s01, v1, Math.fma(s00, v0, c0[j]))));
            c1[j] = Math.fma(s13, v3, Math.fma(s12, v2, Math.fma(s11, v1, Math.fma(s10, v0, c1[j]))));
        }
    }

    // The leftover one to three inner indices take at most two passes over c (each pass loads and stores c).
    private static void twoTermsTwoRows(double s00, double s01, double s10, double s11, double[] b0, double[] b1,
                                        double[] c0, double[] c1, int from, int to) {
        for (int j = from; j < to; j++) {
            double v0 = b0[j];
            double v1 = b1[j];
            c0[j] = Math.fma(s01, v1, Math.fma(s00, v0, c0[j]));
            c1[j] = Math.fma(s11, v1, Math.fma(s10, v0, c1[j]));
        }
    }

    private static void twoTermsOneRow(double s0, double s1, double[] b0, double[] b1, double[] c0, int from,
                                       int to) {
        for (int j = from; j < to; j++) {
            c0[j] = Math.fma(s1, b1[j], Math.fma(s0, b0[j], c0[j]));
        }
    }

    private static void oneTermTwoRows(double s0, double s1, double[] b0, double[] c0, double[] c1,
                                       int from, int to) {
        for (int j = from; j < to; j++) {
            double v = b0[j];
            c0[j] = Math.fma(s0, v, c0[j]);
            c1[j] = Math.fma(s1, v, c1[j]);
        }
    }

    private static void fourTermsOneRow(double s0, double s1, double s2, double s3,
                                        double[] b0, double[] b1, double[] b2, double[] b3,
                                        double[] c0, int from, int to) {
        for (int j = from; j < to; j++) {
            c0[j] = Math.fma(s3, b3[j], Math.fma(s2, b2[j], Math.fma(s1, b1[j], Math.fma(s0, b0[j], c0[j]))));
        }
    }

    private static void oneTermOneRow(double s0, double[] b0, double[] c0, int from, int to) {
        for (int j = from; j < to; j++) {
            c0[j] = Math.fma(s0, b0[j], c0[j]);
        }
    }
}
