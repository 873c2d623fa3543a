package org.backproplab.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The arithmetic of a training step written with explicit SIMD instructions (the JDK's Vector API, four doubles per
 * 256-bit register). Used instead of {@link MatrixKernels} and the plain loops of {@link Optimizer} and
 * {@link Parameter} when {@link SimdSupport#ENABLED}; the results agree with them up to rounding.
 *
 * <p>Why a second version: the JIT vectorizes a plain loop only when it runs long enough, and in a layer of 8 or 32
 * units most loops run 8 or 32 times, so the plain kernels compute such layers largely one number at a time. Here
 * the SIMD width is spelled out, so even 8 values are two instructions.
 *
 * <p>The products use a register tile: four (or five) rows × eight columns of C live in eight (ten) registers for
 * the whole sum over k. Each step over k loads eight values of B's row k (two registers), broadcasts one value of A per row and
 * issues eight fused multiply-adds, and C is written once at the end, with no separate pass to clear it or to add
 * the bias. Leftover rows take a 2-row and a 1-row tile, leftover columns 4-wide tiles and then plain loops.
 *
 * <p>The sums of squares keep several independent accumulator registers: one register summing every term would make
 * each fused multiply-add wait for the previous one.
 */
final class VectorKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
    /** Doubles per register. */
    private static final int LANES = 4;
    private static final int TILE_COLUMNS = 2 * LANES;

    private VectorKernels() {
    }

    /** True when the processor has 256-bit (or wider) SIMD registers, so that the API is not emulated. */
    static boolean hardwareSupported() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    static String describeHardware() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() + "-bit registers, " + LANES + " doubles per operation";
    }

    // ---- C = init + A·B ----

    /**
     * c[r][j] = init[j] + Σ_k a[r][k]·b[k][j] for r &lt; rows, j &lt; cols, k &lt; inner (init null: 0). Overwrites C.
     * Forward: Z = X·W + b. Backward: ∂L/∂X = ∂L/∂Z·Wᵀ (with b = Wᵀ, init null).
     */
    static void product(double[][] a, double[][] b, double[] init, double[][] c, int rows, int inner, int cols) {
        int j = 0;
        for (; j + TILE_COLUMNS <= cols; j += TILE_COLUMNS) {
            int r = 0;
            while (rows - r >= 4) {
                // Four rows at a time, but five when that leaves no lone 2- or 1-row tile behind later (batch 10:
                // 5 + 5 instead of 4 + 4 + 2; a 2-row tile's four sums keep the multiply-add units half idle).
                if ((rows - r) % 4 != 0 && rows - r >= 5) {
                    productTile5x8(a[r], a[r + 1], a[r + 2], a[r + 3], a[r + 4], b, init, c[r], c[r + 1], c[r + 2],
                            c[r + 3], c[r + 4], inner, j);
                    r += 5;
                } else {
                    productTile4x8(a[r], a[r + 1], a[r + 2], a[r + 3], b, init, c[r], c[r + 1], c[r + 2],
                            c[r + 3], inner, j);
                    r += 4;
                }
            }
            if (r + 2 <= rows) {
                productTile2x8(a[r], a[r + 1], b, init, c[r], c[r + 1], inner, j);
                r += 2;
            }
            if (r < rows) {
                productTile1x8(a[r], b, init, c[r], inner, j);
            }
        }
        for (; j + LANES <= cols; j += LANES) {
            for (int r = 0; r < rows; r++) {
                productTile1x4(a[r], b, init, c[r], inner, j);
            }
        }
        for (; j < cols; j++) {
            for (int r = 0; r < rows; r++) {
                double[] ar = a[r];
                double sum = init == null ? 0 : init[j];
                for (int k = 0; k < inner; k++) {
                    sum = Math.fma(ar[k], b[k][j], sum);
                }
                c[r][j] = sum;
            }
        }
    }

    private static DoubleVector start(double[] init, int j) {
        return init == null ? DoubleVector.zero(SPECIES) : DoubleVector.fromArray(SPECIES, init, j);
    }

    private static void productTile4x8(double[] a0, double[] a1, double[] a2, double[] a3, double[][] b,
                                       double[] init, double[] c0, double[] c1, double[] c2, double[] c3,
                                       int inner, int j) {
        DoubleVector left = start(init, j);
        DoubleVector right = start(init, j + LANES);
        DoubleVector c0l = left, c0r = right, c1l = left, c1r = right;
        DoubleVector c2l = left, c2r = right, c3l = left, c3r = right;
        for (int k = 0; k < inner; k++) {
            double[] bk = b[k];
            DoubleVector bl = DoubleVector.fromArray(SPECIES, bk, j);
            DoubleVector br = DoubleVector.fromArray(SPECIES, bk, j + LANES);
            DoubleVector s = DoubleVector.broadcast(SPECIES, a0[k]);
            c0l = bl.fma(s, c0l);
            c0r = br.fma(s, c0r);
            s = DoubleVector.broadcast(SPECIES, a1[k]);
            c1l = bl.fma(s, c1l);
            c1r = br.fma(s, c1r);
            s = DoubleVector.broadcast(SPECIES, a2[k]);
            c2l = bl.fma(s, c2l);
            c2r = br.fma(s, c2r);
            s = DoubleVector.broadcast(SPECIES, a3[k]);
            c3l = bl.fma(s, c3l);
            c3r = br.fma(s, c3r);
        }
        c0l.intoArray(c0, j);
        c0r.intoArray(c0, j + LANES);
        c1l.intoArray(c1, j);
        c1r.intoArray(c1, j + LANES);
        c2l.intoArray(c2, j);
        c2r.intoArray(c2, j + LANES);
        c3l.intoArray(c3, j);
        c3r.intoArray(c3, j + LANES);
    }

    private static void productTile5x8(double[] a0, double[] a1, double[] a2, double[] a3, double[] a4,
                                       double[][] b, double[] init, double[] c0, double[] c1, double[] c2,
                                       double[] c3, double[] c4, int inner, int j) {
        DoubleVector left = start(init, j);
        DoubleVector right = start(init, j + LANES);
        DoubleVector c0l = left, c0r = right, c1l = left, c1r = right;
        DoubleVector c2l = left, c2r = right, c3l = left, c3r = right, c4l = left, c4r = right;
        for (int k = 0; k < inner; k++) {
            double[] bk = b[k];
            DoubleVector bl = DoubleVector.fromArray(SPECIES, bk, j);
            DoubleVector br = DoubleVector.fromArray(SPECIES, bk, j + LANES);
            DoubleVector s = DoubleVector.broadcast(SPECIES, a0[k]);
            c0l = bl.fma(s, c0l);
            c0r = br.fma(s, c0r);
            s = DoubleVector.broadcast(SPECIES, a1[k]);
            c1l = bl.fma(s, c1l);
            c1r = br.fma(s, c1r);
            s = DoubleVector.broadcast(SPECIES, a2[k]);
            c2l = bl.fma(s, c2l);
            c2r = br.fma(s, c2r);
            s = DoubleVector.broadcast(SPECIES, a3[k]);
            c3l = bl.fma(s, c3l);
            c3r = br.fma(s, c3r);
            s = DoubleVector.broadcast(SPECIES, a4[k]);
            c4l = bl.fma(s, c4l);
            c4r = br.fma(s, c4r);
        }
        c0l.intoArray(c0, j);
        c0r.intoArray(c0, j + LANES);
        c1l.intoArray(c1, j);
        c1r.intoArray(c1, j + LANES);
        c2l.intoArray(c2, j);
        c2r.intoArray(c2, j + LANES);
        c3l.intoArray(c3, j);
        c3r.intoArray(c3, j + LANES);
        c4l.intoArray(c4, j);
        c4r.intoArray(c4, j + LANES);
    }

    private static void productTile2x8(double[] a0, double[] a1, double[][] b, double[] init, double[] c0,
                                       double[] c1, int inner, int j) {
        DoubleVector c0l = start(init, j);
        DoubleVector c0r = start(init, j + LANES);
        DoubleVector c1l = c0l;
        DoubleVector c1r = c0r;
        for (int k = 0; k < inner; k++) {
            double[] bk = b[k];
            DoubleVector bl = DoubleVector.fromArray(SPECIES, bk, j);
            DoubleVector br = DoubleVector.fromArray(SPECIES, bk, j + LANES);
            DoubleVector s = DoubleVector.broadcast(SPECIES, a0[k]);
            c0l = bl.fma(s, c0l);
            c0r = br.fma(s, c0r);
            s = DoubleVector.broadcast(SPECIES, a1[k]);
            c1l = bl.fma(s, c1l);
            c1r = br.fma(s, c1r);
        }
        c0l.intoArray(c0, j);
        c0r.intoArray(c0, j + LANES);
        c1l.intoArray(c1, j);
        c1r.intoArray(c1, j + LANES);
    }

    private static void productTile1x8(double[] a0, double[][] b, double[] init, double[] c0, int inner, int j) {
        DoubleVector left = start(init, j);
        DoubleVector right = start(init, j + LANES);
        for (int k = 0; k < inner; k++) {
            double[] bk = b[k];
            DoubleVector s = DoubleVector.broadcast(SPECIES, a0[k]);
            left = DoubleVector.fromArray(SPECIES, bk, j).fma(s, left);
            right = DoubleVector.fromArray(SPECIES, bk, j + LANES).fma(s, right);
        }
        left.intoArray(c0, j);
        right.intoArray(c0, j + LANES);
    }

    private static void productTile1x4(double[] a0, double[][] b, double[] init, double[] c0, int inner, int j) {
        DoubleVector sum = start(init, j);
        for (int k = 0; k < inner; k++) {
            sum = DoubleVector.fromArray(SPECIES, b[k], j).fma(DoubleVector.broadcast(SPECIES, a0[k]), sum);
        }
        sum.intoArray(c0, j);
    }

    // ---- C = A·Bᵀ ----

    /**
     * c[r][i] = Σ_k a[r][k]·b[i][k] for r &lt; rows, i &lt; cols, k &lt; inner: the product with B's transpose, read
     * from B as it is. Overwrites C. Backward: ∂L/∂X = ∂L/∂Z·Wᵀ with b = W itself ([input][unit]), so no transposed
     * copy of W has to be rebuilt after every update (for a batch of 10 through 32 × 32, the copy took 0.41 µs next to
     * the 0.74 µs product that read it).
     *
     * <p>Each output is a dot product of a row of A with a row of B, both contiguous, so the sum over k runs four
     * lanes at a time in one register. A tile of 2 rows × 4 columns keeps eight such sums: each step over k loads
     * two registers of A and four of B for eight multiply-adds. At the end, {@link #laneSums} turns a row's four
     * registers into the register of its four outputs. Leftover k (inner not a multiple of four) are added one by
     * one, leftover columns are single dot products.
     */
    static void timesTransposed(double[][] a, double[][] b, double[][] c, int rows, int inner, int cols) {
        int vectorInner = inner - inner % LANES;
        int i = 0;
        for (; i + LANES <= cols; i += LANES) {
            double[] b0 = b[i];
            double[] b1 = b[i + 1];
            double[] b2 = b[i + 2];
            double[] b3 = b[i + 3];
            int r = 0;
            for (; r + 2 <= rows; r += 2) {
                dotTile2x4(a[r], a[r + 1], b0, b1, b2, b3, c[r], c[r + 1], i, vectorInner);
            }
            if (r < rows) {
                dotTile1x4(a[r], b0, b1, b2, b3, c[r], i, vectorInner);
            }
            for (int k = vectorInner; k < inner; k++) {
                for (r = 0; r < rows; r++) {
                    double x = a[r][k];
                    double[] cr = c[r];
                    cr[i] = Math.fma(x, b0[k], cr[i]);
                    cr[i + 1] = Math.fma(x, b1[k], cr[i + 1]);
                    cr[i + 2] = Math.fma(x, b2[k], cr[i + 2]);
                    cr[i + 3] = Math.fma(x, b3[k], cr[i + 3]);
                }
            }
        }
        for (; i < cols; i++) {
            double[] bi = b[i];
            for (int r = 0; r < rows; r++) {
                double[] ar = a[r];
                double sum = 0;
                int k = 0;
                if (vectorInner > 0) {
                    DoubleVector lanes = DoubleVector.zero(SPECIES);
                    for (; k < vectorInner; k += LANES) {
                        lanes = DoubleVector.fromArray(SPECIES, ar, k).fma(DoubleVector.fromArray(SPECIES, bi, k), lanes);
                    }
                    sum = lanes.reduceLanes(VectorOperators.ADD);
                }
                for (; k < inner; k++) {
                    sum = Math.fma(ar[k], bi[k], sum);
                }
                c[r][i] = sum;
            }
        }
    }

    private static void dotTile2x4(double[] a0, double[] a1, double[] b0, double[] b1, double[] b2, double[] b3,
                                   double[] c0, double[] c1, int i, int vectorInner) {
        DoubleVector s00 = DoubleVector.zero(SPECIES), s01 = s00, s02 = s00, s03 = s00;
        DoubleVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        for (int k = 0; k < vectorInner; k += LANES) {
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, a0, k);
            DoubleVector x1 = DoubleVector.fromArray(SPECIES, a1, k);
            DoubleVector w = DoubleVector.fromArray(SPECIES, b0, k);
            s00 = x0.fma(w, s00);
            s10 = x1.fma(w, s10);
            w = DoubleVector.fromArray(SPECIES, b1, k);
            s01 = x0.fma(w, s01);
            s11 = x1.fma(w, s11);
            w = DoubleVector.fromArray(SPECIES, b2, k);
            s02 = x0.fma(w, s02);
            s12 = x1.fma(w, s12);
            w = DoubleVector.fromArray(SPECIES, b3, k);
            s03 = x0.fma(w, s03);
            s13 = x1.fma(w, s13);
        }
        laneSums(s00, s01, s02, s03).intoArray(c0, i);
        laneSums(s10, s11, s12, s13).intoArray(c1, i);
    }

    private static void dotTile1x4(double[] a0, double[] b0, double[] b1, double[] b2, double[] b3, double[] c0,
                                   int i, int vectorInner) {
        DoubleVector s0 = DoubleVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        for (int k = 0; k < vectorInner; k += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a0, k);
            s0 = x.fma(DoubleVector.fromArray(SPECIES, b0, k), s0);
            s1 = x.fma(DoubleVector.fromArray(SPECIES, b1, k), s1);
            s2 = x.fma(DoubleVector.fromArray(SPECIES, b2, k), s2);
            s3 = x.fma(DoubleVector.fromArray(SPECIES, b3, k), s3);
        }
        laneSums(s0, s1, s2, s3).intoArray(c0, i);
    }

    private static final VectorMask<Double> ODD_LANES = VectorMask.fromValues(SPECIES, false, true, false, true);
    private static final VectorMask<Double> HIGH_LANES = VectorMask.fromValues(SPECIES, false, false, true, true);
    private static final VectorShuffle<Double> SWAP_NEIGHBOURS = VectorShuffle.fromValues(SPECIES, 1, 0, 3, 2);
    private static final VectorShuffle<Double> SWAP_HALVES = VectorShuffle.fromValues(SPECIES, 2, 3, 0, 1);

    /**
     * [Σ lanes of p, Σ lanes of q, Σ lanes of r, Σ lanes of s] in one register, with blends and two lane swaps
     * instead of four separate reductions. Neighbouring lanes first: x = [p0+p1, q0+q1, p2+p3, q2+q3] and likewise
     * y from r and s; then the halves: [x0+x2, x1+x3, y0+y2, y1+y3].
     */
    private static DoubleVector laneSums(DoubleVector p, DoubleVector q, DoubleVector r, DoubleVector s) {
        DoubleVector x = p.blend(q, ODD_LANES).add(q.blend(p, ODD_LANES).rearrange(SWAP_NEIGHBOURS));
        DoubleVector y = r.blend(s, ODD_LANES).add(s.blend(r, ODD_LANES).rearrange(SWAP_NEIGHBOURS));
        return x.blend(y, HIGH_LANES).add(y.blend(x, HIGH_LANES).rearrange(SWAP_HALVES));
    }

    // ---- C = Aᵀ·B ----

    /**
     * c[i][j] = Σ_r a[r][i]·b[r][j] for i &lt; rows, j &lt; cols, r &lt; inner, without forming Aᵀ, and (unless
     * bColumnSums is null) bColumnSums[j] = Σ_r b[r][j]. Overwrites both. This is a dense layer's gradient summed
     * over a mini-batch: ∂L/∂W = Xᵀ·∂L/∂Z, and ∂L/∂b = the column sums of ∂L/∂Z. Returns Σ c[i][j]², i.e. ‖∂L/∂W‖²,
     * summed from the registers just before they are stored (the trainer needs that norm every step).
     *
     * <p>Here the sum over r runs over the mini-batch, often only ten long, so each tile's ten chains of multiply-adds
     * are short. Two things keep the multiply-add units busy anyway: as many 5-row tiles as leave a multiple of four
     * rows for 4-row tiles (ten independent sums, enough to cover the multiply-add latency; eight are not), and each
     * call of a tile runs along all the 8-wide column blocks of its rows, so the processor starts the next block's
     * sums while the last one's are still being stored (measured 20–30 % faster than a call per block, at 32 × 32).
     */
    static double transposedProduct(double[][] a, double[][] b, double[][] c, double[] bColumnSums, int rows,
                                  int inner, int cols) {
        int blocked = cols - cols % TILE_COLUMNS;   // columns the 8-wide tiles cover
        double squares = 0;
        // The first row tile also sums B's columns, whose values it loads anyway.
        double[] sums = blocked > 0 ? bColumnSums : null;
        int fives = rows / 5;
        while (fives > 0 && (rows - 5 * fives) % 4 != 0) {
            fives--;
        }
        int i = 0;
        for (; i < 5 * fives; i += 5) {
            squares += transposedTile5x8(a, b, c[i], c[i + 1], c[i + 2], c[i + 3], c[i + 4], sums, i, inner, blocked);
            sums = null;
        }
        for (; i + 4 <= rows; i += 4) {
            squares += transposedTile4x8(a, b, c[i], c[i + 1], c[i + 2], c[i + 3], sums, i, inner, blocked);
            sums = null;
        }
        if (i + 2 <= rows) {
            squares += transposedTile2x8(a, b, c[i], c[i + 1], sums, i, inner, blocked);
            sums = null;
            i += 2;
        }
        if (i < rows) {
            squares += transposedTile1x8(a, b, c[i], sums, i, inner, blocked);
        }
        DoubleVector tail = DoubleVector.zero(SPECIES);
        int j = blocked;
        for (; j + LANES <= cols; j += LANES) {
            for (i = 0; i < rows; i++) {
                DoubleVector sum = DoubleVector.zero(SPECIES);
                for (int r = 0; r < inner; r++) {
                    sum = DoubleVector.fromArray(SPECIES, b[r], j).fma(DoubleVector.broadcast(SPECIES, a[r][i]), sum);
                }
                sum.intoArray(c[i], j);
                tail = sum.fma(sum, tail);
            }
        }
        double scalarTail = 0;
        for (; j < cols; j++) {
            for (i = 0; i < rows; i++) {
                double sum = 0;
                for (int r = 0; r < inner; r++) {
                    sum = Math.fma(a[r][i], b[r][j], sum);
                }
                c[i][j] = sum;
                scalarTail = Math.fma(sum, sum, scalarTail);
            }
        }
        if (bColumnSums != null) {
            // The columns past the last 8-wide block (all of them when there were no rows to tile).
            columnSums(b, inner, rows == 0 ? 0 : blocked, cols, bColumnSums);
        }
        return squares + tail.reduceLanes(VectorOperators.ADD) + scalarTail;
    }

    // The tiles below cover rows i.. of C over its first {@code blocked} columns (a multiple of 8), one 8-wide block
    // after the other, and return their Σ c² as a double, not as a vector: C2 compiles a tile this size on its own
    // rather than inlining it, and a vector returned from a call that is not inlined is boxed on the heap (about 1 MB
    // a W3 epoch). Where {@code sums} is not null they also store B's column sums.

    private static double transposedTile5x8(double[][] a, double[][] b, double[] c0, double[] c1, double[] c2,
                                          double[] c3, double[] c4, double[] sums, int i, int inner, int blocked) {
        DoubleVector squares = DoubleVector.zero(SPECIES);
        for (int j = 0; j < blocked; j += TILE_COLUMNS) {
            DoubleVector zero = DoubleVector.zero(SPECIES);
            DoubleVector c0l = zero, c0r = zero, c1l = zero, c1r = zero, c2l = zero;
            DoubleVector c2r = zero, c3l = zero, c3r = zero, c4l = zero, c4r = zero;
            DoubleVector sl = zero, sh = zero;
            for (int r = 0; r < inner; r++) {
                double[] ar = a[r];
                double[] br = b[r];
                DoubleVector bl = DoubleVector.fromArray(SPECIES, br, j);
                DoubleVector bh = DoubleVector.fromArray(SPECIES, br, j + LANES);
                if (sums != null) {
                    sl = sl.add(bl);
                    sh = sh.add(bh);
                }
                DoubleVector s = DoubleVector.broadcast(SPECIES, ar[i]);
                c0l = bl.fma(s, c0l);
                c0r = bh.fma(s, c0r);
                s = DoubleVector.broadcast(SPECIES, ar[i + 1]);
                c1l = bl.fma(s, c1l);
                c1r = bh.fma(s, c1r);
                s = DoubleVector.broadcast(SPECIES, ar[i + 2]);
                c2l = bl.fma(s, c2l);
                c2r = bh.fma(s, c2r);
                s = DoubleVector.broadcast(SPECIES, ar[i + 3]);
                c3l = bl.fma(s, c3l);
                c3r = bh.fma(s, c3r);
                s = DoubleVector.broadcast(SPECIES, ar[i + 4]);
                c4l = bl.fma(s, c4l);
                c4r = bh.fma(s, c4r);
            }
            c0l.intoArray(c0, j);
            c0r.intoArray(c0, j + LANES);
            c1l.intoArray(c1, j);
            c1r.intoArray(c1, j + LANES);
            c2l.intoArray(c2, j);
            c2r.intoArray(c2, j + LANES);
            c3l.intoArray(c3, j);
            c3r.intoArray(c3, j + LANES);
            c4l.intoArray(c4, j);
            c4r.intoArray(c4, j + LANES);
            storeSums(sums, sl, sh, j);
            // Σ c² of the block, two independent chains.
            DoubleVector even = c0l.fma(c0l, squares).add(c1l.mul(c1l)).add(c2l.mul(c2l)).add(c3l.mul(c3l))
                    .add(c4l.mul(c4l));
            DoubleVector odd = c0r.mul(c0r).add(c1r.mul(c1r)).add(c2r.mul(c2r)).add(c3r.mul(c3r))
                    .add(c4r.mul(c4r));
            squares = even.add(odd);
        }
        return squares.reduceLanes(VectorOperators.ADD);
    }

    private static double transposedTile4x8(double[][] a, double[][] b, double[] c0, double[] c1, double[] c2,
                                          double[] c3, double[] sums, int i, int inner, int blocked) {
        DoubleVector squares = DoubleVector.zero(SPECIES);
        for (int j = 0; j < blocked; j += TILE_COLUMNS) {
            DoubleVector zero = DoubleVector.zero(SPECIES);
            DoubleVector c0l = zero, c0r = zero, c1l = zero, c1r = zero;
            DoubleVector c2l = zero, c2r = zero, c3l = zero, c3r = zero;
            DoubleVector sl = zero, sh = zero;
            for (int r = 0; r < inner; r++) {
                double[] ar = a[r];
                double[] br = b[r];
                DoubleVector bl = DoubleVector.fromArray(SPECIES, br, j);
                DoubleVector bh = DoubleVector.fromArray(SPECIES, br, j + LANES);
                if (sums != null) {
                    sl = sl.add(bl);
                    sh = sh.add(bh);
                }
                DoubleVector s = DoubleVector.broadcast(SPECIES, ar[i]);
                c0l = bl.fma(s, c0l);
                c0r = bh.fma(s, c0r);
                s = DoubleVector.broadcast(SPECIES, ar[i + 1]);
                c1l = bl.fma(s, c1l);
                c1r = bh.fma(s, c1r);
                s = DoubleVector.broadcast(SPECIES, ar[i + 2]);
                c2l = bl.fma(s, c2l);
                c2r = bh.fma(s, c2r);
                s = DoubleVector.broadcast(SPECIES, ar[i + 3]);
                c3l = bl.fma(s, c3l);
                c3r = bh.fma(s, c3r);
            }
            c0l.intoArray(c0, j);
            c0r.intoArray(c0, j + LANES);
            c1l.intoArray(c1, j);
            c1r.intoArray(c1, j + LANES);
            c2l.intoArray(c2, j);
            c2r.intoArray(c2, j + LANES);
            c3l.intoArray(c3, j);
            c3r.intoArray(c3, j + LANES);
            storeSums(sums, sl, sh, j);
            DoubleVector even = c0l.fma(c0l, squares).add(c1l.mul(c1l)).add(c2l.mul(c2l)).add(c3l.mul(c3l));
            DoubleVector odd = c0r.mul(c0r).add(c1r.mul(c1r)).add(c2r.mul(c2r)).add(c3r.mul(c3r));
            squares = even.add(odd);
        }
        return squares.reduceLanes(VectorOperators.ADD);
    }

    private static void storeSums(double[] sums, DoubleVector left, DoubleVector right, int j) {
        if (sums != null) {
            left.intoArray(sums, j);
            right.intoArray(sums, j + LANES);
        }
    }

    private static double transposedTile2x8(double[][] a, double[][] b, double[] c0, double[] c1, double[] sums,
                                          int i, int inner, int blocked) {
        DoubleVector squares = DoubleVector.zero(SPECIES);
        for (int j = 0; j < blocked; j += TILE_COLUMNS) {
            DoubleVector c0l = DoubleVector.zero(SPECIES);
            DoubleVector c0r = c0l;
            DoubleVector c1l = c0l;
            DoubleVector c1r = c0l;
            DoubleVector sl = c0l;
            DoubleVector sh = c0l;
            for (int r = 0; r < inner; r++) {
                double[] ar = a[r];
                double[] br = b[r];
                DoubleVector bl = DoubleVector.fromArray(SPECIES, br, j);
                DoubleVector bh = DoubleVector.fromArray(SPECIES, br, j + LANES);
                if (sums != null) {
                    sl = sl.add(bl);
                    sh = sh.add(bh);
                }
                DoubleVector s = DoubleVector.broadcast(SPECIES, ar[i]);
                c0l = bl.fma(s, c0l);
                c0r = bh.fma(s, c0r);
                s = DoubleVector.broadcast(SPECIES, ar[i + 1]);
                c1l = bl.fma(s, c1l);
                c1r = bh.fma(s, c1r);
            }
            c0l.intoArray(c0, j);
            c0r.intoArray(c0, j + LANES);
            c1l.intoArray(c1, j);
            c1r.intoArray(c1, j + LANES);
            storeSums(sums, sl, sh, j);
            squares = c0l.fma(c0l, squares).add(c1l.mul(c1l)).add(c0r.mul(c0r).add(c1r.mul(c1r)));
        }
        return squares.reduceLanes(VectorOperators.ADD);
    }

    private static double transposedTile1x8(double[][] a, double[][] b, double[] c0, double[] sums, int i, int inner,
                                          int blocked) {
        DoubleVector squares = DoubleVector.zero(SPECIES);
        for (int j = 0; j < blocked; j += TILE_COLUMNS) {
            DoubleVector left = DoubleVector.zero(SPECIES);
            DoubleVector right = left;
            DoubleVector sl = left;
            DoubleVector sh = left;
            for (int r = 0; r < inner; r++) {
                double[] br = b[r];
                DoubleVector bl = DoubleVector.fromArray(SPECIES, br, j);
                DoubleVector bh = DoubleVector.fromArray(SPECIES, br, j + LANES);
                if (sums != null) {
                    sl = sl.add(bl);
                    sh = sh.add(bh);
                }
                DoubleVector s = DoubleVector.broadcast(SPECIES, a[r][i]);
                left = bl.fma(s, left);
                right = bh.fma(s, right);
            }
            left.intoArray(c0, j);
            right.intoArray(c0, j + LANES);
            storeSums(sums, sl, sh, j);
            squares = left.fma(left, squares).add(right.mul(right));
        }
        return squares.reduceLanes(VectorOperators.ADD);
    }

    // ---- activations, four values at a time: tanh and σ from a Padé approximant of e^r, ELU from e^y − 1 ----

    /** a[j] = tanh z[j] for j &lt; n, to ~1e-15 relative: tanh x as {@link #padeQuotient} of 2x. */
    static void tanh(double[] z, double[] a, int n) {
        DoubleVector high = DoubleVector.broadcast(SPECIES, FastMath.TANH_LIMIT);
        DoubleVector low = high.neg();
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            DoubleVector x = clamp(DoubleVector.fromArray(SPECIES, z, j), low, high);
            padeQuotient(x.add(x), true).intoArray(a, j);
        }
        for (; j < n; j++) {
            a[j] = FastMath.tanh(z[j]);
        }
    }

    /** a[j] = σ(z[j]) for j &lt; n, to ~1e-15 relative: {@link #padeQuotient}. */
    static void sigmoid(double[] z, double[] a, int n) {
        DoubleVector high = DoubleVector.broadcast(SPECIES, FastMath.SIGMOID_LIMIT);
        DoubleVector low = high.neg();
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            DoubleVector x = clamp(DoubleVector.fromArray(SPECIES, z, j), low, high);
            padeQuotient(x, false).intoArray(a, j);
        }
        for (; j < n; j++) {
            a[j] = FastMath.sigmoid(z[j]);
        }
    }

    /**
     * x limited to [low, high], as Math.max(low, Math.min(x, high)) gives it: a NaN fails both comparisons and stays
     * NaN, and ±0 are never replaced. A compare and a blend per side; the vector max and min must follow Java's
     * rules for NaN and −0.0, which takes several blends each on AVX2 (σ of 32 values measured 14 % faster). The
     * float twin is FloatVectorActivations' clamp.
     */
    static DoubleVector clamp(DoubleVector x, DoubleVector low, DoubleVector high) {
        return x.blend(high, x.compare(VectorOperators.GT, high)).blend(low, x.compare(VectorOperators.LT, low));
    }

    /**
     * σ(v), or tanh(v/2) when {@code tanhOfHalf} is set, for |v| ≤ 40, each with one division and about a dozen
     * multiply-adds. With e^(−v) = t·e^r (t = 2^k for an integer k, |r| ≤ ln(2)/2) and e^r ≈ P(r)/P(−r), the [6/6]
     * Padé approximant (its error, ~2e-19 at |r| = 0.35, is far below double rounding):
     * σ(v) = 1/(1 + e^(−v)) = P(−r)/(P(−r) + t·P(r)) and tanh(v/2) = (1 − e^(−v))/(1 + e^(−v))
     * = (P(−r) − t·P(r))/(P(−r) + t·P(r)). With P(∓r) = E ± O (E even in r, O odd), tanh is written as
     * (E·(1 − t) + O·(1 + t))/(E·(1 + t) + O·(1 − t)), where 1 ± t is exact: for small v (k = 0) the numerator is
     * 2·O, with no cancellation, so tanh keeps its relative precision near 0. The flag is a constant at each call,
     * so the JIT compiles each caller with only its own branch.
     */
    private static DoubleVector padeQuotient(DoubleVector v, boolean tanhOfHalf) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        // −v = k·ln 2 + r, computed as q = −r = v + k·ln 2 (ln 2 in two parts, as in expm1).
        DoubleVector shifted = v.fma(-INVERSE_LN2, ROUNDING_SHIFT);
        DoubleVector k = shifted.sub(ROUNDING_SHIFT);
        DoubleVector q = k.fma(DoubleVector.broadcast(SPECIES, LN2_HIGH), v);
        q = k.fma(DoubleVector.broadcast(SPECIES, LN2_LOW), q);
        DoubleVector s = q.mul(q);
        DoubleVector even = s.fma(PADE_E3, PADE_E2).fma(s, DoubleVector.broadcast(SPECIES, PADE_E1)).fma(s, one);
        DoubleVector odd = s.fma(PADE_O2, PADE_O1).fma(s, DoubleVector.broadcast(SPECIES, 0.5)).mul(q);
        DoubleVector t = shifted.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(ONE_BITS)
                .reinterpretAsDoubles();
        if (!tanhOfHalf) {
            DoubleVector below = even.add(odd);   // P(−r)
            return below.div(even.sub(odd).fma(t, below));
        }
        DoubleVector onePlusT = one.add(t);
        DoubleVector oneMinusT = one.sub(t);
        return even.fma(oneMinusT, odd.mul(onePlusT)).div(even.fma(onePlusT, odd.mul(oneMinusT)));
    }

    /** a[j] = max(z, 0) + (e^min(z, 0) − 1) for j &lt; n: ELU, as in {@link Activation#ELU}. */
    static void elu(double[] z, double[] a, int n) {
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, z, j);
            DoubleVector negative = v.min(0.0).max(-FastMath.SIGMOID_LIMIT);
            v.max(0.0).add(expm1(negative)).intoArray(a, j);
        }
        for (; j < n; j++) {
            double v = z[j];
            a[j] = Math.max(v, 0.0) + FastMath.expm1(Math.min(v, 0.0));
        }
    }

    private static final double INVERSE_LN2 = 1 / Math.log(2);
    /** ln 2 in two parts: k·LN2_HIGH is exact for the k that occur here, LN2_LOW carries the rest. */
    private static final double LN2_HIGH = 0x1.62e42fee00000p-1;
    private static final double LN2_LOW = 0x1.a39ef35793c76p-33;
    /** 1.5·2⁵²: adding it rounds a number below 2⁵¹ in size to an integer and leaves that integer in the low bits. */
    private static final double ROUNDING_SHIFT = 0x1.8p52;
    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
    /** The [6/6] Padé approximant of e^r: P(r) = E(r²) + r·O(r²), E = 1 + E1·s + E2·s² + E3·s³, O = 1/2 + O1·s + O2·s². */
    private static final double PADE_E1 = 5.0 / 44;
    private static final double PADE_E2 = 1.0 / 792;
    private static final double PADE_E3 = 1.0 / 665280;
    private static final double PADE_O1 = 1.0 / 66;
    private static final double PADE_O2 = 1.0 / 15840;

    /**
     * e^y − 1 for |y| ≤ 40, to ~1e-16 relative. Not FastMath's repeated doubling (a chain of twelve dependent
     * operations, slow even four at a time) but the classic reduction: y = k·ln 2 + r with k an integer and
     * |r| ≤ ln(2)/2, e^r − 1 = r·(1 + r/2! + … + r¹²/13!) summed in Estrin's order, and 2^k written straight into
     * the exponent bits (a shift and an add of integers, which 256-bit registers do in one step each):
     * e^y − 1 = 2^k·(e^r − 1) + (2^k − 1), exact for k = 0, so small y keep full relative precision.
     */
    static DoubleVector expm1(DoubleVector y) {
        DoubleVector shifted = y.fma(INVERSE_LN2, ROUNDING_SHIFT);
        DoubleVector k = shifted.sub(ROUNDING_SHIFT);
        DoubleVector r = k.mul(-LN2_HIGH).add(y).add(k.mul(-LN2_LOW));
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector r8 = r4.mul(r4);
        DoubleVector c01 = r.fma(1.0 / 2, 1.0);
        DoubleVector c23 = r.fma(1.0 / 24, 1.0 / 6);
        DoubleVector c45 = r.fma(1.0 / 720, 1.0 / 120);
        DoubleVector c67 = r.fma(1.0 / 40320, 1.0 / 5040);
        DoubleVector c89 = r.fma(1.0 / 3628800, 1.0 / 362880);
        DoubleVector c1011 = r.fma(1.0 / 479001600, 1.0 / 39916800);
        DoubleVector c03 = c23.fma(r2, c01);
        DoubleVector c47 = c67.fma(r2, c45);
        DoubleVector c812 = r4.mul(1.0 / 6227020800.0).add(c1011.fma(r2, c89));
        DoubleVector q = c812.fma(r8, c47.fma(r4, c03)).mul(r);
        DoubleVector twoToK = shifted.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(ONE_BITS)
                .reinterpretAsDoubles();
        return q.fma(twoToK, twoToK.sub(1.0));
    }

    /** sums[j] = Σ_r rows[r][j] for r &lt; n, from ≤ j &lt; to. */
    private static void columnSums(double[][] rows, int n, int from, int to, double[] sums) {
        int j = from;
        for (; j + LANES <= to; j += LANES) {
            // Even and odd rows in separate registers: two chains of additions instead of one twice as long.
            DoubleVector even = DoubleVector.zero(SPECIES);
            DoubleVector odd = even;
            int r = 0;
            for (; r + 1 < n; r += 2) {
                even = even.add(DoubleVector.fromArray(SPECIES, rows[r], j));
                odd = odd.add(DoubleVector.fromArray(SPECIES, rows[r + 1], j));
            }
            if (r < n) {
                even = even.add(DoubleVector.fromArray(SPECIES, rows[r], j));
            }
            even.add(odd).intoArray(sums, j);
        }
        for (; j < to; j++) {
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += rows[r][j];
            }
            sums[j] = sum;
        }
    }

    // ---- sums of squares and the optimizer's updates ----

    /** Σ values² over all rows (each row has at least cols values). */
    static double squaredNorm(double[][] rows, int cols) {
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        double tail = 0;
        for (double[] row : rows) {
            int j = 0;
            for (; j + 4 * LANES <= cols; j += 4 * LANES) {
                DoubleVector v0 = DoubleVector.fromArray(SPECIES, row, j);
                DoubleVector v1 = DoubleVector.fromArray(SPECIES, row, j + LANES);
                DoubleVector v2 = DoubleVector.fromArray(SPECIES, row, j + 2 * LANES);
                DoubleVector v3 = DoubleVector.fromArray(SPECIES, row, j + 3 * LANES);
                s0 = v0.fma(v0, s0);
                s1 = v1.fma(v1, s1);
                s2 = v2.fma(v2, s2);
                s3 = v3.fma(v3, s3);
            }
            if (j + 2 * LANES <= cols) {
                DoubleVector v0 = DoubleVector.fromArray(SPECIES, row, j);
                DoubleVector v1 = DoubleVector.fromArray(SPECIES, row, j + LANES);
                s0 = v0.fma(v0, s0);
                s1 = v1.fma(v1, s1);
                j += 2 * LANES;
            }
            if (j + LANES <= cols) {
                DoubleVector v2 = DoubleVector.fromArray(SPECIES, row, j);
                s2 = v2.fma(v2, s2);
                j += LANES;
            }
            for (; j < cols; j++) {
                tail = Math.fma(row[j], row[j], tail);
            }
        }
        return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD) + tail;
    }

    /**
     * w ← w + (−rate·g) (sgd, rounded as the plain loop rounds it); returns Σ w² after the step, summed while each value is in a register anyway (two
     * accumulators, alternating between neighbouring groups of four). ‖Δ‖² is rate²·‖g‖², which the trainer has.
     */
    static double sgdStep(double[][] values, double[][] gradients, int cols, double rate) {
        DoubleVector minusRate = DoubleVector.broadcast(SPECIES, -rate);
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        double tail = 0;
        for (int i = 0; i < values.length; i++) {
            double[] w = values[i];
            double[] g = gradients[i];
            int j = 0;
            for (; j + 2 * LANES <= cols; j += 2 * LANES) {
                DoubleVector w0 = DoubleVector.fromArray(SPECIES, w, j)
                        .add(DoubleVector.fromArray(SPECIES, g, j).mul(minusRate));
                DoubleVector w1 = DoubleVector.fromArray(SPECIES, w, j + LANES)
                        .add(DoubleVector.fromArray(SPECIES, g, j + LANES).mul(minusRate));
                w0.intoArray(w, j);
                w1.intoArray(w, j + LANES);
                s0 = w0.fma(w0, s0);
                s1 = w1.fma(w1, s1);
            }
            if (j + LANES <= cols) {
                DoubleVector w0 = DoubleVector.fromArray(SPECIES, w, j)
                        .add(DoubleVector.fromArray(SPECIES, g, j).mul(minusRate));
                w0.intoArray(w, j);
                s0 = w0.fma(w0, s0);
                j += LANES;
            }
            for (; j < cols; j++) {
                double updated = w[j] + -rate * g[j];
                w[j] = updated;
                tail += updated * updated;
            }
        }
        return s0.add(s1).reduceLanes(VectorOperators.ADD) + tail;
    }

    /** v ← m·v − rate·g; w ← w + v (momentum). Δ = v, so ‖Δ‖² is the squared norm of the velocity afterwards. */
    static void momentumStep(double[][] values, double[][] gradients, double[][] velocity, int cols, double momentum,
                             double rate) {
        DoubleVector m = DoubleVector.broadcast(SPECIES, momentum);
        DoubleVector minusRate = DoubleVector.broadcast(SPECIES, -rate);
        for (int i = 0; i < values.length; i++) {
            double[] w = values[i];
            double[] g = gradients[i];
            double[] v = velocity[i];
            int j = 0;
            for (; j + LANES <= cols; j += LANES) {
                DoubleVector step = DoubleVector.fromArray(SPECIES, v, j).mul(m)
                        .add(DoubleVector.fromArray(SPECIES, g, j).mul(minusRate));
                step.intoArray(v, j);
                DoubleVector.fromArray(SPECIES, w, j).add(step).intoArray(w, j);
            }
            for (; j < cols; j++) {
                double step = momentum * v[j] - rate * g[j];
                v[j] = step;
                w[j] += step;
            }
        }
    }

    /**
     * Adam (see {@link Optimizer}): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; Δ = −stepSize·m/(√v/sqrtCorrection
     * + ε); w ← w + Δ, with g = gradient·gradientScale. Returns ‖Δ‖².
     */
    static double adamStep(double[][] values, double[][] gradients, double[][] first, double[][] second, int cols,
                           double gradientScale, double stepSize, double sqrtCorrection) {
        DoubleVector scale = DoubleVector.broadcast(SPECIES, gradientScale);
        DoubleVector beta1 = DoubleVector.broadcast(SPECIES, Optimizer.BETA1);
        DoubleVector oneMinusBeta1 = DoubleVector.broadcast(SPECIES, 1 - Optimizer.BETA1);
        DoubleVector beta2 = DoubleVector.broadcast(SPECIES, Optimizer.BETA2);
        DoubleVector oneMinusBeta2 = DoubleVector.broadcast(SPECIES, 1 - Optimizer.BETA2);
        DoubleVector minusStep = DoubleVector.broadcast(SPECIES, -stepSize);
        DoubleVector correction = DoubleVector.broadcast(SPECIES, sqrtCorrection);
        DoubleVector epsilon = DoubleVector.broadcast(SPECIES, Optimizer.EPSILON);
        DoubleVector squares = DoubleVector.zero(SPECIES);
        double tail = 0;
        for (int i = 0; i < values.length; i++) {
            double[] w = values[i];
            double[] g = gradients[i];
            double[] m = first[i];
            double[] v = second[i];
            int j = 0;
            for (; j + LANES <= cols; j += LANES) {
                DoubleVector grad = DoubleVector.fromArray(SPECIES, g, j).mul(scale);
                DoubleVector mj = DoubleVector.fromArray(SPECIES, m, j).mul(beta1).add(grad.mul(oneMinusBeta1));
                DoubleVector vj = DoubleVector.fromArray(SPECIES, v, j).mul(beta2)
                        .add(grad.mul(grad).mul(oneMinusBeta2));
                mj.intoArray(m, j);
                vj.intoArray(v, j);
                DoubleVector delta = minusStep.mul(mj)
                        .div(vj.lanewise(VectorOperators.SQRT).div(correction).add(epsilon));
                DoubleVector.fromArray(SPECIES, w, j).add(delta).intoArray(w, j);
                squares = delta.fma(delta, squares);
            }
            for (; j < cols; j++) {
                double grad = g[j] * gradientScale;
                double mj = Optimizer.BETA1 * m[j] + (1 - Optimizer.BETA1) * grad;
                double vj = Optimizer.BETA2 * v[j] + (1 - Optimizer.BETA2) * grad * grad;
                m[j] = mj;
                v[j] = vj;
                double delta = -stepSize * mj / (Math.sqrt(vj) / sqrtCorrection + Optimizer.EPSILON);
                w[j] += delta;
                tail += delta * delta;
            }
        }
        return squares.reduceLanes(VectorOperators.ADD) + tail;
    }
}
