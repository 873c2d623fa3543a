package org.backproplab.diagnosis;

import java.util.List;

/** Element ids of the lab's charts, as findings and walkthrough steps refer to them. */
public final class Charts {

    /** Gradient norm per layer over epochs (log scale). */
    public static final String GRADIENT = "gradient-chart";
    /** Fraction of dead units per ReLU layer. */
    public static final String DEAD = "dead-chart";
    /** Training and test loss. */
    public static final String LOSS = "loss-chart";
    /** Training and test accuracy. */
    public static final String ACCURACY = "accuracy-chart";
    /** Update:parameter ratio per layer (log scale). */
    public static final String UPDATE_RATIO = "update-ratio-chart";
    /** Activation mean/spread and saturated fraction per layer. */
    public static final String ACTIVATION = "activation-chart";

    public static final List<String> ALL = List.of(GRADIENT, DEAD, LOSS, ACCURACY, UPDATE_RATIO, ACTIVATION);

    private Charts() {
    }
}
