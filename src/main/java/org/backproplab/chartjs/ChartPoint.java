package org.backproplab.chartjs;

import java.io.Serializable;

/**
 * One point of a series: {@code x} is usually the epoch, {@code y} the measured value. A non-finite {@code y}
 * (NaN, ±Infinity, e.g. a diverged loss) is drawn as a gap; on a logarithmic axis so is {@code y <= 0}.
 *
 * @param x position on the (linear) x axis; must be finite
 * @param y value on the y axis
 */
public record ChartPoint(double x, double y) implements Serializable {

    public ChartPoint {
        requireFiniteX(x);
    }

    /** The check every x passes, here and where {@link LineChart} takes x values without a point per value. */
    static void requireFiniteX(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be a finite number, was " + x);
        }
    }
}
