package org.backproplab.training.ui;

import java.util.function.UnaryOperator;
import org.backproplab.config.DatasetConfig;
import org.backproplab.datasets.CsvParser;
import org.backproplab.datasets.DatasetCatalog;
import org.backproplab.datasets.PreparedDataset;
import org.backproplab.datasets.UserData;
import org.backproplab.engine.Samples;

/**
 * A learner's CSV upload and how it becomes the run contract's {@code inline} dataset. The examples are split and
 * standardized by the dataset catalogue (as for any upload) and then passed inline, so the run trains on exactly
 * what the catalogue prepared; the split follows the learner's test fraction and data seed.
 */
record UploadedDataset(UserData data) {

    /** Parses an upload; throws the parser's {@code DatasetException}, whose message names the row and column. */
    static UploadedDataset parse(String fileName, byte[] bytes) {
        return new UploadedDataset(CsvParser.parse(bytes, fileName, null, null));
    }

    /** Dataset settings → the full inline dataset (examples and split) for them. */
    UnaryOperator<DatasetConfig> resolver(DatasetCatalog catalog) {
        return settings -> {
            PreparedDataset prepared = catalog.fromUserData(data, settings.testFraction(), settings.seed());
            return new DatasetConfig(DatasetConfig.INLINE, settings.samples(), settings.noise(),
                    settings.testFraction(), settings.features(), settings.seed(), data.task().id(),
                    split(prepared.train()), prepared.test().size() == 0 ? null : split(prepared.test()));
        };
    }

    String summary() {
        int rows = data.train().size() + (data.test() == null ? 0 : data.test().size());
        String kind = switch (data.task()) {
            case BINARY -> "binary classification";
            case MULTICLASS -> data.classes() + "-class classification";
            case REGRESSION -> "regression";
        };
        return rows + " rows, " + data.featureNames().size() + " inputs, " + kind;
    }

    private static DatasetConfig.InlineSplit split(Samples samples) {
        return new DatasetConfig.InlineSplit(samples.x(), samples.y());
    }
}
