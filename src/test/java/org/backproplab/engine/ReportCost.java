package org.backproplab.engine;

import java.util.Arrays;
import org.backproplab.engine.bench.CpuTime;

/**
 * For the engine benchmark: what the epoch-end report costs, split into the passes that score the losses and
 * accuracies and the per-layer statistics on top of them (activation mean and std, dead and saturated units). Times
 * {@link EpochEvaluator#report} against {@link EpochEvaluator#lossesOnly} on the same network, alternating the two
 * in short slices so that both see the same machine. In this package because the evaluator is package-private; not
 * a test.
 */
public final class ReportCost {

    /**
     * CPU microseconds per call: the whole report, its loss and accuracy passes alone, and the per-layer statistics
     * (what the report costs beyond those passes: the median of the paired differences, which a slow moment of the
     * machine shifts less than a difference of two medians).
     */
    public record Micros(double report, double lossesOnly, double layerStatistics) {
    }

    private ReportCost() {
    }

    /** Medians over {@code rounds} pairs of slices of {@code sliceMillis} each, after a warm-up of both. */
    public static Micros measure(Network network, Samples train, Samples test, int rounds, int sliceMillis) {
        EpochEvaluator evaluator = new EpochEvaluator(network, train, test);
        int layers = network.denseLayerCount();
        double[] perStep = new double[layers];
        Arrays.fill(perStep, 1.0);
        Runnable report = () -> evaluator.report(1, 0, perStep, perStep, perStep, null);
        Runnable lossesOnly = evaluator::lossesOnly;
        for (int warm = 0; warm < 10; warm++) {
            CpuTime.microsPerCall(report, sliceMillis);
            CpuTime.microsPerCall(lossesOnly, sliceMillis);
        }
        double[] full = new double[rounds];
        double[] bare = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            // Alternate which one goes first, so that a drift in the machine's speed favours neither.
            if (round % 2 == 0) {
                full[round] = CpuTime.microsPerCall(report, sliceMillis);
                bare[round] = CpuTime.microsPerCall(lossesOnly, sliceMillis);
            } else {
                bare[round] = CpuTime.microsPerCall(lossesOnly, sliceMillis);
                full[round] = CpuTime.microsPerCall(report, sliceMillis);
            }
        }
        double[] difference = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            difference[round] = full[round] - bare[round];
        }
        return new Micros(median(full), median(bare), median(difference));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
