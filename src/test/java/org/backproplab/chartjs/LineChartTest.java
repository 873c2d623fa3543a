package org.backproplab.chartjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.internal.JacksonUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Browserless tests of what {@link LineChart} keeps and what it sends to the browser element. */
class LineChartTest {

    /**
     * One operation the server sent to the element; {@code text} is the payload as it travels (point data as
     * {@link PointPacking}'s JSON text, unpacked into {@code payload} as the browser does; a configuration as a
     * JSON tree).
     */
    private record Sent(String operation, JsonNode payload, String text) {
    }

    private LineChart chart;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        chart = new LineChart("loss-chart");
        chart.addSeries(ChartSeries.solid("train", "train loss", "#1f77b4"),
                ChartSeries.solid("test", "test loss", "#ff7f0e"));
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void elementCarriesTheGivenId() {
        assertThat(chart.getElement().getTag()).isEqualTo("bl-chart");
        assertThat(chart.getElement().getAttribute("id")).isEqualTo("loss-chart");
    }

    @Test
    void attachSendsConfigurationThenAllKeptData() {
        chart.appendPoints("train", points(1, 2, 3));

        UI.getCurrent().add(chart);
        List<Sent> sent = respond();

        assertThat(sent).extracting(Sent::operation).containsExactly("configure", "replace");
        JsonNode configuration = sent.get(0).payload();
        assertThat(configuration.get("series")).hasSize(2);
        assertThat(configuration.get("series").get(0).get("key").asString()).isEqualTo("train");
        assertThat(sent.get(1).payload().get("train")).hasSize(3);
        assertThat(sent.get(1).payload().get("test")).isEmpty();
    }

    @Test
    void appendSendsOnlyTheNewPoints() {
        UI.getCurrent().add(chart);
        chart.appendPoints("train", points(1, 2, 3));
        respond();

        chart.appendPoints("train", points(4, 5));
        List<Sent> sent = respond();

        assertThat(sent).extracting(Sent::operation).containsExactly("append");
        JsonNode train = sent.get(0).payload().get("train");
        assertThat(train).hasSize(2);
        assertThat(train.get(0).get(0).doubleValue()).isEqualTo(4.0);
        assertThat(train.get(1).get(0).doubleValue()).isEqualTo(5.0);
        assertThat(sent.get(0).payload().has("test")).isFalse();
        assertThat(chart.getPoints("train")).hasSize(5);
    }

    @Test
    void pointsTravelPackedButKeepTheirValueOnTheServer() {
        UI.getCurrent().add(chart);
        respond();

        chart.appendPoints("train", List.of(new ChartPoint(7, 0.6931471805599453), new ChartPoint(8, 0.25),
                new ChartPoint(9, Double.NaN)));
        Sent appended = respond().get(0);
        JsonNode train = appended.payload().get("train");

        // Consecutive epochs travel as the first one; the values as base64 float32, 4 bytes each.
        assertThat(appended.text()).startsWith("{\"train\":[7,\"").doesNotContain("0.69");
        assertThat(JacksonUtils.readTree(appended.text()).get("train")).hasSize(2);
        assertThat(Base64.getDecoder().decode(JacksonUtils.readTree(appended.text()).get("train").get(1).asString()))
                .hasSize(12);
        assertThat(train).hasSize(3);
        assertThat(train.get(0).get(0).doubleValue()).isEqualTo(7.0);
        assertThat(train.get(1).get(0).doubleValue()).isEqualTo(8.0);
        assertThat(train.get(2).get(0).doubleValue()).isEqualTo(9.0);
        assertThat((float) train.get(0).get(1).doubleValue()).isEqualTo(0.6931472f);
        assertThat(train.get(1).get(1).doubleValue()).isEqualTo(0.25);
        assertThat(train.get(2).get(1).isNull()).isTrue();
        assertThat(chart.getPoints("train").get(0).y()).isEqualTo(0.6931471805599453);
    }

    @Test
    void irregularXAndValuesBeyondFloatRangeTravelAsDoubles() {
        UI.getCurrent().add(chart);
        respond();

        chart.appendPoints("train", List.of(new ChartPoint(1, 1e-60), new ChartPoint(2.5, 1e300),
                new ChartPoint(4, 0.5), new ChartPoint(5, Double.POSITIVE_INFINITY)));
        Sent appended = respond().get(0);
        JsonNode wire = JacksonUtils.readTree(appended.text()).get("train");
        JsonNode train = appended.payload().get("train");

        assertThat(wire.get(0).isString()).isTrue();
        assertThat(wire.get(2).intValue()).isEqualTo(8);
        assertThat(train).hasSize(4);
        assertThat(train.get(1).get(0).doubleValue()).isEqualTo(2.5);
        assertThat(train.get(2).get(0).doubleValue()).isEqualTo(4.0);
        // Too small or too large for a float: exact rather than 0 or infinity.
        assertThat(train.get(0).get(1).doubleValue()).isEqualTo(1e-60);
        assertThat(train.get(1).get(1).doubleValue()).isEqualTo(1e300);
        assertThat(train.get(2).get(1).doubleValue()).isEqualTo(0.5);
        assertThat(train.get(3).get(1).isNull()).isTrue();
    }

    @Test
    void attachDefinesTheUnpackerBeforeAnyPointsArrive() {
        chart.appendPoints("train", points(1, 2));
        UI ui = UI.getCurrent();
        ui.add(chart);
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();

        List<String> expressions = ui.getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(invocation -> invocation.getInvocation().getExpression()).toList();
        int defined = indexOf(expressions, PointPacking.DEFINE_UNPACKER);
        int applied = indexOf(expressions, PointPacking.APPLY);

        assertThat(defined).isNotNegative();
        assertThat(applied).isGreaterThan(defined);
    }

    @Test
    void columnsAppendOnePointPerXToEverySeriesNamed() {
        UI.getCurrent().add(chart);
        respond();

        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("train", new double[] {0.9, 0.8, 0.7});
        values.put("test", new double[] {1.0, Double.NaN, 0.75});
        chart.appendPoints(new double[] {3, 4, 5}, values);
        JsonNode sent = respond().get(0).payload();

        assertThat(chart.getPoints("train")).containsExactly(new ChartPoint(3, 0.9), new ChartPoint(4, 0.8),
                new ChartPoint(5, 0.7));
        assertThat(chart.getPoints("test")).extracting(ChartPoint::x).containsExactly(3.0, 4.0, 5.0);
        assertThat(sent.get("test").get(0).get(1).doubleValue()).isEqualTo(1.0);
        assertThat(sent.get("test").get(1).get(1).isNull()).isTrue();
        assertThat(sent.get("test").get(2).get(0).doubleValue()).isEqualTo(5.0);
    }

    @Test
    void columnsBeyondTheCapKeepOnlyTheNewest() {
        chart.setMaxPointsPerSeries(3);
        chart.appendPoints("train", points(1, 2));
        UI.getCurrent().add(chart);
        respond();

        chart.appendPoints(new double[] {3, 4, 5, 6, 7}, Map.of("train", new double[] {3, 4, 5, 6, 7}));
        JsonNode sent = respond().get(0).payload().get("train");

        assertThat(chart.getPoints("train")).containsExactly(new ChartPoint(5, 5), new ChartPoint(6, 6),
                new ChartPoint(7, 7));
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).get(0).doubleValue()).isEqualTo(5.0);
    }

    @Test
    void replaceAllByColumnsEmptiesTheSeriesNotNamed() {
        UI.getCurrent().add(chart);
        chart.appendPoints("test", points(1, 2));
        respond();

        chart.replaceAll(new double[] {10, 11}, Map.of("train", new double[] {0.5, 0.25}));
        List<Sent> sent = respond();

        assertThat(sent).extracting(Sent::operation).containsExactly("replace");
        assertThat(sent.get(0).payload().get("train")).hasSize(2);
        assertThat(sent.get(0).payload().get("test")).isEmpty();
        assertThat(chart.getPoints("test")).isEmpty();
        assertThat(chart.getPoints("train")).containsExactly(new ChartPoint(10, 0.5), new ChartPoint(11, 0.25));
    }

    @Test
    void invalidColumnsAreRejectedWithoutAppendingAnything() {
        Map<String, double[]> tooShort = new LinkedHashMap<>();
        tooShort.put("train", new double[] {1, 2});
        tooShort.put("test", new double[] {1});

        assertThatThrownBy(() -> chart.appendPoints(new double[] {1, 2}, tooShort))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'test' has 1 y values for 2");
        assertThatThrownBy(() -> chart.appendPoints(new double[] {1, Double.NaN}, Map.of("train", new double[2])))
                .hasMessageContaining("x must be");
        assertThatThrownBy(() -> chart.appendPoints(new double[] {1}, Map.of("validation", new double[1])))
                .hasMessageContaining("validation");
        assertThat(chart.getPoints("train")).isEmpty();
    }

    @Test
    void appendsBeforeOneResponseTravelAsOneMessage() {
        UI.getCurrent().add(chart);
        respond();

        for (int epoch = 1; epoch <= 3; epoch++) {
            Map<String, List<ChartPoint>> row = new LinkedHashMap<>();
            row.put("train", List.of(new ChartPoint(epoch, 1.0 / epoch)));
            row.put("test", List.of(new ChartPoint(epoch, 2.0 / epoch)));
            chart.appendPoints(row);
        }
        List<Sent> sent = respond();

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).payload().get("train")).hasSize(3);
        assertThat(sent.get(0).payload().get("test")).hasSize(3);
    }

    @Test
    void nothingIsSentWhenNothingChanged() {
        UI.getCurrent().add(chart);
        respond();

        assertThat(respond()).isEmpty();
    }

    @Test
    void nonFiniteValuesAreSentAsGaps() {
        UI.getCurrent().add(chart);
        respond();

        chart.appendPoint("train", 1, Double.NaN);
        chart.appendPoint("train", 2, Double.POSITIVE_INFINITY);
        chart.appendPoint("train", 3, 0.5);
        JsonNode train = respond().get(0).payload().get("train");

        assertThat(train.get(0).get(1).isNull()).isTrue();
        assertThat(train.get(1).get(1).isNull()).isTrue();
        assertThat(train.get(2).get(1).doubleValue()).isEqualTo(0.5);
    }

    @Test
    void capDropsTheOldestPointsOnServerAndInTheMessage() {
        chart.setMaxPointsPerSeries(5);
        UI.getCurrent().add(chart);
        List<Sent> initial = respond();
        assertThat(initial.get(0).payload().get("maxPointsPerSeries").intValue()).isEqualTo(5);

        chart.appendPoints("train", points(1, 2, 3, 4, 5, 6, 7, 8));
        JsonNode sentTrain = respond().get(0).payload().get("train");

        assertThat(chart.getPoints("train")).extracting(ChartPoint::x).containsExactly(4.0, 5.0, 6.0, 7.0, 8.0);
        assertThat(sentTrain).hasSize(5);
        assertThat(sentTrain.get(0).get(0).doubleValue()).isEqualTo(4.0);
    }

    @Test
    void loweringTheCapTrimsExistingData() {
        chart.appendPoints("train", points(1, 2, 3, 4));

        chart.setMaxPointsPerSeries(2);

        assertThat(chart.getPoints("train")).extracting(ChartPoint::x).containsExactly(3.0, 4.0);
    }

    @Test
    void replaceAllSendsTheCompleteNewDataOnce() {
        UI.getCurrent().add(chart);
        chart.appendPoints("train", points(1, 2, 3));
        chart.appendPoints("test", points(1, 2, 3));
        respond();

        chart.replaceAll(Map.of("train", points(10, 11)));
        chart.appendPoint("train", 12, 0.1);
        List<Sent> sent = respond();

        assertThat(sent).extracting(Sent::operation).containsExactly("replace");
        assertThat(sent.get(0).payload().get("train")).hasSize(3);
        assertThat(sent.get(0).payload().get("test")).isEmpty();
        assertThat(chart.getPoints("test")).isEmpty();
    }

    @Test
    void clearEmptiesEverySeriesButKeepsThem() {
        UI.getCurrent().add(chart);
        chart.appendPoints("train", points(1, 2));
        respond();

        chart.clear();
        List<Sent> sent = respond();

        assertThat(sent).extracting(Sent::operation).containsExactly("replace");
        assertThat(sent.get(0).payload().get("train")).isEmpty();
        assertThat(chart.getSeries()).extracting(ChartSeries::key).containsExactly("train", "test");
    }

    @Test
    void seriesCanBeAddedAndRemovedAtRuntime() {
        UI.getCurrent().add(chart);
        respond();

        chart.addSeries(ChartSeries.dashed("b-train", "B train loss", "#9467bd"));
        chart.appendPoints("b-train", points(1, 2));
        List<Sent> added = respond();

        assertThat(added).extracting(Sent::operation).containsExactly("configure", "append");
        assertThat(added.get(0).payload().get("series").get(2).get("dashed").booleanValue()).isTrue();
        assertThat(added.get(1).payload().get("b-train")).hasSize(2);

        assertThat(chart.removeSeries("b-train")).isTrue();
        List<Sent> removed = respond();
        assertThat(removed).extracting(Sent::operation).containsExactly("configure");
        assertThat(removed.get(0).payload().get("series")).hasSize(2);
        assertThat(chart.removeSeries("b-train")).isFalse();
    }

    @Test
    void configurationChangesAreCoalescedIntoOneMessage() {
        UI.getCurrent().add(chart);
        respond();

        chart.setTitle("Update ratio");
        chart.setYAxisScale(AxisScale.LOGARITHMIC);
        chart.setHorizontalBand(new HorizontalBand(3e-4, 3e-3, "rgba(46,160,67,0.15)", "1e-3"));
        chart.setTheme(ChartTheme.DARK);
        chart.setLegendVisible(false);
        List<Sent> sent = respond();

        assertThat(sent).hasSize(1);
        JsonNode configuration = sent.get(0).payload();
        assertThat(configuration.get("title").asString()).isEqualTo("Update ratio");
        assertThat(configuration.get("yAxisScale").asString()).isEqualTo("logarithmic");
        assertThat(configuration.get("band").get("lower").doubleValue()).isEqualTo(3e-4);
        assertThat(configuration.get("theme").asString()).isEqualTo("dark");
        assertThat(configuration.get("legend").booleanValue()).isFalse();
    }

    @Test
    void reattachingSendsTheFullStateAgain() {
        UI.getCurrent().add(chart);
        chart.appendPoints("train", points(1, 2, 3));
        respond();
        UI.getCurrent().remove(chart);
        chart.appendPoint("train", 4, 0.4);
        assertThat(respond()).isEmpty();

        UI.getCurrent().add(chart);
        List<Sent> sent = respond();

        assertThat(sent).extracting(Sent::operation).containsExactly("configure", "replace");
        assertThat(sent.get(1).payload().get("train")).hasSize(4);
    }

    @Test
    void appendingToAnUnknownSeriesFailsWithoutAppendingAnything() {
        Map<String, List<ChartPoint>> points = new LinkedHashMap<>();
        points.put("train", points(1));
        points.put("validation", points(1));

        assertThatThrownBy(() -> chart.appendPoints(points))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validation");
        assertThat(chart.getPoints("train")).isEmpty();
    }

    @Test
    void invalidSettingsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> chart.setMaxPointsPerSeries(0)).hasMessageContaining("maxPointsPerSeries");
        assertThatThrownBy(() -> chart.setYAxisRange(1.0, 0.0)).hasMessageContaining("min");
        assertThatThrownBy(() -> chart.addSeries(ChartSeries.solid("train", "again", "red")))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> ChartSeries.solid("x", "x", "var(--lumo-primary-color)"))
                .hasMessageContaining("color");
        assertThatThrownBy(() -> new HorizontalBand(1, 1, "red", null)).hasMessageContaining("lower < upper");
        assertThatThrownBy(() -> new ChartPoint(Double.NaN, 1)).hasMessageContaining("x must be");
    }

    /** Runs the before-response tasks, as Vaadin does before answering the browser, and returns what was sent. */
    private static List<Sent> respond() {
        UI ui = UI.getCurrent();
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        return ui.getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(PendingJavaScriptInvocation::getInvocation)
                .filter(invocation -> invocation.getExpression().contains("blApply($0")
                        || invocation.getExpression().contains(PointPacking.APPLY))
                .map(invocation -> {
                    List<Object> parameters = invocation.getParameters();
                    String operation = (String) parameters.get(0);
                    Object payload = parameters.get(1);
                    if (payload instanceof String text) {
                        // Packed points: decoded here as the element's unpacker does.
                        return new Sent(operation, unpack(text), text);
                    }
                    JsonNode tree = (JsonNode) payload;
                    return new Sent(operation, tree, tree.toString());
                })
                .toList();
    }

    /**
     * {@link PointPacking}'s JSON text as the browser's unpacker reads it, to {@code {key: [[x, y], ...]}} with a
     * non-finite y as null.
     */
    static ObjectNode unpack(String packed) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        JacksonUtils.readTree(packed).properties().forEach(entry -> {
            JsonNode x = entry.getValue().get(0);
            ByteBuffer ys = littleEndian(entry.getValue().get(1).asString());
            boolean wide = entry.getValue().size() > 2 && entry.getValue().get(2).intValue() == 8;
            ByteBuffer xs = x.isString() ? littleEndian(x.asString()) : null;
            ArrayNode pairs = payload.putArray(entry.getKey());
            int count = ys.capacity() / (wide ? 8 : 4);
            for (int i = 0; i < count; i++) {
                double y = wide ? ys.getDouble(8 * i) : ys.getFloat(4 * i);
                ArrayNode pair = pairs.addArray();
                if (xs != null) {
                    pair.add(xs.getDouble(8 * i));
                } else {
                    pair.add(x.longValue() + i);
                }
                if (Double.isFinite(y)) {
                    pair.add(y);
                } else {
                    pair.addNull();
                }
            }
        });
        return payload;
    }

    /** The first expression that contains {@code part} (Vaadin wraps each one in a function), or -1. */
    private static int indexOf(List<String> expressions, String part) {
        for (int i = 0; i < expressions.size(); i++) {
            if (expressions.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    private static ByteBuffer littleEndian(String base64) {
        return ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static List<ChartPoint> points(double... xs) {
        return IntStream.range(0, xs.length).mapToObj(i -> new ChartPoint(xs[i], 1.0 / (i + 1))).toList();
    }
}
