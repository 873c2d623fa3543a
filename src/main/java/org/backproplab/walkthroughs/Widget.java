package org.backproplab.walkthroughs;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** An interactive explainer a walkthrough step embeds (beyond the lab's charts); ids are element ids. */
public enum Widget {
    /**
     * One SGD step on a 2-2-1 network, node by node, with the engine's real numbers (the step's preset gives the
     * network and data): forward pass, loss, backward pass with local derivatives and chain-rule products, update.
     */
    BACKPROP_STEPPER("backprop-stepper"),
    /** One training step's dropout mask on the network (dropped units crossed out), the 1/(1-rate) scaling. */
    DROPOUT_MASK("dropout-mask");

    private final String id;

    Widget(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Widget> fromId(String id) {
        return Arrays.stream(values()).filter(w -> w.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Widget::id).toList();
    }
}
