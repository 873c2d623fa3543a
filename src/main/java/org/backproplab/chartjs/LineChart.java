package org.backproplab.chartjs;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.internal.StateTree;
import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Chart.js line chart for Vaadin Flow, fed incrementally from the server.
 *
 * <p>The browser element is {@code <bl-chart>}; it carries the id given with {@link #setId(String)} and exposes
 * its Chart.js instance as the JavaScript property {@code chart} (for example
 * {@code document.getElementById('loss-chart').chart.data.datasets[0].data.length}).
 *
 * <p>Traffic: {@link #appendPoints(Map)} sends only the points added since the previous server response (all
 * appends and configuration changes of one response are coalesced into at most one message each), packed as
 * binary in base64 (see {@link PointPacking}); the browser adds them to its arrays and redraws once per animation
 * frame without animation. The full data is sent only
 * when the element is (re)attached or after {@link #replaceAll(Map)}/{@link #clear()}. Each series keeps at
 * most {@link #getMaxPointsPerSeries()} points on both sides; the oldest are dropped.
 *
 * <p>Like every Vaadin component, a chart must be modified while holding its session's lock: from a background
 * thread use {@code ui.access(() -> chart.appendPoints(...))}.
 */
@Tag("bl-chart")
@NpmPackage(value = "chart.js", version = "4.6.1")
@JsModule("./chartjs/bl-chart.ts")
public class LineChart extends Component implements HasSize {

    /** Points kept per series unless {@link #setMaxPointsPerSeries(int)} says otherwise. */
    public static final int DEFAULT_MAX_POINTS_PER_SERIES = 2000;

    /** Largest cap accepted by {@link #setMaxPointsPerSeries(int)}; keeps the browser's memory bounded. */
    public static final int MAX_POINTS_PER_SERIES_LIMIT = 100_000;

    /**
     * Runs one operation on the element, or queues it on the not-yet-upgraded element; the element applies the
     * queue when its module defines it (see frontend/chartjs/bl-chart.ts).
     */
    private static final String APPLY = """
            if (typeof this.blApply === 'function') { this.blApply($0, $1); }
            else { (this.__blPending = this.__blPending || []).push([$0, $1]); }""";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private String title;
    private String xAxisLabel;
    private String yAxisLabel;
    private AxisScale yAxisScale = AxisScale.LINEAR;
    private Double yAxisMin;
    private Double yAxisMax;
    private boolean legendVisible = true;
    private boolean tooltipsEnabled = true;
    private ChartTheme theme = ChartTheme.AUTO;
    private HorizontalBand horizontalBand;
    private int maxPointsPerSeries = DEFAULT_MAX_POINTS_PER_SERIES;

    /** Series in display order, each with its retained points. */
    private final Map<String, SeriesData> series = new LinkedHashMap<>();

    /** What the browser still lacks; sent by {@link #flush()} just before the server responds. */
    private boolean configurationChanged;
    private boolean fullDataNeeded;
    private StateTree.ExecutionRegistration scheduledFlush;
    /**
     * The UI while attached, remembered so that each append does not look it up by walking up the component tree
     * (a live chart appends several times a second).
     */
    private UI attachedUi;

    /** Creates an empty chart without series. */
    public LineChart() {
    }

    /** Creates an empty chart with the given element id. */
    public LineChart(String id) {
        setId(id);
    }

    // ---------------------------------------------------------------------------------------------- configuration

    /** Sets the title shown above the plot; {@code null} or blank hides it. */
    public void setTitle(String title) {
        this.title = blankToNull(title);
        configurationChanged();
    }

    public String getTitle() {
        return title;
    }

    /** Sets the x axis title; {@code null} or blank hides it. */
    public void setXAxisLabel(String label) {
        this.xAxisLabel = blankToNull(label);
        configurationChanged();
    }

    public String getXAxisLabel() {
        return xAxisLabel;
    }

    /** Sets the y axis title; {@code null} or blank hides it. */
    public void setYAxisLabel(String label) {
        this.yAxisLabel = blankToNull(label);
        configurationChanged();
    }

    public String getYAxisLabel() {
        return yAxisLabel;
    }

    /** Chooses a linear (default) or logarithmic y axis. */
    public void setYAxisScale(AxisScale scale) {
        this.yAxisScale = Objects.requireNonNull(scale, "scale");
        configurationChanged();
    }

    public AxisScale getYAxisScale() {
        return yAxisScale;
    }

    /**
     * Fixes the y axis range; a {@code null} bound is chosen from the data.
     *
     * @throws IllegalArgumentException if a bound is not finite or {@code min >= max}
     */
    public void setYAxisRange(Double min, Double max) {
        if ((min != null && !Double.isFinite(min)) || (max != null && !Double.isFinite(max))) {
            throw new IllegalArgumentException("y axis bounds must be finite, were min=" + min + ", max=" + max);
        }
        if (min != null && max != null && min >= max) {
            throw new IllegalArgumentException("y axis min must be below max, were min=" + min + ", max=" + max);
        }
        this.yAxisMin = min;
        this.yAxisMax = max;
        configurationChanged();
    }

    public Double getYAxisMin() {
        return yAxisMin;
    }

    public Double getYAxisMax() {
        return yAxisMax;
    }

    /** Shows or hides the legend (shown by default). */
    public void setLegendVisible(boolean visible) {
        this.legendVisible = visible;
        configurationChanged();
    }

    public boolean isLegendVisible() {
        return legendVisible;
    }

    /** Enables or disables hover tooltips (enabled by default). */
    public void setTooltipsEnabled(boolean enabled) {
        this.tooltipsEnabled = enabled;
        configurationChanged();
    }

    public boolean isTooltipsEnabled() {
        return tooltipsEnabled;
    }

    /** Chooses light or dark text and grid colours, or {@link ChartTheme#AUTO} (default) to follow Lumo. */
    public void setTheme(ChartTheme theme) {
        this.theme = Objects.requireNonNull(theme, "theme");
        configurationChanged();
    }

    public ChartTheme getTheme() {
        return theme;
    }

    /** Shades a horizontal band behind the lines; {@code null} removes it. */
    public void setHorizontalBand(HorizontalBand band) {
        this.horizontalBand = band;
        configurationChanged();
    }

    public HorizontalBand getHorizontalBand() {
        return horizontalBand;
    }

    /**
     * Sets how many points each series keeps; when a series grows beyond it, its oldest points are dropped.
     * Lowering the cap trims the existing data immediately.
     *
     * @throws IllegalArgumentException unless {@code 1 <= max <= MAX_POINTS_PER_SERIES_LIMIT}
     */
    public void setMaxPointsPerSeries(int max) {
        if (max < 1 || max > MAX_POINTS_PER_SERIES_LIMIT) {
            throw new IllegalArgumentException("maxPointsPerSeries must be between 1 and "
                    + MAX_POINTS_PER_SERIES_LIMIT + ", was " + max);
        }
        this.maxPointsPerSeries = max;
        series.values().forEach(data -> data.points.trim(max));
        configurationChanged();
    }

    public int getMaxPointsPerSeries() {
        return maxPointsPerSeries;
    }

    // --------------------------------------------------------------------------------------------------- series

    /**
     * Adds a series, drawn after the existing ones, with no points.
     *
     * @throws IllegalArgumentException if a series with the same key exists
     */
    public void addSeries(ChartSeries definition) {
        Objects.requireNonNull(definition, "definition");
        if (series.containsKey(definition.key())) {
            throw new IllegalArgumentException("series '" + definition.key() + "' already exists");
        }
        series.put(definition.key(), new SeriesData(definition));
        configurationChanged();
    }

    /** Adds several series in order; see {@link #addSeries(ChartSeries)}. */
    public void addSeries(ChartSeries... definitions) {
        for (ChartSeries definition : definitions) {
            addSeries(definition);
        }
    }

    /**
     * Removes a series and its points.
     *
     * @return whether the series existed
     */
    public boolean removeSeries(String key) {
        boolean removed = series.remove(key) != null;
        if (removed) {
            configurationChanged();
        }
        return removed;
    }

    /** Whether a series with this key exists. */
    public boolean hasSeries(String key) {
        return series.containsKey(key);
    }

    /** The series definitions in display order. */
    public List<ChartSeries> getSeries() {
        return series.values().stream().map(data -> data.definition).toList();
    }

    /**
     * The points currently kept for a series, oldest first.
     *
     * @throws IllegalArgumentException if there is no such series
     */
    public List<ChartPoint> getPoints(String key) {
        return List.copyOf(requireSeries(key).points.toList());
    }

    // ----------------------------------------------------------------------------------------------------- data

    /** Appends one point to a series; see {@link #appendPoints(Map)}. */
    public void appendPoint(String key, double x, double y) {
        appendPoints(key, List.of(new ChartPoint(x, y)));
    }

    /** Appends points to one series; see {@link #appendPoints(Map)}. */
    public void appendPoints(String key, List<ChartPoint> points) {
        appendPoints(Map.of(key, points));
    }

    /**
     * Appends points to several series at once. Only these points travel to the browser, together with any other
     * points appended before the same server response; the history already there is not re-sent and the chart
     * is not rebuilt. Series beyond the cap lose their oldest points.
     *
     * @param pointsBySeries new points per series key, each list in increasing x order
     * @throws IllegalArgumentException if a key names no series (nothing is appended then)
     */
    public void appendPoints(Map<String, ? extends Collection<ChartPoint>> pointsBySeries) {
        pointsBySeries.keySet().forEach(this::requireSeries);
        pointsBySeries.forEach((key, points) -> {
            if (points.isEmpty()) {
                return;
            }
            series.get(key).points.addAll(points, maxPointsPerSeries, !fullDataNeeded);
        });
        scheduleFlush();
    }

    /**
     * Appends one point per x value to each named series, all sharing these x values (for example one point per
     * epoch to every series of a chart): {@code (x[i], y[i])} for each entry. Behaves like {@link #appendPoints(Map)},
     * without a {@link ChartPoint} per point.
     *
     * @param x         the new x values, finite and increasing
     * @param yBySeries the y values per series key, each array as long as {@code x}
     * @throws IllegalArgumentException if a key names no series, an x is not finite or an array's length differs
     *                                  from {@code x}'s (nothing is appended then)
     */
    public void appendPoints(double[] x, Map<String, double[]> yBySeries) {
        requireColumns(x, yBySeries);
        if (x.length == 0) {
            return;
        }
        yBySeries.forEach((key, y) -> series.get(key).points.addAll(x, y, maxPointsPerSeries, !fullDataNeeded));
        scheduleFlush();
    }

    /**
     * Replaces the data of every series (a reset): series named in the map get these points (capped), all
     * others become empty. The browser receives the complete new data once.
     *
     * @throws IllegalArgumentException if a key names no series (nothing changes then)
     */
    public void replaceAll(Map<String, ? extends Collection<ChartPoint>> pointsBySeries) {
        pointsBySeries.keySet().forEach(this::requireSeries);
        series.forEach((key, data) -> {
            data.points.clear();
            Collection<ChartPoint> points = pointsBySeries.get(key);
            if (points != null) {
                data.points.addAll(points, maxPointsPerSeries, false);
            }
        });
        fullDataNeeded = true;
        scheduleFlush();
    }

    /**
     * Replaces the data of every series, as {@link #replaceAll(Map)}, with one point per x value in each named series
     * (see {@link #appendPoints(double[], Map)}); series not named become empty.
     *
     * @throws IllegalArgumentException as {@link #appendPoints(double[], Map)} (nothing changes then)
     */
    public void replaceAll(double[] x, Map<String, double[]> yBySeries) {
        requireColumns(x, yBySeries);
        series.forEach((key, data) -> {
            data.points.clear();
            double[] y = yBySeries.get(key);
            if (y != null) {
                data.points.addAll(x, y, maxPointsPerSeries, false);
            }
        });
        fullDataNeeded = true;
        scheduleFlush();
    }

    /** Removes every point of every series, keeping the series and the configuration. */
    public void clear() {
        replaceAll(Map.of());
    }

    // -------------------------------------------------------------------------------------- browser synchronisation

    @Override
    protected void onAttach(AttachEvent event) {
        attachedUi = event.getUI();
        // A new or re-created browser element knows nothing yet, not even how to unpack points.
        getElement().executeJs(PointPacking.DEFINE_UNPACKER);
        configurationChanged = true;
        fullDataNeeded = true;
        series.values().forEach(data -> data.points.markSent());
        scheduleFlush();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        attachedUi = null;
        if (scheduledFlush != null) {
            scheduledFlush.remove();
            scheduledFlush = null;
        }
    }

    private void configurationChanged() {
        configurationChanged = true;
        scheduleFlush();
    }

    private void scheduleFlush() {
        if (scheduledFlush != null) {
            return;
        }
        if (attachedUi != null) {
            // What UI.beforeClientResponse does after checking, by walking up the component tree twice, that the
            // chart is in that UI: onAttach/onDetach keep attachedUi exact, and a chart appends on every push.
            scheduledFlush = attachedUi.getInternals().getStateTree()
                    .beforeClientResponse(getElement().getNode(), context -> flush());
        }
    }

    /** Sends what the browser lacks, as at most three messages: configuration, then full data or new points. */
    private void flush() {
        scheduledFlush = null;
        if (configurationChanged) {
            apply("configure", configurationJson());
            configurationChanged = false;
        }
        if (fullDataNeeded) {
            getElement().executeJs(PointPacking.APPLY, "replace", pointsJson(false));
            fullDataNeeded = false;
        } else if (series.values().stream().anyMatch(data -> data.points.unsent() > 0)) {
            getElement().executeJs(PointPacking.APPLY, "append", pointsJson(true));
        }
        series.values().forEach(data -> data.points.markSent());
    }

    private void apply(String operation, ObjectNode payload) {
        getElement().executeJs(APPLY, operation, payload);
    }

    private ObjectNode configurationJson() {
        ObjectNode json = JSON.objectNode();
        json.put("title", title);
        json.put("xAxisLabel", xAxisLabel);
        json.put("yAxisLabel", yAxisLabel);
        json.put("yAxisScale", yAxisScale == AxisScale.LOGARITHMIC ? "logarithmic" : "linear");
        json.put("yMin", yAxisMin);
        json.put("yMax", yAxisMax);
        json.put("legend", legendVisible);
        json.put("tooltips", tooltipsEnabled);
        json.put("theme", theme.name().toLowerCase(Locale.ROOT));
        json.put("maxPointsPerSeries", maxPointsPerSeries);
        if (horizontalBand == null) {
            json.putNull("band");
        } else {
            ObjectNode band = json.putObject("band");
            band.put("lower", horizontalBand.lower());
            band.put("upper", horizontalBand.upper());
            band.put("color", horizontalBand.color());
            band.put("label", horizontalBand.label());
        }
        ArrayNode seriesJson = json.putArray("series");
        for (SeriesData data : series.values()) {
            ChartSeries definition = data.definition;
            seriesJson.addObject()
                    .put("key", definition.key())
                    .put("label", definition.label())
                    .put("color", definition.color())
                    .put("dashed", definition.dashed());
        }
        return json;
    }

    /**
     * Every series' points, or with {@code onlyUnsent} those the browser lacks (series with none are left out), as
     * the JSON text of {@link PointPacking}. The server keeps the exact values.
     */
    private String pointsJson(boolean onlyUnsent) {
        int total = 0;
        for (SeriesData data : series.values()) {
            total += onlyUnsent ? data.points.unsent() : data.points.size();
        }
        StringBuilder json = new StringBuilder(16 + 32 * series.size() + 6 * total);
        json.append('{');
        for (SeriesData data : series.values()) {
            PointBuffer points = data.points;
            int count = onlyUnsent ? points.unsent() : points.size();
            if (onlyUnsent && count == 0) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            PointPacking.appendSeries(json, data.quotedKey, points, points.size() - count);
        }
        return json.append('}').toString();
    }

    private void requireColumns(double[] x, Map<String, double[]> yBySeries) {
        for (double value : x) {
            ChartPoint.requireFiniteX(value);
        }
        yBySeries.forEach((key, y) -> {
            requireSeries(key);
            if (y.length != x.length) {
                throw new IllegalArgumentException("series '" + key + "' has " + y.length + " y values for "
                        + x.length + " x values");
            }
        });
    }

    private SeriesData requireSeries(String key) {
        SeriesData data = series.get(key);
        if (data == null) {
            throw new IllegalArgumentException("no series '" + key + "'; existing series: " + series.keySet());
        }
        return data;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** A series definition with the points kept for it. */
    private static final class SeriesData implements Serializable {
        private final ChartSeries definition;
        /** The key as a JSON string literal (quoted and escaped), written before each batch of its points. */
        private final String quotedKey;
        private final PointBuffer points = new PointBuffer();

        private SeriesData(ChartSeries definition) {
            this.definition = definition;
            this.quotedKey = JSON.textNode(definition.key()).toString();
        }
    }
}
