package org.backproplab.diagnosis;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a rule sees at one epoch. {@code severity} orders symptoms of the same kind: a raised finding is updated
 * when a later symptom is at least one unit more severe (each rule scales it so one unit is a clear change, such as
 * an order of magnitude or ten percentage points).
 */
record Symptom(Integer layer, Supplier<String> evidenceText, String message, Supplier<List<Remedy>> remedyList,
               String chart, double severity) {

    /**
     * A symptom whose texts are already built. A rule that sees its symptom on many epochs in a row, of which
     * only a few raise or worsen a finding, passes suppliers instead: the texts are then built only for those.
     */
    Symptom(Integer layer, String evidence, String message, List<Remedy> remedies, String chart, double severity) {
        this(layer, () -> evidence, message, () -> remedies, chart, severity);
    }

    String evidence() {
        return evidenceText.get();
    }

    List<Remedy> remedies() {
        return remedyList.get();
    }
}
