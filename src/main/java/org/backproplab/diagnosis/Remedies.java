package org.backproplab.diagnosis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.backproplab.config.Choices;
import org.backproplab.config.DatasetConfig;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.RunConfig;
import org.backproplab.config.TrainingConfig;

/**
 * Builds remedies: each changes one thing in the diagnosed configuration and keeps everything else (data, seeds,
 * epochs), so the fixed run can be compared with the broken one side by side.
 */
final class Remedies {

    /** Gradient clipping threshold offered as a remedy: a global norm of 1 is the common starting point. */
    static final double CLIP_NORM = 1.0;
    /** Dropout rate offered against overfitting (inside the 0.2–0.5 range usually recommended). */
    static final double DROPOUT = 0.3;
    /**
     * L2 strength offered against overfitting when none is set. Calibrated in the lab: 0.001 and 0.01 left a
     * 64×3 ReLU network on 30 noisy circle points overfitting; 0.03 (a step of Playground's scale) stopped it.
     */
    static final double L2 = 0.03;
    /** Dropout offered to a run that drops everything: low enough to learn, still a regularizer. */
    static final double LOWER_DROPOUT = 0.2;
    /** Samples offered against overfitting on synthetic data: this many times as many, within the contract's cap. */
    static final int MORE_DATA_FACTOR = 4;
    static final int MAX_SAMPLES = 5000;

    private final RunConfig config;

    Remedies(RunConfig config) {
        this.config = config.withDefaults();
    }

    private NetworkConfig network() {
        return config.network();
    }

    private TrainingConfig training() {
        return config.training();
    }

    private Remedy remedy(String label, RunConfig fixed) {
        return new Remedy(label, fixed.withDefaults());
    }

    Remedy reluWithHe() {
        return remedy("Switch to ReLU + He init",
                config.withNetwork(network().withActivation("relu").withInitializer("he", 1.0)));
    }

    Remedy leakyRelu() {
        return remedy("Switch to Leaky ReLU", config.withNetwork(network().withActivation("leaky_relu")));
    }

    Remedy heInit() {
        return remedy("Use He init", config.withNetwork(network().withInitializer("he", 1.0)));
    }

    Remedy xavierInit() {
        return remedy("Use Xavier init", config.withNetwork(network().withInitializer("xavier", 1.0)));
    }

    /** The usual initializer for the network's activation: He for the ReLU family, Xavier otherwise. */
    Remedy suitableInit() {
        String activation = network().activation();
        return activation.contains("relu") || activation.equals("elu") ? heInit() : xavierInit();
    }

    Remedy batchNorm() {
        return remedy("Add batch normalization", config.withNetwork(network().withBatchNorm(true)));
    }

    /** Keeps the first few hidden layers; null when there is nothing to remove. */
    Remedy fewerLayers() {
        int layers = network().hiddenLayers().size();
        if (layers < 2) {
            return null;
        }
        int keep = Math.max(1, Math.min(3, layers - 1));
        return remedy("Use " + keep + " hidden layer" + (keep == 1 ? "" : "s") + " instead of " + layers,
                config.withNetwork(network().withHiddenLayers(network().hiddenLayers().subList(0, keep))));
    }

    Remedy lowerLearningRate() {
        double rate = Numbers.tidy(training().learningRate() / 10);
        return remedy("Lower the learning rate to " + Numbers.format(rate),
                config.withTraining(training().withLearningRate(rate)));
    }

    /** A learning rate {@code factor} times higher, capped at 1 (past that SGD on these tasks diverges). */
    Remedy raiseLearningRate(double factor) {
        double rate = Numbers.tidy(Math.min(1.0, training().learningRate() * factor));
        if (rate <= training().learningRate()) {
            return null;
        }
        return remedy("Raise the learning rate to " + Numbers.format(rate),
                config.withTraining(training().withLearningRate(rate)));
    }

    Remedy clipGradients() {
        Double current = training().clipNorm();
        if (current != null && current <= CLIP_NORM) {
            return null;
        }
        return remedy("Clip gradients at norm " + Numbers.format(CLIP_NORM),
                config.withTraining(training().withClipNorm(CLIP_NORM)));
    }

    Remedy dropout() {
        double rate = network().dropout() < DROPOUT ? DROPOUT : 0.5;
        if (rate <= network().dropout()) {
            return null;
        }
        return remedy("Add dropout " + Numbers.format(rate), config.withNetwork(network().withDropout(rate)));
    }

    /** A dropout rate that lets the signal through again (for a run that drops everything). */
    Remedy lowerDropout() {
        return remedy("Lower dropout to " + Numbers.format(LOWER_DROPOUT),
                config.withNetwork(network().withDropout(LOWER_DROPOUT)));
    }

    Remedy l2() {
        double strength = training().l2() < L2 ? L2 : Numbers.tidy(training().l2() * 10);
        if (strength > 10) {
            return null;
        }
        return remedy("Add L2 regularization " + Numbers.format(strength),
                config.withTraining(training().withRegularization(training().l1(), strength)));
    }

    /** More samples of the same synthetic dataset; null for fixed datasets (real or inline) or at the cap. */
    Remedy moreData() {
        DatasetConfig dataset = config.dataset();
        boolean synthetic = Choices.SYNTHETIC_DATASETS.contains(dataset.name());
        int samples = Math.min(MAX_SAMPLES, dataset.samples() * MORE_DATA_FACTOR);
        if (!synthetic || samples <= dataset.samples()) {
            return null;
        }
        return remedy("Use more data (" + samples + " samples)", config.withDataset(dataset.withSamples(samples)));
    }

    /** Half as many layers and half as many units per layer (at least one layer of two units); null if minimal. */
    Remedy smallerNetwork() {
        List<Integer> layers = network().hiddenLayers();
        if (layers.isEmpty()) {
            return null;
        }
        int keep = Math.max(1, (layers.size() + 1) / 2);
        List<Integer> smaller = new ArrayList<>();
        for (int i = 0; i < keep; i++) {
            smaller.add(Math.max(2, layers.get(i) / 2));
        }
        if (smaller.equals(layers)) {
            return null;
        }
        return remedy("Use a smaller network (" + shape(smaller) + ")",
                config.withNetwork(network().withHiddenLayers(smaller)));
    }

    private static String shape(List<Integer> layers) {
        boolean uniform = Collections.frequency(layers, layers.getFirst()) == layers.size();
        if (uniform) {
            return layers.size() + "×" + layers.getFirst();
        }
        return String.join("-", layers.stream().map(String::valueOf).toList());
    }

    /** The non-null remedies in order. */
    static List<Remedy> list(Remedy... remedies) {
        List<Remedy> list = new ArrayList<>();
        for (Remedy remedy : remedies) {
            if (remedy != null) {
                list.add(remedy);
            }
        }
        return List.copyOf(list);
    }
}
