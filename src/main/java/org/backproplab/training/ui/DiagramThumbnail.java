package org.backproplab.training.ui;

import java.util.Objects;

/**
 * One unit's output over the input square as a small image: {@code values} row-major, {@code resolution²} cells,
 * top row at x2 = +6. The diagram colours {@code (value - center) / scale} on the diverging scale (orange below the
 * centre, blue above); {@code min}/{@code max} are the unit's full-resolution range, shown on hover.
 */
public record DiagramThumbnail(int resolution, float[] values, double center, double scale, double min, double max) {

    public DiagramThumbnail {
        Objects.requireNonNull(values, "values");
        if (values.length != resolution * resolution) {
            throw new IllegalArgumentException("values must hold resolution² = " + resolution * resolution
                    + " numbers, got " + values.length);
        }
        if (!(scale > 0) || !Double.isFinite(center)) {
            throw new IllegalArgumentException("scale must be > 0 and center finite, got scale " + scale
                    + ", center " + center);
        }
    }

    /** This thumbnail box-averaged down to {@code targetResolution}. */
    public DiagramThumbnail downsample(int targetResolution) {
        if (targetResolution >= resolution) {
            return this;
        }
        return new DiagramThumbnail(targetResolution, BoundaryCodec.average(values, resolution, targetResolution),
                center, scale, min, max);
    }
}
