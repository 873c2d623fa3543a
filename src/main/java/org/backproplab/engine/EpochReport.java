package org.backproplab.engine;

import java.util.List;

/**
 * The numbers reported after each epoch. Losses and accuracies are measured in inference mode (no dropout, batch
 * normalization with running averages) over the whole training and test sets once the epoch has ended, so they
 * describe the network as it is, not an average over a moving target.
 *
 * @param testLoss      null when there is no test set
 * @param trainAccuracy null for regression
 * @param layers        hidden layers from the input side, then the output layer
 * @param nonFinite     null, or the first non-finite value seen (training has then stopped)
 */
public record EpochReport(int epoch, Double trainLoss, Double testLoss, Double trainAccuracy, Double testAccuracy,
                          List<LayerReport> layers, NonFinite nonFinite) {

    public EpochReport {
        layers = List.copyOf(layers);
    }
}
