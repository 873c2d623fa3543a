package org.backproplab.diagnosis;

import java.util.Optional;
import java.util.Set;

/**
 * Typical (median) update:weight ratio far above the rule of thumb while the loss does not improve. Defers to
 * EXPLODING_GRADIENTS and DIVERGED, which name the same cause more precisely.
 */
final class LearningRateTooHighRule implements Rule {

    @Override
    public FindingKind kind() {
        return FindingKind.LEARNING_RATE_TOO_HIGH;
    }

    @Override
    public Optional<Symptom> check(RunContext context, RunHistory history, Set<FindingKind> raised) {
        if (raised.contains(FindingKind.EXPLODING_GRADIENTS) || raised.contains(FindingKind.DIVERGED)) {
            return Optional.empty();
        }
        double median = UpdateRatios.median(history.latest());
        if (Double.isNaN(median) || median < Thresholds.UPDATE_RATIO_TOO_HIGH
                || !history.stalled(Thresholds.PERSISTENCE_EPOCHS)) {
            return Optional.empty();
        }
        String evidence = "median update:weight ratio " + Numbers.format(median) + " per step (rule of thumb about "
                + Numbers.format(Thresholds.TYPICAL_UPDATE_RATIO) + "); per layer: "
                + UpdateRatios.describe(history.latest()) + "; training loss not improving";
        String message = "The learning rate (" + Numbers.format(context.learningRate()) + ") is too high: every step "
                + "changes the weights by " + Numbers.percent(median) + " of their size, so training overshoots and "
                + "bounces around instead of settling into a minimum.";
        Remedies remedies = new Remedies(context.config());
        return Optional.of(new Symptom(null, evidence, message, Remedies.list(remedies.lowerLearningRate()),
                Charts.UPDATE_RATIO, Math.log10(median / Thresholds.UPDATE_RATIO_TOO_HIGH)));
    }
}
