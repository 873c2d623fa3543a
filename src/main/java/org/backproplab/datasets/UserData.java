package org.backproplab.datasets;

import java.util.List;
import org.backproplab.engine.Samples;
import org.backproplab.engine.Task;

/**
 * Data the learner brought: an uploaded CSV or the API's inline arrays. Labels are already in the contract's form
 * (0/1, class index, or value). Build it with {@link CsvParser} or {@link InlineData#of}, which check it.
 *
 * @param name          display name (file name, or {@code "inline"})
 * @param task          what the network learns
 * @param classes       number of classes; 0 for regression
 * @param train         training rows (raw, as given)
 * @param test          test rows, or null to split {@code train} by the test fraction
 * @param featureNames  one name per input column
 * @param classNames    one display name per class index (for example the original CSV labels); empty for
 *                      regression
 * @param standardize   whether to standardize inputs with the training split's statistics (CSV uploads: yes;
 *                      inline data is used exactly as given)
 */
public record UserData(String name, Task task, int classes, Samples train, Samples test, List<String> featureNames,
        List<String> classNames, boolean standardize) {

    public UserData {
        featureNames = List.copyOf(featureNames);
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
    }

    /** Data used as given, with generic column names {@code x1..xn} and class names {@code 0..K-1}. */
    public UserData(String name, Task task, int classes, Samples train, Samples test) {
        this(name, task, classes, train, test, genericFeatureNames(train.inputs()), genericClassNames(classes),
                false);
    }

    static List<String> genericFeatureNames(int columns) {
        String[] names = new String[columns];
        for (int i = 0; i < columns; i++) {
            names[i] = "x" + (i + 1);
        }
        return List.of(names);
    }

    static List<String> genericClassNames(int classes) {
        String[] names = new String[classes];
        for (int i = 0; i < classes; i++) {
            names[i] = Integer.toString(i);
        }
        return List.of(names);
    }
}
