package org.backproplab.training.ui;

import java.util.List;
import org.backproplab.engine.Activation;
import org.backproplab.engine.Task;

/**
 * What the charts need to know about a run before its first epoch: the task (is there an accuracy?) and the hidden
 * layers' activations (how many layer series, which layers can have dead units). Layers are numbered as in the epoch
 * report: hidden layers 1..H, then the output layer H+1.
 */
public record RunShape(Task task, List<Activation> hiddenActivations) {

    public RunShape {
        hiddenActivations = List.copyOf(hiddenActivations);
    }

    public int hiddenLayers() {
        return hiddenActivations.size();
    }

    /** Hidden layers plus the output layer. */
    public int denseLayers() {
        return hiddenActivations.size() + 1;
    }

    public boolean isOutputLayer(int layer) {
        return layer == denseLayers();
    }

    /** The hidden layers (1-based) whose activation can leave units dead. */
    public List<Integer> reluFamilyLayers() {
        return java.util.stream.IntStream.rangeClosed(1, hiddenLayers())
                .filter(layer -> hiddenActivations.get(layer - 1).isReluFamily())
                .boxed()
                .toList();
    }

    /** "Layer 2" for hidden layers, "Output" for the last one. */
    public String layerLabel(int layer) {
        return isOutputLayer(layer) ? "Output" : "Layer " + layer;
    }
}
