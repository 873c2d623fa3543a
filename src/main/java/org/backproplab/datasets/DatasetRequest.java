package org.backproplab.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code dataset} part of a run configuration, for a named dataset (everything but {@code inline}).
 *
 * @param name          a catalogue name, e.g. {@code "spiral"} or {@code "digits"}
 * @param samples       points to generate, 10..5000 (synthetic sets only; ignored for shipped data)
 * @param noise         0..0.5 (synthetic sets only; ignored for shipped data)
 * @param testFraction  share of rows held out for testing, 0.1..0.9
 * @param features      network inputs for 2-D sets: a non-empty subset of {@link DerivedFeatures#NAMES};
 *                      null means {@code x1, x2}; ignored for other sets
 * @param seed          fixes the generated points and the split
 */
public record DatasetRequest(String name, int samples, double noise, double testFraction, List<String> features,
        long seed) {

    public static final int DEFAULT_SAMPLES = 500;
    public static final double DEFAULT_NOISE = 0.1;
    public static final double DEFAULT_TEST_FRACTION = 0.5;
    public static final List<String> DEFAULT_FEATURES = List.of("x1", "x2");
    public static final long DEFAULT_SEED = 1;

    public DatasetRequest {
        // Copied without List.copyOf so that a null entry reaches validation and gets a proper message.
        features = features == null ? null : Collections.unmodifiableList(new ArrayList<>(features));
    }

    /** The contract's defaults for the given dataset name. */
    public static DatasetRequest defaults(String name) {
        return new DatasetRequest(name, DEFAULT_SAMPLES, DEFAULT_NOISE, DEFAULT_TEST_FRACTION, DEFAULT_FEATURES,
                DEFAULT_SEED);
    }
}
