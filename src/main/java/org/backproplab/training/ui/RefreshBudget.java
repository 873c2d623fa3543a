package org.backproplab.training.ui;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shares a refresh budget among the open lab pages. Every refresh costs server CPU that competes with training on
 * the same cores: a decision-boundary and diagram frame a few milliseconds (a forward pass over the grid plus
 * encoding), a push of new epoch points about a millisecond (serialization and the WebSocket write). So each page
 * refreshes at most {@code maxPerPage} times a second, and all pages together at most {@code maxTotal} times a
 * second: with many pages open, each one refreshes less often. Pushes still carry every epoch since the last one,
 * so a slower rate never loses a point.
 */
public final class RefreshBudget {

    private final double maxPerPage;
    private final double maxTotal;
    private final AtomicInteger activePages = new AtomicInteger();

    /**
     * @param maxPerPage frames per second one page may draw
     * @param maxTotal   frames per second all pages together may draw
     */
    public RefreshBudget(double maxPerPage, double maxTotal) {
        if (!(maxPerPage > 0) || !(maxTotal > 0)) {
            throw new IllegalArgumentException("frame rates must be > 0, were " + maxPerPage + " and " + maxTotal);
        }
        this.maxPerPage = maxPerPage;
        this.maxTotal = maxTotal;
    }

    /** Decision-boundary and diagram frames: 4 per second per page, 12 per core in total. */
    public static RefreshBudget frames() {
        return new RefreshBudget(4, 12.0 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * Pushes of epoch points: 20 per second per page (the "about 20 UI updates a second"), 150 per core in
     * total, which still gives 50 pages on two cores 6 updates a second each.
     */
    public static RefreshBudget pushes() {
        return new RefreshBudget(20, 150.0 * Runtime.getRuntime().availableProcessors());
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
