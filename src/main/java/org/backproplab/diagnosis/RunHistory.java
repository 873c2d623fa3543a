package org.backproplab.diagnosis;

import java.util.ArrayList;
import java.util.List;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.LayerReport;

/** The epoch reports seen so far, with the few questions the rules ask of them. */
final class RunHistory {

    private final List<EpochReport> reports = new ArrayList<>();

    void add(EpochReport report) {
        reports.add(report);
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

    List<EpochReport> all() {
        return reports;
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
        double bestBefore = bestTrainLoss(reports.subList(0, reports.size() - epochs));
        double bestRecent = bestTrainLoss(last(epochs));
        if (Double.isNaN(bestBefore) || Double.isNaN(bestRecent) || bestBefore <= 0) {
            return false;
        }
        return (bestBefore - bestRecent) / bestBefore < Thresholds.STALL_RELATIVE_IMPROVEMENT;
    }

    /** The smallest training loss so far (NaN when none was finite). */
    double bestTrainLoss() {
        return bestTrainLoss(reports);
    }

    private static double bestTrainLoss(List<EpochReport> reports) {
        return reports.stream().map(EpochReport::trainLoss).filter(l -> l != null)
                .mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
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
