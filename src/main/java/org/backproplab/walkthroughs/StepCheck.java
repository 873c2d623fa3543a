package org.backproplab.walkthroughs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.backproplab.diagnosis.Finding;
import org.backproplab.diagnosis.FindingKind;
import org.backproplab.diagnosis.Thresholds;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.LayerReport;

/**
 * A condition a walkthrough step asks the learner's run to show; the lab ticks it off once met. Written in a
 * walkthrough file as {@code check: FINDING:DEAD_RELU}, {@code check: NO_FINDING:DEAD_RELU} or a bare condition
 * such as {@code check: LAYER_DEAD_OVER_HALF}.
 *
 * @param condition what to look for
 * @param finding   the finding kind for {@link Condition#FINDING} and {@link Condition#NO_FINDING}, else null
 */
public record StepCheck(Condition condition, FindingKind finding) {

    /** Epochs a run must have completed before the absence of a finding counts (past the diagnosis' window). */
    public static final int EPOCHS_BEFORE_ABSENCE_COUNTS = 4 * Thresholds.PERSISTENCE_EPOCHS;

    public enum Condition {
        /** The diagnosis raised the named finding. */
        FINDING,
        /** The run has trained a while (see {@link StepCheck#EPOCHS_BEFORE_ABSENCE_COUNTS}) without the named finding. */
        NO_FINDING,
        /** Some ReLU-family layer has more than half of its units dead in the latest epoch. */
        LAYER_DEAD_OVER_HALF,
        /** The first hidden layer's gradient norm is below 1/1000 of the output layer's in the latest epoch. */
        FIRST_LAYER_GRADIENT_TINY,
        /** Training produced a non-finite value (NaN or infinity). */
        NON_FINITE,
        /** Test loss is 10 % above its best so far while training loss is below its value at that best. */
        TEST_LOSS_RISING,
        /** Training loss has fallen to half of its first epoch's value or less. */
        LOSS_HALVED
    }

    /** Test loss counts as rising once it is this fraction above its best. */
    static final double TEST_LOSS_RISE = 0.1;

    public StepCheck {
        if (condition == null) {
            throw new IllegalArgumentException("condition is required");
        }
        boolean needsFinding = condition == Condition.FINDING || condition == Condition.NO_FINDING;
        if (needsFinding != (finding != null)) {
            throw new IllegalArgumentException(needsFinding ? condition + " needs a finding kind, e.g. "
                    + condition + ":DEAD_RELU" : condition + " takes no finding kind");
        }
    }

    /**
     * Parses {@code FINDING:<KIND>}, {@code NO_FINDING:<KIND>} or a bare condition name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static StepCheck parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        int colon = value.indexOf(':');
        String conditionName = colon < 0 ? value : value.substring(0, colon).trim();
        Condition condition = Arrays.stream(Condition.values()).filter(c -> c.name().equals(conditionName))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown check '" + text.trim()
                        + "'; allowed: " + allowed()));
        FindingKind kind = null;
        if (colon >= 0) {
            String kindName = value.substring(colon + 1).trim();
            kind = Arrays.stream(FindingKind.values()).filter(k -> k.name().equals(kindName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown finding kind '" + kindName
                            + "'; allowed: " + String.join(", ", Arrays.stream(FindingKind.values()).map(Enum::name).toList())));
        }
        return new StepCheck(condition, kind);
    }

    /** The allowed forms, for messages and documentation. */
    public static String allowed() {
        return "FINDING:<KIND>, NO_FINDING:<KIND>, " + String.join(", ", Arrays.stream(Condition.values())
                .filter(c -> c != Condition.FINDING && c != Condition.NO_FINDING).map(Enum::name).toList());
    }

    /** The form written in walkthrough files. */
    @Override
    public String toString() {
        return finding == null ? condition.name() : condition.name() + ":" + finding.name();
    }

    /** A short sentence for the checkbox next to the step. */
    public String describe() {
        return switch (condition) {
            case FINDING -> "The lab reports " + readable(finding);
            case NO_FINDING -> "No " + readable(finding) + " after " + EPOCHS_BEFORE_ABSENCE_COUNTS + " epochs";
            case LAYER_DEAD_OVER_HALF -> "A layer is more than half dead";
            case FIRST_LAYER_GRADIENT_TINY -> "The first layer's gradient is under 1/1000 of the output layer's";
            case NON_FINITE -> "Training hits NaN or infinity";
            case TEST_LOSS_RISING -> "Test loss rises while training loss falls";
            case LOSS_HALVED -> "The training loss halves";
        };
    }

    private static String readable(FindingKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ').replace("relu", "ReLU");
    }

    /** True when the run so far (its epoch reports, oldest first, and current findings) shows the condition. */
    public boolean isMet(List<EpochReport> reports, List<Finding> findings) {
        EpochReport latest = reports.isEmpty() ? null : reports.getLast();
        return switch (condition) {
            case FINDING -> findings.stream().anyMatch(f -> f.kind() == finding);
            case NO_FINDING -> reports.size() >= EPOCHS_BEFORE_ABSENCE_COUNTS
                    && findings.stream().noneMatch(f -> f.kind() == finding);
            case LAYER_DEAD_OVER_HALF -> latest != null && latest.layers().stream()
                    .anyMatch(l -> l.deadFraction() != null && l.deadFraction() > Thresholds.DEAD_FRACTION);
            case FIRST_LAYER_GRADIENT_TINY -> latest != null && firstLayerGradientTiny(latest);
            case NON_FINITE -> reports.stream().anyMatch(r -> r.nonFinite() != null);
            case TEST_LOSS_RISING -> testLossRising(reports);
            case LOSS_HALVED -> latest != null && reports.getFirst().trainLoss() != null && latest.trainLoss() != null
                    && latest.trainLoss() <= reports.getFirst().trainLoss() / 2;
        };
    }

    private static boolean firstLayerGradientTiny(EpochReport report) {
        List<LayerReport> layers = report.layers();
        if (layers.size() < 2) {
            return false; // no hidden layer
        }
        Double first = layers.getFirst().gradientNorm();
        Double output = layers.getLast().gradientNorm();
        return first != null && output != null && output > 0
                && first / output < Thresholds.VANISHING_GRADIENT_RATIO;
    }

    private static boolean testLossRising(List<EpochReport> reports) {
        EpochReport best = null;
        for (EpochReport report : reports) {
            if (report.testLoss() != null && (best == null || report.testLoss() < best.testLoss())) {
                best = report;
            }
        }
        EpochReport latest = reports.isEmpty() ? null : reports.getLast();
        return best != null && best != latest && latest.testLoss() != null && latest.trainLoss() != null
                && best.trainLoss() != null && latest.testLoss() > best.testLoss() * (1 + TEST_LOSS_RISE)
                && latest.trainLoss() < best.trainLoss();
    }
}
