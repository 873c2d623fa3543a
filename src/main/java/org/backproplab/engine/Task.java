package org.backproplab.engine;

/**
 * What the network predicts. The task fixes the output layer and the loss:
 * binary → 1 sigmoid unit + binary cross-entropy; multiclass → K softmax units + categorical cross-entropy;
 * regression → 1 linear unit + mean squared error.
 */
public enum Task {
    BINARY("binary"),
    MULTICLASS("multiclass"),
    REGRESSION("regression");

    private final String id;

    Task(String id) {
        this.id = id;
    }

    /** The lower-case name used in the run contract ("binary", "multiclass", "regression"). */
    public String id() {
        return id;
    }

    /** Parses a contract name; throws {@link IllegalArgumentException} naming the allowed values. */
    public static Task fromId(String id) {
        for (Task task : values()) {
            if (task.id.equals(id)) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown task '" + id + "'; allowed: binary, multiclass, regression");
    }

    /** True where accuracy makes sense (classification). */
    public boolean isClassification() {
        return this != REGRESSION;
    }
}
