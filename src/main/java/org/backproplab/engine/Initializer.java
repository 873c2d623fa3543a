package org.backproplab.engine;

import java.util.SplittableRandom;

/**
 * How a dense layer's kernel gets its first values (biases always start at 0). Every draw comes from the seeded
 * generator passed in, so the same seed gives the same network.
 *
 * <p>He and LeCun use a plain normal distribution here; Keras draws from a normal truncated at two standard
 * deviations. The spread is what matters for the lessons (vanishing/exploding signals), and a plain normal keeps
 * the formula visible.
 */
public enum Initializer {
    /** Glorot uniform: w ~ U(−limit, +limit), limit = sqrt(6 / (fanIn + fanOut)). Keeps variance ≈ constant for tanh. */
    XAVIER("xavier"),
    /** He normal: w ~ N(0, 2 / fanIn). Compensates for ReLU zeroing half of its inputs. */
    HE("he"),
    /** LeCun normal: w ~ N(0, 1 / fanIn). */
    LECUN("lecun"),
    /** All weights 0: every unit of a layer computes the same thing and stays that way (symmetry is never broken). */
    ZEROS("zeros"),
    /** w ~ N(0, initScale²): lets a learner pick a too-small or too-large spread on purpose. */
    NORMAL("normal");

    private final String id;

    Initializer(String id) {
        this.id = id;
    }

    /** The lower-case name used in the run contract. */
    public String id() {
        return id;
    }

    /** Parses a contract name; throws {@link IllegalArgumentException} naming the allowed values. */
    public static Initializer fromId(String id) {
        for (Initializer initializer : values()) {
            if (initializer.id.equals(id)) {
                return initializer;
            }
        }
        throw new IllegalArgumentException(
                "unknown initializer '" + id + "'; allowed: xavier, he, lecun, zeros, normal");
    }

    /** Fills {@code kernel[fanIn][fanOut]} in row order, drawing from {@code random}. */
    void fill(double[][] kernel, double initScale, SplittableRandom random) {
        int fanIn = kernel.length;
        int fanOut = fanIn == 0 ? 0 : kernel[0].length;
        for (double[] row : kernel) {
            for (int j = 0; j < fanOut; j++) {
                row[j] = switch (this) {
                    case XAVIER -> {
                        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                        yield (2 * random.nextDouble() - 1) * limit;
                    }
                    case HE -> random.nextGaussian() * Math.sqrt(2.0 / fanIn);
                    case LECUN -> random.nextGaussian() * Math.sqrt(1.0 / fanIn);
                    case ZEROS -> 0.0;
                    case NORMAL -> random.nextGaussian() * initScale;
                };
            }
        }
    }
}
