package org.backproplab.engine;

/**
 * What a network computes for a set of inputs in inference mode.
 *
 * @param predictions one row per input: probabilities (binary: [p(class 1)], multiclass: K probabilities) or [value]
 * @param hidden      every hidden unit's output: {@code hidden[layer][unit][example]}, layers 0-based from the input
 */
public record NetworkOutputs(double[][] predictions, double[][][] hidden) {
}
