package org.backproplab.diagnosis;

import java.util.Optional;
import java.util.Set;
import org.backproplab.engine.LayerReport;

/**
 * A sigmoid or tanh layer whose outputs sit mostly in the flat tails while the loss has stopped improving: the
 * units pass almost no gradient.
 */
final class SaturationRule implements Rule {

    @Override
    public FindingKind kind() {
        return FindingKind.SATURATION;
    }

    @Override
    public Optional<Symptom> check(RunContext context, RunHistory history, Set<FindingKind> raised) {
        if (context.gradientsBlockedByConfig() || !history.stalled(Thresholds.PERSISTENCE_EPOCHS)) {
            return Optional.empty();
        }
        LayerReport worst = null;
        for (LayerReport layer : history.latest().layers()) {
            String activation = context.activation(layer.layer());
            if (!("sigmoid".equals(activation) || "tanh".equals(activation)) || layer.saturatedFraction() == null) {
                continue;
            }
            if (worst == null || layer.saturatedFraction() > worst.saturatedFraction()) {
                worst = layer;
            }
        }
        if (worst == null || worst.saturatedFraction() < Thresholds.SATURATED_FRACTION) {
            return Optional.empty();
        }
        String activation = context.activation(worst.layer());
        String evidence = Numbers.percent(worst.saturatedFraction()) + " of hidden layer " + worst.layer()
                + "'s outputs are saturated (" + activation + " slope below 1 % of its maximum); activation mean "
                + (worst.activationMean() == null ? "n/a" : Numbers.format(worst.activationMean())) + ", spread "
                + (worst.activationStd() == null ? "n/a" : Numbers.format(worst.activationStd()))
                + "; training loss stalled";
        String message = "Hidden layer " + worst.layer() + " is saturated: its " + activation + " units sit on the "
                + "flat ends of the curve, where the slope is nearly zero, so almost no gradient passes through and "
                + "learning crawls. Weighted sums that are too large cause it.";
        Remedies remedies = new Remedies(context.config());
        boolean xavierAlready = "xavier".equals(context.network().initializer());
        return Optional.of(new Symptom(worst.layer(), evidence, message, Remedies.list(
                remedies.reluWithHe(),
                context.network().batchNorm() ? null : remedies.batchNorm(),
                xavierAlready ? remedies.lowerLearningRate() : remedies.xavierInit()),
                Charts.ACTIVATION, worst.saturatedFraction() * 10));
    }
}
