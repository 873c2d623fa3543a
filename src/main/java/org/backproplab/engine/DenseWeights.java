package org.backproplab.engine;

/**
 * The parameters of one dense layer in Keras layout: {@code kernel[input][unit]} and {@code bias[unit]}, so that
 * unit j computes z_j = Σ_i x_i·kernel[i][j] + bias[j]. Values handed out by the engine are copies.
 */
public record DenseWeights(double[][] kernel, double[] bias) {

    public DenseWeights {
        if (kernel == null || bias == null) {
            throw new IllegalArgumentException("kernel and bias are required");
        }
    }

    /** Number of inputs (rows of the kernel). */
    public int inputs() {
        return kernel.length;
    }

    /** Number of units (length of the bias). */
    public int units() {
        return bias.length;
    }

    /** A deep copy. */
    public DenseWeights copy() {
        double[][] k = new double[kernel.length][];
        for (int i = 0; i < kernel.length; i++) {
            k[i] = kernel[i].clone();
        }
        return new DenseWeights(k, bias.clone());
    }
}
