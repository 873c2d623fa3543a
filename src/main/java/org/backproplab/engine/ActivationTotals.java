package org.backproplab.engine;

/**
 * The running totals behind one hidden layer's activation statistics in the epoch report: Σa, Σa² and the number of
 * saturated outputs, over every unit and example of a measuring pass (see {@link EpochEvaluator}), which adds the
 * layer's outputs one unit at a time: a row holds one unit's outputs for a chunk of examples.
 *
 * <p>Two implementations, because the fast way to sum a row differs. With the Vector API a row is summed in
 * registers ({@link VectorActivationTotals}). A plain loop that sums into a single variable is never vectorized (the
 * JIT keeps the order of floating-point additions), so {@link LaneActivationTotals} adds each row into lanes, one
 * per example slot, which is a loop the JIT does vectorize.
 */
interface ActivationTotals {

    /** Totals for chunks of at most {@code capacity} examples, of the kind the engine's kernels use. */
    static ActivationTotals create(int capacity) {
        return SimdSupport.ENABLED ? new VectorActivationTotals() : new LaneActivationTotals(capacity);
    }

    /** Back to zero, for a new pass. */
    void clear();

    /**
     * Adds one unit's outputs a[0..n) (n at most the capacity): a to the sum, a² to the sum of squares, and, where f
     * is sigmoid or tanh, each output whose derivative is below 0.01 of its maximum to the saturated count.
     */
    void add(Activation f, float[] a, int n);

    /** Σa over every output added since {@link #clear}. */
    double sum();

    /** Σa² over every output added since {@link #clear}. */
    double sumOfSquares();

    /** How many of the outputs added since {@link #clear} were saturated (0 for layers that cannot saturate). */
    double saturated();
}
