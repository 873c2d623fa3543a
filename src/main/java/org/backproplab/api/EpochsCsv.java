package org.backproplab.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.LayerReport;

/**
 * Epoch reports as CSV: one row per epoch; the loss and accuracy columns, then every per-layer metric as
 * {@code layer<N>.<metric>} (layers numbered as in the reports: hidden layers from the input side, the output layer
 * last), then {@code nonFinite} ({@code layer<N>.<what>} on the epoch where training diverged). A metric that does
 * not apply (accuracy for regression, dead fraction for tanh) is an empty cell.
 */
public final class EpochsCsv {

    private static final List<String> EPOCH_COLUMNS = List.of("epoch", "trainLoss", "testLoss", "trainAccuracy",
            "testAccuracy");

    /** The per-layer metrics in column order, with how to read each. */
    private record Metric(String name, Function<LayerReport, Double> value) {
    }

    private static final List<Metric> LAYER_METRICS = List.of(
            new Metric("gradientNorm", LayerReport::gradientNorm),
            new Metric("weightNorm", LayerReport::weightNorm),
            new Metric("updateRatio", LayerReport::updateRatio),
            new Metric("activationMean", LayerReport::activationMean),
            new Metric("activationStd", LayerReport::activationStd),
            new Metric("deadFraction", LayerReport::deadFraction),
            new Metric("saturatedFraction", LayerReport::saturatedFraction));

    private EpochsCsv() {
    }

    public static String of(List<EpochReport> epochs) {
        int layers = epochs.stream().mapToInt(e -> e.layers() == null ? 0 : e.layers().size()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(EPOCH_COLUMNS);
        for (int layer = 1; layer <= layers; layer++) {
            for (Metric metric : LAYER_METRICS) {
                header.add("layer" + layer + "." + metric.name());
            }
        }
        header.add("nonFinite");
        out.append(String.join(",", header)).append("\r\n");
        for (EpochReport epoch : epochs) {
            List<String> row = new ArrayList<>(header.size());
            row.add(Integer.toString(epoch.epoch()));
            row.add(cell(epoch.trainLoss()));
            row.add(cell(epoch.testLoss()));
            row.add(cell(epoch.trainAccuracy()));
            row.add(cell(epoch.testAccuracy()));
            for (int layer = 0; layer < layers; layer++) {
                LayerReport report = epoch.layers() != null && layer < epoch.layers().size()
                        ? epoch.layers().get(layer) : null;
                for (Metric metric : LAYER_METRICS) {
                    row.add(report == null ? "" : cell(metric.value().apply(report)));
                }
            }
            row.add(epoch.nonFinite() == null ? ""
                    : "layer" + epoch.nonFinite().layer() + "." + epoch.nonFinite().what());
            out.append(String.join(",", row)).append("\r\n");
        }
        return out.toString();
    }

    /** Shortest exact decimal form; empty for null. Non-finite values are written as NaN/Infinity, not dropped. */
    private static String cell(Double value) {
        return value == null ? "" : Double.toString(value);
    }
}
