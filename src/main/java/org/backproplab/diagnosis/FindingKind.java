package org.backproplab.diagnosis;

/** The ways a run can go wrong that the lab recognises (names are part of the run contract). */
public enum FindingKind {
    VANISHING_GRADIENTS,
    EXPLODING_GRADIENTS,
    DEAD_RELU,
    OVERFITTING,
    SATURATION,
    LEARNING_RATE_TOO_HIGH,
    LEARNING_RATE_TOO_LOW,
    DIVERGED,
    NOT_LEARNING
}
