package org.backproplab.engine;

import java.util.Locale;
import java.util.SplittableRandom;
import org.backproplab.engine.bench.CpuTime;

/**
 * GFLOP/s of the measuring pass's two float kernels on one chunk of W2's layers (examples as columns): the plain
 * {@link FloatKernels} and, with SIMD, the packed {@link PackedFloatKernels} (packing of the input chunk not
 * included, as the first layer's inputs are packed once per training). A multiply-add counts as 2 FLOPs. In this
 * package because the kernels are package-private; a main, not a test.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes
 * org.backproplab.engine.FloatKernelsBenchmark [seconds per measurement, default 1]} after {@code ./mvnw -q
 * test-compile}.
 */
public final class FloatKernelsBenchmark {

    private FloatKernelsBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        System.out.println(SimdSupport.describe());
        int[][] shapes = {{256, 784, 256}, {128, 256, 256}, {10, 128, 256}}; // units × inputs · inputs × examples
        for (int round = 0; round < 3; round++) {
            for (int[] shape : shapes) {
                measure(shape[0], shape[1], shape[2], seconds);
            }
        }
    }

    private static void measure(int rows, int inner, int cols, double seconds) {
        SplittableRandom random = new SplittableRandom(1);
        float[][] a = new float[rows][inner];
        double[][] at = new double[inner][rows];
        float[][] b = new float[inner][cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inner; k++) {
                a[r][k] = (float) random.nextDouble(-1, 1);
                at[k][r] = a[r][k];
            }
        }
        for (float[] row : b) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) random.nextDouble();
            }
        }
        float[][] c = FloatDenseLayer.outputBuffer(rows, cols);
        double flops = 2.0 * rows * inner * cols;
        String shape = rows + "x" + inner + "·" + inner + "x" + cols;
        double plain = rate(() -> FloatKernels.multiplyAdd(a, b, c, rows, inner, cols), flops, seconds);
        String packed = "";
        if (SimdSupport.enabled()) {
            float[][] aPanels = PackedFloatKernels.rowPanels(rows, inner);
            float[][] bPanels = PackedFloatKernels.columnPanels(inner, cols);
            PackedFloatKernels.packTransposedRows(at, rows, inner, aPanels);
            PackedFloatKernels.packColumns(b, inner, cols, bPanels);
            double rate = rate(() -> PackedFloatKernels.multiplyAdd(aPanels, bPanels, c, rows, inner, cols), flops,
                    seconds);
            double packing = rate(() -> PackedFloatKernels.packColumns(b, inner, cols, bPanels), flops, seconds);
            packed = String.format(Locale.ROOT, ", packed %5.1f GFLOP/s (packing its B: %4.1f %% of the product)",
                    rate, 100 * rate / packing);
        }
        System.out.printf(Locale.ROOT, "%-14s plain %5.1f GFLOP/s%s%n", shape, plain, packed);
    }

    /** GFLOP/s of {@code work} (worth {@code flops}), from the CPU time of calls repeated for about {@code seconds}. */
    private static double rate(Runnable work, double flops, double seconds) {
        return flops / (1e3 * CpuTime.microsPerCall(work, (int) (seconds * 1000)));
    }
}
