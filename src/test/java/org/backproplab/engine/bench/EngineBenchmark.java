package org.backproplab.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.backproplab.engine.Activation;
import org.backproplab.engine.Hyperparameters;
import org.backproplab.engine.Initializer;
import org.backproplab.engine.Network;
import org.backproplab.engine.NetworkSpec;
import org.backproplab.engine.ReportCost;
import org.backproplab.engine.Samples;
import org.backproplab.engine.SimdSupport;
import org.backproplab.engine.Task;
import org.backproplab.engine.Trainer;

/**
 * The engine's throughput on the three workloads of the engine issue, single thread, double precision, with the
 * full epoch report (every diagnostic) computed after each epoch:
 * <ul>
 *   <li>W1: 2 → [8, 8, 8, 8] tanh → 1 sigmoid, 500 spiral training samples, batch 10, sgd 0.03 (epochs/s);</li>
 *   <li>W2: 784 → [256, 128] relu → 10 softmax, 10,000 random samples, batch 64, sgd 0.05 (samples/s);</li>
 *   <li>W3: 2 → 10 × [32] sigmoid → 1 sigmoid, otherwise as W1 (epochs/s).</li>
 * </ul>
 * W1 and W3 run twice: without a test set, and with a 500-sample test set (whose loss and accuracy are then part
 * of every report). Each case warms up, then times several runs and prints the median and best, the split
 * between training steps and the epoch-end report, the heap peak and the bytes allocated per epoch. Rates use the
 * thread's CPU time (the machines are shared; the share of a core the thread actually got is printed); step and
 * report times are wall-clock times scaled by that share. A second line splits the report (timed on its own, on the
 * last run's trained network, see {@link ReportCost}) into the passes that score the losses and accuracies and the
 * hidden layers' statistics on top of them (activation mean and std, dead and saturated units), each as a share of
 * the median epoch. The per-layer norms are not in that split: they are summed inside the gradient and update
 * kernels, which need the same sums for clipping and for catching non-finite values. Before each timed run,
 * {@link HostSpeed} measures how fast the core multiplies and adds at that moment (median and range printed at the
 * end of the line): on the shared machines W3 ran at about 425 epochs/s with the host at 4.4 G FMA/s and about 285
 * at 3.2, within one JVM. For W1, W3 and W2, each timed run is followed by a run of {@link PlainLoopPeer}, the
 * issue's "plain hand-written double[][] Java loop", on the same data for as long; a third line gives its rate and
 * the engine's rate over it, pair by pair, next to the ratio the issue's targets ask of that loop (target over the
 * issue's figure for it). That ratio holds still while the host's speed swings.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes
 * org.backproplab.engine.bench.EngineBenchmark} after {@code ./mvnw -q test-compile} (without the module flag it
 * measures the plain loops) (optional arguments: seconds per timed run, default 2; a workload name prefix such
 * as {@code W2} to run only that one).
 */
public final class EngineBenchmark {

    private EngineBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        String only = args.length > 1 ? args[1] : "";
        System.out.printf(Locale.ROOT, "Java %s, %s, %d processors available; %s%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(), SimdSupport.describe());
        Samples spiral = spiral(500, 0.1, 1);
        Samples spiralTest = spiral(500, 0.1, 2);
        Samples empty = Samples.empty(2);

        Samples digits = randomDigits(10_000, 3);
        // The issue's figures for its own plain loop (1,950 / 166 epochs/s, 8,683 samples/s) and its targets.
        run(only, "W1  2-[8x4] tanh, 500 train, no test set", W1, spiral, empty, SGD_003, seconds, false,
                new Peer(1_950, 4_000));
        run(only, "W1' 2-[8x4] tanh, 500 train + 500 test", W1, spiral, spiralTest, SGD_003, seconds, false, null);
        run(only, "W3  2-[32x10] sigmoid, 500 train, no test set", W3, spiral, empty, SGD_003, seconds, false,
                new Peer(166, 400));
        run(only, "W3' 2-[32x10] sigmoid, 500 train + 500 test", W3, spiral, spiralTest, SGD_003, seconds, false, null);
        run(only, "W2  784-[256,128] relu-10 softmax, 10,000 train, batch 64", W2, digits, Samples.empty(784),
                SGD_005_64, Math.max(seconds, 4), true, new Peer(8_683, 15_000));
    }

    /**
     * For a workload timed against {@link PlainLoopPeer} (built from the same spec, data and hyperparameters): the
     * issue's figure for its own such loop and the issue's target for the engine, in the same unit.
     */
    private record Peer(double issueRate, double target) {
    }

    static final NetworkSpec W1 = NetworkSpec.of(2, Task.BINARY, 2, List.of(8, 8, 8, 8), Activation.TANH, false,
            Initializer.XAVIER, 1, 1);
    static final NetworkSpec W3 = NetworkSpec.of(2, Task.BINARY, 2, Collections.nCopies(10, 32), Activation.SIGMOID,
            false, Initializer.XAVIER, 1, 1);
    static final NetworkSpec W2 = NetworkSpec.of(784, Task.MULTICLASS, 10, List.of(256, 128), Activation.RELU, false,
            Initializer.HE, 1, 1);
    static final Hyperparameters SGD_003 = Hyperparameters.sgd(0.03, 10);
    static final Hyperparameters SGD_005_64 = Hyperparameters.sgd(0.05, 64);

    /** A fresh trainer on workload W1, W2 or W3 as above, without a test set. */
    static Trainer trainer(String workload) {
        return switch (workload) {
            case "W1" -> new Trainer(Network.create(W1), spiral(500, 0.1, 1), Samples.empty(2), SGD_003, 1);
            case "W3" -> new Trainer(Network.create(W3), spiral(500, 0.1, 1), Samples.empty(2), SGD_003, 1);
            case "W2" -> new Trainer(Network.create(W2), randomDigits(10_000, 3), Samples.empty(784), SGD_005_64, 1);
            default -> throw new IllegalArgumentException("workload must be W1, W2 or W3, was " + workload);
        };
    }

    /**
     * Times one workload; with a {@code peer}, each timed run of the engine is followed by one of the hand-written
     * loop on the same data for as long, and the line after the report split gives the peer's rate and the engine's
     * rate over it, pair by pair, next to the ratio the issue's targets ask for (target over the issue's rate).
     */
    private static void run(String only, String name, NetworkSpec spec, Samples train, Samples test, Hyperparameters hyper,
                            double seconds, boolean perSample, Peer peer) {
        if (!name.startsWith(only)) {
            return;
        }
        resetPeaks();
        // Warm-up: let C2 compile the hot loops.
        Trainer warm = new Trainer(Network.create(spec), train, test, hyper, 1);
        long warmEnd = System.nanoTime() + (long) (Math.max(2, seconds) * 1e9);
        while (System.nanoTime() < warmEnd) {
            warm.trainEpoch();
        }
        if (peer != null) {
            timePeer(PlainLoopPeer.of(spec, hyper, train, 0), seconds);
        }
        int runs = 5;
        double[] peerRates = new double[runs];
        double[] ratios = new double[runs];
        double[] rates = new double[runs];
        double reportShare = 0;
        double stepMicros = 0;
        double reportMicros = 0;
        long allocatedPerEpoch = 0;
        double cpuShareSum = 0;
        Trainer trainer = null;
        double[] hostSpeeds = new double[runs];
        for (int run = 0; run < runs; run++) {
            hostSpeeds[run] = HostSpeed.gigaFmaPerSecond();
            trainer = new Trainer(Network.create(spec), train, test, hyper, 1 + run);
            long stepNanos = 0;
            long steps = 0;
            long endingNanos = 0;
            int epochs = 0;
            long allocatedBefore = allocatedBytes();
            long cpuStart = CpuTime.nanos();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            // Stop only at the end of an epoch once the time is up: a window cut mid-epoch would bill the unfinished
            // epoch's steps to the finished ones (with W2's ~0.6 s epochs that rounded rates to steps of ~15 %).
            boolean ended = false;
            while (!ended || System.nanoTime() < end) {
                long t0 = System.nanoTime();
                ended = trainer.trainBatch();
                long t1 = System.nanoTime();
                if (ended) {
                    endingNanos += t1 - t0;
                    epochs++;
                } else {
                    stepNanos += t1 - t0;
                    steps++;
                }
            }
            long wall = System.nanoTime() - start;
            long elapsed = CpuTime.nanos() - cpuStart;
            double cpuShare = (double) elapsed / wall;
            stepNanos = (long) (stepNanos * cpuShare);
            endingNanos = (long) (endingNanos * cpuShare);
            cpuShareSum += cpuShare / runs;
            allocatedPerEpoch = (allocatedBytes() - allocatedBefore) / epochs;
            double perStep = (double) stepNanos / steps;
            // The epoch-ending call = one step + the report.
            double report = (double) endingNanos / epochs - perStep;
            reportShare += report * epochs / elapsed / runs;
            stepMicros += perStep / 1e3 / runs;
            reportMicros += report / 1e3 / runs;
            rates[run] = perSample ? epochs * (double) train.size() / (elapsed / 1e9) : epochs / (elapsed / 1e9);
            if (peer != null) {
                peerRates[run] = timePeer(PlainLoopPeer.of(spec, hyper, train, 1 + run), seconds)
                        * (perSample ? train.size() : 1);
                ratios[run] = rates[run] / peerRates[run];
            }
        }
        java.util.Arrays.sort(rates);
        java.util.Arrays.sort(hostSpeeds);
        System.out.printf(Locale.ROOT, "%-58s %s median %,10.0f  best %,10.0f | step %8.2f us, report %9.1f us"
                        + " (%4.1f %% of time) | heap peak %5.1f MB, %,d B allocated/epoch | got %3.0f %% of a core"
                        + " | host %.2f G FMA/s (%.2f–%.2f)%n",
                name, perSample ? "samples/s" : "epochs/s ", rates[runs / 2], rates[runs - 1], stepMicros,
                reportMicros, 100 * reportShare, peakHeapMegabytes(), allocatedPerEpoch, 100 * cpuShareSum,
                hostSpeeds[runs / 2], hostSpeeds[0], hostSpeeds[runs - 1]);
        // The report split, on the last run's trained network: the passes that score losses and accuracies, and the
        // per-layer statistics on top of them, each as a share of the median epoch's CPU time.
        double epochMicros = 1e6 / (perSample ? rates[runs / 2] / train.size() : rates[runs / 2]);
        ReportCost.Micros split = ReportCost.measure(trainer.network(), train, test, 11, perSample ? 400 : 100);
        System.out.printf(Locale.ROOT, "%-58s report alone %9.1f us = losses and accuracies %9.1f us (%4.1f %% of an"
                        + " epoch) + layer statistics %8.1f us (%4.1f %%)%n", "", split.report(), split.lossesOnly(),
                100 * split.lossesOnly() / epochMicros, split.layerStatistics(),
                100 * split.layerStatistics() / epochMicros);
        if (peer != null) {
            java.util.Arrays.sort(peerRates);
            java.util.Arrays.sort(ratios);
            System.out.printf(Locale.ROOT, "%-58s plain double[][] loop (no report) median %,10.0f (%,.0f–%,.0f)"
                            + " | engine / loop, pair by pair: median %.2f× (%.2f–%.2f)"
                            + " | the issue: %,.0f / %,.0f = %.2f×%n", "",
                    peerRates[runs / 2], peerRates[0], peerRates[runs - 1], ratios[runs / 2], ratios[0],
                    ratios[runs - 1], peer.target(), peer.issueRate(), peer.target() / peer.issueRate());
        }
    }

    /**
     * Epochs per CPU second of the hand-written loop: whole epochs for about {@code seconds}. Each epoch updates the
     * loop's weights, so the JIT cannot drop the work although the loss it returns is not used.
     */
    private static double timePeer(PlainLoopPeer peer, double seconds) {
        return 1e6 / CpuTime.microsPerCall(peer::trainEpoch, (int) (seconds * 1000));
    }

    static Samples spiral(int n, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int half = n / 2;
        double[][] x = new double[2 * half][];
        double[] y = new double[2 * half];
        int k = 0;
        for (int label = 1; label >= 0; label--) {
            for (int i = 0; i < half; i++) {
                double r = (double) i / half * 5;
                double t = 1.75 * i / half * 2 * Math.PI + (label == 1 ? 0 : Math.PI);
                x[k] = new double[] {r * Math.sin(t) + noise * (2 * random.nextDouble() - 1),
                        r * Math.cos(t) + noise * (2 * random.nextDouble() - 1)};
                y[k++] = label;
            }
        }
        return new Samples(x, y);
    }

    /** MNIST-shaped random data: 784 inputs in [0, 1), 10 classes. */
    static Samples randomDigits(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][784];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 784; j++) {
                x[i][j] = random.nextDouble();
            }
            y[i] = random.nextInt(10);
        }
        return new Samples(x, y);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static double peakHeapMegabytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / 1e6;
    }


    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().threadId());
    }
}
