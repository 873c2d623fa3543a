package org.backproplab.datasets;

import java.util.HashSet;
import java.util.Set;
import org.backproplab.engine.Samples;
import org.backproplab.engine.Task;

/**
 * The API's inline data ({@code "dataset": {"name": "inline", "task": ..., "train": {...}, "test": {...}}}),
 * checked completely before anything is used. Inline data is used exactly as given: no standardization.
 */
public final class InlineData {

    private InlineData() {
    }

    /**
     * Checks and copies inline arrays.
     *
     * @param testX test inputs, or null (then {@code testY} must be null too and the training rows are split by the
     *              test fraction)
     * @throws DatasetException naming the field path, e.g. {@code "dataset.train.x[3] has 2 values, expected 4"}
     */
    public static UserData of(Task task, double[][] trainX, double[] trainY, double[][] testX, double[] testY) {
        int classes = check(task, trainX, trainY, testX, testY, null);
        Samples train = new Samples(copy(trainX), trainY.clone());
        Samples test = testX == null ? null : new Samples(copy(testX), testY.clone());
        return new UserData("inline", task, classes, train, test);
    }

    /** Checks user data however it was built (the catalogue calls this before preparing it). */
    static void check(UserData data) {
        if (data == null) {
            throw new DatasetException("dataset", "dataset is required");
        }
        if (data.train() == null) {
            throw new DatasetException("dataset.train", "dataset.train is required");
        }
        Samples test = data.test();
        check(data.task(), data.train().x(), data.train().y(), test == null ? null : test.x(),
                test == null ? null : test.y(), data.classes());
        if (data.featureNames().size() != data.train().inputs()) {
            throw new DatasetException("dataset.featureNames", "dataset.featureNames has "
                    + data.featureNames().size() + " names, expected " + data.train().inputs());
        }
    }

    /**
     * Every rule for the learner's data in one place.
     *
     * @param declaredClasses the class count the data claims, or null to derive it from the labels
     * @return the number of classes (2 for binary, 0 for regression)
     */
    static int check(Task task, double[][] trainX, double[] trainY, double[][] testX, double[] testY,
            Integer declaredClasses) {
        if (task == null) {
            throw new DatasetException("dataset.task", "dataset.task is required; allowed: binary, multiclass, "
                    + "regression");
        }
        requirePresent(trainX, "dataset.train.x");
        requirePresent(trainY, "dataset.train.y");
        if ((testX == null) != (testY == null)) {
            String missing = testX == null ? "dataset.test.x" : "dataset.test.y";
            String given = testX == null ? "dataset.test.y" : "dataset.test.x";
            throw new DatasetException(missing, missing + " is required when " + given + " is given");
        }
        boolean hasTest = testX != null;
        if (trainX.length < (hasTest ? 1 : 2)) {
            throw new DatasetException("dataset.train.x", hasTest ? "dataset.train.x must have at least one row"
                    : "dataset.train.x needs at least 2 rows when there is no dataset.test (one to train on, one "
                            + "to test on), has " + trainX.length);
        }
        int totalRows = trainX.length + (hasTest ? testX.length : 0);
        if (totalRows > DatasetLimits.MAX_USER_ROWS) {
            throw new DatasetException("dataset.train.x", "dataset.train.x and dataset.test.x have " + totalRows
                    + " rows together; at most " + DatasetLimits.MAX_USER_ROWS + " are allowed");
        }
        if (trainX[0] == null) {
            throw new DatasetException("dataset.train.x[0]", "dataset.train.x[0] is missing");
        }
        int width = trainX[0].length;
        if (width == 0) {
            throw new DatasetException("dataset.train.x[0]", "dataset.train.x[0] has no values");
        }
        if (width > DatasetLimits.MAX_USER_COLUMNS) {
            throw new DatasetException("dataset.train.x[0]", "dataset.train.x[0] has " + width
                    + " values; at most " + DatasetLimits.MAX_USER_COLUMNS + " inputs are allowed");
        }
        checkRows(trainX, trainY, width, "dataset.train");
        if (hasTest) {
            if (testX.length == 0) {
                throw new DatasetException("dataset.test.x", "dataset.test.x must have at least one row "
                        + "(or leave dataset.test out to split the training rows)");
            }
            checkRows(testX, testY, width, "dataset.test");
        }
        int classes = switch (task) {
            case REGRESSION -> 0;
            case BINARY -> 2;
            case MULTICLASS -> multiclassCount(trainY, hasTest ? testY : null, declaredClasses);
        };
        if (task.isClassification()) {
            checkLabels(trainY, task, classes, "dataset.train.y");
            if (hasTest) {
                checkLabels(testY, task, classes, "dataset.test.y");
            }
            requireTwoClasses(trainY);
        }
        return classes;
    }

    private static void checkRows(double[][] x, double[] y, int width, String prefix) {
        for (int r = 0; r < x.length; r++) {
            String rowPath = prefix + ".x[" + r + "]";
            if (x[r] == null) {
                throw new DatasetException(rowPath, rowPath + " is missing");
            }
            if (x[r].length != width) {
                throw new DatasetException(rowPath, rowPath + " has " + x[r].length + " values, expected " + width);
            }
            for (int c = 0; c < width; c++) {
                if (!Double.isFinite(x[r][c])) {
                    String cellPath = rowPath + "[" + c + "]";
                    throw new DatasetException(cellPath, cellPath + " is not a finite number (" + x[r][c] + ")");
                }
            }
        }
        if (y.length != x.length) {
            throw new DatasetException(prefix + ".y", prefix + ".y has " + y.length + " values, expected "
                    + x.length + " (one per row of " + prefix + ".x)");
        }
        for (int r = 0; r < y.length; r++) {
            if (!Double.isFinite(y[r])) {
                String path = prefix + ".y[" + r + "]";
                throw new DatasetException(path, path + " is not a finite number (" + y[r] + ")");
            }
        }
    }

    private static void checkLabels(double[] y, Task task, int classes, String path) {
        for (int r = 0; r < y.length; r++) {
            double label = y[r];
            boolean valid = label == Math.rint(label) && label >= 0 && label < classes;
            if (!valid) {
                String cell = path + "[" + r + "]";
                String rule = task == Task.BINARY ? "must be 0 or 1 for a binary task"
                        : "must be a class index 0.." + (classes - 1) + " for a multiclass task";
                throw new DatasetException(cell, cell + " " + rule + ", was " + format(label));
            }
        }
    }

    private static void requireTwoClasses(double[] trainY) {
        Set<Double> distinct = new HashSet<>();
        for (double label : trainY) {
            distinct.add(label);
            if (distinct.size() > 1) {
                return;
            }
        }
        throw new DatasetException("dataset.train.y", "dataset.train.y has only one class (" + format(trainY[0])
                + "); a classifier needs examples of at least two");
    }

    /** The declared class count if there is one, otherwise the largest label + 1 (labels checked first). */
    private static int multiclassCount(double[] trainY, double[] testY, Integer declaredClasses) {
        int max = DatasetLimits.MAX_USER_CLASSES;
        if (declaredClasses != null) {
            if (declaredClasses < 2 || declaredClasses > max) {
                throw new DatasetException("dataset.classes", "dataset.classes must be 2.." + max
                        + " for a multiclass task, was " + declaredClasses);
            }
            return declaredClasses;
        }
        checkLabels(trainY, Task.MULTICLASS, max, "dataset.train.y");
        double largest = 0;
        for (double label : trainY) {
            largest = Math.max(largest, label);
        }
        if (testY != null) {
            checkLabels(testY, Task.MULTICLASS, max, "dataset.test.y");
            for (double label : testY) {
                largest = Math.max(largest, label);
            }
        }
        return (int) largest + 1;
    }

    private static void requirePresent(Object value, String path) {
        if (value == null) {
            throw new DatasetException(path, path + " is required");
        }
    }

    private static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r].clone();
        }
        return out;
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
