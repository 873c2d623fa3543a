package org.backproplab.chartjs;

import java.io.Serializable;
import java.util.Objects;

/**
 * A shaded horizontal region of the plot between two y values, drawn behind the lines (for example the
 * healthy range around the 1e-3 update:parameter ratio).
 *
 * @param lower lower y bound (finite)
 * @param upper upper y bound (finite, greater than {@code lower})
 * @param color CSS fill colour, usually translucent such as {@code rgba(46, 160, 67, 0.15)}
 * @param label optional text drawn at the band's top right corner, or {@code null}
 */
public record HorizontalBand(double lower, double upper, String color, String label) implements Serializable {

    public HorizontalBand {
        Objects.requireNonNull(color, "color");
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || lower >= upper) {
            throw new IllegalArgumentException(
                    "band bounds must be finite with lower < upper, were lower=" + lower + ", upper=" + upper);
        }
    }
}
