package org.backproplab.chartjs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest points of one series, at most {@code max}, oldest first, in two primitive ring arrays. A live chart
 * appends thousands of points a second and keeps up to {@link LineChart#MAX_POINTS_PER_SERIES_LIMIT} per series;
 * as objects they would fill the heap with long-lived garbage that every collection must copy. It also counts the
 * newest points not yet sent to the browser ({@link #unsent()}).
 */
final class PointBuffer implements Serializable {

    private double[] xs = new double[16];
    private double[] ys = new double[16];
    /** Index of the oldest point. */
    private int head;
    private int size;
    private int unsent;

    int size() {
        return size;
    }

    /** How many of the newest points the browser still lacks. */
    int unsent() {
        return unsent;
    }

    void markSent() {
        unsent = 0;
    }

    /** Appends points (in order); beyond {@code max} the oldest go. {@code countUnsent}: the browser lacks them. */
    void addAll(Iterable<ChartPoint> points, int max, boolean countUnsent) {
        for (ChartPoint point : points) {
            add(point.x(), point.y(), max, countUnsent);
        }
    }

    /**
     * Appends the points {@code (newXs[i], newYs[i])}, in order, as {@link #addAll(Iterable, int, boolean)} does;
     * of more than {@code max} new points only the newest {@code max} are stored at all.
     */
    void addAll(double[] newXs, double[] newYs, int max, boolean countUnsent) {
        int first = Math.max(0, newXs.length - max);
        if (first > 0) {
            // Everything kept is new: the old points would all be dropped again.
            clear();
        }
        for (int i = first; i < newXs.length; i++) {
            add(newXs[i], newYs[i], max, countUnsent);
        }
    }

    private void add(double x, double y, int max, boolean countUnsent) {
        if (size == xs.length && size < max) {
            grow(Math.min(max, size * 2));
        }
        if (size == max) {
            head = head + 1 == xs.length ? 0 : head + 1;
            size--;
        }
        int slot = head + size;
        if (slot >= xs.length) {
            slot -= xs.length;
        }
        xs[slot] = x;
        ys[slot] = y;
        size++;
        if (countUnsent) {
            unsent = Math.min(size, unsent + 1);
        }
    }

    /** Keeps only the newest {@code max} points. */
    void trim(int max) {
        if (size > max) {
            head = (head + size - max) % xs.length;
            size = max;
        }
        unsent = Math.min(unsent, size);
    }

    void clear() {
        head = 0;
        size = 0;
        unsent = 0;
    }

    double x(int index) {
        return xs[(head + index) % xs.length];
    }

    double y(int index) {
        return ys[(head + index) % xs.length];
    }

    List<ChartPoint> toList() {
        List<ChartPoint> points = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            points.add(new ChartPoint(x(i), y(i)));
        }
        return points;
    }

    private void grow(int capacity) {
        double[] newXs = new double[capacity];
        double[] newYs = new double[capacity];
        for (int i = 0; i < size; i++) {
            newXs[i] = x(i);
            newYs[i] = y(i);
        }
        xs = newXs;
        ys = newYs;
        head = 0;
    }
}
