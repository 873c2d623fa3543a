package org.backproplab.diagnosis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.LayerReport;

/**
 * The epoch reports seen so far, with the few questions the rules ask of them.
 *
 * <p>The rules run on the training thread after every epoch, and a run may last 100,000 epochs, so every question
 * about the whole history is answered from running aggregates kept by {@link #add} (best losses, prefix minima,
 * smallest gradient norms), in constant time: scanning the history instead made each epoch's diagnosis grow with
 * the run, until it cost more than the epoch's training.
 */
final class RunHistory {

    private final List<EpochReport> reports = new ArrayList<>();
    /**
     * {@code bestTrainLossUpTo[i]}: the smallest training loss of reports 0..i; NaN while there is none, and, as
     * with {@link Math#min}, for good once a loss was NaN.
     */
    private double[] bestTrainLossUpTo = new double[64];
    private boolean sawTrainLoss;
    /** Per layer number: the smallest positive gradient norm so far. */
    private final Map<Integer, Double> smallestGradientNorms = new HashMap<>();
    private EpochReport bestTestLoss;

    void add(EpochReport report) {
        int index = reports.size();
        reports.add(report);
        if (index == bestTrainLossUpTo.length) {
            bestTrainLossUpTo = Arrays.copyOf(bestTrainLossUpTo, index * 2);
        }
        double best = index == 0 ? Double.NaN : bestTrainLossUpTo[index - 1];
        Double loss = report.trainLoss();
        if (loss != null) {
            best = sawTrainLoss ? Math.min(best, loss) : loss;
            sawTrainLoss = true;
        }
        bestTrainLossUpTo[index] = best;
        for (LayerReport layer : report.layers()) {
            Double norm = layer.gradientNorm();
            if (norm != null && norm > 0) {
                smallestGradientNorms.merge(layer.layer(), norm, Math::min);
            }
        }
        if (report.testLoss() != null && (bestTestLoss == null || report.testLoss() < bestTestLoss.testLoss())) {
            bestTestLoss = report;
        }
    }

    int size() {
        return reports.size();
    }

    EpochReport latest() {
        return reports.getLast();
    }

    /** The report {@code epochsBack} epochs before the latest (0 = latest). */
    EpochReport back(int epochsBack) {
        return reports.get(reports.size() - 1 - epochsBack);
    }

    /** The first report. */
    EpochReport first() {
        return reports.getFirst();
    }

    /** The latest {@code count} reports, oldest first, or fewer if there are not that many yet. */
    List<EpochReport> last(int count) {
        return reports.subList(Math.max(0, reports.size() - count), reports.size());
    }

    /**
     * True when the best training loss of the last {@code epochs} epochs is less than
     * {@link Thresholds#STALL_RELATIVE_IMPROVEMENT} below the best before them (false while there is not enough
     * history). Comparing bests rather than two single epochs keeps an oscillating loss from looking like progress.
     */
    boolean stalled(int epochs) {
        if (reports.size() <= epochs) {
            return false;
        }
        double bestBefore = bestTrainLossUpTo[reports.size() - epochs - 1];
        double bestRecent = bestTrainLoss(last(epochs));
        if (Double.isNaN(bestBefore) || Double.isNaN(bestRecent) || bestBefore <= 0) {
            return false;
        }
        return (bestBefore - bestRecent) / bestBefore < Thresholds.STALL_RELATIVE_IMPROVEMENT;
    }

    /** The smallest training loss so far (NaN when none was finite). */
    double bestTrainLoss() {
        return reports.isEmpty() ? Double.NaN : bestTrainLossUpTo[reports.size() - 1];
    }

    /** The smallest positive gradient norm layer {@code layer} has had so far, or 0 when it never had one. */
    double smallestGradientNorm(int layer) {
        return smallestGradientNorms.getOrDefault(layer, 0.0);
    }

    /** The earliest report with the lowest test loss, or null while no report had a test loss. */
    EpochReport bestTestLoss() {
        return bestTestLoss;
    }

    private static double bestTrainLoss(List<EpochReport> reports) {
        double best = Double.NaN;
        boolean empty = true;
        for (EpochReport report : reports) {
            if (report.trainLoss() != null) {
                best = empty ? report.trainLoss() : Math.min(best, report.trainLoss());
                empty = false;
            }
        }
        return best;
    }

    /** The layer with the given number in a report, or null. */
    static LayerReport layer(EpochReport report, int layer) {
        for (LayerReport l : report.layers()) {
            if (l.layer() == layer) {
                return l;
            }
        }
        return null;
    }
}
