package org.backproplab.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * One trainable array of a network together with its gradient: a kernel, a bias (as a one-row matrix), or a
 * batch-norm γ or β. The optimizer treats them all alike.
 *
 * @param values     the parameter, rows of equal length
 * @param gradients  ∂L/∂values, same shape
 * @param layer      0-based dense-layer index (report layer = layer + 1)
 * @param isKernel   true for a kernel (the arrays L1/L2 and the per-layer norms look at)
 * @param owner      the dense layer to notify after a change, or null
 */
record Parameter(double[][] values, double[][] gradients, int layer, boolean isKernel, DenseLayer owner) {

    /** The network's parameters in a fixed order: per dense layer kernel then bias, then per hidden layer γ, β. */
    static List<Parameter> of(Network network) {
        List<Parameter> list = new ArrayList<>();
        for (int l = 0; l < network.denseLayerCount(); l++) {
            DenseLayer dense = network.dense(l);
            list.add(new Parameter(dense.kernel, dense.kernelGradient, l, true, dense));
            list.add(new Parameter(new double[][] {dense.bias}, new double[][] {dense.biasGradient}, l, false, dense));
        }
        for (int l = 0; l < network.hiddenLayerCount(); l++) {
            BatchNormLayer norm = network.norm(l);
            if (norm != null) {
                list.add(new Parameter(new double[][] {norm.gamma}, new double[][] {norm.gammaGradient}, l, false,
                        null));
                list.add(new Parameter(new double[][] {norm.beta}, new double[][] {norm.betaGradient}, l, false,
                        null));
            }
        }
        return List.copyOf(list);
    }

    int columns() {
        return values.length == 0 ? 0 : values[0].length;
    }

    /** ‖∂L/∂values‖² (lanes: as for {@link #squaredNorm}); a kernel's from its layer when the gradient kernel summed it. */
    double squaredGradientNorm(double[] lanes) {
        if (isKernel && owner != null && !Double.isNaN(owner.kernelGradientSquared())) {
            return owner.kernelGradientSquared();
        }
        return SimdSupport.ENABLED ? VectorKernels.squaredNorm(gradients, columns()) : squaredNorm(gradients, lanes);
    }

    /** Σ values² (lane-wise so the loop vectorizes; lanes must hold at least {@link #columns()} zeros). */
    static double squaredNorm(double[][] rows, double[] lanes) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        java.util.Arrays.fill(lanes, 0, cols, 0.0);
        for (double[] row : rows) {
            addSquares(row, lanes, cols);
        }
        return sum(lanes, cols);
    }

    /** lanes[j] += row[j]² for j &lt; cols: one row's share of {@link #squaredNorm}. */
    static void addSquares(double[] row, double[] lanes, int cols) {
        for (int j = 0; j < cols; j++) {
            lanes[j] += row[j] * row[j];
        }
    }

    /**
     * lanes[0] + … + lanes[n−1], with four partial sums: a single running sum makes each addition wait for the
     * previous one, which for short parameters costs more than producing the lanes.
     */
    static double sum(double[] lanes, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += lanes[j];
            s1 += lanes[j + 1];
            s2 += lanes[j + 2];
            s3 += lanes[j + 3];
        }
        for (; j < n; j++) {
            s0 += lanes[j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
