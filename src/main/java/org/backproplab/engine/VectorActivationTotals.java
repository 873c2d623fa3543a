package org.backproplab.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ActivationTotals} with explicit SIMD (the JDK's Vector API, eight floats per register): each row is summed
 * in registers, sixteen outputs per step into two accumulators per total (two, so that consecutive additions do not
 * wait for each other), and the row's sums then go into the double totals. A float accumulator lane thus adds up at
 * most capacity/16 outputs, and the lanes' final sum sixteen more: with chunks of 256 examples, at most 32 floats
 * per float sum, the bound of {@link LaneActivationTotals}. Used only when {@link SimdSupport#ENABLED}.
 *
 * <p>The saturated count uses the same arithmetic as {@link Activation#saturatedIndicator}, so both implementations
 * count exactly the same outputs.
 */
final class VectorActivationTotals implements ActivationTotals {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    /** Floats per register. */
    private static final int LANES = 8;
    private static final float INVERSE_LIMIT = (float) (1 / 0.99);
    /** 1.5·2²³: adding and subtracting it rounds a float of size below 2²² to an integer. */
    private static final float ROUNDING_SHIFT = 0x1.8p23f;

    private double sum;
    private double squares;
    private double saturated;

    @Override
    public void clear() {
        sum = 0;
        squares = 0;
        saturated = 0;
    }

    @Override
    public void add(Activation f, float[] a, int n) {
        // Constants per call: the JIT compiles a copy of the loop for each case.
        boolean tanh = f == Activation.TANH;
        boolean sigmoid = f == Activation.SIGMOID;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector s0 = zero;
        FloatVector s1 = zero;
        FloatVector q0 = zero;
        FloatVector q1 = zero;
        FloatVector c0 = zero;
        FloatVector c1 = zero;
        int r = 0;
        for (; r + 2 * LANES <= n; r += 2 * LANES) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, a, r);
            FloatVector v1 = FloatVector.fromArray(SPECIES, a, r + LANES);
            s0 = s0.add(v0);
            s1 = s1.add(v1);
            q0 = v0.fma(v0, q0);
            q1 = v1.fma(v1, q1);
            if (tanh) {
                c0 = c0.add(saturatedIndicator(v0));
                c1 = c1.add(saturatedIndicator(v1));
            } else if (sigmoid) {
                c0 = c0.add(saturatedIndicator(v0.fma(2f, -1f)));
                c1 = c1.add(saturatedIndicator(v1.fma(2f, -1f)));
            }
        }
        if (r + LANES <= n) {
            FloatVector v = FloatVector.fromArray(SPECIES, a, r);
            s0 = s0.add(v);
            q0 = v.fma(v, q0);
            if (tanh) {
                c0 = c0.add(saturatedIndicator(v));
            } else if (sigmoid) {
                c0 = c0.add(saturatedIndicator(v.fma(2f, -1f)));
            }
            r += LANES;
        }
        float rowSum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        float rowSquares = q0.add(q1).reduceLanes(VectorOperators.ADD);
        float rowSaturated = c0.add(c1).reduceLanes(VectorOperators.ADD);
        for (; r < n; r++) {
            float v = a[r];
            rowSum += v;
            rowSquares = Math.fma(v, v, rowSquares);
            if (tanh) {
                rowSaturated += Activation.saturatedIndicator(v);
            } else if (sigmoid) {
                rowSaturated += Activation.saturatedIndicator(Math.fma(2, v, -1));
            }
        }
        sum += rowSum;
        squares += rowSquares;
        saturated += rowSaturated;
    }

    /** {@link Activation#saturatedIndicator}, eight values at a time. */
    private static FloatVector saturatedIndicator(FloatVector w) {
        FloatVector y = w.fma(w.mul(INVERSE_LIMIT), FloatVector.broadcast(SPECIES, -0.5f));
        return y.add(ROUNDING_SHIFT).sub(ROUNDING_SHIFT);
    }

    @Override
    public double sum() {
        return sum;
    }

    @Override
    public double sumOfSquares() {
        return squares;
    }

    @Override
    public double saturated() {
        return saturated;
    }
}
