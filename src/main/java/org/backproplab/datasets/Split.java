package org.backproplab.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.backproplab.engine.Samples;

/**
 * A seeded train/test split given as row indices. Both index lists come in shuffled order, so neither split is
 * sorted by class.
 */
record Split(int[] train, int[] test) {

    /** Separates the split's random stream from the data generator's, which uses the seed as it is. */
    private static final long SPLIT_SALT = 0x2545F4914F6CDD1DL;

    /**
     * Splits so that every class keeps its share in both parts: each class puts round(n·fraction) of its rows in
     * the test split, but never all of them. If that leaves the test split empty (only possible with tiny classes),
     * one row of the largest class moves to it.
     *
     * @param labels class indices 0..classes-1
     */
    static Split stratified(double[] labels, int classes, double testFraction, long seed) {
        int[] order = shuffledIndices(labels.length, seed);
        int[] perClass = new int[classes];
        for (double label : labels) {
            perClass[(int) label]++;
        }
        int[] testQuota = new int[classes];
        int totalTest = 0;
        for (int k = 0; k < classes; k++) {
            testQuota[k] = perClass[k] < 2 ? 0
                    : Math.max(1, Math.min(perClass[k] - 1, (int) Math.round(perClass[k] * testFraction)));
            totalTest += testQuota[k];
        }
        if (totalTest == 0) {
            testQuota[largest(perClass)] = 1;
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int index : order) {
            int k = (int) labels[index];
            if (testQuota[k] > 0) {
                testQuota[k]--;
                test.add(index);
            } else {
                train.add(index);
            }
        }
        return new Split(toArray(train), toArray(test));
    }

    /** A plain random split (regression): round(n·fraction) rows, at least one and at most n−1, go to the test. */
    static Split random(int rows, double testFraction, long seed) {
        int[] order = shuffledIndices(rows, seed);
        int testRows = Math.max(1, Math.min(rows - 1, (int) Math.round(rows * testFraction)));
        int[] test = new int[testRows];
        int[] train = new int[rows - testRows];
        System.arraycopy(order, 0, test, 0, testRows);
        System.arraycopy(order, testRows, train, 0, rows - testRows);
        return new Split(train, test);
    }

    /** Picks {@code rows} (not copied) and their targets for one part of the split. */
    static Samples select(double[][] x, double[] y, int[] indices) {
        double[][] xs = new double[indices.length][];
        double[] ys = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            xs[i] = x[indices[i]];
            ys[i] = y[indices[i]];
        }
        return new Samples(xs, ys);
    }

    /** Picks rows as copies, so the caller may not change the source through them. */
    static double[][] copyRows(double[][] x, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = x[indices[i]].clone();
        }
        return out;
    }

    /** Fisher–Yates shuffle of 0..n-1 with a generator of its own, so the split does not depend on how many random
     * numbers the data generation drew. */
    private static int[] shuffledIndices(int n, long seed) {
        Random random = new Random(seed ^ SPLIT_SALT);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static int largest(int[] counts) {
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return best;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
