package org.backproplab.diagnosis;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.backproplab.engine.EpochReport;

/**
 * The training loss sits flat at (or above) the level of a model that ignores its input. When the configuration
 * explains it (dropout 1.0, all-zero weights, a learning rate far too low), the finding names that cause and is
 * raised after the usual window; without a known cause it waits much longer, since slow starts on a plateau are
 * normal. Defers to the findings that already name a cause.
 */
final class NotLearningRule implements Rule {

    /**
     * Without a known cause, a plateau must last this long, be this flat and sit this close to chance: a healthy
     * 4×8 tanh network on the spiral creeps from 0.685 to 0.672 over its first 30 epochs before it takes off.
     */
    static final int UNEXPLAINED_PLATEAU_EPOCHS = 30;
    static final double UNEXPLAINED_FLAT_RELATIVE_RANGE = 0.005;
    static final double UNEXPLAINED_CHANCE_TOLERANCE = 0.01;

    private static final Set<FindingKind> MORE_SPECIFIC = Set.of(FindingKind.VANISHING_GRADIENTS,
            FindingKind.DEAD_RELU, FindingKind.SATURATION, FindingKind.EXPLODING_GRADIENTS, FindingKind.DIVERGED);

    private enum Cause { DROPOUT_ALL, ZERO_START, LEARNING_RATE, UNKNOWN }

    @Override
    public FindingKind kind() {
        return FindingKind.NOT_LEARNING;
    }

    @Override
    public int persistence() {
        return 1; // the rule looks back over its own window
    }

    @Override
    public Optional<Symptom> check(RunContext context, RunHistory history, Set<FindingKind> raised) {
        for (FindingKind kind : raised) {
            if (MORE_SPECIFIC.contains(kind)) {
                return Optional.empty();
            }
        }
        Cause cause = cause(context, history);
        int window = cause == Cause.UNKNOWN ? UNEXPLAINED_PLATEAU_EPOCHS : Thresholds.PERSISTENCE_EPOCHS;
        if (history.size() < window) {
            return Optional.empty();
        }
        boolean known = cause != Cause.UNKNOWN;
        double tolerance = known ? Thresholds.CHANCE_TOLERANCE : UNEXPLAINED_CHANCE_TOLERANCE;
        Double chance = context.chanceLoss();
        Double latestLoss = history.latest().trainLoss();
        if (chance != null && latestLoss != null && latestLoss < chance * (1 - tolerance)) {
            // The window's lowest loss is at most the latest one, so it is below chance level: a learning run
            // (nearly every epoch of one) is done without scanning the window.
            return Optional.empty();
        }
        List<EpochReport> recent = history.last(window);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (EpochReport report : recent) {
            if (report.trainLoss() == null) {
                return Optional.empty();
            }
            low = Math.min(low, report.trainLoss());
            high = Math.max(high, report.trainLoss());
        }
        double flatRange = known ? Thresholds.FLAT_RELATIVE_RANGE : UNEXPLAINED_FLAT_RELATIVE_RANGE;
        boolean flat = high - low <= flatRange * high;
        boolean atChance = chance == null
                ? known // regression without the targets' variance: only a known cause counts
                : low >= chance * (1 - tolerance);
        if (!flat || !atChance) {
            return Optional.empty();
        }
        String evidence = "training loss between " + Numbers.format(low) + " and " + Numbers.format(high)
                + " for the last " + window + " epochs"
                + (chance == null ? "" : "; chance level " + Numbers.format(chance) + " (" + chanceName(context) + ")");
        Remedies remedies = new Remedies(context.config());
        String reason;
        List<Remedy> fixes;
        switch (cause) {
            case DROPOUT_ALL -> {
                reason = "Dropout is set to 1.0, so every hidden unit is switched off at every training step: "
                        + "nothing reaches the output, no gradient reaches the weights, and the network learns nothing.";
                fixes = Remedies.list(remedies.lowerDropout());
            }
            case ZERO_START -> {
                reason = "Every weight starts at zero, so all units of a layer compute the same thing and receive "
                        + "no useful gradient; they never start to differ.";
                fixes = Remedies.list(remedies.suitableInit());
            }
            case LEARNING_RATE -> {
                reason = "The learning rate (" + Numbers.format(context.learningRate()) + ") is far too low: the "
                        + "weights hardly move from where they started.";
                fixes = Remedies.list(remedies.raiseLearningRate(0.03 / context.learningRate()));
            }
            default -> {
                reason = "The loss has not moved from the level of guessing. The network may be too small for this "
                        + "data, or the chosen features may not carry the pattern.";
                fixes = Remedies.list(remedies.raiseLearningRate(10),
                        "relu".equals(context.network().activation()) ? null : remedies.reluWithHe());
            }
        }
        String message = "The network is not learning. " + reason;
        return Optional.of(new Symptom(null, evidence, message, fixes, Charts.LOSS, 0));
    }

    private static Cause cause(RunContext context, RunHistory history) {
        if (context.dropsEverything()) {
            return Cause.DROPOUT_ALL;
        }
        if (context.startsAtZero()) {
            return Cause.ZERO_START;
        }
        double largest = UpdateRatios.max(history.latest());
        if (context.learningRate() <= Thresholds.FAR_TOO_LOW_LEARNING_RATE
                || (largest > 0 && largest < Thresholds.UPDATE_RATIO_TOO_LOW)) {
            return Cause.LEARNING_RATE;
        }
        return Cause.UNKNOWN;
    }

    private static String chanceName(RunContext context) {
        return switch (context.task()) {
            case BINARY -> "ln 2, guessing 50/50";
            case MULTICLASS -> "ln " + context.classes() + ", guessing every class equally";
            case REGRESSION -> "variance of the targets, always predicting their mean";
        };
    }
}
