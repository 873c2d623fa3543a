package org.backproplab.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a configuration against the contract's ranges and names. It reports every bad field (not only the first)
 * with its path and the allowed values. Checks that need the data (input size, inline values, weight shapes against
 * the inputs) happen where the data is loaded.
 */
public final class RunConfigValidator {

    private final Set<String> datasetNames;

    /** @param datasetNames every dataset name the server knows (synthetic and shipped), without {@code inline} */
    public RunConfigValidator(Collection<String> datasetNames) {
        this.datasetNames = Set.copyOf(datasetNames);
    }

    /** The errors of {@code config} (defaults filled in first); empty when it is valid. */
    public List<FieldError> validate(RunConfig config) {
        RunConfig full = config.withDefaults();
        Errors errors = new Errors();
        checkDataset(full.dataset(), errors);
        checkNetwork(full.network(), errors);
        checkTraining(full.training(), errors);
        return errors.list;
    }

    /** Throws {@link InvalidConfigException} listing every bad field; returns the config with defaults otherwise. */
    public RunConfig requireValid(RunConfig config) {
        List<FieldError> errors = validate(config);
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return config.withDefaults();
    }

    /** The allowed dataset names, in a stable order, for messages. */
    public List<String> datasetNames() {
        List<String> names = new ArrayList<>(datasetNames);
        names.sort(String::compareTo);
        names.add(DatasetConfig.INLINE);
        return names;
    }

    private void checkDataset(DatasetConfig d, Errors errors) {
        if (!d.isInline() && !datasetNames.contains(d.name())) {
            errors.add("dataset.name", "unknown dataset '" + d.name() + "'; allowed: " + String.join(", ", datasetNames()));
        }
        errors.range("dataset.samples", d.samples(), Choices.MIN_SAMPLES, Choices.MAX_SAMPLES);
        errors.range("dataset.noise", d.noise(), 0.0, Choices.MAX_NOISE);
        errors.range("dataset.testFraction", d.testFraction(), Choices.MIN_TEST_FRACTION, Choices.MAX_TEST_FRACTION);
        checkFeatures(d.features(), errors);
        if (d.isInline()) {
            if (d.task() == null || !Choices.TASKS.contains(d.task())) {
                errors.add("dataset.task", "inline data needs a task; allowed: " + String.join(", ", Choices.TASKS));
            }
            if (d.train() == null || d.train().x() == null || d.train().y() == null) {
                errors.add("dataset.train", "inline data needs train.x (rows of numbers) and train.y (one label per row)");
            }
        } else if (d.task() != null || d.train() != null || d.test() != null) {
            errors.add("dataset.name", "task, train and test apply only to dataset 'inline'");
        }
    }

    private static void checkFeatures(List<String> features, Errors errors) {
        if (features.isEmpty()) {
            errors.add("dataset.features", "choose at least one of " + String.join(", ", DatasetConfig.ALL_FEATURES));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String feature : features) {
            if (!DatasetConfig.ALL_FEATURES.contains(feature)) {
                errors.add("dataset.features", "unknown feature '" + feature + "'; allowed: " + String.join(", ", DatasetConfig.ALL_FEATURES));
            } else if (!seen.add(feature)) {
                errors.add("dataset.features", "feature '" + feature + "' is listed twice");
            }
        }
    }

    private static void checkNetwork(NetworkConfig n, Errors errors) {
        List<Integer> layers = n.hiddenLayers();
        if (layers.size() > Choices.MAX_HIDDEN_LAYERS) {
            errors.add("network.hiddenLayers", "at most " + Choices.MAX_HIDDEN_LAYERS + " hidden layers, was " + layers.size());
        }
        for (int i = 0; i < layers.size(); i++) {
            Integer units = layers.get(i);
            if (units == null || units < 1 || units > Choices.MAX_UNITS) {
                errors.add("network.hiddenLayers[" + i + "]", "units must be 1.." + Choices.MAX_UNITS + ", was " + units);
            }
        }
        errors.choice("network.activation", n.activation(), Choices.ACTIVATIONS);
        if (n.activations() != null) {
            if (n.activations().size() != layers.size()) {
                errors.add("network.activations", "needs one activation per hidden layer (" + layers.size() + "), was " + n.activations().size());
            }
            for (int i = 0; i < n.activations().size(); i++) {
                errors.choice("network.activations[" + i + "]", n.activations().get(i), Choices.ACTIVATIONS);
            }
        }
        errors.choice("network.initializer", n.initializer(), Choices.INITIALIZERS);
        if (!(n.initScale() > 0 && n.initScale() <= Choices.MAX_INIT_SCALE)) {
            errors.add("network.initScale", "must be > 0 and <= " + Choices.MAX_INIT_SCALE + ", was " + n.initScale());
        }
        errors.range("network.dropout", n.dropout(), 0.0, 1.0);
        checkWeights(n, errors);
    }

    /** Shapes that can be checked without the data: one entry per dense layer, units matching the hidden layers. */
    private static void checkWeights(NetworkConfig n, Errors errors) {
        List<NetworkConfig.LayerWeights> weights = n.weights();
        if (weights == null) {
            return;
        }
        List<Integer> layers = n.hiddenLayers();
        if (weights.size() != layers.size() + 1) {
            errors.add("network.weights", "needs " + (layers.size() + 1) + " entries (one per hidden layer plus the output layer), was " + weights.size());
            return;
        }
        for (int i = 0; i < weights.size(); i++) {
            String path = "network.weights[" + i + "]";
            NetworkConfig.LayerWeights w = weights.get(i);
            if (w == null || w.kernel() == null || w.bias() == null) {
                errors.add(path, "needs a kernel [inputs][units] and a bias [units]");
                continue;
            }
            int units = w.bias().length;
            if (i < layers.size() && units != layers.get(i)) {
                errors.add(path + ".bias", "layer has " + layers.get(i) + " units, bias has " + units + " values");
            }
            for (int row = 0; row < w.kernel().length; row++) {
                if (w.kernel()[row] == null || w.kernel()[row].length != units) {
                    errors.add(path + ".kernel[" + row + "]", "needs " + units + " values (one per unit)");
                    break;
                }
            }
            if (i > 0 && i - 1 < layers.size() && w.kernel().length != layers.get(i - 1)) {
                errors.add(path + ".kernel", "needs " + layers.get(i - 1) + " rows (the previous layer's units), was " + w.kernel().length);
            }
            if (!allFinite(w)) {
                errors.add(path, "weights must be finite numbers");
            }
        }
    }

    private static boolean allFinite(NetworkConfig.LayerWeights w) {
        for (double[] row : w.kernel()) {
            if (row != null) {
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        return false;
                    }
                }
            }
        }
        for (double v : w.bias()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static void checkTraining(TrainingConfig t, Errors errors) {
        errors.choice("training.optimizer", t.optimizer(), Choices.OPTIMIZERS);
        if (!(t.learningRate() > 0 && t.learningRate() <= Choices.MAX_LEARNING_RATE)) {
            errors.add("training.learningRate", "must be > 0 and <= " + Choices.MAX_LEARNING_RATE + ", was " + t.learningRate());
        }
        if (!(t.momentum() >= 0 && t.momentum() < 1)) {
            errors.add("training.momentum", "must be >= 0 and < 1, was " + t.momentum());
        }
        errors.range("training.batchSize", t.batchSize(), 1, Choices.MAX_BATCH_SIZE);
        errors.range("training.epochs", t.epochs(), 1, Choices.MAX_EPOCHS);
        errors.range("training.l1", t.l1(), 0.0, Choices.MAX_REGULARIZATION);
        errors.range("training.l2", t.l2(), 0.0, Choices.MAX_REGULARIZATION);
        if (t.clipNorm() != null && !(t.clipNorm() > 0 && t.clipNorm() <= Choices.MAX_CLIP_NORM)) {
            errors.add("training.clipNorm", "must be empty (no clipping) or > 0 and <= " + Choices.MAX_CLIP_NORM + ", was " + t.clipNorm());
        }
    }

    /** Collects errors with uniform wording. */
    private static final class Errors {
        final List<FieldError> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new FieldError(field, message));
        }

        void range(String field, double value, double min, double max) {
            if (!(value >= min && value <= max)) {
                add(field, "must be " + format(min) + ".." + format(max) + ", was " + format(value));
            }
        }

        void range(String field, int value, int min, int max) {
            if (value < min || value > max) {
                add(field, "must be " + min + ".." + max + ", was " + value);
            }
        }

        void choice(String field, String value, List<String> allowed) {
            if (!allowed.contains(value)) {
                add(field, "unknown value '" + value + "'; allowed: " + String.join(", ", allowed));
            }
        }
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
