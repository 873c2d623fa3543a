package org.backproplab.engine;

import java.util.Arrays;

/**
 * Batch normalization of one hidden layer's weighted sums, unit by unit (Ioffe &amp; Szegedy; Keras semantics).
 *
 * <p>Training, over the n rows of a mini-batch: μ = mean(z), σ² = mean((z − μ)²) (the biased variance),
 * x̂ = (z − μ) / √(σ² + ε), y = γ·x̂ + β. The running averages move towards the batch statistics:
 * moving ← moving·0.99 + batch·0.01. At inference the running averages replace μ and σ².
 *
 * <p>Backward: ∂L/∂γ = Σ ∂L/∂y·x̂, ∂L/∂β = Σ ∂L/∂y, and because μ and σ² depend on every row,
 * ∂L/∂z = γ/(n·√(σ²+ε)) · (n·∂L/∂y − Σ∂L/∂y − x̂·Σ(∂L/∂y·x̂)).
 */
final class BatchNormLayer {

    static final double MOMENTUM = 0.99;
    static final double EPSILON = 1e-3;

    final int units;
    final double[] gamma;
    final double[] beta;
    final double[] movingMean;
    final double[] movingVariance;
    final double[] gammaGradient;
    final double[] betaGradient;

    BatchNormLayer(int units) {
        this.units = units;
        this.gamma = new double[units];
        this.beta = new double[units];
        this.movingMean = new double[units];
        this.movingVariance = new double[units];
        this.gammaGradient = new double[units];
        this.betaGradient = new double[units];
        Arrays.fill(gamma, 1.0);
        Arrays.fill(movingVariance, 1.0);
    }

    /**
     * Normalizes with the batch's own statistics: writes x̂ and y, and 1/√(σ²+ε) per unit (needed backward).
     * Moves the running averages when {@code updateMovingAverages}.
     */
    void forwardTraining(double[][] z, int n, double[][] normalized, double[][] y, double[] mean,
                         double[] inverseStd, boolean updateMovingAverages) {
        Arrays.fill(mean, 0, units, 0.0);
        for (int r = 0; r < n; r++) {
            double[] row = z[r];
            for (int j = 0; j < units; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < units; j++) {
            mean[j] /= n;
        }
        // inverseStd first holds the variance.
        Arrays.fill(inverseStd, 0, units, 0.0);
        for (int r = 0; r < n; r++) {
            double[] row = z[r];
            for (int j = 0; j < units; j++) {
                double d = row[j] - mean[j];
                inverseStd[j] += d * d;
            }
        }
        for (int j = 0; j < units; j++) {
            double variance = inverseStd[j] / n;
            if (updateMovingAverages) {
                movingMean[j] = movingMean[j] * MOMENTUM + mean[j] * (1 - MOMENTUM);
                movingVariance[j] = movingVariance[j] * MOMENTUM + variance * (1 - MOMENTUM);
            }
            inverseStd[j] = 1 / Math.sqrt(variance + EPSILON);
        }
        for (int r = 0; r < n; r++) {
            double[] in = z[r];
            double[] xhat = normalized[r];
            double[] out = y[r];
            for (int j = 0; j < units; j++) {
                double v = (in[j] - mean[j]) * inverseStd[j];
                xhat[j] = v;
                out[j] = gamma[j] * v + beta[j];
            }
        }
    }

    /** y = γ·(z − moving mean)/√(moving variance + ε) + β. */
    void forwardInference(double[][] z, int n, double[][] y, double[] scratch) {
        for (int j = 0; j < units; j++) {
            scratch[j] = inferenceScale(j);
        }
        for (int r = 0; r < n; r++) {
            double[] in = z[r];
            double[] out = y[r];
            for (int j = 0; j < units; j++) {
                out[j] = (in[j] - movingMean[j]) * scratch[j] + beta[j];
            }
        }
    }

    /** Unit j's inference-mode factor γ_j/√(running variance_j + ε), so that y = (z − running mean_j)·factor + β_j. */
    double inferenceScale(int j) {
        return gamma[j] / Math.sqrt(movingVariance[j] + EPSILON);
    }

    /** Turns ∂L/∂y into ∂L/∂z in place and writes ∂L/∂γ, ∂L/∂β. */
    void backward(double[][] gradient, double[][] normalized, double[] inverseStd, int n) {
        Arrays.fill(gammaGradient, 0.0);
        Arrays.fill(betaGradient, 0.0);
        for (int r = 0; r < n; r++) {
            double[] dy = gradient[r];
            double[] xhat = normalized[r];
            for (int j = 0; j < units; j++) {
                gammaGradient[j] += dy[j] * xhat[j];
                betaGradient[j] += dy[j];
            }
        }
        for (int r = 0; r < n; r++) {
            double[] dy = gradient[r];
            double[] xhat = normalized[r];
            for (int j = 0; j < units; j++) {
                double factor = gamma[j] * inverseStd[j] / n;
                dy[j] = factor * (n * dy[j] - betaGradient[j] - xhat[j] * gammaGradient[j]);
            }
        }
    }

    BatchNormWeights weights() {
        return new BatchNormWeights(gamma, beta, movingMean, movingVariance).copy();
    }

    /** Takes saved parameters; shapes and values are checked, naming the hidden layer (numbered from 1). */
    void setWeights(BatchNormWeights w, int layer) {
        double[][] values = {w.gamma(), w.beta(), w.movingMean(), w.movingVariance()};
        String[] names = {"gamma", "beta", "movingMean", "movingVariance"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null || values[i].length != units) {
                throw new IllegalArgumentException("batch norm of hidden layer " + layer + ": " + names[i]
                        + " needs " + units + " values");
            }
            for (double v : values[i]) {
                if (!Double.isFinite(v) || (i == 3 && v < 0)) {
                    throw new IllegalArgumentException("batch norm of hidden layer " + layer + ": " + names[i]
                            + (i == 3 ? " must hold finite numbers >= 0" : " must hold finite numbers"));
                }
            }
        }
        System.arraycopy(w.gamma(), 0, gamma, 0, units);
        System.arraycopy(w.beta(), 0, beta, 0, units);
        System.arraycopy(w.movingMean(), 0, movingMean, 0, units);
        System.arraycopy(w.movingVariance(), 0, movingVariance, 0, units);
    }

    void copyFrom(BatchNormLayer other) {
        System.arraycopy(other.gamma, 0, gamma, 0, units);
        System.arraycopy(other.beta, 0, beta, 0, units);
        System.arraycopy(other.movingMean, 0, movingMean, 0, units);
        System.arraycopy(other.movingVariance, 0, movingVariance, 0, units);
    }
}
