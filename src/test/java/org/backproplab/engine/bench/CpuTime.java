package org.backproplab.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** The calling thread's CPU time, for the benchmarks: on a shared machine, wall time would measure the neighbours. */
public final class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {
    }

    /** CPU nanoseconds this thread has used so far. */
    public static long nanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** CPU microseconds per call of {@code action}, run repeatedly (at least once) for about {@code sliceMillis}. */
    public static double microsPerCall(Runnable action, int sliceMillis) {
        long cpuStart = nanos();
        long end = System.nanoTime() + sliceMillis * 1_000_000L;
        int calls = 0;
        do {
            action.run();
            calls++;
        } while (System.nanoTime() < end);
        return (nanos() - cpuStart) / 1e3 / calls;
    }
}
