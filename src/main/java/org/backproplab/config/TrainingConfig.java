package org.backproplab.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How to train: optimizer and its settings, batch size, epoch limit, regularization, clipping, shuffle seed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingConfig(
        String optimizer,
        Double learningRate,
        Double momentum,
        Integer batchSize,
        Integer epochs,
        Double l1,
        Double l2,
        Double clipNorm,
        Long seed) {

    static final TrainingConfig EMPTY = new TrainingConfig(null, null, null, null, null, null, null, null, null);

    public TrainingConfig withDefaults() {
        return new TrainingConfig(
                optimizer == null ? "sgd" : optimizer,
                learningRate == null ? 0.03 : learningRate,
                momentum == null ? 0.9 : momentum,
                batchSize == null ? 10 : batchSize,
                epochs == null ? 500 : epochs,
                l1 == null ? 0.0 : l1,
                l2 == null ? 0.0 : l2,
                clipNorm,
                seed == null ? 1L : seed);
    }

    public TrainingConfig withLearningRate(double rate) {
        return new TrainingConfig(optimizer, rate, momentum, batchSize, epochs, l1, l2, clipNorm, seed);
    }

    public TrainingConfig withOptimizer(String newOptimizer) {
        return new TrainingConfig(newOptimizer, learningRate, momentum, batchSize, epochs, l1, l2, clipNorm, seed);
    }

    public TrainingConfig withBatchSize(int size) {
        return new TrainingConfig(optimizer, learningRate, momentum, size, epochs, l1, l2, clipNorm, seed);
    }

    public TrainingConfig withEpochs(int limit) {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, limit, l1, l2, clipNorm, seed);
    }

    public TrainingConfig withRegularization(double newL1, double newL2) {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, epochs, newL1, newL2, clipNorm, seed);
    }

    public TrainingConfig withClipNorm(Double norm) {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, epochs, l1, l2, norm, seed);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, epochs, l1, l2, clipNorm, newSeed);
    }
}
