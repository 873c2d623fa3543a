package org.backproplab.engine;

/**
 * C += A·B in single precision, for the epoch-end measuring pass only (training always runs in double). A SIMD
 * register holds eight floats instead of four doubles, so the same loop does twice the work per instruction and
 * moves half the bytes. Same loop shapes and blocking as {@link MatrixKernels#multiplyAdd}, which explains them.
 * Plain loops the JIT vectorizes: the kernel of layers with few inputs, and of every layer without SIMD (layers with
 * many inputs otherwise use {@link PackedFloatKernels}; see {@link FloatDenseLayer}).
 */
final class FloatKernels {

    /** Rows of b whose slice is reused across all output rows (128 rows of 128 floats = 64 KB). */
    private static final int INNER_BLOCK = 128;

    private FloatKernels() {
    }

    /** c[r][j] += Σ_k a[r][k] · b[k][j] for r &lt; rows, k &lt; inner, j &lt; cols. */
    static void multiplyAdd(float[][] a, float[][] b, float[][] c, int rows, int inner, int cols) {
        for (int k0 = 0; k0 < inner; k0 += INNER_BLOCK) {
            multiplyAddBlock(a, b, c, rows, k0, Math.min(inner, k0 + INNER_BLOCK), cols);
        }
    }

    private static void multiplyAddBlock(float[][] a, float[][] b, float[][] c, int rows, int k0, int k1,
                                         int cols) {
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            float[] a0 = a[r];
            float[] a1 = a[r + 1];
            float[] a2 = a[r + 2];
            float[] a3 = a[r + 3];
            int k = k0;
            for (; k + 3 < k1; k += 4) {
                fourTermsFourRows(a0, a1, a2, a3, k, b[k], b[k + 1], b[k + 2], b[k + 3],
                        c[r], c[r + 1], c[r + 2], c[r + 3], cols);
            }
            for (; k < k1; k++) {
                oneTermTwoRows(a0[k], a1[k], b[k], c[r], c[r + 1], cols);
                oneTermTwoRows(a2[k], a3[k], b[k], c[r + 2], c[r + 3], cols);
            }
        }
        for (; r + 1 < rows; r += 2) {
            float[] a0 = a[r];
            float[] a1 = a[r + 1];
            float[] c0 = c[r];
            float[] c1 = c[r + 1];
            int k = k0;
            for (; k + 3 < k1; k += 4) {
                fourTermsTwoRows(a0[k], a0[k + 1], a0[k + 2], a0[k + 3], a1[k], a1[k + 1], a1[k + 2], a1[k + 3],
                        b[k], b[k + 1], b[k + 2], b[k + 3], c0, c1, cols);
            }
            for (; k < k1; k++) {
                oneTermTwoRows(a0[k], a1[k], b[k], c0, c1, cols);
            }
        }
        if (r < rows) {
            float[] a0 = a[r];
            float[] c0 = c[r];
            for (int k = k0; k < k1; k++) {
                oneTermOneRow(a0[k], b[k], c0, cols);
            }
        }
    }

    /** Four output rows at once: each loaded element of b feeds four multiply-adds (loads, not FMAs, limit here). */
    private static void fourTermsFourRows(float[] a0, float[] a1, float[] a2, float[] a3, int k,
                                          float[] b0, float[] b1, float[] b2, float[] b3,
                                          float[] c0, float[] c1, float[] c2, float[] c3, int cols) {
        float s00 = a0[k], s01 = a0[k + 1], s02 = a0[k + 2], s03 = a0[k + 3];
        float s10 = a1[k], s11 = a1[k + 1], s12 = a1[k + 2], s13 = a1[k + 3];
        float s20 = a2[k], s21 = a2[k + 1], s22 = a2[k + 2], s23 = a2[k + 3];
        float s30 = a3[k], s31 = a3[k + 1], s32 = a3[k + 2], s33 = a3[k + 3];
        for (int j = 0; j < cols; j++) {
            float v0 = b0[j];
            float v1 = b1[j];
            float v2 = b2[j];
            float v3 = b3[j];
            c0[j] = Math.fma(s03, v3, Math.fma(s02, v2, Math.fma(s01, v1, Math.fma(s00, v0, c0[j]))));
            c1[j] = Math.fma(s13, v3, Math.fma(s12, v2, Math.fma(s11, v1, Math.fma(s10, v0, c1[j]))));
            c2[j] = Math.fma(s23, v3, Math.fma(s22, v2, Math.fma(s21, v1, Math.fma(s20, v0, c2[j]))));
            c3[j] = Math.fma(s33, v3, Math.fma(s32, v2, Math.fma(s31, v1, Math.fma(s30, v0, c3[j]))));
        }
    }

    private static void fourTermsTwoRows(float s00, float s01, float s02, float s03,
                                         float s10, float s11, float s12, float s13,
                                         float[] b0, float[] b1, float[] b2, float[] b3,
                                         float[] c0, float[] c1, int cols) {
        for (int j = 0; j < cols; j++) {
            float v0 = b0[j];
            float v1 = b1[j];
            float v2 = b2[j];
            float v3 = b3[j];
            c0[j] = Math.fma(s03, v3, Math.fma(s02, v2, Math.fma(s01, v1, Math.fma(s00, v0, c0[j]))));
            c1[j] = Math.fma(s13, v3, Math.fma(s12, v2, Math.fma(s11, v1, Math.fma(s10, v0, c1[j]))));
        }
    }

    private static void oneTermOneRow(float s0, float[] b0, float[] c0, int cols) {
        for (int j = 0; j < cols; j++) {
            c0[j] = Math.fma(s0, b0[j], c0[j]);
        }
    }

    private static void oneTermTwoRows(float s0, float s1, float[] b0, float[] c0, float[] c1, int cols) {
        for (int j = 0; j < cols; j++) {
            float v = b0[j];
            c0[j] = Math.fma(s0, v, c0[j]);
            c1[j] = Math.fma(s1, v, c1[j]);
        }
    }
}
