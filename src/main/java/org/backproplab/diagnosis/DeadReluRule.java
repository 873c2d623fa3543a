package org.backproplab.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.backproplab.engine.LayerReport;

/** A ReLU layer with more than half of its units never active on the training set. */
final class DeadReluRule implements Rule {

    @Override
    public FindingKind kind() {
        return FindingKind.DEAD_RELU;
    }

    @Override
    public Optional<Symptom> check(RunContext context, RunHistory history, Set<FindingKind> raised) {
        if (context.gradientsBlockedByConfig()) {
            return Optional.empty();
        }
        LayerReport worst = null;
        List<String> perLayer = new ArrayList<>();
        for (LayerReport layer : history.latest().layers()) {
            // Leaky ReLU and ELU keep a small gradient below zero, so their units can come back; only ReLU's die.
            if (!"relu".equals(context.activation(layer.layer())) || layer.deadFraction() == null) {
                continue;
            }
            perLayer.add(layer.layer() + ": " + Numbers.percent(layer.deadFraction()));
            if (worst == null || layer.deadFraction() > worst.deadFraction()) {
                worst = layer;
            }
        }
        if (worst == null || worst.deadFraction() <= Thresholds.DEAD_FRACTION) {
            return Optional.empty();
        }
        long dead = Math.round(worst.deadFraction() * worst.units());
        String evidence = dead + " of " + worst.units() + " units of hidden layer " + worst.layer() + " are dead ("
                + Numbers.percent(worst.deadFraction()) + "); dead units per ReLU layer: " + String.join(", ", perLayer);
        String message = "Hidden layer " + worst.layer() + " has lost most of its units: their weighted sum is "
                + "negative for every training example, so they always output 0 and no gradient flows back to "
                + "revive them. Large steps usually push them there.";
        Remedies remedies = new Remedies(context.config());
        return Optional.of(new Symptom(worst.layer(), evidence, message, Remedies.list(
                remedies.lowerLearningRate(),
                remedies.leakyRelu(),
                "he".equals(context.network().initializer()) ? null : remedies.heInit()),
                Charts.DEAD, worst.deadFraction() * 10));
    }
}
