package org.backproplab.diagnosis;

import java.util.List;

/**
 * What a rule sees at one epoch. {@code severity} orders symptoms of the same kind: a raised finding is updated
 * when a later symptom is at least one unit more severe (each rule scales it so one unit is a clear change, such as
 * an order of magnitude or ten percentage points).
 */
record Symptom(Integer layer, String evidence, String message, List<Remedy> remedies, String chart, double severity) {
}
