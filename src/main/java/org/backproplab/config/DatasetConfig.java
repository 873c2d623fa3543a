package org.backproplab.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.backproplab.datasets.DerivedFeatures;

/**
 * Which data to learn from. For the synthetic 2-D sets, {@code samples}, {@code noise} and {@code features} apply;
 * for {@code inline} data, {@code task}, {@code train} and (optionally) {@code test} carry the examples.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetConfig(
        String name,
        Integer samples,
        Double noise,
        Double testFraction,
        List<String> features,
        Long seed,
        String task,
        InlineSplit train,
        InlineSplit test) {

    public static final String INLINE = "inline";
    /** The input features a 2-D dataset can offer, in their canonical order. */
    public static final List<String> ALL_FEATURES = DerivedFeatures.NAMES;

    static final DatasetConfig EMPTY = new DatasetConfig(null, null, null, null, null, null, null, null, null);

    public DatasetConfig withDefaults() {
        return new DatasetConfig(
                name == null ? "spiral" : name,
                samples == null ? 500 : samples,
                noise == null ? 0.1 : noise,
                testFraction == null ? 0.5 : testFraction,
                features == null ? List.of("x1", "x2") : List.copyOf(features),
                seed == null ? 1L : seed,
                task, train, test);
    }

    /** Derived from the name, so not part of the JSON. */
    @JsonIgnore
    public boolean isInline() {
        return INLINE.equals(name);
    }

    public DatasetConfig withName(String newName) {
        return new DatasetConfig(newName, samples, noise, testFraction, features, seed, task, train, test);
    }

    public DatasetConfig withNoise(double newNoise) {
        return new DatasetConfig(name, samples, newNoise, testFraction, features, seed, task, train, test);
    }

    public DatasetConfig withSamples(int newSamples) {
        return new DatasetConfig(name, newSamples, noise, testFraction, features, seed, task, train, test);
    }

    public DatasetConfig withTestFraction(double fraction) {
        return new DatasetConfig(name, samples, noise, fraction, features, seed, task, train, test);
    }

    public DatasetConfig withFeatures(List<String> newFeatures) {
        return new DatasetConfig(name, samples, noise, testFraction, List.copyOf(newFeatures), seed, task, train, test);
    }

    public DatasetConfig withSeed(long newSeed) {
        return new DatasetConfig(name, samples, noise, testFraction, features, newSeed, task, train, test);
    }

    /** Inline examples: one row of inputs per example and one label or target each. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InlineSplit(double[][] x, double[] y) {
    }
}
