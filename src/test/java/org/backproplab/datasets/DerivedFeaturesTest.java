package org.backproplab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DerivedFeaturesTest {

    private final DatasetCatalog catalog = new DatasetCatalog();

    @Test
    void everyFeatureHasItsFormula() {
        DerivedFeatures all = DerivedFeatures.of(DerivedFeatures.NAMES);
        double x1 = 1.5;
        double x2 = -2.0;
        assertArrayEquals(new double[] {x1, x2, x1 * x1, x2 * x2, x1 * x2, Math.sin(x1), Math.sin(x2)},
                all.apply(x1, x2), 0.0);
    }

    @Test
    void chosenFeaturesComeInCanonicalOrder() {
        DerivedFeatures chosen = DerivedFeatures.of(List.of("sin_x2", "x1x2", "x1"));
        assertEquals(List.of("x1", "x1x2", "sin_x2"), chosen.names());
        assertArrayEquals(new double[] {2, 6, Math.sin(3)}, chosen.apply(2, 3), 0.0);
    }

    @Test
    void nullMeansTheTwoCoordinates() {
        assertEquals(List.of("x1", "x2"), DerivedFeatures.of(null).names());
    }

    @Test
    void featureMapReproducesEveryTrainingAndTestRow() {
        List<String> features = List.of("x1^2", "x2^2", "x1x2", "sin_x1");
        PreparedDataset data = catalog.prepare(new DatasetRequest("circle", 300, 0.1, 0.5, features, 4));
        assertEquals(List.of("x1^2", "x2^2", "x1x2", "sin_x1"), data.featureNames());
        assertEquals(4, data.train().inputs());
        for (int i = 0; i < data.train().size(); i++) {
            double[] p = data.trainPoints()[i];
            assertArrayEquals(data.train().x()[i], data.featureMap().apply(p[0], p[1]), 0.0);
            assertArrayEquals(new double[] {p[0] * p[0], p[1] * p[1], p[0] * p[1], Math.sin(p[0])},
                    data.train().x()[i], 0.0);
        }
        for (int i = 0; i < data.test().size(); i++) {
            double[] p = data.testPoints()[i];
            assertArrayEquals(data.test().x()[i], data.featureMap().apply(p[0], p[1]), 0.0);
            assertArrayEquals(data.test().x()[i], data.toNetworkInput(p), 0.0);
        }
    }

    @Test
    void featuresDoNotChangeThePointsOrTheSplit() {
        PreparedDataset plain = catalog.prepare(new DatasetRequest("xor", 100, 0.2, 0.5, List.of("x1", "x2"), 3));
        PreparedDataset derived = catalog.prepare(new DatasetRequest("xor", 100, 0.2, 0.5, List.of("x1x2"), 3));
        assertArrayEquals(plain.trainPoints(), derived.trainPoints());
        assertArrayEquals(plain.train().y(), derived.train().y(), 0.0);
    }

    @Test
    void emptyUnknownAndRepeatedFeaturesAreRejected() {
        DatasetException empty = assertThrows(DatasetException.class, () -> DerivedFeatures.of(List.of()));
        assertEquals("dataset.features", empty.field());
        assertEquals("dataset.features must name at least one of x1, x2, x1^2, x2^2, x1x2, sin_x1, sin_x2",
                empty.getMessage());
        DatasetException unknown = assertThrows(DatasetException.class,
                () -> catalog.prepare(new DatasetRequest("spiral", 100, 0, 0.5, List.of("x1", "x3"), 1)));
        assertEquals("dataset.features has unknown feature 'x3'; allowed: x1, x2, x1^2, x2^2, x1x2, sin_x1, sin_x2",
                unknown.getMessage());
        DatasetException repeated = assertThrows(DatasetException.class,
                () -> DerivedFeatures.of(List.of("x1", "x1")));
        assertEquals("dataset.features lists 'x1' more than once", repeated.getMessage());
        DatasetException missing = assertThrows(DatasetException.class,
                () -> DerivedFeatures.of(java.util.Arrays.asList("x1", null)));
        assertEquals("dataset.features has unknown feature 'null'; allowed: x1, x2, x1^2, x2^2, x1x2, sin_x1, "
                + "sin_x2", missing.getMessage());
    }

    @Test
    void featuresAreIgnoredForTabularData() {
        PreparedDataset iris = catalog.prepare(new DatasetRequest("iris", 10, 0, 0.5, List.of("x1^2"), 1));
        assertEquals(4, iris.train().inputs());
    }
}
