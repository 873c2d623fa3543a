package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectorizable activations against {@link Math}, over small, ordinary and saturating arguments. */
class FastMathTest {

    /** Arguments spread over magnitudes 1e-9 .. 40 and both signs. */
    private static double[] arguments(double largest) {
        SplittableRandom random = new SplittableRandom(7);
        double[] x = new double[200_000];
        for (int i = 0; i < x.length; i++) {
            double magnitude = Math.pow(10, random.nextDouble(-9, Math.log10(largest)));
            x[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return x;
    }

    private static double relativeError(double actual, double expected) {
        return expected == 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
    }

    @Test
    void doublePrecisionFunctionsMatchMath() {
        double tanh = 0;
        double sigmoid = 0;
        double expm1 = 0;
        for (double x : arguments(40)) {
            tanh = Math.max(tanh, relativeError(FastMath.tanh(x), Math.tanh(x)));
            sigmoid = Math.max(sigmoid, relativeError(FastMath.sigmoid(x), 1 / (1 + Math.exp(-x))));
            // ELU's negative side is the only caller of e^x − 1 on its own.
            expm1 = Math.max(expm1, relativeError(FastMath.expm1(-Math.abs(x)), Math.expm1(-Math.abs(x))));
        }
        assertTrue(tanh < 3e-15, "tanh relative error " + tanh);
        assertTrue(sigmoid < 3e-14, "sigmoid relative error " + sigmoid);
        assertTrue(expm1 < 3e-15, "expm1 relative error " + expm1);
    }

    /**
     * The measuring pass's rational tanh: relatively accurate to a few float ulps everywhere, from tiny arguments
     * (where it must not flush to 0) through the range where it is fitted (|x| ≤ 9) into the clamped region beyond;
     * σ from it is accurate in absolute terms only (see FastMath.sigmoid(float)).
     */
    @Test
    void singlePrecisionFunctionsMatchMath() {
        double tanh = 0;
        double sigmoid = 0;
        double largest = 0;
        double[] random = arguments(40);
        double[] grid = new double[240_001];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = -12 + i * 1e-4;
        }
        for (double[] set : new double[][] {random, grid}) {
            for (double x : set) {
                float xf = (float) x;
                float t = FastMath.tanh(xf);
                tanh = Math.max(tanh, relativeError(t, Math.tanh(xf)));
                largest = Math.max(largest, Math.abs(t));
                sigmoid = Math.max(sigmoid, Math.abs(FastMath.sigmoid(xf) - 1 / (1 + Math.exp(-xf))));
            }
        }
        assertTrue(tanh < 4e-7, "float tanh relative error " + tanh);
        assertTrue(largest <= 1, "float tanh must stay within [-1, 1], got " + largest);
        assertTrue(sigmoid < 1.5e-7, "float sigmoid absolute error " + sigmoid);
        assertEquals(1e-30f, FastMath.tanh(1e-30f), 1e-37f);
        assertEquals(-1f, FastMath.tanh(-1e30f));
        assertEquals(0f, FastMath.sigmoid(-1e30f), 1e-7f);
        assertEquals(1f, FastMath.sigmoid(1e30f));
    }

    @Test
    void limitsAndNonFiniteValues() {
        assertEquals(1.0, FastMath.tanh(1e6));
        assertEquals(-1.0, FastMath.tanh(-1e6));
        assertEquals(0.0, FastMath.sigmoid(-1e6), 1e-17);
        assertEquals(1.0, FastMath.sigmoid(1e6));
        assertEquals(-1.0, FastMath.expm1(-1e6), 1e-17);
        assertTrue(Double.isNaN(FastMath.tanh(Double.NaN)), "NaN must propagate so divergence is detected");
        assertTrue(Double.isNaN(FastMath.sigmoid(Double.NaN)));
        assertTrue(Float.isNaN(FastMath.tanh(Float.NaN)));
        assertTrue(Float.isNaN(FastMath.sigmoid(Float.NaN)));
    }
}
