package org.backproplab.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backproplab.config.FieldError;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.NetworkConfig.LayerWeights;
import org.backproplab.config.RunConfig;

/**
 * The batch-normalization fields of {@code network.weights}, which the shared validator leaves alone: present only
 * on hidden layers of a batch-norm network, all four or none, one value per unit, finite, variances not negative.
 * (Kernel and bias shapes are the validator's and the training service's: they need the data's input size.)
 */
final class WeightsCheck {

    private WeightsCheck() {
    }

    static List<FieldError> check(RunConfig config) {
        NetworkConfig network = config.network();
        if (network == null || network.weights() == null) {
            return List.of();
        }
        boolean batchNorm = Boolean.TRUE.equals(network.batchNorm());
        int hidden = network.hiddenLayers() == null ? 4 : network.hiddenLayers().size();
        List<FieldError> errors = new ArrayList<>();
        List<LayerWeights> weights = network.weights();
        for (int i = 0; i < weights.size(); i++) {
            LayerWeights w = weights.get(i);
            if (w == null) {
                continue;
            }
            String path = "network.weights[" + i + "]";
            Map<String, double[]> norm = new LinkedHashMap<>();
            norm.put("gamma", w.gamma());
            norm.put("beta", w.beta());
            norm.put("movingMean", w.movingMean());
            norm.put("movingVariance", w.movingVariance());
            long present = norm.values().stream().filter(v -> v != null).count();
            if (present == 0) {
                continue;
            }
            if (!batchNorm) {
                errors.add(new FieldError(path, "gamma, beta, movingMean and movingVariance apply only with "
                        + "network.batchNorm true"));
                continue;
            }
            if (i >= hidden) {
                errors.add(new FieldError(path, "the output layer has no batch normalization; remove gamma, beta, "
                        + "movingMean and movingVariance"));
                continue;
            }
            if (present < norm.size()) {
                norm.forEach((name, values) -> {
                    if (values == null) {
                        errors.add(new FieldError(path + "." + name, "is required with the other batch-norm "
                                + "parameters (gamma, beta, movingMean, movingVariance: all or none)"));
                    }
                });
                continue;
            }
            int units = w.bias() == null ? -1 : w.bias().length;
            norm.forEach((name, values) -> {
                String field = path + "." + name;
                if (units >= 0 && values.length != units) {
                    errors.add(new FieldError(field, "needs " + units + " values (one per unit), was " + values.length));
                }
                for (double v : values) {
                    if (!Double.isFinite(v) || ("movingVariance".equals(name) && v < 0)) {
                        errors.add(new FieldError(field, "movingVariance".equals(name)
                                ? "must hold finite numbers >= 0" : "must hold finite numbers"));
                        break;
                    }
                }
            });
        }
        return errors;
    }
}
