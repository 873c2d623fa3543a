package org.backproplab.training.ui;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shares the server's budget for decision-boundary and diagram frames among the open lab pages. A frame costs a
 * few milliseconds of CPU (a forward pass over the grid plus encoding), which competes with training on the same
 * cores; so each page refreshes at most {@code maxPerPage} times a second, and all pages together at most
 * {@code maxTotal} times a second: with many pages open, each one refreshes less often. Epoch points are never
 * subject to this budget.
 */
public final class FrameBudget {

    private final double maxPerPage;
    private final double maxTotal;
    private final AtomicInteger activePages = new AtomicInteger();

    /**
     * @param maxPerPage frames per second one page may draw
     * @param maxTotal   frames per second all pages together may draw
     */
    public FrameBudget(double maxPerPage, double maxTotal) {
        if (!(maxPerPage > 0) || !(maxTotal > 0)) {
            throw new IllegalArgumentException("frame rates must be > 0, were " + maxPerPage + " and " + maxTotal);
        }
        this.maxPerPage = maxPerPage;
        this.maxTotal = maxTotal;
    }

    /** The default: 4 frames per second per page, 12 per core in total. */
    public static FrameBudget forThisMachine() {
        return new FrameBudget(4, 12.0 * Runtime.getRuntime().availableProcessors());
    }

    void pageStarted() {
        activePages.incrementAndGet();
    }

    void pageStopped() {
        activePages.updateAndGet(count -> Math.max(0, count - 1));
    }

    int activePages() {
        return activePages.get();
    }

    /** The shortest time between two frames of one page now. */
    long minIntervalNanos() {
        double perPage = Math.min(maxPerPage, maxTotal / Math.max(1, activePages.get()));
        return (long) (TimeUnit.SECONDS.toNanos(1) / perPage);
    }
}
