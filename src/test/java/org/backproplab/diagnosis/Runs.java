package org.backproplab.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.backproplab.config.RunConfig;
import org.backproplab.config.RunConfigUrl;
import org.backproplab.config.RunConfigValidator;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.LayerReport;
import org.backproplab.engine.NonFinite;

/** Builders for synthetic epoch reports and configurations in diagnosis tests. */
final class Runs {

    static final RunConfigValidator VALIDATOR = new RunConfigValidator(List.of("circle", "xor", "gauss", "spiral",
            "moons", "plane", "multi-gauss", "digits", "iris"));

    private Runs() {
    }

    /** A configuration written as a lab query string, defaults filled in. */
    static RunConfig config(String query) {
        RunConfigUrl.Parsed parsed = RunConfigUrl.parse(query, VALIDATOR);
        if (!parsed.errors().isEmpty()) {
            throw new IllegalArgumentException(parsed.errors().toString());
        }
        return parsed.config();
    }

    static LayerReport layer(int number, double gradientNorm, double updateRatio) {
        return new LayerReport(number, 8, gradientNorm, 2.0, updateRatio, 0.0, 0.5, null, null);
    }

    static LayerReport reluLayer(int number, double gradientNorm, double updateRatio, double dead) {
        return new LayerReport(number, 8, gradientNorm, 2.0, updateRatio, 0.3, 0.5, dead, null);
    }

    static LayerReport tanhLayer(int number, double gradientNorm, double updateRatio, double saturated) {
        return new LayerReport(number, 8, gradientNorm, 2.0, updateRatio, 0.0, 0.9, null, saturated);
    }

    /** Hidden layers 1..hidden and the output layer, all with the same gradient and update ratio. */
    static List<LayerReport> uniformLayers(int hidden, double gradientNorm, double updateRatio) {
        List<LayerReport> layers = new ArrayList<>();
        for (int l = 1; l <= hidden + 1; l++) {
            layers.add(layer(l, gradientNorm, updateRatio));
        }
        return layers;
    }

    static EpochReport epoch(int epoch, double trainLoss, Double testLoss, List<LayerReport> layers) {
        return new EpochReport(epoch, trainLoss, testLoss, null, null, layers, null);
    }

    static EpochReport epoch(int epoch, double trainLoss, double testLoss, double trainAccuracy, double testAccuracy,
                             List<LayerReport> layers) {
        return new EpochReport(epoch, trainLoss, testLoss, trainAccuracy, testAccuracy, layers, null);
    }

    static EpochReport diverged(int epoch, NonFinite where, List<LayerReport> layers) {
        return new EpochReport(epoch, null, null, null, null, layers, where);
    }

    /** A loss that falls steadily from 0.69 towards 0.05, as a healthy run's does. */
    static double healthyLoss(int epoch) {
        return 0.05 + 0.64 * Math.exp(-epoch / 15.0);
    }

    /** Feeds epochs 1..count and returns every finding raised or updated along the way. */
    static List<Finding> feed(RunDiagnosis diagnosis, int count, IntFunction<EpochReport> epoch) {
        List<Finding> all = new ArrayList<>();
        for (int e = 1; e <= count; e++) {
            all.addAll(diagnosis.observe(epoch.apply(e)));
        }
        return all;
    }
}
