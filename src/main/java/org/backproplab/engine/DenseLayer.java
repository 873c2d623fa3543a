package org.backproplab.engine;

/**
 * A fully connected layer: every unit j computes the weighted sum z_j = Σ_i x_i·W[i][j] + b_j of the layer's inputs.
 * For a mini-batch of n rows X (n×in), that is one matrix product Z = X·W + b.
 *
 * <p>Backward, given ∂L/∂Z (n×units) from above, the chain rule gives
 * <ul>
 *   <li>∂L/∂W[i][j] = Σ_rows x_i · ∂L/∂z_j, i.e. ∂L/∂W = Xᵀ·∂L/∂Z (each weight's gradient is the input it
 *       multiplies times the gradient of the sum it feeds);</li>
 *   <li>∂L/∂b_j = Σ_rows ∂L/∂z_j;</li>
 *   <li>∂L/∂x_i = Σ_j ∂L/∂z_j · W[i][j], i.e. ∂L/∂X = ∂L/∂Z·Wᵀ — the gradient handed to the layer below.</li>
 * </ul>
 * For the last product the layer keeps a transposed copy of W, so that it has the same fast loop shape as the others;
 * with SIMD and at least {@value #DOT_PRODUCT_MIN_UNITS} units it reads W as it is instead
 * ({@link VectorKernels#timesTransposed}), which saves rebuilding the copy after every update.
 */
final class DenseLayer {

    /**
     * Units from which ∂L/∂X is summed as dot products along W's rows: each then runs over at least four registers,
     * enough to pay for combining its lanes at the end. Measured for a batch of 10 (product plus the copy it
     * replaces): 8 × 8 0.15 against 0.13 µs, 16 × 16 0.32 against 0.34 µs, 32 × 32 0.99 against 1.16 µs.
     */
    static final int DOT_PRODUCT_MIN_UNITS = 16;

    final int inputs;
    final int units;
    /** W in Keras layout [input][unit]. */
    final double[][] kernel;
    final double[] bias;
    /** ∂L/∂W and ∂L/∂b of the last backward pass (summed over the batch; the loss is already a batch mean). */
    final double[][] kernelGradient;
    final double[] biasGradient;
    /**
     * ‖∂L/∂W‖² as the gradient kernel summed it on the way, or NaN when unknown (the gradient changed since by the
     * l1/l2 penalty): then the trainer computes it itself.
     */
    private double kernelGradientSquared = Double.NaN;
    /** Per-column partial sums for ‖∂L/∂W‖² in the plain gradient kernel. */
    private final double[] squareLanes;
    /** Wᵀ [unit][input] for {@link #backwardInput}, refreshed lazily (only when used) after the kernel changes. */
    private final double[][] kernelTransposed;
    private boolean transposeStale = true;

    DenseLayer(int inputs, int units) {
        this.inputs = inputs;
        this.units = units;
        this.kernel = new double[inputs][units];
        this.bias = new double[units];
        this.kernelGradient = new double[inputs][units];
        this.biasGradient = new double[units];
        this.kernelTransposed = new double[units][inputs];
        this.squareLanes = new double[units];
    }

    /** Must be called whenever kernel values were changed from outside (optimizer step, copying weights). */
    void kernelChanged() {
        transposeStale = true;
    }

    /** Z = X·W + b for the first n rows. */
    void forward(double[][] x, int n, double[][] z) {
        if (simd(units)) {
            VectorKernels.product(x, kernel, bias, z, n, inputs, units);
            return;
        }
        for (int r = 0; r < n; r++) {
            System.arraycopy(bias, 0, z[r], 0, units);
        }
        MatrixKernels.multiplyAdd(x, kernel, z, n, inputs, units);
    }

    /** ∂L/∂W = Xᵀ·∂L/∂Z and ∂L/∂b = column sums of ∂L/∂Z (overwrites the previous gradients). */
    void computeGradients(double[][] x, double[][] dz, int n) {
        if (simd(units)) {
            kernelGradientSquared = VectorKernels.transposedProduct(x, dz, kernelGradient, biasGradient, inputs, n,
                    units);
            return;
        }
        kernelGradientSquared = MatrixKernels.transposedMultiply(x, dz, kernelGradient, inputs, n, units, squareLanes);
        java.util.Arrays.fill(biasGradient, 0.0);
        for (int r = 0; r < n; r++) {
            double[] d = dz[r];
            for (int j = 0; j < units; j++) {
                biasGradient[j] += d[j];
            }
        }
    }

    /** ∂/∂W of l1·Σ|w| + l2·Σw² is l1·sign(w) + 2·l2·w, added to the kernel gradient. */
    void addPenaltyGradient(double l1, double twoL2) {
        for (int i = 0; i < inputs; i++) {
            double[] w = kernel[i];
            double[] g = kernelGradient[i];
            for (int j = 0; j < units; j++) {
                g[j] += l1 * Math.signum(w[j]) + twoL2 * w[j];
            }
        }
        kernelGradientSquared = Double.NaN;   // the kernel summed the gradient before the penalty
    }

    /** ‖∂L/∂W‖² of the last backward pass, or NaN when this layer does not know it (see the field). */
    double kernelGradientSquared() {
        return kernelGradientSquared;
    }

    /** ∂L/∂X = ∂L/∂Z·Wᵀ: the gradient with respect to this layer's inputs, written to dx. */
    void backwardInput(double[][] dz, int n, double[][] dx) {
        if (simd(inputs)) {
            if (units >= DOT_PRODUCT_MIN_UNITS) {
                VectorKernels.timesTransposed(dz, kernel, dx, n, units, inputs);
            } else {
                VectorKernels.product(dz, transposedKernel(), null, dx, n, units, inputs);
            }
            return;
        }
        for (int r = 0; r < n; r++) {
            java.util.Arrays.fill(dx[r], 0, inputs, 0.0);
        }
        MatrixKernels.multiplyAdd(dz, transposedKernel(), dx, n, units, inputs);
    }

    /** Wᵀ [unit][input], recomputed only after the kernel changed. */
    private double[][] transposedKernel() {
        if (transposeStale) {
            // Four rows at a time: each row of Wᵀ is then fetched (and bounds-checked) once per four values.
            int i = 0;
            for (; i + 3 < inputs; i += 4) {
                double[] r0 = kernel[i];
                double[] r1 = kernel[i + 1];
                double[] r2 = kernel[i + 2];
                double[] r3 = kernel[i + 3];
                for (int j = 0; j < units; j++) {
                    double[] column = kernelTransposed[j];
                    column[i] = r0[j];
                    column[i + 1] = r1[j];
                    column[i + 2] = r2[j];
                    column[i + 3] = r3[j];
                }
            }
            for (; i < inputs; i++) {
                double[] row = kernel[i];
                for (int j = 0; j < units; j++) {
                    kernelTransposed[j][i] = row[j];
                }
            }
            transposeStale = false;
        }
        return kernelTransposed;
    }

    /**
     * Whether a product with this many output columns runs on {@link VectorKernels}: their register tiles win where
     * rows are short; from 64 columns on, the plain kernels' long loops vectorize well and their cache blocking of
     * the inner index wins (measured at 784×256).
     */
    private static boolean simd(int columns) {
        return SimdSupport.ENABLED && columns < 64;
    }

    /** Number of trainable values: inputs·units weights plus units biases. */
    int parameterCount() {
        return inputs * units + units;
    }

    DenseWeights weights() {
        return new DenseWeights(kernel, bias).copy();
    }

    void setWeights(DenseWeights weights) {
        for (int i = 0; i < inputs; i++) {
            System.arraycopy(weights.kernel()[i], 0, kernel[i], 0, units);
        }
        System.arraycopy(weights.bias(), 0, bias, 0, units);
        kernelChanged();
    }
}
