package org.backproplab.engine;

/**
 * The transcendental functions the activations need. For now these delegate to {@link Math}; they are the single
 * place to swap in faster versions.
 */
final class FastMath {

    private FastMath() {
    }

    /** 1 / (1 + e^−z), computed without overflow for either sign of z. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    static double tanh(double z) {
        return Math.tanh(z);
    }

    static double expm1(double z) {
        return Math.expm1(z);
    }
}
