package org.backproplab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.backproplab.engine.Samples;
import org.backproplab.engine.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticDatasetsTest {

    private final DatasetCatalog catalog = new DatasetCatalog();

    private PreparedDataset prepare(String name, int samples, double noise, double testFraction, long seed) {
        return catalog.prepare(new DatasetRequest(name, samples, noise, testFraction, List.of("x1", "x2"), seed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"circle", "xor", "gauss", "spiral", "moons", "plane", "multi-gauss"})
    void shapeAndSplitSizesFollowTheRequest(String name) {
        PreparedDataset data = prepare(name, 301, 0.2, 0.3, 7);
        assertEquals(301, data.train().size() + data.test().size());
        assertEquals(90, data.test().size(), 1.0, "about 30 % of 301 rows in the test split");
        assertEquals(2, data.train().inputs());
        assertEquals(data.train().size(), data.trainPoints().length);
        assertEquals(data.test().size(), data.testPoints().length);
        assertTrue(data.info().twoDimensional());
        assertNotNull(data.featureMap());
        assertEquals(List.of("x1", "x2"), data.featureNames());
        assertEquals(null, data.scaling(), "synthetic 2-D inputs are not standardized");
        for (int i = 0; i < data.train().size(); i++) {
            assertArrayEquals(data.trainPoints()[i], data.train().x()[i], "raw x1, x2 are the inputs themselves");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"circle", "xor", "gauss", "spiral", "moons", "plane", "multi-gauss"})
    void sameSeedGivesIdenticalPointsAndSplitOtherSeedDoesNot(String name) {
        PreparedDataset first = prepare(name, 200, 0.3, 0.5, 42);
        PreparedDataset second = prepare(name, 200, 0.3, 0.5, 42);
        PreparedDataset other = prepare(name, 200, 0.3, 0.5, 43);
        assertTrue(Arrays.deepEquals(first.trainPoints(), second.trainPoints()));
        assertTrue(Arrays.deepEquals(first.testPoints(), second.testPoints()));
        assertArrayEquals(first.train().y(), second.train().y());
        assertArrayEquals(first.test().y(), second.test().y());
        assertFalse(Arrays.deepEquals(first.trainPoints(), other.trainPoints()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"circle", "xor", "gauss", "spiral", "moons", "plane", "multi-gauss"})
    void pointsStayRoughlyInsideTheSixBySixSquare(String name) {
        PreparedDataset data = prepare(name, 2000, 0.5, 0.5, 3);
        for (double[][] points : List.of(data.trainPoints(), data.testPoints())) {
            for (double[] point : points) {
                // Only gauss, spiral and moons move points with noise; the Gaussian tails may leave the square.
                double limit = name.equals("gauss") || name.equals("moons") ? 12 : 6.000001;
                assertTrue(Math.abs(point[0]) <= limit && Math.abs(point[1]) <= limit,
                        name + " point " + Arrays.toString(point));
            }
        }
        long outside = Arrays.stream(data.trainPoints())
                .filter(p -> Math.abs(p[0]) > 6 || Math.abs(p[1]) > 6).count();
        // With noise 0.5 the widest blob has standard deviation 2 around (±2, ±2): about 5 % fall outside.
        assertTrue(outside < data.train().size() * 0.08, name + ": " + outside + " points outside [-6, 6]²");
    }

    @ParameterizedTest
    @ValueSource(strings = {"circle", "gauss", "spiral", "moons"})
    void twoClassGeneratorsMakeEqualHalvesAndStratifiedSplits(String name) {
        PreparedDataset data = prepare(name, 400, 0.0, 0.25, 5);
        assertEquals(Task.BINARY, data.task());
        assertEquals(2, data.classes());
        assertEquals(150, count(data.train(), 1), name);
        assertEquals(150, count(data.train(), 0), name);
        assertEquals(50, count(data.test(), 1), name);
        assertEquals(50, count(data.test(), 0), name);
    }

    @Test
    void xorIsRoughlyBalancedAndStratified() {
        PreparedDataset data = prepare("xor", 1000, 0.0, 0.5, 9);
        int positives = count(data.train(), 1) + count(data.test(), 1);
        assertTrue(positives > 430 && positives < 570, "positives " + positives);
        double trainShare = (double) count(data.train(), 1) / data.train().size();
        double testShare = (double) count(data.test(), 1) / data.test().size();
        assertEquals(trainShare, testShare, 0.003, "stratified: both splits keep the class share");
    }

    @Test
    void oddSampleCountsStillAddUp() {
        PreparedDataset data = prepare("spiral", 11, 0.0, 0.5, 1);
        assertEquals(11, data.train().size() + data.test().size());
        assertEquals(6, count(data.train(), 1) + count(data.test(), 1));
        assertEquals(5, count(data.train(), 0) + count(data.test(), 0));
    }

    @Test
    void circleWithoutNoiseIsInsideVersusRing() {
        PlaygroundGenerators.LabelledPoints points = PlaygroundGenerators.circle(500, 0, new Random(1));
        for (int i = 0; i < points.size(); i++) {
            double radius = Math.hypot(points.points()[i][0], points.points()[i][1]);
            if (points.labels()[i] == 1) {
                assertTrue(radius <= 2.5, "inside " + radius);
            } else {
                assertTrue(radius >= 3.5 && radius <= 5, "ring " + radius);
            }
        }
    }

    @Test
    void circleNoiseFlipsSomeLabelsButKeepsPointsInPlace() {
        PlaygroundGenerators.LabelledPoints noisy = PlaygroundGenerators.circle(2000, 0.5, new Random(2));
        int flipped = 0;
        for (int i = 0; i < noisy.size(); i++) {
            double radius = Math.hypot(noisy.points()[i][0], noisy.points()[i][1]);
            assertTrue(radius <= 5);
            boolean geometricallyInside = radius <= 2.5;
            if (geometricallyInside != (noisy.labels()[i] == 1)) {
                flipped++;
            }
        }
        assertTrue(flipped > 100, "noise 0.5 flips a visible share of labels, flipped " + flipped);
    }

    @Test
    void xorWithoutNoiseLabelsBySignOfProductAndKeepsPaddingFromTheAxes() {
        PlaygroundGenerators.LabelledPoints points = PlaygroundGenerators.xor(500, 0, new Random(3));
        for (int i = 0; i < points.size(); i++) {
            double x = points.points()[i][0];
            double y = points.points()[i][1];
            assertTrue(Math.abs(x) >= 0.3 && Math.abs(y) >= 0.3 && Math.abs(x) <= 5.3 && Math.abs(y) <= 5.3);
            assertEquals(x * y >= 0 ? 1.0 : 0.0, points.labels()[i]);
        }
    }

    @Test
    void gaussNoiseWidensTheBlobsFromVarianceHalfToFour() {
        double quiet = spreadOfClass(PlaygroundGenerators.gauss(4000, 0, new Random(4)), 1, 2);
        double loud = spreadOfClass(PlaygroundGenerators.gauss(4000, 0.5, new Random(4)), 1, 2);
        assertEquals(0.5, quiet, 0.05);
        assertEquals(4.0, loud, 0.4);
    }

    @Test
    void spiralArmsStartAtTheCentreAndReachRadiusFive() {
        PlaygroundGenerators.LabelledPoints points = PlaygroundGenerators.spiral(200, 0, new Random(5));
        double max = 0;
        for (double[] p : points.points()) {
            max = Math.max(max, Math.hypot(p[0], p[1]));
        }
        assertEquals(0, Math.hypot(points.points()[0][0], points.points()[0][1]), 1e-12);
        assertTrue(max < 5 && max > 4.9, "outermost radius " + max);
        // The second arm is the first turned by π: point i of arm 2 = −(point i of arm 1).
        assertEquals(-points.points()[10][0], points.points()[110][0], 1e-9);
        assertEquals(-points.points()[10][1], points.points()[110][1], 1e-9);
    }

    @Test
    void moonsWithoutNoiseLieOnTheirHalfCircles() {
        PlaygroundGenerators.LabelledPoints points = PlaygroundGenerators.moons(300, 0, new Random(6));
        for (int i = 0; i < points.size(); i++) {
            double x = points.points()[i][0] / 3 + 0.5;
            double y = points.points()[i][1] / 3 + 0.25;
            double radius = points.labels()[i] == 1 ? Math.hypot(x, y) : Math.hypot(x - 1, y - 0.5);
            assertEquals(1, radius, 1e-9);
            assertTrue(points.labels()[i] == 1 ? y >= -1e-12 : y <= 0.5 + 1e-12);
        }
    }

    @Test
    void planeTargetIsSumOverTenWithoutNoise() {
        PreparedDataset data = prepare("plane", 500, 0, 0.5, 7);
        assertEquals(Task.REGRESSION, data.task());
        assertEquals(0, data.classes());
        for (int i = 0; i < data.train().size(); i++) {
            double[] p = data.trainPoints()[i];
            assertEquals((p[0] + p[1]) / 10, data.train().y()[i], 1e-12);
        }
        double[] all = allTargets(data);
        assertTrue(Arrays.stream(all).min().orElseThrow() >= -1.2 && Arrays.stream(all).max().orElseThrow() <= 1.2);
    }

    @Test
    void multiGaussTargetsSpanMinusOneToOne() {
        PreparedDataset data = prepare("multi-gauss", 3000, 0.1, 0.5, 8);
        double[] all = allTargets(data);
        double min = Arrays.stream(all).min().orElseThrow();
        double max = Arrays.stream(all).max().orElseThrow();
        assertTrue(min >= -1 && min < -0.8, "min " + min);
        assertTrue(max <= 1 && max > 0.8, "max " + max);
        assertEquals(1.0, PlaygroundGenerators.bumpHeight(-4, 2.5), 1e-12);
        assertEquals(-1.0, PlaygroundGenerators.bumpHeight(0, 2.5), 1e-12);
        assertEquals(0.5, PlaygroundGenerators.bumpHeight(0, -1.5), 1e-12, "halfway down the bump at (0, -2.5)");
        assertEquals(0.0, PlaygroundGenerators.bumpHeight(6, 6), 1e-12);
    }

    @Test
    void regressionSplitIsPlainRandomWithTheRequestedShare() {
        PreparedDataset data = prepare("plane", 100, 0.1, 0.9, 1);
        assertEquals(90, data.test().size());
        assertEquals(10, data.train().size());
    }

    private static int count(Samples samples, int label) {
        return (int) Arrays.stream(samples.y()).filter(y -> y == label).count();
    }

    private static double[] allTargets(PreparedDataset data) {
        double[] all = Arrays.copyOf(data.train().y(), data.train().size() + data.test().size());
        System.arraycopy(data.test().y(), 0, all, data.train().size(), data.test().size());
        return all;
    }

    private static double spreadOfClass(PlaygroundGenerators.LabelledPoints points, int label, double centre) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < points.size(); i++) {
            if (points.labels()[i] == label) {
                double d = points.points()[i][0] - centre;
                sum += d * d;
                n++;
            }
        }
        return sum / n;
    }
}
