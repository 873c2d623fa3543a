package org.backproplab.diagnosis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Short, readable numbers for evidence strings and remedy labels. */
final class Numbers {

    private Numbers() {
    }

    /** Three significant digits; scientific notation (trailing zeros dropped) outside 0.0001..10000. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        double abs = Math.abs(value);
        if (abs != 0 && (abs < 1e-4 || abs >= 1e4)) {
            String scientific = String.format(Locale.ROOT, "%.2e", value);
            return scientific.replaceFirst("\\.?0+e", "e");
        }
        return round(value, 3).toPlainString();
    }

    /** A fraction as a whole percentage, e.g. 0.754 → "75 %". */
    static String percent(double fraction) {
        return Math.round(fraction * 100) + " %";
    }

    /** Rounded to a few significant digits, so derived settings (0.03 ÷ 10) read as 0.003, not 0.0029999999999999996. */
    static double tidy(double value) {
        return round(value, 3).doubleValue();
    }

    private static BigDecimal round(double value, int digits) {
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
