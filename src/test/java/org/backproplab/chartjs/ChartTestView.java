package org.backproplab.chartjs;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Test-only page (on the test classpath, never in the production jar): two charts fed from a server thread over
 * push, with buttons for reset, theme and A/B series, so the browser test can watch the component at work.
 */
@Route("chart-test")
public class ChartTestView extends VerticalLayout {

    static final int CAPPED_MAX_POINTS = 40;
    static final long TICK_MILLIS = 50;

    private final LineChart lossChart = new LineChart("test-loss-chart");
    private final LineChart ratioChart = new LineChart("test-ratio-chart");
    private final Span epochLabel = new Span("0");
    private ScheduledExecutorService feeder;
    private int epoch;

    public ChartTestView() {
        lossChart.setTitle("Loss");
        lossChart.setXAxisLabel("epoch");
        lossChart.setYAxisLabel("loss");
        lossChart.addSeries(
                ChartSeries.solid("train", "train loss", "#1f77b4"),
                ChartSeries.solid("test", "test loss", "#ff7f0e"));
        lossChart.setHeight("260px");

        ratioChart.setTitle("Update ratio");
        ratioChart.setXAxisLabel("epoch");
        ratioChart.setYAxisScale(AxisScale.LOGARITHMIC);
        ratioChart.setHorizontalBand(new HorizontalBand(3e-4, 3e-3, "rgba(46, 160, 67, 0.18)", "≈1e-3"));
        ratioChart.setMaxPointsPerSeries(CAPPED_MAX_POINTS);
        ratioChart.addSeries(ChartSeries.solid("layer1", "layer 1", "#2ca02c"));
        ratioChart.setHeight("260px");

        epochLabel.setId("test-epoch");
        Button reset = new Button("Reset", event -> {
            lossChart.clear();
            ratioChart.clear();
        });
        reset.setId("test-reset");
        Button dark = new Button("Dark", event -> {
            lossChart.setTheme(ChartTheme.DARK);
            ratioChart.setTheme(ChartTheme.DARK);
        });
        dark.setId("test-dark");
        Button compare = new Button("Compare", event -> addComparisonRun());
        compare.setId("test-compare");
        Button uncompare = new Button("Uncompare", event -> lossChart.removeSeries("b-train"));
        uncompare.setId("test-uncompare");

        add(new HorizontalLayout(reset, dark, compare, uncompare, epochLabel), lossChart, ratioChart);
        setWidthFull();
    }

    /** Overlays a finished run B as a dashed line, sent in one piece. */
    private void addComparisonRun() {
        if (lossChart.hasSeries("b-train")) {
            return;
        }
        lossChart.addSeries(ChartSeries.dashed("b-train", "B train loss", "#9467bd"));
        List<ChartPoint> runB = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> new ChartPoint(i, 1.2 * Math.exp(-i / 30.0)))
                .toList();
        lossChart.appendPoints("b-train", runB);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        feeder = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chart-test-feeder");
            thread.setDaemon(true);
            return thread;
        });
        feeder.scheduleAtFixedRate(() -> ui.access(this::appendEpoch), TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        feeder.shutdownNow();
    }

    private void appendEpoch() {
        epoch++;
        Map<String, List<ChartPoint>> losses = new LinkedHashMap<>();
        losses.put("train", List.of(new ChartPoint(epoch, Math.exp(-epoch / 40.0))));
        losses.put("test", List.of(new ChartPoint(epoch, 0.1 + Math.exp(-epoch / 50.0))));
        lossChart.appendPoints(losses);
        // Every 7th epoch a zero, which a logarithmic axis cannot show: it must leave a gap, not break the chart.
        double ratio = epoch % 7 == 0 ? 0 : 1e-3 * (1 + 0.5 * Math.sin(epoch / 5.0));
        ratioChart.appendPoint("layer1", epoch, ratio);
        epochLabel.setText(Integer.toString(epoch));
    }
}
