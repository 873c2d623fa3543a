package org.backproplab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch gradient descent on one network, one step at a time under the caller's control (so a scheduler can
 * time-slice many trainings, pause and resume them).
 *
 * <p>One step on a mini-batch of n examples:
 * <ol>
 *   <li>forward pass in training mode (dropout on, batch statistics for batch norm);</li>
 *   <li>loss = mean over the batch of the task's loss + l1·Σ|w| + l2·Σw² over all kernels;</li>
 *   <li>backward pass: ∂loss/∂parameter for every parameter; the penalty adds l1·sign(w) + 2·l2·w to kernel
 *       gradients;</li>
 *   <li>clipping: if the global norm ‖g‖ (all gradients, biases and batch norm included) exceeds clipNorm, every
 *       gradient is scaled by clipNorm/‖g‖;</li>
 *   <li>the optimizer's update (see {@link Optimizer}).</li>
 * </ol>
 * Each epoch visits the training set once in an order drawn from a seeded generator; the last batch may be
 * smaller. Same network, data, hyperparameters and seed → bit-identical reports.
 *
 * <p>Any non-finite loss, activation, gradient or weight stops training: the trainer then reports where it happened
 * ({@link EpochReport#nonFinite()}) and ignores further training calls. Nothing throws.
 */
public final class Trainer {

    private final Network network;
    private final Samples train;
    private final Samples test;
    private final SplittableRandom shuffleRandom;
    private final SplittableRandom dropoutRandom;
    private final List<Parameter> parameters;
    private final Optimizer optimizer;
    private final EpochEvaluator evaluator;
    private final int[] order;
    private final double[][] batchX;
    private final double[] batchY;
    private final double[] gradientSquared;
    private final double[] deltaSquared;
    private final double[] valueSquared;
    private final double[] lanes;
    /** Per dense layer: ‖kernel‖² now, and the sums behind the report's per-step means. */
    private final double[] kernelSquared;
    private final double[] gradientNormSum;
    private final double[] updateRatioSum;
    private final int[] updateRatioCount;
    private int stepsThisEpoch;

    private Hyperparameters hyper;
    private BatchBuffers buffers;
    private int cursor;
    private int epoch;
    private EpochReport lastReport;
    private NonFinite nonFinite;
    private int lastStepRows;
    private double lastStepDropout;

    public Trainer(Network network, Samples train, Samples test, Hyperparameters hyper, long shuffleSeed) {
        this.network = network;
        this.train = train;
        this.test = test == null ? Samples.empty(network.inputs()) : test;
        this.hyper = hyper;
        checkSamples("train", train, true);
        checkSamples("test", this.test, false);
        shuffleRandom = new SplittableRandom(shuffleSeed);
        dropoutRandom = shuffleRandom.split();
        parameters = Parameter.of(network);
        optimizer = new Optimizer(parameters);
        evaluator = new EpochEvaluator(network, train, this.test);
        order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        batchX = new double[Math.min(1024, train.size())][];
        batchY = new double[batchX.length];
        gradientSquared = new double[parameters.size()];
        deltaSquared = new double[parameters.size()];
        valueSquared = new double[parameters.size()];
        int maxColumns = 1;
        for (Parameter p : parameters) {
            maxColumns = Math.max(maxColumns, p.columns());
        }
        lanes = new double[maxColumns];
        int layers = network.denseLayerCount();
        kernelSquared = new double[layers];
        gradientNormSum = new double[layers];
        updateRatioSum = new double[layers];
        updateRatioCount = new int[layers];
        for (int l = 0; l < layers; l++) {
            kernelSquared[l] = Parameter.squaredNorm(network.dense(l).kernel, lanes);
        }
    }

    /** Takes effect from the next mini-batch; nothing is reset (optimizer state, epoch, position in the epoch). */
    public void setHyperparameters(Hyperparameters hyper) {
        if (hyper == null) {
            throw new IllegalArgumentException("hyperparameters are required");
        }
        this.hyper = hyper;
    }

    public Hyperparameters hyperparameters() {
        return hyper;
    }

    public Network network() {
        return network;
    }

    /** Epochs completed (an epoch ended by divergence counts). */
    public int epoch() {
        return epoch;
    }

    /** True once a non-finite value was seen; training calls then do nothing. */
    public boolean diverged() {
        return nonFinite != null;
    }

    /** The report of the last finished epoch, or null before the first. */
    public EpochReport lastReport() {
        return lastReport;
    }

    /** Trains until the current epoch ends (or training diverges) and returns its report. */
    public EpochReport trainEpoch() {
        while (!diverged()) {
            if (trainBatch()) {
                break;
            }
        }
        return lastReport;
    }

    /**
     * One optimizer step on the next mini-batch. Returns true if this step ended an epoch — or ended training by
     * divergence — in which case {@link #lastReport()} holds the new report. Returns false (doing nothing) once
     * diverged.
     */
    public boolean trainBatch() {
        if (diverged()) {
            return false;
        }
        if (cursor == 0) {
            shuffle();
        }
        int n = Math.min(hyper.batchSize(), train.size() - cursor);
        for (int k = 0; k < n; k++) {
            int row = order[cursor + k];
            batchX[k] = train.x()[row];
            batchY[k] = train.y()[row];
        }
        cursor += n;
        step(n);
        if (diverged()) {
            finishEpoch();
            return true;
        }
        if (cursor >= train.size()) {
            finishEpoch();
            return true;
        }
        return false;
    }

    /**
     * The dropout masks of the last training step (per hidden layer, {@code [example * units + unit]}, true =
     * kept), or an empty list when that step used no dropout.
     */
    public List<boolean[]> lastDropoutMasks() {
        DropoutStep step = lastDropoutStep();
        return step == null ? List.of() : step.kept();
    }

    /** The last training step's dropout (rate, scale 1/(1−rate), masks), or null when it used none. */
    public DropoutStep lastDropoutStep() {
        if (lastStepRows == 0 || lastStepDropout == 0 || buffers == null) {
            return null;
        }
        List<boolean[]> masks = new ArrayList<>();
        for (int l = 0; l < network.hiddenLayerCount(); l++) {
            int units = network.units(l);
            boolean[] kept = new boolean[lastStepRows * units];
            for (int r = 0; r < lastStepRows; r++) {
                for (int j = 0; j < units; j++) {
                    kept[r * units + j] = buffers.dropoutMultipliers[l][r][j] != 0;
                }
            }
            masks.add(kept);
        }
        return new DropoutStep(lastStepDropout, DropoutStep.scaleFor(lastStepDropout), lastStepRows, masks);
    }

    private void shuffle() {
        // Fisher–Yates with the seeded generator: the order depends only on the seed and the epoch number.
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffleRandom.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private void step(int n) {
        if (buffers == null || buffers.capacity < n) {
            buffers = new BatchBuffers(network, n, true);
        }
        double dropout = hyper.dropout();
        buffers.dropoutActive = dropout > 0 && network.hiddenLayerCount() > 0;
        if (buffers.dropoutActive) {
            drawDropoutMasks(n, dropout);
        }
        lastStepRows = n;
        lastStepDropout = buffers.dropoutActive ? dropout : 0;

        int output = network.hiddenLayerCount();
        network.forward(buffers, batchX, n, true, true);
        double loss = network.outputLoss().lossAndGradient(buffers.sums[output], batchY, n, buffers.gradients[output]);
        if (!Double.isFinite(loss)) {
            nonFinite = locateNonFiniteForward(n);
            return;
        }
        network.backward(buffers, batchX, n);
        addPenaltyGradients();

        double globalSquared = 0;
        for (int p = parameters.size() - 1; p >= 0; p--) {
            gradientSquared[p] = parameters.get(p).squaredGradientNorm(lanes);
            globalSquared += gradientSquared[p];
        }
        if (!Double.isFinite(globalSquared)) {
            // Backpropagation runs from the output layer down: report the first layer it reached.
            for (int l = network.denseLayerCount() - 1; l >= 0 && nonFinite == null; l--) {
                for (int p = 0; p < parameters.size(); p++) {
                    if (parameters.get(p).layer() == l && !Double.isFinite(gradientSquared[p])) {
                        nonFinite = new NonFinite(l + 1, "gradient");
                        break;
                    }
                }
            }
            return;
        }
        double scale = 1;
        if (hyper.clipNorm() != null) {
            double norm = Math.sqrt(globalSquared);
            if (norm > hyper.clipNorm()) {
                scale = hyper.clipNorm() / norm;
            }
        }
        optimizer.step(hyper, scale, gradientSquared, deltaSquared, valueSquared);

        stepsThisEpoch++;
        int firstNonFiniteWeight = Integer.MAX_VALUE;
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            int l = parameter.layer();
            if (!Double.isFinite(valueSquared[p])) {
                firstNonFiniteWeight = Math.min(firstNonFiniteWeight, l);
            }
            if (parameter.isKernel()) {
                gradientNormSum[l] += Math.sqrt(gradientSquared[p]);
                if (kernelSquared[l] > 0) {
                    updateRatioSum[l] += Math.sqrt(deltaSquared[p] / kernelSquared[l]);
                    updateRatioCount[l]++;
                }
                kernelSquared[l] = valueSquared[p];
            }
        }
        if (firstNonFiniteWeight != Integer.MAX_VALUE) {
            nonFinite = new NonFinite(firstNonFiniteWeight + 1, "weight");
        }
    }

    /** Inverted dropout: each hidden unit of each example survives with probability 1 − rate. */
    private void drawDropoutMasks(int n, double rate) {
        buffers.ensureDropout(network);
        double scale = DropoutStep.scaleFor(rate);
        for (int l = 0; l < network.hiddenLayerCount(); l++) {
            int units = network.units(l);
            double[][] mult = buffers.dropoutMultipliers[l];
            for (int r = 0; r < n; r++) {
                double[] m = mult[r];
                for (int j = 0; j < units; j++) {
                    m[j] = dropoutRandom.nextDouble() >= rate ? scale : 0.0;
                }
            }
        }
    }

    /** ∂/∂w of l1·Σ|w| + l2·Σw² is l1·sign(w) + 2·l2·w, added to every kernel gradient. */
    private void addPenaltyGradients() {
        double l1 = hyper.l1();
        double twoL2 = 2 * hyper.l2();
        if (l1 == 0 && twoL2 == 0) {
            return;
        }
        for (int l = 0; l < network.denseLayerCount(); l++) {
            network.dense(l).addPenaltyGradient(l1, twoL2);
        }
    }

    /** l1·Σ|w| + l2·Σw² over all kernels. */
    static double penalty(Network network, double l1, double l2) {
        if (l1 == 0 && l2 == 0) {
            return 0;
        }
        double sum = 0;
        for (int l = 0; l < network.denseLayerCount(); l++) {
            for (double[] row : network.dense(l).kernel) {
                for (double w : row) {
                    sum += l1 * Math.abs(w) + l2 * w * w;
                }
            }
        }
        return sum;
    }

    /**
     * Test hook for gradient checks: the loss (batch mean + penalty) of the network on one fixed batch in training
     * mode, with fixed dropout multipliers ({@code [hiddenLayer][example][unit]}, null for no dropout); leaves the
     * analytic gradients (penalty included) in the network's layers. Running averages are not moved.
     */
    static double lossAndGradients(Network network, double[][] x, double[] y, double[][][] dropoutMultipliers,
                                   double l1, double l2) {
        int n = x.length;
        BatchBuffers buffers = new BatchBuffers(network, n, true);
        if (dropoutMultipliers != null) {
            buffers.ensureDropout(network);
            for (int l = 0; l < network.hiddenLayerCount(); l++) {
                for (int r = 0; r < n; r++) {
                    System.arraycopy(dropoutMultipliers[l][r], 0, buffers.dropoutMultipliers[l][r], 0,
                            network.units(l));
                }
            }
            buffers.dropoutActive = true;
        }
        int output = network.hiddenLayerCount();
        network.forward(buffers, x, n, true, false);
        double loss = network.outputLoss().lossAndGradient(buffers.sums[output], y, n, buffers.gradients[output]);
        network.backward(buffers, x, n);
        for (int l = 0; l < network.denseLayerCount(); l++) {
            network.dense(l).addPenaltyGradient(l1, 2 * l2);
        }
        return loss + penalty(network, l1, l2);
    }

    /** After a non-finite loss: the first layer whose activations (or logits) are not finite, else the loss. */
    private NonFinite locateNonFiniteForward(int n) {
        int hidden = network.hiddenLayerCount();
        for (int l = 0; l <= hidden; l++) {
            double[][] values = l < hidden ? buffers.output(l) : buffers.sums[hidden];
            for (int r = 0; r < n; r++) {
                for (double v : values[r]) {
                    if (!Double.isFinite(v)) {
                        return new NonFinite(l + 1, "activation");
                    }
                }
            }
        }
        return new NonFinite(hidden + 1, "loss");
    }

    private void finishEpoch() {
        epoch++;
        cursor = 0;
        int layers = network.denseLayerCount();
        double[] gradientNorm = new double[layers];
        double[] weightNorm = new double[layers];
        double[] updateRatio = new double[layers];
        for (int l = 0; l < layers; l++) {
            gradientNorm[l] = stepsThisEpoch > 0 ? gradientNormSum[l] / stepsThisEpoch : Double.NaN;
            weightNorm[l] = Math.sqrt(kernelSquared[l]);
            updateRatio[l] = updateRatioCount[l] > 0 ? updateRatioSum[l] / updateRatioCount[l] : Double.NaN;
        }
        double penalty = penalty(network, hyper.l1(), hyper.l2());
        lastReport = evaluator.report(epoch, penalty, gradientNorm, weightNorm, updateRatio, nonFinite);
        java.util.Arrays.fill(gradientNormSum, 0);
        java.util.Arrays.fill(updateRatioSum, 0);
        java.util.Arrays.fill(updateRatioCount, 0);
        stepsThisEpoch = 0;
    }

    private void checkSamples(String name, Samples samples, boolean required) {
        if (samples == null) {
            throw new IllegalArgumentException(name + " samples are required");
        }
        if (required && samples.size() == 0) {
            throw new IllegalArgumentException(name + " must contain at least one example");
        }
        network.checkInputs(samples.x());
        for (int r = 0; r < samples.size(); r++) {
            for (double v : samples.x()[r]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(name + ".x[" + r + "] contains a non-finite value");
                }
            }
            double y = samples.y()[r];
            boolean ok = switch (network.task()) {
                case BINARY -> y == 0 || y == 1;
                case MULTICLASS -> y == Math.rint(y) && y >= 0 && y < network.outputs();
                case REGRESSION -> Double.isFinite(y);
            };
            if (!ok) {
                throw new IllegalArgumentException(name + ".y[" + r + "] = " + y + " is not a valid "
                        + network.task().id() + " target" + switch (network.task()) {
                            case BINARY -> " (0 or 1)";
                            case MULTICLASS -> " (0.." + (network.outputs() - 1) + ")";
                            case REGRESSION -> " (a finite number)";
                        });
            }
        }
    }
}
