package org.backproplab.chartjs;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A line of a {@link LineChart}.
 *
 * @param key    identifies the series in {@link LineChart#appendPoints} and friends; unique within a chart
 * @param label  text shown in the legend and tooltips
 * @param color  a CSS colour the canvas understands ({@code #1f77b4}, {@code rgb(...)}, {@code hsl(...)}, a
 *               colour name); CSS custom properties ({@code var(--x)}) do not work on a canvas
 * @param dashed draws the line dashed, e.g. for the comparison run of an A/B overlay
 */
public record ChartSeries(String key, String label, String color, boolean dashed) implements Serializable {

    private static final Pattern CSS_VARIABLE = Pattern.compile("\\bvar\\(");

    public ChartSeries {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(color, "color");
        if (key.isBlank()) {
            throw new IllegalArgumentException("series key must not be blank");
        }
        if (color.isBlank() || CSS_VARIABLE.matcher(color).find()) {
            throw new IllegalArgumentException(
                    "series color must be a literal CSS colour (a canvas cannot resolve var()), was '" + color + "'");
        }
    }

    /** A solid line. */
    public static ChartSeries solid(String key, String label, String color) {
        return new ChartSeries(key, label, color, false);
    }

    /** A dashed line. */
    public static ChartSeries dashed(String key, String label, String color) {
        return new ChartSeries(key, label, color, true);
    }
}
