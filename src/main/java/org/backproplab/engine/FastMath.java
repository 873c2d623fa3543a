package org.backproplab.engine;

/**
 * tanh, sigmoid and e^x − 1 for the hidden activations, written with nothing but multiply, add and divide so that
 * the JIT compiler vectorizes the activation loops ({@link Math#tanh} and {@link Math#exp} are opaque calls of
 * ~15 ns and ~5 ns; these cost ~1–4 ns per value). Accuracy against {@link Math}: tanh and e^x − 1 within ~1e-15
 * relative, sigmoid within ~2e-14 relative.
 *
 * <p>The trick: e^y − 1 for |y| ≤ 40. With r = y/256, u₀ = e^r − 1 is a short Taylor series (|r| ≤ 0.16, ten
 * terms reach double precision), and since e^(2s) − 1 = (e^s − 1)(e^s − 1 + 2), eight doublings u ← u(u + 2) give
 * u = e^y − 1. Working with e^y − 1 instead of e^y keeps full relative precision for small |y|.
 */
final class FastMath {

    /** tanh(x) = ±1 in double precision beyond this. */
    private static final double TANH_LIMIT = 19.5;
    /** σ(x) beyond ±40 is within 5e-18 of 0 or 1; clamping keeps the argument of {@link #expm1Small} in range. */
    private static final double SIGMOID_LIMIT = 40;

    private FastMath() {
    }

    /** e^y − 1 for |y| ≤ 40 (see the class comment). */
    static double expm1Small(double y) {
        double r = y * (1.0 / 256);
        double p = 1.0 / 39916800;
        p = Math.fma(p, r, 1.0 / 3628800);
        p = Math.fma(p, r, 1.0 / 362880);
        p = Math.fma(p, r, 1.0 / 40320);
        p = Math.fma(p, r, 1.0 / 5040);
        p = Math.fma(p, r, 1.0 / 720);
        p = Math.fma(p, r, 1.0 / 120);
        p = Math.fma(p, r, 1.0 / 24);
        p = Math.fma(p, r, 1.0 / 6);
        p = Math.fma(p, r, 0.5);
        p = Math.fma(p, r, 1.0);
        double u = p * r;
        // Eight doublings, written out: a loop here would stop the caller's loop from being vectorized.
        u = u * (u + 2);
        u = u * (u + 2);
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
