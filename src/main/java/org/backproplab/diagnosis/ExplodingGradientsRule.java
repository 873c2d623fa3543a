package org.backproplab.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.LayerReport;

/**
 * Gradients out of control: a step as large as the weights themselves, a layer's gradient norm grown by orders of
 * magnitude while the loss gets worse, or lower layers' gradients orders of magnitude above the output layer's.
 */
final class ExplodingGradientsRule implements Rule {

    @Override
    public FindingKind kind() {
        return FindingKind.EXPLODING_GRADIENTS;
    }

    @Override
    public int persistence() {
        return Thresholds.EXPLODING_PERSISTENCE_EPOCHS;
    }

    @Override
    public Optional<Symptom> check(RunContext context, RunHistory history, Set<FindingKind> raised) {
        EpochReport latest = history.latest();
        if (latest.nonFinite() != null) {
            return Optional.empty();
        }
        List<String> evidence = new ArrayList<>();
        Integer worstLayer = null;
        double severity = 0;

        LayerReport biggestUpdate = null;
        for (LayerReport layer : latest.layers()) {
            if (layer.updateRatio() != null && (biggestUpdate == null || layer.updateRatio() > biggestUpdate.updateRatio())) {
                biggestUpdate = layer;
            }
        }
        if (biggestUpdate != null && biggestUpdate.updateRatio() >= Thresholds.HUGE_UPDATE_RATIO) {
            evidence.add("update:weight ratio of " + context.layerName(biggestUpdate.layer()) + " is "
                    + Numbers.format(biggestUpdate.updateRatio()) + " per step (healthy: about "
                    + Numbers.format(Thresholds.TYPICAL_UPDATE_RATIO) + ")");
            worstLayer = biggestUpdate.layer();
            severity = Math.log10(biggestUpdate.updateRatio() / Thresholds.HUGE_UPDATE_RATIO);
        }

        if (latest.trainLoss() != null && latest.trainLoss() > history.bestTrainLoss()) {
            for (LayerReport layer : latest.layers()) {
                Double now = layer.gradientNorm();
                double smallest = history.smallestGradientNorm(layer.layer());
                if (now != null && smallest > 0 && now / smallest >= Thresholds.EXPLODING_GROWTH) {
                    evidence.add("gradient norm of " + context.layerName(layer.layer()) + " grew from "
                            + Numbers.format(smallest) + " to " + Numbers.format(now) + " while the training loss rose to "
                            + Numbers.format(latest.trainLoss()));
                    double growth = Math.log10(now / smallest / Thresholds.EXPLODING_GROWTH);
                    if (worstLayer == null || growth > severity) {
                        worstLayer = layer.layer();
                        severity = Math.max(severity, growth);
                    }
                    break;
                }
            }
        }

        LayerReport first = RunHistory.layer(latest, 1);
        LayerReport output = RunHistory.layer(latest, context.outputLayer());
        if (context.hiddenLayers() > 0 && first != null && output != null && first.gradientNorm() != null
                && output.gradientNorm() != null && output.gradientNorm() > 0) {
            double ratio = first.gradientNorm() / output.gradientNorm();
            if (ratio >= Thresholds.EXPLODING_GRADIENT_RATIO) {
                evidence.add("gradient norm of hidden layer 1 is " + Numbers.format(ratio) + "× the output layer's ("
                        + Numbers.format(first.gradientNorm()) + " vs " + Numbers.format(output.gradientNorm()) + ")");
                if (worstLayer == null) {
                    worstLayer = 1;
                }
                severity = Math.max(severity, Math.log10(ratio / Thresholds.EXPLODING_GRADIENT_RATIO));
            }
        }

        if (evidence.isEmpty()) {
            return Optional.empty();
        }
        String message = "The gradients are exploding: each step changes the weights so much that the next gradient "
                + "is larger still, so the network jumps around instead of settling. Large starting weights and a "
                + "high learning rate make this worse, deep networks most of all.";
        return Optional.of(new Symptom(worstLayer, String.join("; ", evidence), message,
                remedies(context, new Remedies(context.config())), Charts.GRADIENT, severity));
    }

    /** Batch normalization, a learning rate ÷10, clipping, and He init when the start was a wide normal. */
    static List<Remedy> remedies(RunContext context, Remedies remedies) {
        boolean wideNormalStart = "normal".equals(context.network().initializer()) && context.network().initScale() >= 0.5;
        return Remedies.list(
                context.network().batchNorm() ? null : remedies.batchNorm(),
                remedies.lowerLearningRate(),
                remedies.clipGradients(),
                wideNormalStart ? remedies.suitableInit() : null);
    }

    /** "1: 0.12, 2: 0.5, output: 3.1" — for evidence strings. */
    static String gradientNorms(EpochReport report) {
        List<String> parts = new ArrayList<>();
        int last = report.layers().isEmpty() ? 0 : report.layers().getLast().layer();
        for (LayerReport layer : report.layers()) {
            String name = layer.layer() == last ? "output" : Integer.toString(layer.layer());
            parts.add(name + ": " + (layer.gradientNorm() == null ? "n/a" : Numbers.format(layer.gradientNorm())));
        }
        return String.join(", ", parts);
    }
}
