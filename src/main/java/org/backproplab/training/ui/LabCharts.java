package org.backproplab.training.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.backproplab.chartjs.AxisScale;
import org.backproplab.chartjs.ChartSeries;
import org.backproplab.chartjs.HorizontalBand;
import org.backproplab.chartjs.LineChart;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.LayerReport;

/**
 * The lab's six live charts and how epoch reports become their points. Each chart keeps its element id
 * ({@code loss-chart}, {@code accuracy-chart}, {@code gradient-chart}, {@code dead-chart}, {@code update-ratio-chart},
 * {@code activation-chart}); {@link #append} sends only the new points, {@link #redraw} replaces everything.
 *
 * <p>A second run can be overlaid for an A/B comparison: {@link #showComparison} adds its loss and accuracy as
 * dashed series (keys prefixed {@value #COMPARISON_PREFIX}), {@link #appendComparison} extends them,
 * {@link #clearComparison} removes them.
 */
public class LabCharts {

    public static final String LOSS = "loss-chart";
    public static final String ACCURACY = "accuracy-chart";
    public static final String GRADIENT = "gradient-chart";
    public static final String DEAD = "dead-chart";
    public static final String UPDATE_RATIO = "update-ratio-chart";
    public static final String ACTIVATION = "activation-chart";

    public static final String COMPARISON_PREFIX = "b-";

    /** The rule of thumb: an update about a thousandth of the weights' size; the band spans ×/÷ 3 around it. */
    static final HorizontalBand HEALTHY_UPDATE_RATIO =
            new HorizontalBand(3e-4, 3e-3, "rgba(46, 160, 67, 0.16)", "≈ 1e-3");

    /** Tableau 10: distinguishable in light and dark mode, and literal colours as a canvas needs. */
    private static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
            "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");
    private static final String TRAIN_COLOR = "#4e79a7";
    private static final String TEST_COLOR = "#f28e2b";
    /** Epochs each chart keeps (the latest); older ones scroll out. */
    static final int MAX_POINTS = 5000;

    private final LineChart loss = chart(LOSS, "Loss", AxisScale.LINEAR);
    private final LineChart accuracy = chart(ACCURACY, "Accuracy", AxisScale.LINEAR);
    private final LineChart gradient = chart(GRADIENT, "Gradient norm per layer", AxisScale.LOGARITHMIC);
    private final LineChart dead = chart(DEAD, "Dead units (ReLU-family layers)", AxisScale.LINEAR);
    private final LineChart updateRatio = chart(UPDATE_RATIO, "Update : weight ratio", AxisScale.LOGARITHMIC);
    private final LineChart activation = chart(ACTIVATION, "Activations: mean (solid) and std (dashed)", AxisScale.LINEAR);

    private RunShape shape;
    private boolean comparisonShown;

    public LabCharts() {
        accuracy.setYAxisRange(0.0, 1.0);
        dead.setYAxisRange(0.0, 1.0);
        updateRatio.setHorizontalBand(HEALTHY_UPDATE_RATIO);
    }

    /** All charts, in display order. */
    public List<LineChart> all() {
        return List.of(loss, accuracy, gradient, dead, updateRatio, activation);
    }

    public LineChart loss() {
        return loss;
    }

    public LineChart accuracy() {
        return accuracy;
    }

    public LineChart gradient() {
        return gradient;
    }

    public LineChart dead() {
        return dead;
    }

    public LineChart updateRatio() {
        return updateRatio;
    }

    public LineChart activation() {
        return activation;
    }

    /** The shape the series were built for, or null before the first {@link #reset}. */
    public RunShape shape() {
        return shape;
    }

    /**
     * Rebuilds every chart's series for a run of this shape and removes all points (and any comparison). Cheap
     * when the shape is unchanged: then only the points go.
     */
    public void reset(RunShape newShape) {
        comparisonShown = false;
        if (newShape.equals(shape)) {
            all().forEach(chart -> {
                chart.getSeries().stream().map(ChartSeries::key).filter(key -> key.startsWith(COMPARISON_PREFIX))
                        .forEach(chart::removeSeries);
                chart.clear();
            });
            return;
        }
        shape = newShape;
        all().forEach(chart -> List.copyOf(chart.getSeries()).forEach(s -> chart.removeSeries(s.key())));
        loss.addSeries(ChartSeries.solid("train", "Train loss", TRAIN_COLOR),
                ChartSeries.solid("test", "Test loss", TEST_COLOR));
        if (shape.task().isClassification()) {
            accuracy.setTitle("Accuracy");
            accuracy.addSeries(ChartSeries.solid("train", "Train accuracy", TRAIN_COLOR),
                    ChartSeries.solid("test", "Test accuracy", TEST_COLOR));
        } else {
            accuracy.setTitle("Accuracy: n/a for regression");
        }
        for (int layer = 1; layer <= shape.denseLayers(); layer++) {
            String color = colorOf(layer);
            gradient.addSeries(ChartSeries.solid(layerKey(layer), shape.layerLabel(layer), color));
            updateRatio.addSeries(ChartSeries.solid(layerKey(layer), shape.layerLabel(layer), color));
        }
        List<Integer> reluLayers = shape.reluFamilyLayers();
        dead.setTitle(reluLayers.isEmpty() ? "Dead units: no ReLU-family layers" : "Dead units (ReLU-family layers)");
        reluLayers.forEach(layer -> dead.addSeries(ChartSeries.solid(layerKey(layer), shape.layerLabel(layer), colorOf(layer))));
        for (int layer = 1; layer <= shape.hiddenLayers(); layer++) {
            activation.addSeries(
                    ChartSeries.solid(meanKey(layer), shape.layerLabel(layer) + " mean", colorOf(layer)),
                    ChartSeries.dashed(stdKey(layer), shape.layerLabel(layer) + " std", colorOf(layer)));
        }
    }

    /** Adds the points of new epochs (in order) to every chart; only these points travel to the browser. */
    public void append(List<EpochReport> epochs) {
        if (epochs.isEmpty() || shape == null) {
            return;
        }
        double[] x = epochNumbers(epochs);
        forEachChart(valuesOf(epochs), (chart, values) -> chart.appendPoints(x, values));
    }

    /** Replaces every chart's points with these epochs (after a reload, or when re-attaching to a run). */
    public void redraw(List<EpochReport> epochs) {
        if (shape == null) {
            return;
        }
        double[] x = epochNumbers(epochs);
        forEachChart(valuesOf(epochs), (chart, values) -> chart.replaceAll(x, values));
    }

    /**
     * Overlays a second run's loss and accuracy as dashed lines labelled with {@code label}, replacing any earlier
     * comparison.
     */
    public void showComparison(String label, List<EpochReport> epochs) {
        clearComparison();
        loss.addSeries(ChartSeries.dashed(COMPARISON_PREFIX + "train", label + ": train loss", TRAIN_COLOR),
                ChartSeries.dashed(COMPARISON_PREFIX + "test", label + ": test loss", TEST_COLOR));
        if (shape != null && shape.task().isClassification()) {
            accuracy.addSeries(ChartSeries.dashed(COMPARISON_PREFIX + "train", label + ": train accuracy", TRAIN_COLOR),
                    ChartSeries.dashed(COMPARISON_PREFIX + "test", label + ": test accuracy", TEST_COLOR));
        }
        comparisonShown = true;
        appendComparison(epochs);
    }

    /** Extends the comparison overlay with the comparison run's new epochs. */
    public void appendComparison(List<EpochReport> epochs) {
        if (!comparisonShown || epochs.isEmpty()) {
            return;
        }
        double[] x = epochNumbers(epochs);
        loss.appendPoints(x, Map.of(COMPARISON_PREFIX + "train", series(epochs, EpochReport::trainLoss),
                COMPARISON_PREFIX + "test", series(epochs, EpochReport::testLoss)));
        if (accuracy.hasSeries(COMPARISON_PREFIX + "train")) {
            accuracy.appendPoints(x, Map.of(COMPARISON_PREFIX + "train", series(epochs, EpochReport::trainAccuracy),
                    COMPARISON_PREFIX + "test", series(epochs, EpochReport::testAccuracy)));
        }
    }

    /** Removes the comparison overlay, if any. */
    public void clearComparison() {
        comparisonShown = false;
        all().forEach(chart -> List.copyOf(chart.getSeries()).stream().map(ChartSeries::key)
                .filter(key -> key.startsWith(COMPARISON_PREFIX)).forEach(chart::removeSeries));
    }

    public boolean isComparisonShown() {
        return comparisonShown;
    }

    /** The number of points the first series of a chart holds (what the browser test reads from Chart.js). */
    int pointCount(LineChart chart) {
        return chart.getSeries().isEmpty() ? 0 : chart.getPoints(chart.getSeries().get(0).key()).size();
    }

    private void forEachChart(Map<LineChart, Map<String, double[]>> values,
                              BiConsumer<LineChart, Map<String, double[]>> action) {
        values.forEach((chart, bySeries) -> {
            if (!bySeries.isEmpty()) {
                action.accept(chart, bySeries);
            }
        });
    }

    /** The x values of every chart: the epoch numbers. */
    private static double[] epochNumbers(List<EpochReport> epochs) {
        double[] x = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = epochs.get(i).epoch();
        }
        return x;
    }

    /**
     * Every chart's y values for these epochs (one per epoch), keyed by chart then series. One pass over the
     * reports, each read once: a delivery's reports were written by a training thread, and reading them (their
     * layer reports and boxed values) costs mostly cache misses.
     */
    private Map<LineChart, Map<String, double[]>> valuesOf(List<EpochReport> epochs) {
        int count = epochs.size();
        int layers = shape.denseLayers();
        int hidden = shape.hiddenLayers();
        double[] trainLoss = new double[count];
        double[] testLoss = new double[count];
        double[] trainAccuracy = new double[count];
        double[] testAccuracy = new double[count];
        double[][] gradientNorms = new double[layers][count];
        double[][] updateRatios = new double[layers][count];
        double[][] deadFractions = new double[hidden][count];
        double[][] means = new double[hidden][count];
        double[][] stds = new double[hidden][count];
        for (int i = 0; i < count; i++) {
            EpochReport report = epochs.get(i);
            trainLoss[i] = valueOrGap(report.trainLoss());
            testLoss[i] = valueOrGap(report.testLoss());
            trainAccuracy[i] = valueOrGap(report.trainAccuracy());
            testAccuracy[i] = valueOrGap(report.testAccuracy());
            for (int layer = 1; layer <= layers; layer++) {
                LayerReport reported = layerOf(report, layer);
                boolean known = reported != null;
                gradientNorms[layer - 1][i] = known ? valueOrGap(reported.gradientNorm()) : Double.NaN;
                updateRatios[layer - 1][i] = known ? valueOrGap(reported.updateRatio()) : Double.NaN;
                if (layer <= hidden) {
                    deadFractions[layer - 1][i] = known ? valueOrGap(reported.deadFraction()) : Double.NaN;
                    means[layer - 1][i] = known ? valueOrGap(reported.activationMean()) : Double.NaN;
                    stds[layer - 1][i] = known ? valueOrGap(reported.activationStd()) : Double.NaN;
                }
            }
        }
        Map<LineChart, Map<String, double[]>> values = new LinkedHashMap<>();
        Map<String, double[]> losses = new LinkedHashMap<>();
        losses.put("train", trainLoss);
        losses.put("test", testLoss);
        values.put(loss, losses);
        Map<String, double[]> accuracies = new LinkedHashMap<>();
        if (shape.task().isClassification()) {
            accuracies.put("train", trainAccuracy);
            accuracies.put("test", testAccuracy);
        }
        values.put(accuracy, accuracies);
        Map<String, double[]> gradients = new LinkedHashMap<>();
        Map<String, double[]> ratios = new LinkedHashMap<>();
        for (int layer = 1; layer <= layers; layer++) {
            gradients.put(layerKey(layer), gradientNorms[layer - 1]);
            ratios.put(layerKey(layer), updateRatios[layer - 1]);
        }
        values.put(gradient, gradients);
        values.put(updateRatio, ratios);
        Map<String, double[]> deadUnits = new LinkedHashMap<>();
        shape.reluFamilyLayers().forEach(layer -> deadUnits.put(layerKey(layer), deadFractions[layer - 1]));
        values.put(dead, deadUnits);
        Map<String, double[]> activations = new LinkedHashMap<>();
        for (int layer = 1; layer <= hidden; layer++) {
            activations.put(meanKey(layer), means[layer - 1]);
            activations.put(stdKey(layer), stds[layer - 1]);
        }
        values.put(activation, activations);
        return values;
    }

    /** One value per epoch; a missing (null) value becomes a gap. */
    private static double[] series(List<EpochReport> epochs, Function<EpochReport, Double> metric) {
        double[] values = new double[epochs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = valueOrGap(metric.apply(epochs.get(i)));
        }
        return values;
    }

    /** A layer's report (1-based, as numbered in the report), usually at its index; null if the report has none. */
    private static LayerReport layerOf(EpochReport report, int layer) {
        List<LayerReport> layers = report.layers();
        if (layer - 1 < layers.size() && layers.get(layer - 1).layer() == layer) {
            return layers.get(layer - 1);
        }
        for (LayerReport candidate : layers) {
            if (candidate.layer() == layer) {
                return candidate;
            }
        }
        return null;
    }

    private static double valueOrGap(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static String layerKey(int layer) {
        return "layer" + layer;
    }

    private static String meanKey(int layer) {
        return "mean" + layer;
    }

    private static String stdKey(int layer) {
        return "std" + layer;
    }

    /** The colour of a layer's series (1-based), shared with the comparison overlay so layer n matches. */
    static String colorOf(int layer) {
        return PALETTE.get((layer - 1) % PALETTE.size());
    }

    private static LineChart chart(String id, String title, AxisScale scale) {
        LineChart chart = new LineChart(id);
        chart.setTitle(title);
        chart.setXAxisLabel("epoch");
        chart.setYAxisScale(scale);
        chart.setMaxPointsPerSeries(MAX_POINTS);
        chart.addClassName("lab-chart");
        return chart;
    }
}
