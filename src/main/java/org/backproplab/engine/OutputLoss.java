package org.backproplab.engine;

/**
 * The output layer's squashing function and loss, always computed from the logits z (the output layer's weighted
 * sums) so that large |z| cannot overflow or take log(0). In all three cases the gradient of the batch-mean loss
 * with respect to a logit has the same simple form, (prediction − target)/n (times 2 for squared error):
 * <ul>
 *   <li>binary: p = σ(z), L = −[y·log p + (1−y)·log(1−p)] = max(z,0) − z·y + log(1 + e^−|z|); ∂L/∂z = p − y;</li>
 *   <li>multiclass: p = softmax(z), L = −log p_y = log Σ_k e^(z_k) − z_y (shifted by max z); ∂L/∂z_k = p_k − [k=y];</li>
 *   <li>regression: ŷ = z, L = (z − y)²; ∂L/∂z = 2(z − y).</li>
 * </ul>
 */
final class OutputLoss {

    private final Task task;
    private final int outputs;

    OutputLoss(Task task, int outputs) {
        this.task = task;
        this.outputs = outputs;
    }

    /** The loss of one example (not averaged). */
    double loss(double[] logits, double target) {
        return switch (task) {
            case BINARY -> {
                double z = logits[0];
                yield Math.max(z, 0) - z * target + FastMath.log1pUnit(Math.exp(-Math.abs(z)));
            }
            case MULTICLASS -> logSumExp(logits) - logits[(int) target];
            case REGRESSION -> {
                double d = logits[0] - target;
                yield d * d;
            }
        };
    }

    /**
     * Mean loss over the first n rows, and writes ∂(mean loss)/∂logits into {@code gradient}.
     */
    double lossAndGradient(double[][] logits, double[] targets, int n, double[][] gradient) {
        double sum = 0;
        double perRow = 1.0 / n;
        for (int r = 0; r < n; r++) {
            double[] z = logits[r];
            double[] g = gradient[r];
            double y = targets[r];
            // The prediction goes to g first, then becomes (prediction − target)/n in place.
            sum += lossAndPrediction(z, y, g);
            switch (task) {
                case BINARY -> g[0] = (g[0] - y) * perRow;
                case MULTICLASS -> {
                    g[(int) y] -= 1;
                    for (int k = 0; k < outputs; k++) {
                        g[k] *= perRow;
                    }
                }
                case REGRESSION -> g[0] = 2 * (z[0] - y) * perRow;
            }
        }
        return sum / n;
    }

    /**
     * The loss of one example (as {@link #loss}) and its prediction (as {@link #predict}) at once, sharing the
     * exponentials the two have in common.
     */
    double lossAndPrediction(double[] logits, double target, double[] out) {
        switch (task) {
            case BINARY -> {
                double z = logits[0];
                double e = Math.exp(-Math.abs(z));
                out[0] = z >= 0 ? 1 / (1 + e) : e / (1 + e);
                return Math.max(z, 0) - z * target + FastMath.log1pUnit(e);
            }
            case MULTICLASS -> {
                double max = max(logits);
                double sum = 0;
                for (int k = 0; k < outputs; k++) {
                    double e = Math.exp(logits[k] - max);
                    out[k] = e;
                    sum += e;
                }
                for (int k = 0; k < outputs; k++) {
                    out[k] /= sum;
                }
                return max + Math.log(sum) - logits[(int) target];
            }
            default -> {
                out[0] = logits[0];
                double d = logits[0] - target;
                return d * d;
            }
        }
    }

    /** Predictions from logits: probabilities for classification, the value itself for regression. */
    void predict(double[] logits, double[] out) {
        switch (task) {
            case BINARY -> out[0] = sigmoid(logits[0]);
            case MULTICLASS -> softmax(logits, out);
            case REGRESSION -> out[0] = logits[0];
        }
    }

    /** Whether the prediction for these logits is the target class (classification only). */
    boolean correct(double[] logits, double target) {
        if (task == Task.BINARY) {
            return (logits[0] > 0) == (target > 0.5);
        }
        int best = 0;
        for (int k = 1; k < outputs; k++) {
            if (logits[k] > logits[best]) {
                best = k;
            }
        }
        return best == (int) target;
    }

    /** 1/(1 + e^−z) without overflow for either sign of z. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    private double logSumExp(double[] z) {
        double max = max(z);
        double sum = 0;
        for (int k = 0; k < outputs; k++) {
            sum += Math.exp(z[k] - max);
        }
        return max + Math.log(sum);
    }

    private void softmax(double[] z, double[] out) {
        double max = max(z);
        double sum = 0;
        for (int k = 0; k < outputs; k++) {
            double e = Math.exp(z[k] - max);
            out[k] = e;
            sum += e;
        }
        for (int k = 0; k < outputs; k++) {
            out[k] /= sum;
        }
    }

    private double max(double[] z) {
        double max = z[0];
        for (int k = 1; k < outputs; k++) {
            max = Math.max(max, z[k]);
        }
        return max;
    }
}
