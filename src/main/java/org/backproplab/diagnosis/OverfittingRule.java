package org.backproplab.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.backproplab.engine.EpochReport;

/**
 * The network memorises the training set: test loss climbs well above its best while training loss keeps falling,
 * or training accuracy runs far ahead of test accuracy.
 */
final class OverfittingRule implements Rule {

    @Override
    public FindingKind kind() {
        return FindingKind.OVERFITTING;
    }

    @Override
    public Optional<Symptom> check(RunContext context, RunHistory history, Set<FindingKind> raised) {
        EpochReport latest = history.latest();
        if (latest.testLoss() == null || latest.trainLoss() == null || context.gradientsBlockedByConfig()) {
            return Optional.empty();
        }
        // Memorising needs learning: a network still at chance on its own training set (say, a random network
        // whose train/test accuracies differ by luck on a small set) is not overfitting.
        Double chance = context.chanceLoss();
        if (chance != null && latest.trainLoss() >= chance) {
            return Optional.empty();
        }
        List<String> evidence = new ArrayList<>();
        String chart = null;
        double severity = 0;

        EpochReport bestTest = history.bestTestLoss();
        double rise = latest.testLoss() - bestTest.testLoss();
        boolean trainStillFalling = bestTest.trainLoss() != null && latest.trainLoss() < bestTest.trainLoss();
        if (trainStillFalling && rise >= Thresholds.OVERFITTING_MIN_TEST_LOSS_RISE
                && rise >= Thresholds.OVERFITTING_TEST_LOSS_RISE * bestTest.testLoss()) {
            evidence.add("test loss rose from " + Numbers.format(bestTest.testLoss()) + " (epoch " + bestTest.epoch()
                    + ") to " + Numbers.format(latest.testLoss()) + " while training loss fell from "
                    + Numbers.format(bestTest.trainLoss()) + " to " + Numbers.format(latest.trainLoss()));
            chart = Charts.LOSS;
            // Re-reported per further half of the best test loss, so a long run does not repeat itself every few epochs.
            severity = rise / bestTest.testLoss() / 0.5;
        }

        if (latest.trainAccuracy() != null && latest.testAccuracy() != null) {
            double gap = latest.trainAccuracy() - latest.testAccuracy();
            if (gap >= Thresholds.OVERFITTING_ACCURACY_GAP) {
                evidence.add("training accuracy " + Numbers.percent(latest.trainAccuracy()) + ", test accuracy "
                        + Numbers.percent(latest.testAccuracy()) + " (gap " + Math.round(gap * 100) + " points)");
                if (chart == null) {
                    chart = Charts.ACCURACY;
                }
                severity = Math.max(severity, gap * 5); // re-reported per further 20 points
            }
        }

        if (evidence.isEmpty()) {
            return Optional.empty();
        }
        String message = "The network is overfitting: it keeps getting better on the examples it trains on and worse "
                + "on examples it has not seen, because it is learning their noise rather than the pattern.";
        Remedies remedies = new Remedies(context.config());
        return Optional.of(new Symptom(null, String.join("; ", evidence), message, Remedies.list(
                remedies.dropout(), remedies.l2(), remedies.moreData(), remedies.smallerNetwork()), chart, severity));
    }
}
