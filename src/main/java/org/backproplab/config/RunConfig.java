package org.backproplab.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One experiment: which data, which network, how to train it. Every field is optional in JSON and in the URL;
 * {@link #withDefaults()} fills the gaps with the documented defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunConfig(DatasetConfig dataset, NetworkConfig network, TrainingConfig training) {

    /** The default experiment: a 4×8 tanh network learning the two-arm spiral. */
    public static RunConfig defaults() {
        return new RunConfig(null, null, null).withDefaults();
    }

    /** This configuration with every missing field set to its default. */
    public RunConfig withDefaults() {
        return new RunConfig(
                (dataset == null ? DatasetConfig.EMPTY : dataset).withDefaults(),
                (network == null ? NetworkConfig.EMPTY : network).withDefaults(),
                (training == null ? TrainingConfig.EMPTY : training).withDefaults());
    }

    public RunConfig withDataset(DatasetConfig newDataset) {
        return new RunConfig(newDataset, network, training);
    }

    public RunConfig withNetwork(NetworkConfig newNetwork) {
        return new RunConfig(dataset, newNetwork, training);
    }

    public RunConfig withTraining(TrainingConfig newTraining) {
        return new RunConfig(dataset, network, newTraining);
    }
}
