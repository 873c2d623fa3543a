package org.backproplab.datasets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;

/**
 * The Playground's input features for 2-D points: the coordinates themselves, their squares, their product and
 * their sines. A chosen subset always comes out in the canonical order of {@link #NAMES}, so {@code x2,x1} and
 * {@code x1,x2} give the same network.
 */
public final class DerivedFeatures implements FeatureMap {

    /** Every feature name, in the order inputs are laid out. */
    public static final List<String> NAMES = List.of("x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2");

    private static final List<DoubleBinaryOperator> FORMULAS = List.of(
            (x1, x2) -> x1,
            (x1, x2) -> x2,
            (x1, x2) -> x1 * x1,
            (x1, x2) -> x2 * x2,
            (x1, x2) -> x1 * x2,
            (x1, x2) -> Math.sin(x1),
            (x1, x2) -> Math.sin(x2));

    private final List<String> names;
    private final DoubleBinaryOperator[] chosen;

    private DerivedFeatures(List<String> names) {
        this.names = List.copyOf(names);
        this.chosen = names.stream().map(name -> FORMULAS.get(NAMES.indexOf(name)))
                .toArray(DoubleBinaryOperator[]::new);
    }

    /**
     * Checks a requested feature list ({@code dataset.features}) and returns the map for it.
     *
     * @param requested feature names, or null for {@code x1, x2}
     * @throws DatasetException naming {@code dataset.features} for an empty list, an unknown name or a repeat
     */
    public static DerivedFeatures of(List<String> requested) {
        if (requested == null) {
            return new DerivedFeatures(List.of("x1", "x2"));
        }
        if (requested.isEmpty()) {
            throw new DatasetException("dataset.features",
                    "dataset.features must name at least one of " + String.join(", ", NAMES));
        }
        Set<String> seen = new HashSet<>();
        for (String name : requested) {
            if (name == null || !NAMES.contains(name)) {
                throw new DatasetException("dataset.features", "dataset.features has unknown feature '" + name
                        + "'; allowed: " + String.join(", ", NAMES));
            }
            if (!seen.add(name)) {
                throw new DatasetException("dataset.features",
                        "dataset.features lists '" + name + "' more than once");
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String name : NAMES) {
            if (seen.contains(name)) {
                ordered.add(name);
            }
        }
        return new DerivedFeatures(ordered);
    }

    /** The chosen feature names in input order. */
    public List<String> names() {
        return names;
    }

    @Override
    public double[] apply(double x1, double x2) {
        double[] row = new double[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            row[i] = chosen[i].applyAsDouble(x1, x2);
        }
        return row;
    }

    /** Network input rows for a list of raw points. */
    public double[][] applyAll(double[][] points) {
        double[][] rows = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            rows[i] = apply(points[i][0], points[i][1]);
        }
        return rows;
    }
}
