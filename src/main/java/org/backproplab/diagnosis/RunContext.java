package org.backproplab.diagnosis;

import java.util.List;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.RunConfig;
import org.backproplab.engine.Task;

/**
 * What the rules know about the run besides its reports: the configuration (defaults filled in), the task and the
 * loss of a model that ignores its input.
 *
 * @param chanceLoss the loss of always predicting the base rate, or null when unknown (regression without the
 *                   targets' variance)
 */
record RunContext(RunConfig config, Task task, int classes, Double chanceLoss) {

    static RunContext of(RunConfig config, Task task, int classes, Double targetVariance) {
        return new RunContext(config.withDefaults(), task, classes, chanceLoss(task, classes, targetVariance));
    }

    /**
     * Chance-level losses: predicting 1/2 gives binary cross-entropy ln 2; predicting 1/K for each of K classes gives
     * categorical cross-entropy ln K; predicting the mean gives a mean squared error equal to the targets' variance.
     */
    static Double chanceLoss(Task task, int classes, Double targetVariance) {
        return switch (task) {
            case BINARY -> Math.log(2);
            case MULTICLASS -> Math.log(Math.max(2, classes));
            case REGRESSION -> targetVariance;
        };
    }

    NetworkConfig network() {
        return config.network();
    }

    int hiddenLayers() {
        return network().hiddenLayers().size();
    }

    int outputLayer() {
        return hiddenLayers() + 1;
    }

    /** The activation of hidden layer {@code layer} (1-based); the output layer has none of these. */
    String activation(int layer) {
        List<String> perLayer = network().activationPerLayer();
        return layer >= 1 && layer <= perLayer.size() ? perLayer.get(layer - 1) : null;
    }

    String layerName(int layer) {
        return layer == outputLayer() ? "the output layer" : "hidden layer " + layer;
    }

    boolean dropsEverything() {
        return network().dropout() >= 1.0;
    }

    boolean startsAtZero() {
        return "zeros".equals(network().initializer()) && hiddenLayers() > 0;
    }

    /**
     * True when the configuration itself stops gradients from reaching the weights (dropout 1.0, all-zero start):
     * zero gradients then say nothing about vanishing, dead units or the learning rate, and only NOT_LEARNING
     * (which names the cause) applies.
     */
    boolean gradientsBlockedByConfig() {
        return dropsEverything() || startsAtZero();
    }

    double learningRate() {
        return config.training().learningRate();
    }
}
