package org.backproplab.engine;

/**
 * The state of one batch-normalization layer, per unit: the learned scale γ and shift β, and the running averages
 * of the batch mean and (biased) batch variance that replace the batch statistics at inference.
 */
public record BatchNormWeights(double[] gamma, double[] beta, double[] movingMean, double[] movingVariance) {

    /** A deep copy. */
    public BatchNormWeights copy() {
        return new BatchNormWeights(gamma.clone(), beta.clone(), movingMean.clone(), movingVariance.clone());
    }
}
