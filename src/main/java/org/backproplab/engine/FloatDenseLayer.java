package org.backproplab.engine;

import java.util.Arrays;

/**
 * One dense layer as the measuring pass uses it (see {@link EpochEvaluator}): a float copy of its weights, taken at
 * each report, and its weighted sums over a chunk of examples, z = Wᵀ·x + b with the examples as columns
 * (x is [input][example], z is [unit][example]).
 *
 * <p>Which kernel: with SIMD and at least {@value #PACKED_MIN_INPUTS} inputs, {@link PackedFloatKernels}, which reads
 * Wᵀ and x as panels: Wᵀ is packed at each copy, x once per chunk, a copy of inputs × examples floats against a
 * product of units times as many multiply-adds. Otherwise {@link FloatKernels} on Wᵀ and x as they are: with a
 * handful of inputs, packing would cost about as much as it saves, and without SIMD there is no packed kernel.
 */
final class FloatDenseLayer {

    /**
     * Inputs from which a layer uses the packed kernel. At 32 inputs (W3's layers), packing the inputs and running the
     * packed kernel took 0.78 (256 examples) and 0.86 (244) of the plain float loops' time, paired in one JVM.
     */
    static final int PACKED_MIN_INPUTS = 32;

    final int inputs;
    final int units;
    private final boolean packed;
    /** Wᵀ: in row panels for the packed kernel, [unit][input] for the plain one. */
    private final float[][] kernel;
    private final float[] bias;
    /** Packed kernel only: the chunk's inputs in column panels, reused from chunk to chunk. */
    private final float[][] inputPanels;

    /** A layer for chunks of at most {@code capacity} examples. */
    FloatDenseLayer(int inputs, int units, int capacity) {
        this.inputs = inputs;
        this.units = units;
        packed = SimdSupport.ENABLED && inputs >= PACKED_MIN_INPUTS;
        kernel = packed ? PackedFloatKernels.rowPanels(units, inputs) : new float[units][inputs];
        bias = new float[units];
        inputPanels = packed ? PackedFloatKernels.columnPanels(inputs, capacity) : null;
    }

    /**
     * Room for the weighted sums z of layers of up to {@code units} units over chunks of up to {@code capacity}
     * examples, padded to whole tiles of the packed kernel (which computes its edge tiles whole).
     */
    static float[][] outputBuffer(int units, int capacity) {
        return new float[padded(units, PackedFloatKernels.TILE_ROWS)][padded(capacity,
                PackedFloatKernels.TILE_COLUMNS)];
    }

    // Not PackedFloatKernels.padded: calling into that class loads the Vector API, absent without SIMD.
    private static int padded(int n, int tile) {
        return (n + tile - 1) / tile * tile;
    }

    /** Copies the layer's current kernel W (as Wᵀ, in this layer's layout) and bias as floats. */
    void copyFrom(DenseLayer layer) {
        if (packed) {
            PackedFloatKernels.packTransposedRows(layer.kernel, units, inputs, kernel);
        } else {
            for (int i = 0; i < inputs; i++) {
                double[] row = layer.kernel[i];
                for (int j = 0; j < units; j++) {
                    kernel[j][i] = (float) row[j];
                }
            }
        }
        for (int j = 0; j < units; j++) {
            bias[j] = (float) layer.bias[j];
        }
    }

    /**
     * The inputs x ([input][example], {@code rows} examples) in the layout {@link #weightedSums} reads: x itself for
     * the plain kernel, else packed into this layer's panels (valid until the next call).
     */
    float[][] arrange(float[][] x, int rows) {
        if (!packed) {
            return x;
        }
        PackedFloatKernels.packColumns(x, inputs, rows, inputPanels);
        return inputPanels;
    }

    /**
     * Examples start .. start + rows of x ([example][input], double) as one chunk of this layer's inputs, in the layout
     * {@link #weightedSums} reads, in arrays of their own (for inputs kept from report to report): x transposed,
     * columns[i][r] = x[start + r][i], for the plain kernel; for the packed one, column panels packed straight from x.
     */
    float[][] inputChunk(double[][] x, int start, int rows) {
        if (packed) {
            float[][] panels = PackedFloatKernels.columnPanels(inputs, rows);
            PackedFloatKernels.packTransposedColumns(x, start, inputs, rows, panels);
            return panels;
        }
        // Eight examples at a time, so that each cache line of a column is written once (784 columns would otherwise
        // evict each other's lines between writes).
        float[][] columns = new float[inputs][rows];
        for (int r0 = 0; r0 < rows; r0 += 8) {
            int r1 = Math.min(rows, r0 + 8);
            for (int i = 0; i < inputs; i++) {
                float[] column = columns[i];
                for (int r = r0; r < r1; r++) {
                    column[r] = (float) x[start + r][i];
                }
            }
        }
        return columns;
    }

    /**
     * z[j][r] = b[j] + Σ_i W[i][j]·x[i][r] for the {@code rows} examples, from x as {@link #arrange} laid it out, into
     * a z from {@link #outputBuffer}.
     */
    void weightedSums(float[][] arranged, float[][] z, int rows) {
        for (int j = 0; j < units; j++) {
            Arrays.fill(z[j], 0, rows, bias[j]);
        }
        if (packed) {
            PackedFloatKernels.multiplyAdd(kernel, arranged, z, units, inputs, rows);
        } else {
            FloatKernels.multiplyAdd(kernel, arranged, z, units, inputs, rows);
        }
    }
}
