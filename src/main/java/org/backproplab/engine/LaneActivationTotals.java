package org.backproplab.engine;

import java.util.Arrays;

/**
 * {@link ActivationTotals} with plain loops: each row is added into lanes, one per example slot
 * ({@link Activation#addStatistics}), a loop along the examples that the JIT vectorizes. The lanes are float, and go
 * into double lanes every {@value #ROWS_PER_FLUSH} rows, so that no float sum ever holds more than that many values
 * (a rounding error of at most ~{@value #ROWS_PER_FLUSH}·6e-8 ≈ 2e-6 relative, typically far less); the double lanes
 * are summed when the totals are read.
 */
final class LaneActivationTotals implements ActivationTotals {

    /** Rows summed in the float lanes before they go into the double lanes. */
    static final int ROWS_PER_FLUSH = 32;

    private final float[] sumLanes;
    private final float[] squareLanes;
    private final float[] saturatedLanes;
    private final double[] sums;
    private final double[] squares;
    private final double[] saturatedCounts;
    /** Rows in the float lanes since they were last flushed, and the longest of them. */
    private int pendingRows;
    private int pendingWidth;

    LaneActivationTotals(int capacity) {
        sumLanes = new float[capacity];
        squareLanes = new float[capacity];
        saturatedLanes = new float[capacity];
        sums = new double[capacity];
        squares = new double[capacity];
        saturatedCounts = new double[capacity];
    }

    @Override
    public void clear() {
        Arrays.fill(sumLanes, 0f);
        Arrays.fill(squareLanes, 0f);
        Arrays.fill(saturatedLanes, 0f);
        Arrays.fill(sums, 0.0);
        Arrays.fill(squares, 0.0);
        Arrays.fill(saturatedCounts, 0.0);
        pendingRows = 0;
        pendingWidth = 0;
    }

    @Override
    public void add(Activation f, float[] a, int n) {
        f.addStatistics(a, sumLanes, squareLanes, saturatedLanes, n);
        pendingWidth = Math.max(pendingWidth, n);
        if (++pendingRows == ROWS_PER_FLUSH) {
            flush();
        }
    }

    @Override
    public double sum() {
        flush();
        return Parameter.sum(sums, sums.length);
    }

    @Override
    public double sumOfSquares() {
        flush();
        return Parameter.sum(squares, squares.length);
    }

    @Override
    public double saturated() {
        flush();
        return Parameter.sum(saturatedCounts, saturatedCounts.length);
    }

    /** Moves the float lanes into the double lanes. */
    private void flush() {
        flushLanes(sumLanes, sums, pendingWidth);
        flushLanes(squareLanes, squares, pendingWidth);
        flushLanes(saturatedLanes, saturatedCounts, pendingWidth);
        pendingRows = 0;
        pendingWidth = 0;
    }

    private static void flushLanes(float[] from, double[] into, int n) {
        for (int r = 0; r < n; r++) {
            into[r] += from[r];
            from[r] = 0f;
        }
    }
}
