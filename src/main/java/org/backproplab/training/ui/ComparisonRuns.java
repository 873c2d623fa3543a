package org.backproplab.training.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.backproplab.chartjs.ChartPoint;
import org.backproplab.chartjs.ChartSeries;
import org.backproplab.chartjs.LineChart;
import org.backproplab.config.FieldError;
import org.backproplab.config.InvalidConfigException;
import org.backproplab.config.RunConfig;
import org.backproplab.config.RunConfigUrl;
import org.backproplab.engine.Activation;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.LayerReport;
import org.backproplab.training.CapacityException;
import org.backproplab.training.Pace;
import org.backproplab.training.RunOwner;
import org.backproplab.training.SessionRuns;
import org.backproplab.training.TrainingRun;
import org.backproplab.training.TrainingService;

/**
 * The A/B comparison: run B (a remedy, same data and seeds) trains beside the lab's run A and is drawn on the same
 * charts as dashed lines labelled {@code "B: <what changed>"}: loss and accuracy (through
 * {@link LabCharts#showComparison}), and per layer the gradient norm, update ratio and dead fraction. This
 * component is the bar that says what B is, how far it got, and removes it.
 *
 * <p>B's epochs arrive through its own throttled {@link RunFeed}, like A's. The session remembers B
 * ({@link SessionRuns#comparison()}), so a reload shows the comparison again.
 */
public class ComparisonRuns extends Div {

    public static final String ID = "comparison";

    /** Readable names of the lab's URL parameters, for "what changed". */
    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("dataset", "dataset"),
            Map.entry("samples", "samples"), Map.entry("noise", "noise"), Map.entry("testFraction", "test fraction"),
            Map.entry("features", "features"), Map.entry("dataSeed", "data seed"), Map.entry("layers", "layers"),
            Map.entry("activation", "activation"), Map.entry("activations", "activations"),
            Map.entry("init", "init"), Map.entry("initScale", "init scale"), Map.entry("batchNorm", "batch norm"),
            Map.entry("dropout", "dropout"), Map.entry("optimizer", "optimizer"), Map.entry("lr", "lr"),
            Map.entry("momentum", "momentum"), Map.entry("batch", "batch"), Map.entry("epochs", "epochs"),
            Map.entry("l1", "L1"), Map.entry("l2", "L2"), Map.entry("clipNorm", "clip norm"), Map.entry("seed", "seed"));

    private final TrainingService service;
    private final LabCharts charts;
    private final ScheduledExecutorService pushScheduler;
    private final RefreshBudget pushBudget;
    private final Supplier<TrainingRun> baseRun;
    private final Span description = new Span();
    private final Span progress = new Span();
    private final Button remove = new Button("Remove comparison", VaadinIcon.CLOSE_SMALL.create());

    private UI ui;
    private SessionRuns sessionRuns;
    private TrainingRun run;
    private RunFeed feed;
    private String label;
    private EpochReport lastEpoch;

    /**
     * @param service       starts run B
     * @param charts        the lab's charts, overlaid with B's series
     * @param pushScheduler the lab's push scheduler, for B's throttled feed
     * @param pushBudget    the pages' shared push budget
     * @param baseRun       the run the lab shows (A), or null when none: B's description is relative to it
     */
    public ComparisonRuns(TrainingService service, LabCharts charts, ScheduledExecutorService pushScheduler,
                          RefreshBudget pushBudget, Supplier<TrainingRun> baseRun) {
        this.service = service;
        this.pushBudget = pushBudget;
        this.charts = charts;
        this.pushScheduler = pushScheduler;
        this.baseRun = baseRun;
        setId(ID);
        addClassName("comparison-bar");
        getElement().setAttribute("role", "status");
        getStyle().set("display", "flex").set("flex-wrap", "wrap").set("align-items", "center")
                .set("gap", "var(--lumo-space-s)").set("padding", "var(--lumo-space-xs) var(--lumo-space-m)")
                .set("border", "1px dashed var(--lumo-contrast-50pct)").set("border-radius", "var(--lumo-border-radius-m)");
        description.addClassName("comparison-label");
        description.getStyle().set("font-weight", "600");
        progress.getStyle().set("color", "var(--lumo-secondary-text-color)");
        remove.setId("comparison-remove");
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        remove.addClickListener(click -> remove());
        add(description, progress, remove);
        setVisible(false);
    }

    /**
     * Starts {@code config} as run B beside the shown run and overlays it, replacing an earlier comparison. Errors
     * (invalid configuration, session or server full) are shown to the learner.
     *
     * @param why the remedy's label, shown as a tooltip
     * @return the new run, or empty when it could not start
     */
    public Optional<TrainingRun> start(RunConfig config, String why) {
        SessionRuns runs = sessionRuns();
        remove();
        TrainingRun started;
        try {
            // B trains at A's speed, so that the two curves grow side by side.
            TrainingRun base = baseRun.get();
            started = service.start(config, new RunOwner.Session(runs), false,
                    base == null ? Pace.FULL_SPEED : base.pace());
        } catch (InvalidConfigException invalid) {
            error("Cannot start the comparison: " + invalid.errors().stream().map(FieldError::toString)
                    .collect(Collectors.joining("; ")));
            return Optional.empty();
        } catch (CapacityException full) {
            error("Cannot start the comparison: " + full.getMessage());
            return Optional.empty();
        }
        runs.setComparison(started);
        show(started);
        if (why != null) {
            description.setTitle(why);
        }
        return Optional.of(started);
    }

    /** Overlays an existing run as B (for instance the session's comparison after a reload). */
    public void show(TrainingRun comparisonRun) {
        closeFeed();
        run = comparisonRun;
        lastEpoch = null;
        TrainingRun base = baseRun.get();
        label = "B: " + describeDifference(base == null ? null : base.config(), comparisonRun.config());
        description.setText(label);
        progress.setText("starting");
        charts.showComparison(label, List.of());
        addLayerSeries(comparisonRun);
        setVisible(true);
        if (ui != null) {
            feed = new RunFeed(ui, comparisonRun, pushScheduler, pushBudget, this::deliver).start(true);
        }
    }

    /** Removes the overlay and stops and forgets run B. */
    public void remove() {
        closeFeed();
        charts.clearComparison();
        if (run != null) {
            if (sessionRuns != null) {
                sessionRuns.discard(run);
            }
            run = null;
        }
        label = null;
        lastEpoch = null;
        setVisible(false);
    }

    /** Run B, if a comparison is shown. */
    public Optional<TrainingRun> run() {
        return Optional.ofNullable(run);
    }

    /** The overlay's label ("B: lr 1 → 0.1"), or null. */
    public String label() {
        return label;
    }

    /**
     * What differs between two configurations, parameter by parameter in the lab's URL vocabulary, e.g.
     * {@code "lr 1 → 0.1"} or {@code "activation relu → leaky_relu, init glorot → he"}.
     */
    public static String describeDifference(RunConfig a, RunConfig b) {
        if (a == null) {
            return "new run";
        }
        Map<String, String> before = parameters(a);
        Map<String, String> after = parameters(b);
        List<String> changes = new ArrayList<>();
        after.forEach((key, value) -> {
            String old = before.getOrDefault(key, "");
            if (!old.equals(value)) {
                changes.add(NAMES.getOrDefault(key, key) + " " + shown(old) + " → " + shown(value));
            }
        });
        before.keySet().stream().filter(key -> !after.containsKey(key))
                .forEach(key -> changes.add(NAMES.getOrDefault(key, key) + " " + shown(before.get(key)) + " → default"));
        if (changes.isEmpty()) {
            boolean weights = a.withDefaults().network().weights() != null || b.withDefaults().network().weights() != null;
            return weights ? "other starting weights" : "same settings";
        }
        return String.join(", ", changes);
    }

    // -------------------------------------------------------------------------------------------- lifecycle

    @Override
    protected void onAttach(AttachEvent event) {
        ui = event.getUI();
        sessionRuns = LabSessions.runs(ui.getSession(), service);
        if (run != null) {
            show(run);
        } else {
            sessionRuns.comparison().ifPresent(this::show);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        closeFeed();
        ui = null;
    }

    private SessionRuns sessionRuns() {
        if (sessionRuns == null) {
            UI current = ui != null ? ui : UI.getCurrent();
            sessionRuns = LabSessions.runs(current.getSession(), service);
        }
        return sessionRuns;
    }

    private void closeFeed() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
    }

    // -------------------------------------------------------------------------------------------- delivery

    /** Inside UI access: B's new epochs go onto the charts. */
    void deliver(FeedBatch batch) {
        if (batch.run() != run) {
            return;
        }
        if (!charts.isComparisonShown()) {
            // The lab reset its charts (another run A, a structural change): the comparison no longer applies.
            remove();
            return;
        }
        charts.appendComparison(batch.epochs());
        appendLayerPoints(batch.epochs());
        if (batch.lastEpoch() != null) {
            lastEpoch = batch.lastEpoch();
        }
        progress.setText(progressText());
    }

    private String progressText() {
        String state = run.state().name().toLowerCase(java.util.Locale.ROOT);
        if (lastEpoch == null) {
            return state;
        }
        String text = "epoch " + lastEpoch.epoch() + ", " + state;
        if (lastEpoch.testAccuracy() != null) {
            text += String.format(java.util.Locale.ROOT, ", test accuracy %.1f %%", lastEpoch.testAccuracy() * 100);
        } else if (lastEpoch.testLoss() != null) {
            text += String.format(java.util.Locale.ROOT, ", test loss %.4g", lastEpoch.testLoss());
        }
        return text;
    }

    // ------------------------------------------------------------------------------------ per-layer overlays

    private record LayerMetric(LineChart chart, Function<LayerReport, Double> value, boolean reluOnly) {
    }

    private List<LayerMetric> layerMetrics() {
        return List.of(new LayerMetric(charts.gradient(), LayerReport::gradientNorm, false),
                new LayerMetric(charts.updateRatio(), LayerReport::updateRatio, false),
                new LayerMetric(charts.dead(), LayerReport::deadFraction, true));
    }

    private void addLayerSeries(TrainingRun comparisonRun) {
        List<Activation> activations = comparisonRun.config().withDefaults().network().activationPerLayer().stream()
                .map(Activation::fromId).toList();
        int denseLayers = activations.size() + 1;
        for (LayerMetric metric : layerMetrics()) {
            for (int layer = 1; layer <= denseLayers; layer++) {
                boolean hidden = layer <= activations.size();
                if (metric.reluOnly() && !(hidden && activations.get(layer - 1).isReluFamily())) {
                    continue;
                }
                String key = layerKey(layer);
                if (!metric.chart().hasSeries(key)) {
                    // Short labels: the bar above the charts says what B changed; per-layer legends are long already.
                    metric.chart().addSeries(ChartSeries.dashed(key, (hidden ? "B layer " + layer : "B output"),
                            LabCharts.colorOf(layer)));
                }
            }
        }
    }

    private void appendLayerPoints(List<EpochReport> epochs) {
        if (epochs.isEmpty()) {
            return;
        }
        for (LayerMetric metric : layerMetrics()) {
            Map<String, List<ChartPoint>> points = new LinkedHashMap<>();
            for (EpochReport report : epochs) {
                for (LayerReport layer : report.layers()) {
                    String key = layerKey(layer.layer());
                    if (metric.chart().hasSeries(key)) {
                        Double value = metric.value().apply(layer);
                        points.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new ChartPoint(report.epoch(), value == null ? Double.NaN : value));
                    }
                }
            }
            if (!points.isEmpty()) {
                metric.chart().appendPoints(points);
            }
        }
    }

    private static String layerKey(int layer) {
        return LabCharts.COMPARISON_PREFIX + "layer" + layer;
    }

    // -------------------------------------------------------------------------------------------------- text

    private static Map<String, String> parameters(RunConfig config) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : RunConfigUrl.toQuery(config).split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }

    private static String shown(String value) {
        return value.isEmpty() ? "none" : value;
    }

    private static void error(String message) {
        Notification notification = Notification.show(message, 8000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.ERROR);
    }
}
