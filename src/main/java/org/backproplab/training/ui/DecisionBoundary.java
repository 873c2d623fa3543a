package org.backproplab.training.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Objects;
import org.backproplab.engine.Task;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A heatmap of the network's output over the input square [-6, 6]² with the train and test points on top, drawn
 * by the {@code <bpl-decision-boundary>} element on a canvas. Binary probabilities and regression values use a
 * diverging orange↔blue scale (orange = class 0 / low, blue = class 1 / high); multiclass output is coloured by
 * the most probable class with its confidence as opacity. Test points carry a distinct outline and can be hidden.
 *
 * <p>Each {@link #setOutput} replaces the previous frame; a 64×64 frame travels as ~5.5 kB of base64 bytes.
 * Compute frames off the UI thread ({@link BoundaryFrame#fromPredictions} inside {@code TrainingRun.inspect}) and
 * call the setters from {@code ui.access}.
 */
@Tag("bpl-decision-boundary")
@JsModule("./lab/decision-boundary.ts")
public class DecisionBoundary extends Component implements HasSize {

    /** Most classes a multiclass frame can encode (each class keeps ≥ 3 confidence levels in one byte). */
    public static final int MAX_CLASSES = 64;

    /** Points as sent: base64 of little-endian float32 triples (x1, x2, label). */
    public record PointsPayload(String task, int classes, double low, double high,
                                int trainCount, int testCount, String train, String test) {
    }

    /**
     * One output frame: {@code data} is base64 of one byte per cell, rows from the top. Binary and regression:
     * 0..254 map linearly onto [low, high]. Multiclass: {@code byte = class × levels + confidenceLevel}, where
     * confidence level 0 is probability 1/classes and {@code levels - 1} is probability 1. 255 marks a
     * non-finite output.
     */
    public record OutputPayload(int resolution, String task, int classes, int levels, double low, double high,
                                String data) {
    }

    private Task task = Task.BINARY;
    private int classes = 2;
    private double labelLow = Double.NaN;
    private double labelHigh = Double.NaN;
    private int trainCount;
    private int testCount;
    private boolean showTestPoints = true;
    private PointsPayload points;
    private OutputPayload output;

    public DecisionBoundary() {
        getElement().setAttribute("role", "img");
        getElement().setProperty("showTestPoints", true);
        updateLabel();
    }

    /**
     * Sets the points drawn over the heatmap, in raw input coordinates (x1, x2) of the square. Labels are 0/1 for
     * binary, 0..K-1 for multiclass, values for regression. The task also decides how outputs are coloured.
     */
    public void setPoints(double[][] trainPoints, double[] trainLabels, double[][] testPoints, double[] testLabels,
                          Task task) {
        Objects.requireNonNull(task, "task");
        requireSameLength("train", trainPoints, trainLabels);
        requireSameLength("test", testPoints, testLabels);
        this.task = task;
        this.trainCount = trainPoints.length;
        this.testCount = testPoints.length;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] labels : new double[][] {trainLabels, testLabels}) {
            for (double label : labels) {
                if (Double.isFinite(label)) {
                    low = Math.min(low, label);
                    high = Math.max(high, label);
                }
            }
        }
        if (task == Task.REGRESSION) {
            double[] range = widen(low, high);
            labelLow = range[0];
            labelHigh = range[1];
        } else {
            labelLow = 0;
            labelHigh = 1;
        }
        this.classes = task == Task.MULTICLASS ? Math.max(2, (int) Math.round(high) + 1) : 2;
        if (classes > MAX_CLASSES) {
            throw new IllegalArgumentException("multiclass labels must be in 0.." + (MAX_CLASSES - 1));
        }
        points = new PointsPayload(task.id(), classes, labelLow, labelHigh,
                trainCount, testCount, encodePoints(trainPoints, trainLabels), encodePoints(testPoints, testLabels));
        getElement().setPropertyBean("points", points);
        updateLabel();
    }

    /** Shows the output frame, replacing the previous one. */
    public void setOutput(BoundaryFrame frame) {
        Objects.requireNonNull(frame, "frame");
        output = frame.channels() > 1 ? encodeClasses(frame) : encodeValues(frame);
        getElement().setPropertyBean("output", output);
        updateLabel();
    }

    /**
     * Shows a single-valued frame (binary probability or regression value), {@code values} row-major with rows
     * from y = +6 (top) to -6 and columns from x = -6 to 6.
     */
    public void setOutput(int resolution, float[] values) {
        setOutput(new BoundaryFrame(resolution, 1, values));
    }

    /** Removes the heatmap (e.g. after a reset); the points stay. */
    public void clear() {
        output = null;
        getElement().setPropertyJson("output", JsonNodeFactory.instance.nullNode());
        updateLabel();
    }

    /** Removes the points (no data to show, e.g. a dataset that is not 2-D). */
    public void clearPoints() {
        points = null;
        trainCount = 0;
        testCount = 0;
        getElement().setPropertyJson("points", JsonNodeFactory.instance.nullNode());
        updateLabel();
    }

    public void setShowTestPoints(boolean show) {
        showTestPoints = show;
        getElement().setProperty("showTestPoints", show);
        updateLabel();
    }

    public boolean isShowTestPoints() {
        return showTestPoints;
    }

    /** The points as last sent (null before any); for tests and diagnostics. */
    public PointsPayload points() {
        return points;
    }

    /** The last frame as sent (null when cleared); for tests and diagnostics. */
    public OutputPayload output() {
        return output;
    }

    private OutputPayload encodeValues(BoundaryFrame frame) {
        double low = labelLow;
        double high = labelHigh;
        if (task == Task.REGRESSION && !Double.isFinite(low)) {
            double[] range = finiteRange(frame.values());
            low = range[0];
            high = range[1];
        } else if (task != Task.REGRESSION) {
            low = 0;
            high = 1;
        }
        float[] values = frame.values();
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) BoundaryCodec.quantizeByte(values[i], low, high);
        }
        String taskId = task == Task.REGRESSION ? Task.REGRESSION.id() : Task.BINARY.id();
        return new OutputPayload(frame.resolution(), taskId, 2, BoundaryCodec.BYTE_LEVELS, low, high,
                BoundaryCodec.base64(bytes));
    }

    private OutputPayload encodeClasses(BoundaryFrame frame) {
        int k = frame.channels();
        if (k > MAX_CLASSES) {
            throw new IllegalArgumentException("a multiclass frame can have at most " + MAX_CLASSES
                    + " channels, got " + k);
        }
        int levels = BoundaryCodec.BYTE_LEVELS / k;
        float[] values = frame.values();
        byte[] bytes = new byte[frame.resolution() * frame.resolution()];
        for (int cell = 0; cell < bytes.length; cell++) {
            int best = 0;
            boolean finite = true;
            for (int c = 0; c < k; c++) {
                float p = values[cell * k + c];
                finite &= Float.isFinite(p);
                if (p > values[cell * k + best]) {
                    best = c;
                }
            }
            if (!finite) {
                bytes[cell] = (byte) BoundaryCodec.NON_FINITE_BYTE;
                continue;
            }
            // Confidence runs from 1/k (a tie) to 1 (certain); quantize that span into the class's levels.
            double confidence = (values[cell * k + best] - 1.0 / k) / (1 - 1.0 / k);
            int level = (int) Math.round(Math.max(0, Math.min(1, confidence)) * (levels - 1));
            bytes[cell] = (byte) (best * levels + level);
        }
        return new OutputPayload(frame.resolution(), Task.MULTICLASS.id(), k, levels, 0, 1,
                BoundaryCodec.base64(bytes));
    }

    private static String encodePoints(double[][] points, double[] labels) {
        ByteBuffer buffer = ByteBuffer.allocate(points.length * 12).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < points.length; i++) {
            if (points[i].length < 2) {
                throw new IllegalArgumentException("point " + i + " needs two coordinates (x1, x2)");
            }
            buffer.putFloat((float) points[i][0]).putFloat((float) points[i][1]).putFloat((float) labels[i]);
        }
        return BoundaryCodec.base64(buffer.array());
    }

    private static void requireSameLength(String split, double[][] points, double[] labels) {
        Objects.requireNonNull(points, split + "Points");
        Objects.requireNonNull(labels, split + "Labels");
        if (points.length != labels.length) {
            throw new IllegalArgumentException(split + "Points has " + points.length + " rows but " + split
                    + "Labels has " + labels.length);
        }
    }

    private static double[] finiteRange(float[] values) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (float value : values) {
            if (Float.isFinite(value)) {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
        }
        return widen(low, high);
    }

    /** A usable colour domain: a degenerate or empty range becomes one unit wide around its value. */
    private static double[] widen(double low, double high) {
        if (!(low <= high)) {
            return new double[] {-1, 1};
        }
        if (high - low < 1e-9) {
            return new double[] {low - 0.5, high + 0.5};
        }
        return new double[] {low, high};
    }

    private void updateLabel() {
        StringBuilder text = new StringBuilder("Decision boundary over x1, x2 in [-6, 6]: ");
        if (output == null) {
            text.append("no network output yet");
        } else if (task == Task.MULTICLASS) {
            text.append("coloured by the most likely of ").append(output.classes()).append(" classes");
        } else if (task == Task.REGRESSION) {
            text.append(String.format(Locale.ROOT, "regression output from %.3g (orange) to %.3g (blue)",
                    output.low(), output.high()));
        } else {
            text.append("probability of class 1, orange for 0 to blue for 1");
        }
        text.append("; ").append(trainCount).append(" training points");
        if (testCount > 0) {
            text.append(", ").append(testCount).append(" test points ").append(showTestPoints ? "shown" : "hidden");
        }
        getElement().setAttribute("aria-label", text.toString());
    }
}
