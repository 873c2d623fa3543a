package org.backproplab.api;

import java.util.ArrayList;
import java.util.List;
import org.backproplab.config.FieldError;
import org.backproplab.config.RunConfig;

/**
 * Checks the API makes before handing a configuration to the training service, for what JSON can express but the
 * shared validator does not expect: {@code null} inside a list (the defaults code copies lists and cannot hold
 * nulls) and the batch-norm fields of {@code network.weights} (see {@link WeightsCheck}).
 */
final class EdgeChecks {

    private EdgeChecks() {
    }

    static List<FieldError> check(RunConfig config) {
        List<FieldError> errors = new ArrayList<>();
        if (config.dataset() != null) {
            noNulls("dataset.features", config.dataset().features(), "a feature name", errors);
        }
        if (config.network() != null) {
            noNulls("network.hiddenLayers", config.network().hiddenLayers(), "a number of units (1..256)", errors);
            noNulls("network.activations", config.network().activations(), "an activation name", errors);
        }
        if (errors.isEmpty()) {
            errors.addAll(WeightsCheck.check(config));
        }
        return errors;
    }

    private static void noNulls(String path, List<?> values, String expected, List<FieldError> errors) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                errors.add(new FieldError(path + "[" + i + "]", "is null; expected " + expected));
            }
        }
    }
}
