package org.backproplab.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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
        String chart = null;
        double severity = 0;

        EpochReport bestTest = history.bestTestLoss();
        double rise = latest.testLoss() - bestTest.testLoss();
        boolean trainStillFalling = bestTest.trainLoss() != null && latest.trainLoss() < bestTest.trainLoss();
        boolean testLossRising = trainStillFalling && rise >= Thresholds.OVERFITTING_MIN_TEST_LOSS_RISE
                && rise >= Thresholds.OVERFITTING_TEST_LOSS_RISE * bestTest.testLoss();
        if (testLossRising) {
            chart = Charts.LOSS;
            // Re-reported per further half of the best test loss, so a long run does not repeat itself every few epochs.
            severity = rise / bestTest.testLoss() / 0.5;
        }

        boolean accuracyGap = false;
        double gap = 0;
        if (latest.trainAccuracy() != null && latest.testAccuracy() != null) {
            gap = latest.trainAccuracy() - latest.testAccuracy();
            accuracyGap = gap >= Thresholds.OVERFITTING_ACCURACY_GAP;
            if (accuracyGap) {
                if (chart == null) {
                    chart = Charts.ACCURACY;
                }
                severity = Math.max(severity, gap * 5); // re-reported per further 20 points
            }
        }

        if (!testLossRising && !accuracyGap) {
            return Optional.empty();
        }
        // An overfitting run shows the symptom on every epoch from here on, and a finding is raised or worsened on
        // only a few of them: the texts are built only for those.
        boolean lossPart = testLossRising;
        boolean gapPart = accuracyGap;
        long gapPoints = Math.round(gap * 100);
        Supplier<String> evidence = () -> {
            List<String> parts = new ArrayList<>(2);
            if (lossPart) {
                parts.add("test loss rose from " + Numbers.format(bestTest.testLoss()) + " (epoch " + bestTest.epoch()
                        + ") to " + Numbers.format(latest.testLoss()) + " while training loss fell from "
                        + Numbers.format(bestTest.trainLoss()) + " to " + Numbers.format(latest.trainLoss()));
            }
            if (gapPart) {
                parts.add("training accuracy " + Numbers.percent(latest.trainAccuracy()) + ", test accuracy "
                        + Numbers.percent(latest.testAccuracy()) + " (gap " + gapPoints + " points)");
            }
            return String.join("; ", parts);
        };
        String message = "The network is overfitting: it keeps getting better on the examples it trains on and worse "
                + "on examples it has not seen, because it is learning their noise rather than the pattern.";
        Supplier<List<Remedy>> remedies = () -> {
            Remedies fixes = new Remedies(context.config());
            return Remedies.list(fixes.dropout(), fixes.l2(), fixes.moreData(), fixes.smallerNetwork());
        };
        return Optional.of(new Symptom(null, evidence, message, remedies, chart, severity));
    }
}
