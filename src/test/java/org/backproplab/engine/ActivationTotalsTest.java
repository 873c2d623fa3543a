package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both kinds of {@link ActivationTotals} against sums in double precision, over rows of many lengths (every leftover
 * of the 16- and 8-wide SIMD steps, chunk-sized rows, more rows than a lane flush holds, shorter rows after longer
 * ones), with outputs placed right at the saturation threshold: the two must count exactly the same saturated
 * outputs.
 */
class ActivationTotalsTest {

    private final SplittableRandom random = new SplittableRandom(5);

    /** Rows of outputs as the activation would give them, some of them next to its saturation threshold. */
    private List<float[]> rows(Activation f) {
        List<float[]> rows = new ArrayList<>();
        int[] lengths = {1, 7, 8, 9, 15, 16, 17, 31, 33, 256, 244, 100, 3};
        for (int repeat = 0; repeat < 6; repeat++) {
            for (int length : lengths) {
                float[] row = new float[length];
                for (int r = 0; r < length; r++) {
                    row[r] = output(f);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private float output(Activation f) {
        // |w| = √0.99 is where 1 − w² crosses 0.01 (tanh: w = a; sigmoid: w = 2a − 1).
        float edge = (float) Math.sqrt(0.99);
        float w = switch (random.nextInt(4)) {
            case 0 -> Math.nextUp(edge);
            case 1 -> Math.nextDown(edge);
            case 2 -> edge;
            default -> (float) random.nextDouble(-1, 1);
        };
        w = random.nextBoolean() ? w : -w;
        return switch (f) {
            case TANH -> w;
            case SIGMOID -> (w + 1) / 2;
            default -> (float) random.nextDouble(-3, 3);
        };
    }

    private static void assertTotals(ActivationTotals totals, Activation f, List<float[]> rows) {
        double sum = 0;
        double squares = 0;
        double saturated = 0;
        double scale = 0;
        totals.clear();
        for (float[] row : rows) {
            totals.add(f, row, row.length);
            for (float v : row) {
                sum += v;
                squares += (double) v * v;
                scale += Math.abs(v);
                if (f == Activation.TANH) {
                    saturated += Activation.saturatedIndicator(v);
                } else if (f == Activation.SIGMOID) {
                    saturated += Activation.saturatedIndicator(Math.fma(2, v, -1));
                }
            }
        }
        String what = totals.getClass().getSimpleName() + " " + f;
        assertEquals(sum, totals.sum(), 2e-6 * scale, what + " Σa");
        assertEquals(squares, totals.sumOfSquares(), 2e-6 * squares, what + " Σa²");
        assertEquals(saturated, totals.saturated(), what + " saturated outputs");
        totals.clear();
        assertEquals(0, totals.sum(), what + " Σa after clear");
        assertEquals(0, totals.saturated(), what + " saturated after clear");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void laneTotalsMatchDoubleSums(Activation f) {
        assertTotals(new LaneActivationTotals(256), f, rows(f));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void vectorTotalsMatchDoubleSums(Activation f) {
        assumeTrue(SimdSupport.enabled(), "SIMD kernels not in use in this JVM (" + SimdSupport.describe() + ")");
        assertTotals(new VectorActivationTotals(), f, rows(f));
    }
}
