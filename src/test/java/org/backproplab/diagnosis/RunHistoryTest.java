package org.backproplab.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.LayerReport;
import org.junit.jupiter.api.Test;

/** The running aggregates answer exactly what a scan over the whole history would. */
class RunHistoryTest {

    @Test
    void aggregatesMatchAScanOfTheWholeHistory() {
        Random random = new Random(7);
        RunHistory history = new RunHistory();
        List<EpochReport> all = new ArrayList<>();
        for (int epoch = 1; epoch <= 400; epoch++) {
            // Losses wander up and down, some are missing, gradient norms are sometimes zero or missing.
            Double trainLoss = random.nextInt(10) == 0 ? null : 1.0 / epoch + random.nextDouble() * 0.3;
            Double testLoss = random.nextInt(10) == 0 ? null : 0.5 + random.nextDouble();
            List<LayerReport> layers = List.of(
                    layer(1, random.nextInt(8) == 0 ? null : random.nextDouble() * (random.nextBoolean() ? 0 : 1)),
                    layer(2, random.nextDouble() + 0.01));
            EpochReport report = new EpochReport(epoch, trainLoss, testLoss, null, null, layers, null);
            all.add(report);
            history.add(report);

            assertEquals(scanBestTrainLoss(all), history.bestTrainLoss(), "best train loss at epoch " + epoch);
            assertSame(scanBestTestLoss(all), history.bestTestLoss(), "best test loss at epoch " + epoch);
            for (int l = 1; l <= 2; l++) {
                assertEquals(scanSmallestGradientNorm(all, l), history.smallestGradientNorm(l),
                        "smallest gradient norm of layer " + l + " at epoch " + epoch);
            }
            for (int window : new int[] {1, 5, 30}) {
                assertEquals(scanStalled(all, window), history.stalled(window),
                        "stalled(" + window + ") at epoch " + epoch);
            }
        }
    }

    @Test
    void aNonFiniteLossSticksLikeMathMin() {
        RunHistory history = new RunHistory();
        assertEquals(Double.NaN, history.bestTrainLoss());
        history.add(new EpochReport(1, null, null, null, null, List.of(), null));
        assertEquals(Double.NaN, history.bestTrainLoss());
        assertNull(history.bestTestLoss());
        history.add(new EpochReport(2, 0.5, 0.7, null, null, List.of(), null));
        assertEquals(0.5, history.bestTrainLoss());
        history.add(new EpochReport(3, Double.NaN, null, null, null, List.of(), null));
        history.add(new EpochReport(4, 0.1, null, null, null, List.of(), null));
        assertEquals(Double.NaN, history.bestTrainLoss());
        assertEquals(0.0, history.smallestGradientNorm(1));
    }

    private static LayerReport layer(int number, Double gradientNorm) {
        return new LayerReport(number, 8, gradientNorm, 1.0, 1e-3, 0.0, 0.5, null, null);
    }

    private static double scanBestTrainLoss(List<EpochReport> reports) {
        return reports.stream().map(EpochReport::trainLoss).filter(l -> l != null)
                .mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static EpochReport scanBestTestLoss(List<EpochReport> reports) {
        EpochReport best = null;
        for (EpochReport report : reports) {
            if (report.testLoss() != null && (best == null || report.testLoss() < best.testLoss())) {
                best = report;
            }
        }
        return best;
    }

    private static double scanSmallestGradientNorm(List<EpochReport> reports, int layer) {
        double smallest = Double.POSITIVE_INFINITY;
        for (EpochReport report : reports) {
            LayerReport l = RunHistory.layer(report, layer);
            if (l != null && l.gradientNorm() != null && l.gradientNorm() > 0) {
                smallest = Math.min(smallest, l.gradientNorm());
            }
        }
        return smallest == Double.POSITIVE_INFINITY ? 0 : smallest;
    }

    private static boolean scanStalled(List<EpochReport> reports, int epochs) {
        if (reports.size() <= epochs) {
            return false;
        }
        double bestBefore = scanBestTrainLoss(reports.subList(0, reports.size() - epochs));
        double bestRecent = scanBestTrainLoss(reports.subList(reports.size() - epochs, reports.size()));
        if (Double.isNaN(bestBefore) || Double.isNaN(bestRecent) || bestBefore <= 0) {
            return false;
        }
        return (bestBefore - bestRecent) / bestBefore < Thresholds.STALL_RELATIVE_IMPROVEMENT;
    }
}
