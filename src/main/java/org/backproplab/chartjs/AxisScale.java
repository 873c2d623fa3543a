package org.backproplab.chartjs;

/** How the y axis maps values to pixels. */
public enum AxisScale {
    LINEAR,
    /** Powers of ten are equally spaced; values {@code <= 0} cannot be shown and leave a gap. */
    LOGARITHMIC
}
