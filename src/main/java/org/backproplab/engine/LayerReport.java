package org.backproplab.engine;

/**
 * One layer's health at the end of an epoch (layers are numbered from 1 at the input side; the output layer is
 * last). Every value is null where it does not apply or where it would not be a finite number.
 *
 * @param gradientNorm      ‖∂loss/∂kernel‖₂ (regularization included, before clipping), mean over the epoch's steps
 * @param weightNorm        ‖kernel‖₂ at epoch end
 * @param updateRatio       ‖Δkernel‖₂ / ‖kernel before the step‖₂, mean over the epoch's steps
 * @param activationMean    mean of the layer's outputs over the training set (inference mode, epoch end)
 * @param activationStd     their standard deviation
 * @param deadFraction      ReLU-family hidden layers: fraction of units whose pre-activation is ≤ 0 for every
 *                          training example
 * @param saturatedFraction sigmoid/tanh hidden layers: fraction of unit outputs over the training set whose
 *                          activation derivative is below 1 % of its maximum
 */
public record LayerReport(int layer, int units, Double gradientNorm, Double weightNorm, Double updateRatio,
                          Double activationMean, Double activationStd, Double deadFraction,
                          Double saturatedFraction) {
}
