package org.backproplab.training.ui;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Compact encodings shared by the decision boundary and the network diagram. Frames travel as base64 of quantized
 * bytes (one byte per cell) or little-endian int16/float32 arrays, so a 64×64 frame is ~5.5 kB instead of ~80 kB
 * of JSON numbers. The browser side decodes the same layouts (frontend/lab/lab-support.ts).
 */
final class BoundaryCodec {

    /** Byte value marking a non-finite number (a diverged network); 0..254 carry the quantized value. */
    static final int NON_FINITE_BYTE = 255;
    static final int BYTE_LEVELS = 255;
    /** int16 value marking a non-finite weight; -32767..32767 carry the quantized value. */
    static final short NON_FINITE_SHORT = Short.MIN_VALUE;
    static final int SHORT_LEVELS = 32767;

    private BoundaryCodec() {
    }

    /** Quantizes {@code value} linearly from [low, high] (clamped) to 0..254; non-finite to 255. */
    static int quantizeByte(double value, double low, double high) {
        if (!Double.isFinite(value)) {
            return NON_FINITE_BYTE;
        }
        double t = high > low ? (value - low) / (high - low) : 0.5;
        return (int) Math.round(Math.max(0, Math.min(1, t)) * (BYTE_LEVELS - 1));
    }

    /** The centre of the value range a quantized byte stands for (the inverse of {@link #quantizeByte}). */
    static double dequantizeByte(int quantized, double low, double high) {
        if (quantized == NON_FINITE_BYTE) {
            return Double.NaN;
        }
        return low + (high - low) * quantized / (BYTE_LEVELS - 1);
    }

    /** Quantizes {@code value} relative to {@code maxAbs} to -32767..32767; non-finite to -32768. */
    static short quantizeShort(double value, double maxAbs) {
        if (!Double.isFinite(value)) {
            return NON_FINITE_SHORT;
        }
        double t = maxAbs > 0 ? value / maxAbs : 0;
        return (short) Math.round(Math.max(-1, Math.min(1, t)) * SHORT_LEVELS);
    }

    static double dequantizeShort(short quantized, double maxAbs) {
        return quantized == NON_FINITE_SHORT ? Double.NaN : maxAbs * quantized / SHORT_LEVELS;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] fromBase64(String text) {
        return Base64.getDecoder().decode(text);
    }

    static String int16Base64(short[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short value : values) {
            buffer.putShort(value);
        }
        return base64(buffer.array());
    }

    static short[] int16FromBase64(String text) {
        ByteBuffer buffer = ByteBuffer.wrap(fromBase64(text)).order(ByteOrder.LITTLE_ENDIAN);
        short[] values = new short[buffer.remaining() / 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getShort();
        }
        return values;
    }

    static String float32Base64(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            buffer.putFloat((float) value);
        }
        return base64(buffer.array());
    }

    static float[] float32FromBase64(String text) {
        ByteBuffer buffer = ByteBuffer.wrap(fromBase64(text)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[buffer.remaining() / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getFloat();
        }
        return values;
    }

    /**
     * Box-averages a square row-major image from {@code sourceResolution} to {@code targetResolution} (≤ source).
     * Non-finite cells make their target cell non-finite, so divergence stays visible.
     */
    static float[] average(float[] source, int sourceResolution, int targetResolution) {
        return new BoxAverage(sourceResolution, targetResolution).apply(source);
    }

    /**
     * A finite number for JSON, rounded to 4 significant digits (enough for a tooltip, short on the wire); null
     * for NaN/Infinity, which Jackson would write as invalid JSON tokens.
     */
    static Double finiteOrNull(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        return value == 0 ? 0.0 : new BigDecimal(value).round(new MathContext(4)).doubleValue();
    }
}
