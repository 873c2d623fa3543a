package org.backproplab.diagnosis;

import java.util.ArrayList;
import java.util.List;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.LayerReport;

/** Summaries of one epoch's update:weight ratios across layers (missing values skipped). */
final class UpdateRatios {

    private UpdateRatios() {
    }

    static double median(EpochReport report) {
        List<Double> ratios = ratios(report);
        if (ratios.isEmpty()) {
            return Double.NaN;
        }
        ratios.sort(Double::compare);
        int n = ratios.size();
        return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
    }

    static double max(EpochReport report) {
        return ratios(report).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static String describe(EpochReport report) {
        List<String> parts = new ArrayList<>();
        for (LayerReport layer : report.layers()) {
            if (layer.updateRatio() != null) {
                parts.add(layer.layer() + ": " + Numbers.format(layer.updateRatio()));
            }
        }
        return String.join(", ", parts);
    }

    private static List<Double> ratios(EpochReport report) {
        List<Double> ratios = new ArrayList<>();
        for (LayerReport layer : report.layers()) {
            if (layer.updateRatio() != null) {
                ratios.add(layer.updateRatio());
            }
        }
        return ratios;
    }
}
