package org.backproplab.engine;

/**
 * The non-linearity a hidden unit applies to its pre-activation z (its weighted sum, after batch normalization when
 * that is on): a = f(z). Backpropagation needs the local derivative da/dz = f'(z); each case below states both.
 * Derivatives are written in terms of whichever of z or a is cheaper (e.g. tanh' = 1 − a²).
 */
public enum Activation {
    /** a = z;  da/dz = 1. A stack of linear layers is still one linear map. */
    LINEAR("linear", 1.0) {
        @Override
        void apply(double[] z, double[] a, int n) {
            System.arraycopy(z, 0, a, 0, n);
        }

        @Override
        void apply(float[] z, float[] a, int n) {
            System.arraycopy(z, 0, a, 0, n);
        }

        @Override
        void backward(double[] z, double[] a, double[] g, int n) {
            // f' = 1: the gradient passes through unchanged.
        }
    },
    /** a = 1 / (1 + e^−z);  da/dz = a(1 − a), at most 0.25 (at z = 0): one reason deep sigmoid nets vanish. */
    SIGMOID("sigmoid", 0.25) {
        @Override
        void apply(double[] z, double[] a, int n) {
            if (SimdSupport.ENABLED) {
                VectorKernels.sigmoid(z, a, n);
                return;
            }
            for (int j = 0; j < n; j++) {
                a[j] = FastMath.sigmoid(z[j]);
            }
        }

        @Override
        void apply(float[] z, float[] a, int n) {
            if (SimdSupport.ENABLED) {
                FloatVectorActivations.sigmoid(z, a, n);
                return;
            }
            for (int j = 0; j < n; j++) {
                a[j] = FastMath.sigmoid(z[j]);
            }
        }

        @Override
        void backward(double[] z, double[] a, double[] g, int n) {
            for (int j = 0; j < n; j++) {
                double v = a[j];
                g[j] *= v * (1 - v);
            }
        }

        @Override
        void addStatistics(float[] a, float[] sums, float[] squares, float[] saturated, int n) {
            for (int r = 0; r < n; r++) {
                float v = a[r];
                sums[r] += v;
                squares[r] = Math.fma(v, v, squares[r]);
                // a(1 − a) = (1 − w²)/4 with w = 2a − 1: below 0.01 of its maximum 1/4 exactly as tanh's 1 − w².
                saturated[r] += saturatedIndicator(Math.fma(2, v, -1));
            }
        }
    },
    /** a = tanh z;  da/dz = 1 − a², at most 1 (at z = 0). */
    TANH("tanh", 1.0) {
        @Override
        void apply(double[] z, double[] a, int n) {
            if (SimdSupport.ENABLED) {
                VectorKernels.tanh(z, a, n);
                return;
            }
            for (int j = 0; j < n; j++) {
                a[j] = FastMath.tanh(z[j]);
            }
        }

        @Override
        void apply(float[] z, float[] a, int n) {
            if (SimdSupport.ENABLED) {
                FloatVectorActivations.tanh(z, a, n);
                return;
            }
            for (int j = 0; j < n; j++) {
                a[j] = FastMath.tanh(z[j]);
            }
        }

        @Override
        void backward(double[] z, double[] a, double[] g, int n) {
            for (int j = 0; j < n; j++) {
                double v = a[j];
                g[j] *= 1 - v * v;
            }
        }

        @Override
        void addStatistics(float[] a, float[] sums, float[] squares, float[] saturated, int n) {
            for (int r = 0; r < n; r++) {
                float v = a[r];
                sums[r] += v;
                squares[r] = Math.fma(v, v, squares[r]);
                saturated[r] += saturatedIndicator(v);
            }
        }
    },
    /** a = max(0, z);  da/dz = 1 if z &gt; 0 else 0. A unit with z ≤ 0 on every example gets no gradient: dead. */
    RELU("relu", 1.0) {
        @Override
        void apply(double[] z, double[] a, int n) {
            for (int j = 0; j < n; j++) {
                a[j] = Math.max(z[j], 0.0);
            }
        }

        @Override
        void apply(float[] z, float[] a, int n) {
            for (int j = 0; j < n; j++) {
                a[j] = Math.max(z[j], 0.0f);
            }
        }

        @Override
        void backward(double[] z, double[] a, double[] g, int n) {
            for (int j = 0; j < n; j++) {
                g[j] = z[j] > 0 ? g[j] : 0.0;
            }
        }
    },
    /** a = z if z &gt; 0 else 0.01·z;  da/dz = 1 or 0.01: the small slope keeps gradients flowing. */
    LEAKY_RELU("leaky_relu", 1.0) {
        @Override
        void apply(double[] z, double[] a, int n) {
            for (int j = 0; j < n; j++) {
                double v = z[j];
                a[j] = Math.max(v, LEAKY_SLOPE * v);
            }
        }

        @Override
        void apply(float[] z, float[] a, int n) {
            for (int j = 0; j < n; j++) {
                float v = z[j];
                a[j] = Math.max(v, (float) LEAKY_SLOPE * v);
            }
        }

        @Override
        void backward(double[] z, double[] a, double[] g, int n) {
            for (int j = 0; j < n; j++) {
                g[j] = z[j] > 0 ? g[j] : LEAKY_SLOPE * g[j];
            }
        }
    },
    /** a = z if z &gt; 0 else e^z − 1 (α = 1);  da/dz = 1 or e^z = a + 1. */
    ELU("elu", 1.0) {
        @Override
        void apply(double[] z, double[] a, int n) {
            if (SimdSupport.ENABLED) {
                VectorKernels.elu(z, a, n);
                return;
            }
            for (int j = 0; j < n; j++) {
                // Branch-free (so it vectorizes): for z > 0, e^0 − 1 = 0 is added; for z ≤ 0, max(z, 0) = 0.
                double v = z[j];
                a[j] = Math.max(v, 0.0) + FastMath.expm1(Math.min(v, 0.0));
            }
        }

        @Override
        void apply(float[] z, float[] a, int n) {
            for (int j = 0; j < n; j++) {
                float v = z[j];
                a[j] = Math.max(v, 0.0f) + FastMath.expm1(Math.min(v, 0.0f));
            }
        }

        @Override
        void backward(double[] z, double[] a, double[] g, int n) {
            for (int j = 0; j < n; j++) {
                g[j] = z[j] > 0 ? g[j] : g[j] * (a[j] + 1);
            }
        }
    };

    static final double LEAKY_SLOPE = 0.01;

    /**
     * 1 if 1 − w² &lt; 0.01 (w in [−1, 1]: tanh's output, or a sigmoid output as 2a − 1), else 0, in single precision.
     * Counted without a branch, which would stop the loop from being vectorized, and without Math.min/max, which
     * cost several instructions each: w²/0.99 − 1/2 lies in [−0.5, 0.52), and adding then subtracting 1.5·2²³ rounds
     * it to the nearest integer (a float that large has no fraction bits), which is 1 exactly when w² &gt; 0.99.
     */
    static float saturatedIndicator(float w) {
        float y = Math.fma(w, w * (float) (1 / 0.99), -0.5f);
        return (y + 0x1.8p23f) - 0x1.8p23f;
    }

    private final String id;
    private final double maxDerivative;

    Activation(String id, double maxDerivative) {
        this.id = id;
        this.maxDerivative = maxDerivative;
    }

    /** The lower-case name used in the run contract. */
    public String id() {
        return id;
    }

    /** Parses a contract name; throws {@link IllegalArgumentException} naming the allowed values. */
    public static Activation fromId(String id) {
        for (Activation activation : values()) {
            if (activation.id.equals(id)) {
                return activation;
            }
        }
        throw new IllegalArgumentException(
                "unknown activation '" + id + "'; allowed: linear, sigmoid, tanh, relu, leaky_relu, elu");
    }

    /** ReLU, leaky ReLU and ELU: the layers where the epoch report counts dead units. */
    public boolean isReluFamily() {
        return this == RELU || this == LEAKY_RELU || this == ELU;
    }

    /** Sigmoid and tanh: the layers where the epoch report counts saturated outputs. */
    public boolean saturates() {
        return this == SIGMOID || this == TANH;
    }

    /** The largest value of f'(z); an output counts as saturated when f'(z) &lt; 0.01 of it. */
    public double maxDerivative() {
        return maxDerivative;
    }

    /** f(z) for one value. */
    public double apply(double z) {
        return switch (this) {
            case LINEAR -> z;
            case SIGMOID -> FastMath.sigmoid(z);
            case TANH -> FastMath.tanh(z);
            case RELU -> Math.max(z, 0.0);
            case LEAKY_RELU -> z > 0 ? z : LEAKY_SLOPE * z;
            case ELU -> z > 0 ? z : FastMath.expm1(z);
        };
    }

    /** f'(z), given z and a = f(z). */
    public double derivative(double z, double a) {
        return switch (this) {
            case LINEAR -> 1.0;
            case SIGMOID -> a * (1 - a);
            case TANH -> 1 - a * a;
            case RELU -> z > 0 ? 1.0 : 0.0;
            case LEAKY_RELU -> z > 0 ? 1.0 : LEAKY_SLOPE;
            case ELU -> z > 0 ? 1.0 : a + 1;
        };
    }

    // The loops over many values are written once per constant (above) rather than as one switch: each constant's
    // code is then compiled on its own, so the JIT vectorizes every activation's loop however many of them a server
    // uses. In a single method holding all six loops, the ones compiled last were measured to stay scalar (4× slower).

    /** a[j] = f(z[j]) for j &lt; n. */
    abstract void apply(double[] z, double[] a, int n);

    /** a[j] = f(z[j]) for j &lt; n in single precision (the epoch-end measuring pass). */
    abstract void apply(float[] z, float[] a, int n);

    /** Chain rule through the activation, in place: g[j] ← g[j] · f'(z[j]), turning ∂L/∂a into ∂L/∂z. */
    abstract void backward(double[] z, double[] a, double[] g, int n);

    /**
     * The epoch report's per-example statistics of one unit's outputs a[r] (r &lt; n), added into lanes, one per
     * example slot: sums[r] += a[r], squares[r] += a[r]², and for sigmoid and tanh, the only ones that saturate,
     * saturated[r] += 1 where f'(z) &lt; 0.01 of its maximum. One loop, so each output is read once.
     */
    void addStatistics(float[] a, float[] sums, float[] squares, float[] saturated, int n) {
        for (int r = 0; r < n; r++) {
            float v = a[r];
            sums[r] += v;
            squares[r] = Math.fma(v, v, squares[r]);
        }
    }
}
