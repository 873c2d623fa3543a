package org.backproplab.training.ui;

import java.util.List;
import org.backproplab.config.NetworkConfig;
import org.backproplab.datasets.PreparedDataset;
import org.backproplab.engine.Activation;
import org.backproplab.engine.DenseWeights;
import org.backproplab.engine.Network;
import org.backproplab.engine.NetworkOutputs;
import org.backproplab.training.TrainingRun;

/**
 * One picture of a run's network for {@link LabVisuals}: the decision boundary (null for datasets that are not 2-D),
 * the diagram's weights, dead-unit flags (null when no layer can have dead units) and unit thumbnails.
 */
record VisualFrame(TrainingRun run, BoundaryFrame boundary, List<NetworkConfig.LayerWeights> weights,
                   List<boolean[]> dead, DiagramThumbnails thumbnails) {

    /**
     * Computes a frame on the calling (push) thread. Only copying the network holds the run's training lock, a few
     * microseconds for a W1 network; the forward passes over the grid and the training set run on the copy, so a
     * training thread never waits for a picture and the picture still shows one consistent state between slices.
     */
    static VisualFrame compute(TrainingRun run, BoundaryGrid grid, List<String> activations) {
        Network network = run.inspect(Network::copy);
        List<NetworkConfig.LayerWeights> weights = network.weights().stream().map(VisualFrame::layerWeights).toList();
        // Only ReLU-family units can be dead; for other activations the pass over the training set is skipped.
        boolean deadPossible = activations.stream().map(Activation::fromId).anyMatch(Activation::isReluFamily);
        PreparedDataset data = run.data();
        List<boolean[]> dead = deadPossible
                ? NetworkDiagram.deadUnits(network.evaluate(data.train().x()).hidden(), activations) : null;
        if (grid == null) {
            return new VisualFrame(run, null, weights, dead, null);
        }
        NetworkOutputs outputs = network.evaluate(grid.inputs());
        return new VisualFrame(run, BoundaryFrame.fromPredictions(grid, outputs.predictions()), weights, dead,
                DiagramThumbnails.fromGrid(grid, outputs.hidden(), outputs.predictions(), data.task()));
    }

    private static NetworkConfig.LayerWeights layerWeights(DenseWeights weights) {
        return NetworkConfig.LayerWeights.dense(weights.kernel(), weights.bias());
    }
}
