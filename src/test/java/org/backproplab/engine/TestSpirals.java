package org.backproplab.engine;

import java.util.SplittableRandom;

/** TensorFlow Playground's two-arm spiral, for engine tests (the datasets package has the shipped version). */
final class TestSpirals {

    private TestSpirals() {
    }

    /**
     * n points, half per arm: for i &lt; n/2, r = i/(n/2)·5, t = 1.75·i/(n/2)·2π + δ (δ = 0 → class 1, π → class 0),
     * x = r·sin t + noise·U(−1, 1), y = r·cos t + noise·U(−1, 1).
     */
    static Samples spiral(int n, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int half = n / 2;
        double[][] x = new double[2 * half][];
        double[] y = new double[2 * half];
        int k = 0;
        for (int label = 1; label >= 0; label--) {
            double delta = label == 1 ? 0 : Math.PI;
            for (int i = 0; i < half; i++) {
                double r = (double) i / half * 5;
                double t = 1.75 * i / half * 2 * Math.PI + delta;
                x[k] = new double[] {
                        r * Math.sin(t) + noise * (2 * random.nextDouble() - 1),
                        r * Math.cos(t) + noise * (2 * random.nextDouble() - 1)};
                y[k] = label;
                k++;
            }
        }
        return new Samples(x, y);
    }
}
