package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels against the plain loops (and against the formulas themselves), over shapes that exercise every
 * tile and every leftover path: rows 1..11 (5-, 4-, 2- and 1-row tiles), columns 1..37 (8- and 4-wide tiles and single
 * columns). Runs only where the Vector API is in use; the plain-loops test run covers the other side.
 */
class VectorKernelsTest {

    private static final double TOLERANCE = 1e-13;
    private final SplittableRandom random = new SplittableRandom(11);

    @BeforeEach
    void needsSimd() {
        assumeTrue(SimdSupport.enabled(), "SIMD kernels not in use in this JVM (" + SimdSupport.describe()
                + "): nothing to compare");
    }

    private double[][] matrix(int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextDouble(-2, 2);
            }
        }
        return m;
    }

    private static void assertClose(double[][] expected, double[][] actual, int rows, int cols, String what) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double scale = Math.max(1, Math.abs(expected[r][j]));
                assertEquals(expected[r][j], actual[r][j], TOLERANCE * scale, what + " [" + r + "][" + j + "]");
            }
        }
    }

    @Test
    void productMatchesThePlainKernelWithAndWithoutBias() {
        for (int rows = 1; rows <= 11; rows++) {
            for (int cols : new int[] {1, 3, 4, 5, 8, 10, 12, 16, 31, 32, 37}) {
                int inner = 1 + random.nextInt(40);
                double[][] a = matrix(rows, inner);
                double[][] b = matrix(inner, cols);
                double[] bias = matrix(1, cols)[0];
                double[][] expected = new double[rows][cols];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(bias, 0, expected[r], 0, cols);
                }
                MatrixKernels.multiplyAdd(a, b, expected, rows, inner, cols);
                double[][] actual = matrix(rows + 1, cols + 1); // stale values must be overwritten, extras untouched
                double untouched = actual[rows][cols];
                VectorKernels.product(a, b, bias, actual, rows, inner, cols);
                assertClose(expected, actual, rows, cols, rows + "x" + inner + "·" + inner + "x" + cols + " + bias");
                assertEquals(untouched, actual[rows][cols]);

                double[][] plain = new double[rows][cols];
                MatrixKernels.multiplyAdd(a, b, plain, rows, inner, cols);
                VectorKernels.product(a, b, null, actual, rows, inner, cols);
                assertClose(plain, actual, rows, cols, rows + "x" + inner + "·" + inner + "x" + cols);
            }
        }
    }

    @Test
    void timesTransposedMatchesThePlainKernelOnTheTransposedCopy() {
        // Rows 1..11 reach both row tiles; columns and inner lengths every leftover of the 4-wide tiles and lanes.
        for (int rows = 1; rows <= 11; rows++) {
            for (int cols : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 32, 33}) {
                for (int inner : new int[] {1, 2, 3, 4, 5, 7, 8, 10, 32, 37}) {
                    double[][] a = matrix(rows, inner);
                    double[][] b = matrix(cols, inner);
                    double[][] bTransposed = new double[inner][cols];
                    for (int i = 0; i < cols; i++) {
                        for (int k = 0; k < inner; k++) {
                            bTransposed[k][i] = b[i][k];
                        }
                    }
                    double[][] expected = new double[rows][cols];
                    MatrixKernels.multiplyAdd(a, bTransposed, expected, rows, inner, cols);
                    double[][] actual = matrix(rows + 1, cols + 1); // stale values must be overwritten, extras untouched
                    double untouchedRow = actual[rows][0];
                    double untouchedColumn = actual[0][cols];
                    VectorKernels.timesTransposed(a, b, actual, rows, inner, cols);
                    assertClose(expected, actual, rows, cols, "A·Bᵀ " + rows + "x" + inner + "·(" + cols + "x" + inner + ")ᵀ");
                    assertEquals(untouchedRow, actual[rows][0]);
                    assertEquals(untouchedColumn, actual[0][cols]);
                }
            }
        }
    }

    @Test
    void transposedProductMatchesThePlainKernel() {
        // Up to 11 rows reach every tile and leftover; 20 and 32 rows take several 5-row tiles and then 4-row ones.
        for (int rows : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 20, 32}) {
            for (int cols : new int[] {1, 2, 4, 7, 8, 9, 16, 20, 32, 33}) {
                int inner = 1 + random.nextInt(20);
                double[][] a = matrix(inner, rows);
                double[][] b = matrix(inner, cols);
                double[][] expected = new double[rows][cols];
                double plainSquares = MatrixKernels.transposedMultiply(a, b, expected, rows, inner, cols,
                        matrix(1, cols)[0]);
                // Summed row by row on the way, exactly as the trainer's separate pass would sum it.
                assertEquals(Parameter.squaredNorm(expected, new double[cols]), plainSquares,
                        "the plain kernel's Σc² " + rows + "x" + cols);
                double[][] actual = matrix(rows, cols);
                double[] sums = matrix(1, cols)[0];
                double squares = VectorKernels.transposedProduct(a, b, actual, sums, rows, inner, cols);
                assertClose(expected, actual, rows, cols, "Aᵀ·B " + rows + "x" + cols + " over " + inner);
                double expectedSquares = 0;
                for (double[] row : expected) {
                    for (double v : row) {
                        expectedSquares += v * v;
                    }
                }
                assertEquals(expectedSquares, squares, 1e-12 * expectedSquares, "Σc² " + rows + "x" + cols);
                for (int j = 0; j < cols; j++) {
                    double sum = 0;
                    for (int r = 0; r < inner; r++) {
                        sum += b[r][j];
                    }
                    assertEquals(sum, sums[j], 1e-13, "column sum " + j + " of " + cols);
                }
                VectorKernels.transposedProduct(a, b, actual, null, rows, inner, cols);
                assertClose(expected, actual, rows, cols, "Aᵀ·B without sums");
            }
        }
    }

    @Test
    void squaredNormsMatchTheirDefinition() {
        for (int cols : new int[] {1, 3, 4, 6, 8, 12, 16, 17, 24, 33, 64}) {
            int rows = 1 + random.nextInt(12);
            double[][] m = matrix(rows, cols);
            double squares = 0;
            for (int j = 0; j < cols; j++) {
                for (int r = 0; r < rows; r++) {
                    squares += m[r][j] * m[r][j];
                }
            }
            assertEquals(squares, VectorKernels.squaredNorm(m, cols), 1e-13 * squares, cols + " columns");
            assertEquals(Parameter.squaredNorm(m, new double[cols]), VectorKernels.squaredNorm(m, cols),
                    1e-13 * squares);
        }
    }

    @Test
    void updateRulesFollowTheirFormulas() {
        int rows = 5;
        for (int cols : new int[] {1, 4, 7, 8, 13}) {
            double[][] g = matrix(rows, cols);
            double[][] w = matrix(rows, cols);
            double[][] before = copy(w);

            double valueSquares = VectorKernels.sgdStep(w, g, cols, 0.1);
            double expectedValueSquares = 0;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    assertEquals(before[i][j] - 0.1 * g[i][j], w[i][j], 1e-15, "sgd");
                    expectedValueSquares += w[i][j] * w[i][j];
                }
            }
            assertEquals(expectedValueSquares, valueSquares, 1e-13 * expectedValueSquares, "sgd ‖w‖²");

            double[][] v = matrix(rows, cols);
            double[][] v0 = copy(v);
            before = copy(w);
            VectorKernels.momentumStep(w, g, v, cols, 0.9, 0.1);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double step = 0.9 * v0[i][j] - 0.1 * g[i][j];
                    assertEquals(step, v[i][j], 1e-15, "momentum velocity");
                    assertEquals(before[i][j] + step, w[i][j], 1e-15, "momentum weight");
                }
            }

            double[][] m = matrix(rows, cols);
            double[][] s = matrix(rows, cols);
            for (double[] row : s) {
                for (int j = 0; j < cols; j++) {
                    row[j] = Math.abs(row[j]);
                }
            }
            double[][] m0 = copy(m);
            double[][] s0 = copy(s);
            before = copy(w);
            double squares = VectorKernels.adamStep(w, g, m, s, cols, 0.5, 0.01, 0.3);
            double expectedSquares = 0;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double grad = g[i][j] * 0.5;
                    double mj = Optimizer.BETA1 * m0[i][j] + (1 - Optimizer.BETA1) * grad;
                    double vj = Optimizer.BETA2 * s0[i][j] + (1 - Optimizer.BETA2) * grad * grad;
                    double delta = -0.01 * mj / (Math.sqrt(vj) / 0.3 + Optimizer.EPSILON);
                    assertEquals(mj, m[i][j], 1e-15, "adam first moment");
                    assertEquals(vj, s[i][j], 1e-15, "adam second moment");
                    assertEquals(before[i][j] + delta, w[i][j], 1e-15, "adam weight");
                    expectedSquares += delta * delta;
                }
            }
            assertEquals(expectedSquares, squares, 1e-13 * expectedSquares, "adam ‖Δ‖²");
        }
    }

    @Test
    void activationsMatchMathToDoublePrecision() {
        int n = 100_003; // not a multiple of four: the last values take the scalar path
        double[] z = new double[n];
        for (int j = 0; j < n; j++) {
            double magnitude = Math.pow(10, random.nextDouble(-9, Math.log10(60)));
            z[j] = random.nextBoolean() ? magnitude : -magnitude;
        }
        z[5] = 0;
        z[6] = Double.POSITIVE_INFINITY;
        z[7] = Double.NEGATIVE_INFINITY;
        double[] a = new double[n];
        double worstTanh = 0;
        double worstSigmoid = 0;
        double worstElu = 0;
        VectorKernels.tanh(z, a, n);
        for (int j = 0; j < n; j++) {
            worstTanh = Math.max(worstTanh, relativeError(a[j], Math.tanh(z[j])));
        }
        VectorKernels.sigmoid(z, a, n);
        for (int j = 0; j < n; j++) {
            // Beyond ±40 σ is clamped (FastMath): within 5e-18 of 0 or 1, so only the absolute error is small there.
            double expected = 1 / (1 + Math.exp(-z[j]));
            worstSigmoid = Math.max(worstSigmoid, Math.abs(z[j]) <= 40 ? relativeError(a[j], expected)
                    : Math.abs(a[j] - expected) / 5e-18 * 1e-15);
        }
        VectorKernels.elu(z, a, n);
        for (int j = 0; j < n; j++) {
            double expected = z[j] > 0 ? z[j] : Math.expm1(z[j]);
            worstElu = Math.max(worstElu, relativeError(a[j], expected));
        }
        assertTrue(worstTanh < 3e-15, "tanh relative error " + worstTanh);
        assertTrue(worstSigmoid < 3e-14, "sigmoid relative error " + worstSigmoid);
        assertTrue(worstElu < 3e-15, "elu relative error " + worstElu);
    }

    @Test
    void activationsPropagateNaN() {
        double[] z = {0.5, Double.NaN, -0.5, 2, Double.NaN};
        double[] a = new double[z.length];
        VectorKernels.tanh(z, a, z.length);
        assertTrue(Double.isNaN(a[1]) && Double.isNaN(a[4]) && !Double.isNaN(a[0]), "tanh");
        VectorKernels.sigmoid(z, a, z.length);
        assertTrue(Double.isNaN(a[1]) && Double.isNaN(a[4]) && !Double.isNaN(a[2]), "sigmoid");
        VectorKernels.elu(z, a, z.length);
        assertTrue(Double.isNaN(a[1]) && Double.isNaN(a[4]) && !Double.isNaN(a[3]), "elu");
    }

    @Test
    void clampGivesWhatMathMinAndMaxGiveBitForBit() {
        double[] values = {Double.NaN, 0.0, -0.0, 40, -40, Math.nextUp(40.0), Math.nextDown(-40.0), 39.5, -39.5,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, 1e300, -1e300,
                random.nextDouble(-100, 100), random.nextDouble(-100, 100), random.nextDouble(-100, 100), 1, -1};
        for (int start = 0; start < values.length; start += 4) {
            double[] clamped = new double[4];
            var species = jdk.incubator.vector.DoubleVector.SPECIES_256;
            VectorKernels.clamp(jdk.incubator.vector.DoubleVector.fromArray(species, values, start),
                    jdk.incubator.vector.DoubleVector.broadcast(species, -40.0),
                    jdk.incubator.vector.DoubleVector.broadcast(species, 40.0)).intoArray(clamped, 0);
            for (int j = 0; j < 4; j++) {
                double expected = Math.max(-40, Math.min(values[start + j], 40));
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(clamped[j]),
                        "clamp(" + values[start + j] + ")");
            }
        }
    }

    private static double relativeError(double actual, double expected) {
        if (actual == expected) {
            return 0; // also for infinities
        }
        return expected == 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
