package org.backproplab.engine;

/**
 * A set of examples: one input row per example and one target each.
 * Targets are 0 or 1 for a binary task, the class index 0..K-1 for a multiclass task, and the value itself for
 * regression. The arrays are shared, not copied: treat them as read-only.
 */
public record Samples(double[][] x, double[] y) {

    public Samples {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length);
        }
    }

    /** No examples at all (for example, a run without a test split). */
    public static Samples empty(int inputs) {
        return new Samples(new double[0][inputs], new double[0]);
    }

    public int size() {
        return y.length;
    }

    public int inputs() {
        return x.length == 0 ? 0 : x[0].length;
    }
}
