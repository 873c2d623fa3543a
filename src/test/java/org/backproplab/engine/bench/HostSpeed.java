package org.backproplab.engine.bench;

/**
 * How fast this core multiplies and adds right now, measured with a fixed loop that does not depend on the engine.
 * The shared machines swing a great deal (the same build measured W3 at 295 and 418 epochs/s in two runs back to
 * back, with 100 % of a core each time): a neighbour on the same physical core takes its multiply-add units without
 * taking CPU time from this thread. Printed next to the benchmark's figures, it says which moment of the host they
 * come from; it corrects nothing.
 */
final class HostSpeed {

    private HostSpeed() {
    }

    /**
     * Billions of double multiply-adds per CPU second: eight independent chains (enough to keep two multiply-add
     * units busy through their latency), the best of three slices of about 30 ms.
     */
    static double gigaFmaPerSecond() {
        double best = 0;
        for (int slice = 0; slice < 3; slice++) {
            double[] sink = new double[1];
            double micros = CpuTime.microsPerCall(() -> sink[0] += chains(), 30);
            best = Math.max(best, CHAIN_STEPS * 8 / micros / 1e3);
            if (Double.isNaN(sink[0])) {
                throw new IllegalStateException("unreachable: keeps the chains from being optimized away");
            }
        }
        return best;
    }

    private static final int CHAIN_STEPS = 10_000;

    private static double chains() {
        double a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8;
        double m = 0.999_999;
        double c = 1e-6;
        for (int i = 0; i < CHAIN_STEPS; i++) {
            a0 = Math.fma(a0, m, c);
            a1 = Math.fma(a1, m, c);
            a2 = Math.fma(a2, m, c);
            a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c);
            a5 = Math.fma(a5, m, c);
            a6 = Math.fma(a6, m, c);
            a7 = Math.fma(a7, m, c);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    }
}
