package org.backproplab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backproplab.engine.Samples;
import org.backproplab.engine.Task;
import org.junit.jupiter.api.Test;

class InlineDataTest {

    private static final double[][] X = {{0, 0, 1, 2}, {1, 1, 0, 0}, {2, 0, 1, 1}, {3, 1, 1, 1}};

    private static DatasetException rejected(Task task, double[][] trainX, double[] trainY, double[][] testX,
            double[] testY) {
        return assertThrows(DatasetException.class, () -> InlineData.of(task, trainX, trainY, testX, testY));
    }

    @Test
    void validDataIsCopiedAndUsedAsGiven() {
        double[][] x = {{1, 2}, {3, 4}, {5, 6}};
        double[] y = {0, 1, 0};
        UserData data = InlineData.of(Task.BINARY, x, y, new double[][] {{7, 8}}, new double[] {1});
        x[0][0] = 99;
        assertEquals(1, data.train().x()[0][0], "later changes by the caller do not leak in");
        assertEquals(2, data.classes());
        assertEquals("inline", data.name());
        assertEquals(List.of("x1", "x2"), data.featureNames());
        assertFalse(data.standardize());

        PreparedDataset prepared = new DatasetCatalog().fromUserData(data, 0.5, 1);
        assertEquals(3, prepared.train().size());
        assertEquals(1, prepared.test().size());
        assertArrayEquals(new double[] {3, 4}, prepared.train().x()[1], 0.0);
        assertNull(prepared.scaling());
        assertTrue(prepared.info().twoDimensional());
        assertArrayEquals(new double[] {7, 8}, prepared.featureMap().apply(7, 8), 0.0);
        assertNotSame(prepared.trainPoints()[0], prepared.train().x()[0]);
    }

    @Test
    void multiclassCountsClassesFromTheLargestLabel() {
        UserData data = InlineData.of(Task.MULTICLASS, X, new double[] {0, 2, 1, 2}, null, null);
        assertEquals(3, data.classes());
        assertNull(data.test());
        PreparedDataset prepared = new DatasetCatalog().fromUserData(data, 0.5, 2);
        assertEquals(4, prepared.train().size() + prepared.test().size());
        assertTrue(prepared.test().size() >= 1);
        assertEquals(List.of("0", "1", "2"), prepared.classNames());
    }

    @Test
    void regressionAcceptsAnyFiniteTargets() {
        UserData data = InlineData.of(Task.REGRESSION, X, new double[] {-3.5, 0, 1e6, 2}, null, null);
        assertEquals(0, data.classes());
    }

    @Test
    void raggedRow() {
        double[][] x = {{0, 0, 1, 2}, {1, 1, 0, 0}, {2, 0, 1, 1}, {3, 1}};
        DatasetException e = rejected(Task.BINARY, x, new double[] {0, 1, 0, 1}, null, null);
        assertEquals("dataset.train.x[3]", e.field());
        assertEquals("dataset.train.x[3] has 2 values, expected 4", e.getMessage());
    }

    @Test
    void nonFiniteInput() {
        double[][] x = {{0, 0, 1, 2}, {1, Double.NaN, 0, 0}};
        DatasetException e = rejected(Task.BINARY, x, new double[] {0, 1}, null, null);
        assertEquals("dataset.train.x[1][1] is not a finite number (NaN)", e.getMessage());
    }

    @Test
    void nonFiniteTarget() {
        DatasetException e = rejected(Task.REGRESSION, X, new double[] {0, Double.POSITIVE_INFINITY, 0, 1},
                null, null);
        assertEquals("dataset.train.y[1] is not a finite number (Infinity)", e.getMessage());
    }

    @Test
    void binaryLabelOutOfRange() {
        DatasetException e = rejected(Task.BINARY, X, new double[] {0, 1, 2, 0}, null, null);
        assertEquals("dataset.train.y[2] must be 0 or 1 for a binary task, was 2", e.getMessage());
    }

    @Test
    void multiclassLabelNotAClassIndex() {
        assertEquals("dataset.train.y[1] must be a class index 0..19 for a multiclass task, was 1.5",
                rejected(Task.MULTICLASS, X, new double[] {0, 1.5, 2, 0}, null, null).getMessage());
        assertEquals("dataset.train.y[0] must be a class index 0..19 for a multiclass task, was -1",
                rejected(Task.MULTICLASS, X, new double[] {-1, 1, 2, 0}, null, null).getMessage());
        assertEquals("dataset.test.y[0] must be a class index 0..19 for a multiclass task, was 25",
                rejected(Task.MULTICLASS, X, new double[] {0, 1, 2, 0}, new double[][] {{1, 1, 1, 1}},
                        new double[] {25}).getMessage());
    }

    @Test
    void testLabelOutOfRangeForBinary() {
        DatasetException e = rejected(Task.BINARY, X, new double[] {0, 1, 1, 0}, new double[][] {{1, 1, 1, 1}},
                new double[] {3});
        assertEquals("dataset.test.y[0] must be 0 or 1 for a binary task, was 3", e.getMessage());
    }

    @Test
    void sizesMustAgree() {
        assertEquals("dataset.train.y has 3 values, expected 4 (one per row of dataset.train.x)",
                rejected(Task.BINARY, X, new double[] {0, 1, 0}, null, null).getMessage());
        assertEquals("dataset.test.x[0] has 3 values, expected 4",
                rejected(Task.BINARY, X, new double[] {0, 1, 0, 1}, new double[][] {{1, 2, 3}},
                        new double[] {1}).getMessage());
        assertEquals("dataset.test.y is required when dataset.test.x is given",
                rejected(Task.BINARY, X, new double[] {0, 1, 0, 1}, new double[][] {{1, 2, 3, 4}}, null)
                        .getMessage());
        assertEquals("dataset.train.x needs at least 2 rows when there is no dataset.test (one to train on, one "
                + "to test on), has 1", rejected(Task.REGRESSION, new double[][] {{1}}, new double[] {1}, null, null)
                .getMessage());
        assertEquals("dataset.train.x[0] has 101 values; at most 100 inputs are allowed",
                rejected(Task.REGRESSION, new double[][] {new double[101], new double[101]}, new double[] {1, 2},
                        null, null).getMessage());
    }

    @Test
    void tooManyRows() {
        double[][] x = new double[10_001][1];
        double[] y = new double[10_001];
        y[0] = 1;
        assertEquals("dataset.train.x and dataset.test.x have 10001 rows together; at most 10000 are allowed",
                rejected(Task.BINARY, x, y, null, null).getMessage());
    }

    @Test
    void missingParts() {
        assertEquals("dataset.task is required; allowed: binary, multiclass, regression",
                rejected(null, X, new double[] {0, 1, 0, 1}, null, null).getMessage());
        assertEquals("dataset.train.x is required",
                rejected(Task.BINARY, null, new double[] {0, 1}, null, null).getMessage());
        assertEquals("dataset.train.x[2] is missing",
                rejected(Task.BINARY, new double[][] {{1}, {2}, null}, new double[] {0, 1, 0}, null, null)
                        .getMessage());
    }

    @Test
    void oneClassOnly() {
        assertEquals("dataset.train.y has only one class (1); a classifier needs examples of at least two",
                rejected(Task.BINARY, X, new double[] {1, 1, 1, 1}, null, null).getMessage());
    }

    @Test
    void userDataBuiltByHandIsCheckedBeforeUse() {
        UserData broken = new UserData("mine", Task.MULTICLASS, 2,
                new Samples(new double[][] {{1}, {2}, {3}}, new double[] {0, 1, 2}), null);
        DatasetException e = assertThrows(DatasetException.class,
                () -> new DatasetCatalog().fromUserData(broken, 0.5, 1));
        assertEquals("dataset.train.y[2] must be a class index 0..1 for a multiclass task, was 2", e.getMessage());
    }
}
