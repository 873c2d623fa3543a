package org.backproplab.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Turns gradients into parameter changes. For each parameter value w with gradient g:
 * <ul>
 *   <li>sgd: Δ = −lr·g</li>
 *   <li>momentum: v ← m·v − lr·g; Δ = v (a running, decaying sum of past steps)</li>
 *   <li>adam (Kingma &amp; Ba, Algorithm 1, as in PyTorch and TensorFlow.js): t ← t+1; m ← β1·m + (1−β1)·g;
 *       v ← β2·v + (1−β2)·g²; Δ = −lr · (m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε), with β1 0.9, β2 0.999, ε 1e-7.</li>
 * </ul>
 * Then w ← w + Δ. Each rule keeps its own state, created at its first use; switching optimizer mid-run keeps the
 * state of the others untouched (nothing is reset).
 */
final class Optimizer {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-7;

    private final List<Parameter> parameters;
    private double[][][] velocity;
    private double[][][] firstMoment;
    private double[][][] secondMoment;
    private long adamSteps;
    private final double[] deltaLanes;
    private final double[] valueLanes;

    Optimizer(List<Parameter> parameters) {
        this.parameters = parameters;
        int maxColumns = 1;
        for (Parameter p : parameters) {
            maxColumns = Math.max(maxColumns, p.columns());
        }
        deltaLanes = new double[maxColumns];
        valueLanes = new double[maxColumns];
    }

    /**
     * Updates every parameter with its gradient times {@code gradientScale} (the clipping factor, 1 without
     * clipping). Writes ‖Δ‖² and ‖w after the step‖² per parameter into the given arrays; needs each parameter's
     * ‖g‖² (before scaling), which the caller has already computed for clipping.
     */
    void step(Hyperparameters hyper, double gradientScale, double[] gradientSquared, double[] deltaSquared,
              double[] valueSquared) {
        OptimizerKind kind = hyper.optimizer();
        double lr = hyper.learningRate();
        double adamStepSize = 0;
        double adamSqrtCorrection = 0;
        if (kind == OptimizerKind.MOMENTUM && velocity == null) {
            velocity = zerosLike();
        }
        if (kind == OptimizerKind.ADAM) {
            if (firstMoment == null) {
                firstMoment = zerosLike();
                secondMoment = zerosLike();
            }
            adamSteps++;
            adamStepSize = lr / (1 - Math.pow(BETA1, adamSteps));
            adamSqrtCorrection = Math.sqrt(1 - Math.pow(BETA2, adamSteps));
        }
        if (SimdSupport.ENABLED) {
            simdStep(kind, hyper, gradientScale, adamStepSize, adamSqrtCorrection, gradientSquared, deltaSquared,
                    valueSquared);
            return;
        }
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            double[][] w = parameter.values();
            double[][] g = parameter.gradients();
            int cols = parameter.columns();
            Arrays.fill(deltaLanes, 0, cols, 0.0);
            Arrays.fill(valueLanes, 0, cols, 0.0);
            for (int i = 0; i < w.length; i++) {
                switch (kind) {
                    case SGD -> sgd(w[i], g[i], cols, lr * gradientScale);
                    case MOMENTUM -> momentum(w[i], g[i], velocity[p][i], cols, hyper.momentum(), lr * gradientScale);
                    case ADAM -> adam(w[i], g[i], firstMoment[p][i], secondMoment[p][i], cols, gradientScale,
                            adamStepSize, adamSqrtCorrection);
                }
            }
            deltaSquared[p] = Parameter.sum(deltaLanes, cols);
            valueSquared[p] = Parameter.sum(valueLanes, cols);
            if (parameter.owner() != null) {
                parameter.owner().kernelChanged();
            }
        }
    }

    /** The same rules with {@link VectorKernels}. */
    private void simdStep(OptimizerKind kind, Hyperparameters hyper, double gradientScale, double adamStepSize,
                          double adamSqrtCorrection, double[] gradientSquared, double[] deltaSquared,
                          double[] valueSquared) {
        double rate = hyper.learningRate() * gradientScale;
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            double[][] w = parameter.values();
            double[][] g = parameter.gradients();
            int cols = parameter.columns();
            if (kind == OptimizerKind.SGD) {
                valueSquared[p] = VectorKernels.sgdStep(w, g, cols, rate);
                deltaSquared[p] = rate * rate * gradientSquared[p];
            } else {
                if (kind == OptimizerKind.MOMENTUM) {
                    VectorKernels.momentumStep(w, g, velocity[p], cols, hyper.momentum(), rate);
                    deltaSquared[p] = VectorKernels.squaredNorm(velocity[p], cols);
                } else {
                    deltaSquared[p] = VectorKernels.adamStep(w, g, firstMoment[p], secondMoment[p], cols,
                            gradientScale, adamStepSize, adamSqrtCorrection);
                }
                valueSquared[p] = VectorKernels.squaredNorm(w, cols);
            }
            if (parameter.owner() != null) {
                parameter.owner().kernelChanged();
            }
        }
    }

    private void sgd(double[] w, double[] g, int cols, double scaledRate) {
        double[] dl = deltaLanes;
        double[] vl = valueLanes;
        for (int j = 0; j < cols; j++) {
            double delta = -scaledRate * g[j];
            double updated = w[j] + delta;
            w[j] = updated;
            dl[j] += delta * delta;
            vl[j] += updated * updated;
        }
    }

    private void momentum(double[] w, double[] g, double[] v, int cols, double m, double scaledRate) {
        double[] dl = deltaLanes;
        double[] vl = valueLanes;
        for (int j = 0; j < cols; j++) {
            double delta = m * v[j] - scaledRate * g[j];
            v[j] = delta;
            double updated = w[j] + delta;
            w[j] = updated;
            dl[j] += delta * delta;
            vl[j] += updated * updated;
        }
    }

    private void adam(double[] w, double[] g, double[] m, double[] v, int cols, double gradientScale,
                      double stepSize, double sqrtCorrection) {
        double[] dl = deltaLanes;
        double[] vl = valueLanes;
        for (int j = 0; j < cols; j++) {
            double grad = g[j] * gradientScale;
            double mj = BETA1 * m[j] + (1 - BETA1) * grad;
            double vj = BETA2 * v[j] + (1 - BETA2) * grad * grad;
            m[j] = mj;
            v[j] = vj;
            double delta = -stepSize * mj / (Math.sqrt(vj) / sqrtCorrection + EPSILON);
            double updated = w[j] + delta;
            w[j] = updated;
            dl[j] += delta * delta;
            vl[j] += updated * updated;
        }
    }

    private double[][][] zerosLike() {
        double[][][] state = new double[parameters.size()][][];
        for (int p = 0; p < state.length; p++) {
            double[][] values = parameters.get(p).values();
            state[p] = new double[values.length][parameters.get(p).columns()];
        }
        return state;
    }
}
