package org.backproplab.datasets;

import java.util.Arrays;

/**
 * Standardization of input columns: {@code (x - mean) / scale}, with mean and standard deviation measured on the
 * training split only, so nothing about the test rows leaks into training. A column that is constant in the
 * training split gets scale 1 (it is only centred).
 */
public record FeatureScaling(double[] mean, double[] scale) {

    public FeatureScaling {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " columns, scale " + scale.length);
        }
        mean = mean.clone();
        scale = scale.clone();
    }

    /** Measures mean and population standard deviation of every column of {@code rows}. */
    public static FeatureScaling fit(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot measure column statistics of zero rows");
        }
        int columns = rows[0].length;
        double[] mean = new double[columns];
        double[] scale = new double[columns];
        for (double[] row : rows) {
            for (int c = 0; c < columns; c++) {
                mean[c] += row[c];
            }
        }
        for (int c = 0; c < columns; c++) {
            mean[c] /= rows.length;
        }
        for (double[] row : rows) {
            for (int c = 0; c < columns; c++) {
                double d = row[c] - mean[c];
                scale[c] += d * d;
            }
        }
        for (int c = 0; c < columns; c++) {
            double std = Math.sqrt(scale[c] / rows.length);
            scale[c] = std > 1e-12 ? std : 1.0;
        }
        return new FeatureScaling(mean, scale);
    }

    public int columns() {
        return mean.length;
    }

    /** A new, standardized copy of one raw row. */
    public double[] apply(double[] raw) {
        if (raw.length != mean.length) {
            throw new IllegalArgumentException("row has " + raw.length + " values, expected " + mean.length);
        }
        double[] out = new double[raw.length];
        for (int c = 0; c < raw.length; c++) {
            out[c] = (raw[c] - mean[c]) / scale[c];
        }
        return out;
    }

    /** New, standardized copies of all rows. */
    public double[][] apply(double[][] raw) {
        double[][] out = new double[raw.length][];
        for (int r = 0; r < raw.length; r++) {
            out[r] = apply(raw[r]);
        }
        return out;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureScaling that && Arrays.equals(mean, that.mean)
                && Arrays.equals(scale, that.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "FeatureScaling[mean=" + Arrays.toString(mean) + ", scale=" + Arrays.toString(scale) + "]";
    }
}
