package org.backproplab.chartjs;

/** Colours of a chart's text and grid. */
public enum ChartTheme {
    LIGHT,
    DARK,
    /** Follows Lumo: dark while the page's {@code <html>} element has {@code theme="dark"}. */
    AUTO
}
