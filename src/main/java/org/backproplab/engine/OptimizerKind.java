package org.backproplab.engine;

/** The update rule that turns a gradient into a weight change. The rules themselves live in {@link Optimizer}. */
public enum OptimizerKind {
    /** w ← w − lr·g */
    SGD("sgd"),
    /** v ← momentum·v − lr·g;  w ← w + v */
    MOMENTUM("momentum"),
    /** Kingma &amp; Ba's Adam with bias correction (β1 0.9, β2 0.999, ε 1e-7). */
    ADAM("adam");

    private final String id;

    OptimizerKind(String id) {
        this.id = id;
    }

    /** The lower-case name used in the run contract. */
    public String id() {
        return id;
    }

    /** Parses a contract name; throws {@link IllegalArgumentException} naming the allowed values. */
    public static OptimizerKind fromId(String id) {
        for (OptimizerKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + id + "'; allowed: sgd, momentum, adam");
    }
}
