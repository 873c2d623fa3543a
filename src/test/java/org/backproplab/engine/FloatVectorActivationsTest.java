package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The measuring pass's SIMD σ and tanh give exactly what FastMath's scalar versions give, bit for bit, on the
 * special values (NaN, ±0, ±∞, the clamping limits and their neighbours), on random values over the whole useful
 * range and beyond, and for every length from 0 to 40 (whole registers plus every leftover).
 */
class FloatVectorActivationsTest {

    private final SplittableRandom random = new SplittableRandom(5);

    @BeforeEach
    void needsSimd() {
        assumeTrue(SimdSupport.enabled(), "SIMD kernels not in use in this JVM (" + SimdSupport.describe()
                + "): nothing to compare");
    }

    private static final float[] SPECIAL = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            9f, -9f, Math.nextUp(9f), Math.nextDown(-9f), 18f, -18f, Math.nextUp(18f), Math.nextDown(-18f),
            Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-30f, Float.MAX_VALUE, -Float.MAX_VALUE, 4.5f, -4.5f,
            1e4f, -1e4f};

    @Test
    void sigmoidMatchesTheScalarFormulaBitForBit() {
        checkAgainstScalar(true);
    }

    @Test
    void tanhMatchesTheScalarFormulaBitForBit() {
        checkAgainstScalar(false);
    }

    private void checkAgainstScalar(boolean sigmoid) {
        for (int n = 0; n <= 40; n++) {
            for (int round = 0; round < 50; round++) {
                float[] z = new float[n + 3];
                for (int j = 0; j < z.length; j++) {
                    z[j] = random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)]
                            : (float) random.nextDouble(-30, 30);
                }
                float[] a = new float[n + 3];
                a[n] = 7f; // beyond n: untouched
                if (sigmoid) {
                    FloatVectorActivations.sigmoid(z, a, n);
                } else {
                    FloatVectorActivations.tanh(z, a, n);
                }
                for (int j = 0; j < n; j++) {
                    float expected = sigmoid ? FastMath.sigmoid(z[j]) : FastMath.tanh(z[j]);
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(a[j]),
                            (sigmoid ? "σ(" : "tanh(") + z[j] + "): " + expected + " vs " + a[j]);
                }
                assertEquals(7f, a[n]);
            }
        }
    }

    @Test
    void specialValuesGiveTheExpectedResults() {
        float[] z = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, 1e4f, -1e4f, 0f, 0f};
        float[] s = new float[8];
        float[] t = new float[8];
        FloatVectorActivations.sigmoid(z, s, 8);
        FloatVectorActivations.tanh(z, t, 8);
        assertEquals(Float.NaN, s[0]);
        assertEquals(Float.NaN, t[0]);
        assertEquals(1f, s[1], 1e-7f);
        assertEquals(0f, s[2], 1e-7f);
        assertEquals(0.5f, s[3]);
        assertEquals(1f, t[1]);
        assertEquals(-1f, t[2]);
        assertEquals(0f, t[3]);
        assertEquals(1f, t[4]);
        assertEquals(-1f, t[5]);
    }
}
