package org.backproplab.walkthroughs;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The stages of one training step, in order, as the backpropagation step-through walks them. A walkthrough step
 * with {@code show: backprop-stepper} names the phase its text explains; the stepper opens there.
 */
public enum BackpropPhase {
    /** Inputs flow forward: each node's weighted sum, then its activation. */
    FORWARD("forward"),
    /** The prediction is compared with the label. */
    LOSS("loss"),
    /** Derivatives flow back from the loss, node by node: local derivative times the derivative from above. */
    BACKWARD("backward"),
    /** Each weight moves against its gradient: w ← w − lr·∂loss/∂w. */
    UPDATE("update");

    private final String id;

    BackpropPhase(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<BackpropPhase> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(BackpropPhase::id).toList();
    }
}
