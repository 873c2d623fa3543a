package org.backproplab.diagnosis;

import java.util.Optional;
import java.util.Set;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.LayerReport;

/**
 * The first hidden layer's gradient is orders of magnitude smaller than the output layer's and the loss has stopped
 * improving: the layers near the input barely learn.
 */
final class VanishingGradientsRule implements Rule {

    @Override
    public FindingKind kind() {
        return FindingKind.VANISHING_GRADIENTS;
    }

    @Override
    public Optional<Symptom> check(RunContext context, RunHistory history, Set<FindingKind> raised) {
        if (context.hiddenLayers() == 0 || context.gradientsBlockedByConfig()) {
            return Optional.empty();
        }
        EpochReport latest = history.latest();
        LayerReport first = RunHistory.layer(latest, 1);
        LayerReport output = RunHistory.layer(latest, context.outputLayer());
        if (first == null || output == null || first.gradientNorm() == null || output.gradientNorm() == null
                || first.gradientNorm() <= 0 || output.gradientNorm() <= 0) {
            return Optional.empty();
        }
        double ratio = first.gradientNorm() / output.gradientNorm();
        int window = Thresholds.PERSISTENCE_EPOCHS;
        if (ratio >= Thresholds.VANISHING_GRADIENT_RATIO || !history.stalled(window)) {
            return Optional.empty();
        }
        String evidence = "gradient norm of hidden layer 1: " + Numbers.format(first.gradientNorm())
                + ", of the output layer: " + Numbers.format(output.gradientNorm()) + " (ratio "
                + Numbers.format(ratio) + ", below " + Numbers.format(Thresholds.VANISHING_GRADIENT_RATIO)
                + "); training loss " + Numbers.format(history.back(window).trainLoss()) + " → "
                + Numbers.format(latest.trainLoss()) + " over the last " + window + " epochs";
        String message = "The gradients vanish before they reach the first layers. Backpropagation multiplies one "
                + "factor per layer, and " + context.network().activation() + " derivatives are small, so after "
                + context.hiddenLayers() + " layers almost nothing is left: the layers near the input hardly change "
                + "and the loss has stopped falling.";
        Remedies remedies = new Remedies(context.config());
        boolean reluAlready = "relu".equals(context.network().activation())
                && "he".equals(context.network().initializer());
        return Optional.of(new Symptom(1, evidence, message, Remedies.list(
                reluAlready ? null : remedies.reluWithHe(),
                context.network().batchNorm() ? null : remedies.batchNorm(),
                remedies.fewerLayers()), Charts.GRADIENT, -Math.log10(ratio)));
    }
}
