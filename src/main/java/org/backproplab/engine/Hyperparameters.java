package org.backproplab.engine;

/**
 * The knobs of training that a learner may turn while a training runs (see {@link Trainer#setHyperparameters}).
 *
 * @param optimizer    update rule
 * @param learningRate lr, in (0, 10]
 * @param momentum     m for the momentum optimizer, in [0, 1] (ignored by the others)
 * @param batchSize    examples per step, 1..1024 (more than the training set = full batch)
 * @param dropout      fraction of hidden units dropped at each training step, in [0, 1]
 * @param l1           weight of l1·Σ|w| over all kernels, ≥ 0
 * @param l2           weight of l2·Σw² over all kernels, ≥ 0
 * @param clipNorm     maximum global L2 norm of the gradient, &gt; 0, or null for no clipping
 */
public record Hyperparameters(OptimizerKind optimizer, double learningRate, double momentum, int batchSize,
                              double dropout, double l1, double l2, Double clipNorm) {

    public Hyperparameters {
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer is required; allowed: sgd, momentum, adam");
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("learningRate must be > 0 and <= 10, was " + learningRate);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], was " + momentum);
        }
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("batchSize must be in 1..1024, was " + batchSize);
        }
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1], was " + dropout);
        }
        if (!(l1 >= 0 && Double.isFinite(l1))) {
            throw new IllegalArgumentException("l1 must be a finite number >= 0, was " + l1);
        }
        if (!(l2 >= 0 && Double.isFinite(l2))) {
            throw new IllegalArgumentException("l2 must be a finite number >= 0, was " + l2);
        }
        if (clipNorm != null && !(clipNorm > 0 && Double.isFinite(clipNorm))) {
            throw new IllegalArgumentException("clipNorm must be a finite number > 0 or null, was " + clipNorm);
        }
    }

    /** Plain SGD with the given learning rate and batch size, no dropout, no regularization, no clipping. */
    public static Hyperparameters sgd(double learningRate, int batchSize) {
        return new Hyperparameters(OptimizerKind.SGD, learningRate, 0.9, batchSize, 0, 0, 0, null);
    }

    public Hyperparameters withOptimizer(OptimizerKind value) {
        return new Hyperparameters(value, learningRate, momentum, batchSize, dropout, l1, l2, clipNorm);
    }

    public Hyperparameters withLearningRate(double value) {
        return new Hyperparameters(optimizer, value, momentum, batchSize, dropout, l1, l2, clipNorm);
    }

    public Hyperparameters withMomentum(double value) {
        return new Hyperparameters(optimizer, learningRate, value, batchSize, dropout, l1, l2, clipNorm);
    }

    public Hyperparameters withBatchSize(int value) {
        return new Hyperparameters(optimizer, learningRate, momentum, value, dropout, l1, l2, clipNorm);
    }

    public Hyperparameters withDropout(double value) {
        return new Hyperparameters(optimizer, learningRate, momentum, batchSize, value, l1, l2, clipNorm);
    }

    public Hyperparameters withL1(double value) {
        return new Hyperparameters(optimizer, learningRate, momentum, batchSize, dropout, value, l2, clipNorm);
    }

    public Hyperparameters withL2(double value) {
        return new Hyperparameters(optimizer, learningRate, momentum, batchSize, dropout, l1, value, clipNorm);
    }

    public Hyperparameters withClipNorm(Double value) {
        return new Hyperparameters(optimizer, learningRate, momentum, batchSize, dropout, l1, l2, value);
    }
}
