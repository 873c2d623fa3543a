package org.backproplab.engine;

/**
 * tanh, sigmoid and e^x − 1 for the hidden activations, written with nothing but multiply, add and divide so that
 * the JIT compiler vectorizes the activation loops ({@link Math#tanh} and {@link Math#exp} are opaque calls of
 * ~15 ns and ~5 ns). Accuracy against {@link Math}: tanh and e^x − 1 within ~2e-15 relative, sigmoid within ~2e-14
 * relative (checked by FastMathTest).
 *
 * <p>The trick: e^y − 1 for |y| ≤ 40. With r = y/64, u₀ = e^r − 1 is a short Taylor series (|r| ≤ 0.625, sixteen
 * terms reach double precision), and since e^(2s) − 1 = (e^s − 1)(e^s − 1 + 2), six doublings u ← u(u + 2) give
 * u = e^y − 1. Working with e^y − 1 instead of e^y keeps full relative precision for small |y|.
 *
 * <p>Why the series is summed in that odd order (Estrin's scheme): Horner's rule p = (…(c·r + c)·r + …) is a
 * chain where each multiply-add waits for the one before, so a core runs one step every ~4 cycles while it could
 * start two per cycle. Pairing terms first (c₀ + c₁r, c₂ + c₃r, …), then pairs of pairs with r², r⁴, r⁸, makes the
 * chain four steps long instead of fifteen; the loops over many values then run about twice as fast.
 */
final class FastMath {

    /** tanh(x) = ±1 in double precision beyond this. */
    static final double TANH_LIMIT = 19.5;
    /** σ(x) beyond ±40 is within 5e-18 of 0 or 1; clamping keeps the argument of {@link #expm1Small} in range. */
    static final double SIGMOID_LIMIT = 40;

    private FastMath() {
    }

    /** e^y − 1 for |y| ≤ 40 (see the class comment). */
    static double expm1Small(double y) {
        double r = y * (1.0 / 64);
        double r2 = r * r;
        double r4 = r2 * r2;
        double r8 = r4 * r4;
        // e^r − 1 = r·Σ_{i=0..15} rⁱ/(i+1)!, the sum in Estrin's order: pairs, then pairs of pairs.
        double c01 = Math.fma(1.0 / 2, r, 1.0);
        double c23 = Math.fma(1.0 / 24, r, 1.0 / 6);
        double c45 = Math.fma(1.0 / 720, r, 1.0 / 120);
        double c67 = Math.fma(1.0 / 40320, r, 1.0 / 5040);
        double c89 = Math.fma(1.0 / 3628800, r, 1.0 / 362880);
        double c1011 = Math.fma(1.0 / 479001600, r, 1.0 / 39916800);
        double c1213 = Math.fma(1.0 / 87178291200.0, r, 1.0 / 6227020800.0);
        double c1415 = Math.fma(1.0 / 20922789888000.0, r, 1.0 / 1307674368000.0);
        double c03 = Math.fma(c23, r2, c01);
        double c47 = Math.fma(c67, r2, c45);
        double c811 = Math.fma(c1011, r2, c89);
        double c1215 = Math.fma(c1415, r2, c1213);
        double c07 = Math.fma(c47, r4, c03);
        double c815 = Math.fma(c1215, r4, c811);
        double u = Math.fma(c815, r8, c07) * r;
        // Six doublings, written out: a loop here would stop the caller's loop from being vectorized.
        u = u * (u + 2);
        u = u * (u + 2);
        u = u * (u + 2);
        u = u * (u + 2);
        u = u * (u + 2);
        u = u * (u + 2);
        return u;
    }

    /** tanh x = (1 − e^(−2x)) / (1 + e^(−2x)) = −u/(2 + u) with u = e^(−2x) − 1. */
    static double tanh(double x) {
        double u = expm1Small(-2 * Math.min(Math.max(x, -TANH_LIMIT), TANH_LIMIT));
        return -u / (2 + u);
    }

    /** σ(x) = 1/(1 + e^(−x)) = 1/(2 + u) with u = e^(−x) − 1. */
    static double sigmoid(double x) {
        double u = expm1Small(-Math.min(Math.max(x, -SIGMOID_LIMIT), SIGMOID_LIMIT));
        return 1 / (2 + u);
    }

    /** e^x − 1 for x ≤ 0 (ELU's negative side); below −40 the result is −1 to double precision. */
    static double expm1(double x) {
        return expm1Small(Math.max(x, -SIGMOID_LIMIT));
    }

    // ---- single precision, for the epoch-end measuring pass only (see EpochEvaluator) ----

    /** Beyond |x| = 9, tanh x rounds to ±1 in single precision (1 − tanh 9 ≈ 3e-8). */
    static final float TANH_LIMIT_FLOAT = 9;
    /** Coefficients of the rational approximation used by {@link #tanh(float)} (and FloatVectorActivations). */
    static final float A1 = 1.259941271e-1f;
    static final float A2 = 2.560770050e-3f;
    static final float A3 = 5.515987522e-6f;
    static final float B1 = 4.593272911e-1f;
    static final float B2 = 2.233690215e-2f;
    static final float B3 = 1.754540858e-4f;

    /**
     * e^y − 1 for |y| ≤ 40 in single precision (ELU): the same scheme as the double version with ten terms
     * (relative error ~4e-9 at |r| ≤ 0.625, below float's 6e-8).
     */
    static float expm1Small(float y) {
        float r = y * (1.0f / 64);
        float r2 = r * r;
        float r4 = r2 * r2;
        float r8 = r4 * r4;
        float c01 = Math.fma(1.0f / 2, r, 1.0f);
        float c23 = Math.fma(1.0f / 24, r, 1.0f / 6);
        float c45 = Math.fma(1.0f / 720, r, 1.0f / 120);
        float c67 = Math.fma(1.0f / 40320, r, 1.0f / 5040);
        float c89 = Math.fma(1.0f / 3628800, r, 1.0f / 362880);
        float c03 = Math.fma(c23, r2, c01);
        float c47 = Math.fma(c67, r2, c45);
        float u = Math.fma(c89, r8, Math.fma(c47, r4, c03)) * r;
        u = u * (u + 2);
        u = u * (u + 2);
        u = u * (u + 2);
        u = u * (u + 2);
        u = u * (u + 2);
        u = u * (u + 2);
        return u;
    }

    /**
     * tanh x in single precision with a rational function instead of an exponential: about a dozen multiply-adds
     * and one division, a third of the work of {@link #expm1Small(float)}.
     *
     * <p>For |h| ≤ 4.5, tanh h = N/D with N = h·(1 + a₁h² + a₂h⁴ + a₃h⁶) and D = 1 + b₁h² + b₂h⁴ + b₃h⁶ to a
     * relative error of 2.4e-8 (a minimax fit of the relative error; odd over even, like tanh itself, and exact
     * near 0). The identity tanh 2h = 2·tanh h/(1 + tanh² h) doubles the range to |x| ≤ 9, beyond which tanh is ±1
     * in float: with h = x/2, tanh x = 2ND/(D² + N²), still one division. Checked against {@link Math#tanh} on every
     * float from 1e-30 to 12 (both signs): within 3.1e-7 relative (five ulps, the float roundings of the formula),
     * and never above 1 in size. A NaN stays NaN: Math.min/max pass it on.
     */
    static float tanh(float x) {
        return 2 * halfTanhOfDouble(0.5f * Math.min(Math.max(x, -TANH_LIMIT_FLOAT), TANH_LIMIT_FLOAT));
    }

    /**
     * σ(x) = (1 + tanh(x/2))/2 in single precision, with {@link #tanh(float)}'s formula: within 1.2e-7 of the exact
     * value. That bound is absolute, not relative: where σ is tiny (x below about −10) the result is not
     * relatively accurate. Good enough for the report, which only sums these outputs and compares a(1 − a) with
     * 0.0025.
     */
    static float sigmoid(float x) {
        return 0.5f + halfTanhOfDouble(0.25f * Math.min(Math.max(x, -2 * TANH_LIMIT_FLOAT), 2 * TANH_LIMIT_FLOAT));
    }

    /** tanh(2h)/2 = ND/(D² + N²) for |h| ≤ 4.5 (see {@link #tanh(float)}). */
    private static float halfTanhOfDouble(float h) {
        float s = h * h;
        float n = Math.fma(Math.fma(Math.fma(A3, s, A2), s, A1), s * h, h);
        float d = Math.fma(Math.fma(Math.fma(B3, s, B2), s, B1), s, 1);
        return n * d / Math.fma(n, n, d * d);
    }

    static float expm1(float x) {
        return expm1Small(Math.max(x, (float) -SIGMOID_LIMIT));
    }

    /**
     * log(1 + x) for 0 ≤ x ≤ 1 (the softplus term of the binary loss) to a few ulps, via the intrinsic {@link Math#log}
     * instead of the much slower {@link Math#log1p}: with u = 1 + x rounded, log(u)·x/(u − 1) cancels the rounding
     * error of u (Goldberg's formula).
     */
    static double log1pUnit(double x) {
        double u = 1 + x;
        return u == 1 ? x : Math.log(u) * x / (u - 1);
    }
}
