package org.backproplab.datasets;

import java.util.List;
import org.backproplab.engine.Samples;
import org.backproplab.engine.Task;

/**
 * A dataset ready for training: inputs already turned into what the network sees, plus what the lab needs to draw.
 *
 * @param info          the catalogue entry (for user data, one made up from the data)
 * @param task          what the network learns
 * @param classes       number of classes; 0 for regression
 * @param featureNames  one name per network input, in input order
 * @param train         training inputs and targets
 * @param test          test inputs and targets
 * @param trainPoints   raw 2-D points of the training rows for plotting; null unless the set is two-dimensional
 * @param testPoints    raw 2-D points of the test rows for plotting; null unless the set is two-dimensional
 * @param featureMap    raw 2-D point → network input, the transform used for the rows; null unless two-dimensional
 * @param classNames    one display name per class (index = label); empty for regression
 * @param scaling       the standardization applied to raw input rows (train statistics), or null when the inputs
 *                      are used as they are (synthetic 2-D sets, inline data)
 */
public record PreparedDataset(DatasetInfo info, Task task, int classes, List<String> featureNames, Samples train,
        Samples test, double[][] trainPoints, double[][] testPoints, FeatureMap featureMap, List<String> classNames,
        FeatureScaling scaling) {

    public PreparedDataset {
        featureNames = List.copyOf(featureNames);
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
    }

    /** The shape the catalogue's API was first published with: no class names, no scaling. */
    public PreparedDataset(DatasetInfo info, Task task, int classes, List<String> featureNames, Samples train,
            Samples test, double[][] trainPoints, double[][] testPoints, FeatureMap featureMap) {
        this(info, task, classes, featureNames, train, test, trainPoints, testPoints, featureMap, List.of(), null);
    }

    /** Number of network inputs. */
    public int inputs() {
        return featureNames.size();
    }

    /**
     * Turns one raw row, in the dataset's original columns, into a network input row: applies the standardization
     * for tabular data, or the feature map for 2-D sets.
     */
    public double[] toNetworkInput(double[] raw) {
        if (featureMap != null && raw.length == 2) {
            return featureMap.apply(raw[0], raw[1]);
        }
        return scaling == null ? raw.clone() : scaling.apply(raw);
    }
}
