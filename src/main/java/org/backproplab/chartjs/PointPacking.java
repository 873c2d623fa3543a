package org.backproplab.chartjs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * How point data travels to the browser, compactly and cheaply for the server. A live chart sends every epoch of
 * every series, thousands of numbers a second per page; written as decimal text each number costs a
 * floating-point-to-decimal conversion and about ten characters, which the push then scans once more to escape.
 * Here the numbers travel as little-endian binary in base64 text instead (no conversion, a third of the
 * characters), in one JSON text per message that names the series:
 *
 * <pre>{"train": [x, y] or [x, y, 8], ...}</pre>
 *
 * <ul>
 *   <li>{@code x}: a number {@code x0} when the x values are the consecutive whole numbers {@code x0, x0 + 1, ...}
 *       (epochs, the usual case: no x data at all), else base64 of the x values as float64;</li>
 *   <li>{@code y}: base64 of the y values as float32 (seven significant digits, far finer than a canvas pixel), or
 *       as float64 when the third element is 8 because some value is too large or too small for a float, which
 *       would turn it into infinity or zero. Non-finite values arrive as gaps (null).</li>
 * </ul>
 *
 * The element gets the decoder once per attach ({@link #DEFINE_UNPACKER}, inline, so the frontend bundle is not
 * involved); each message then calls it with {@link #APPLY}, which hands the decoded {@code {key: [[x, y], ...]}}
 * to the element's {@code blApply} (or queues it until the element upgrades).
 */
final class PointPacking {

    /** Defines {@code this.__blPoints(operation, packed)} on the element; see the class comment for the format. */
    static final String DEFINE_UNPACKER = """
            const element = this;
            const view = (base64) => {
              const text = atob(base64);
              const bytes = new Uint8Array(text.length);
              for (let i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
              return new DataView(bytes.buffer);
            };
            element.__blPoints = (operation, packed) => {
              const payload = {};
              for (const [key, [x, y, width]] of Object.entries(JSON.parse(packed))) {
                const ys = view(y);
                const xs = typeof x === 'string' ? view(x) : null;
                const wide = width === 8;
                const pairs = new Array(ys.byteLength / (wide ? 8 : 4));
                for (let i = 0; i < pairs.length; i++) {
                  const value = wide ? ys.getFloat64(8 * i, true) : ys.getFloat32(4 * i, true);
                  pairs[i] = [xs ? xs.getFloat64(8 * i, true) : x + i, Number.isFinite(value) ? value : null];
                }
                payload[key] = pairs;
              }
              if (typeof element.blApply === 'function') { element.blApply(operation, payload); }
              else { (element.__blPending = element.__blPending || []).push([operation, payload]); }
            };""";

    /** One message of points: {@code $0} the operation (append, replace), {@code $1} the packed JSON text. */
    static final String APPLY = "this.__blPoints($0,$1)";

    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    /** Beyond 2^53 consecutive doubles are no longer whole numbers one apart. */
    private static final double LARGEST_EXACT_WHOLE = 0x1p53;

    private PointPacking() {
    }

    /**
     * Writes {@code "key":[x,y(,8)]} for the points {@code from} (inclusive) to the end of {@code points};
     * {@code quotedKey} is the key as a JSON string literal.
     */
    static void appendSeries(StringBuilder json, String quotedKey, PointBuffer points, int from) {
        int count = points.size() - from;
        json.append(quotedKey).append(":[");
        if (count == 0) {
            json.append("0,\"\"]");
            return;
        }
        if (consecutiveWholeNumbers(points, from, count)) {
            json.append((long) points.x(from));
        } else {
            byte[] xs = new byte[8 * count];
            for (int i = 0; i < count; i++) {
                DOUBLE.set(xs, 8 * i, points.x(from + i));
            }
            json.append('"').append(BASE64.encodeToString(xs)).append('"');
        }
        boolean wide = !fitFloats(points, from, count);
        int width = wide ? 8 : 4;
        byte[] ys = new byte[width * count];
        for (int i = 0; i < count; i++) {
            double y = points.y(from + i);
            if (wide) {
                DOUBLE.set(ys, 8 * i, y);
            } else {
                FLOAT.set(ys, 4 * i, (float) y);
            }
        }
        json.append(",\"").append(BASE64.encodeToString(ys)).append('"');
        if (wide) {
            json.append(",8");
        }
        json.append(']');
    }

    private static boolean consecutiveWholeNumbers(PointBuffer points, int from, int count) {
        double first = points.x(from);
        if (first != Math.rint(first) || Math.abs(first) + count > LARGEST_EXACT_WHOLE) {
            return false;
        }
        for (int i = 1; i < count; i++) {
            if (points.x(from + i) != first + i) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every y survives as a float without becoming infinite, zero or a subnormal of a few digits; non-finite
     * values (gaps) do.
     */
    private static boolean fitFloats(PointBuffer points, int from, int count) {
        for (int i = 0; i < count; i++) {
            double y = points.y(from + i);
            double magnitude = Math.abs(y);
            if (Double.isFinite(y) && y != 0 && (magnitude < Float.MIN_NORMAL || magnitude > Float.MAX_VALUE)) {
                return false;
            }
        }
        return true;
    }
}
