package org.backproplab.diagnosis;

import java.util.Optional;
import java.util.Set;

/**
 * Even the fastest-moving layer changes by far less than the rule of thumb per step, the loss is stuck, and it has
 * not even halved since the first epoch: the steps are too small to get anywhere.
 */
final class LearningRateTooLowRule implements Rule {

    @Override
    public FindingKind kind() {
        return FindingKind.LEARNING_RATE_TOO_LOW;
    }

    @Override
    public Optional<Symptom> check(RunContext context, RunHistory history, Set<FindingKind> raised) {
        if (context.gradientsBlockedByConfig() || raised.contains(FindingKind.VANISHING_GRADIENTS)) {
            return Optional.empty();
        }
        double largest = UpdateRatios.max(history.latest());
        Double firstLoss = history.first().trainLoss();
        Double loss = history.latest().trainLoss();
        // A ratio of exactly 0 means no gradient at all, which a learning rate cannot explain.
        if (!(largest > 0) || largest >= Thresholds.UPDATE_RATIO_TOO_LOW || firstLoss == null || loss == null
                || loss < firstLoss / 2 || !history.stalled(Thresholds.PERSISTENCE_EPOCHS)) {
            return Optional.empty();
        }
        String evidence = "largest update:weight ratio " + Numbers.format(largest) + " per step (rule of thumb about "
                + Numbers.format(Thresholds.TYPICAL_UPDATE_RATIO) + "); training loss " + Numbers.format(firstLoss)
                + " at epoch 1, " + Numbers.format(loss) + " now";
        String message = "The learning rate (" + Numbers.format(context.learningRate()) + ") is too low: each step "
                + "moves the weights by a tiny fraction of their size, so training would need an enormous number of "
                + "epochs to get anywhere.";
        Remedies remedies = new Remedies(context.config());
        // Scale the rate so the largest ratio lands near the rule of thumb, in whole powers of ten.
        double factor = Math.pow(10, Math.round(Math.log10(Thresholds.TYPICAL_UPDATE_RATIO / largest)));
        return Optional.of(new Symptom(null, evidence, message, Remedies.list(
                remedies.raiseLearningRate(factor),
                factor > 10 ? remedies.raiseLearningRate(10) : null),
                Charts.UPDATE_RATIO, Math.log10(Thresholds.UPDATE_RATIO_TOO_LOW / largest)));
    }
}
