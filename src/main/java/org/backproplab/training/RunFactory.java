package org.backproplab.training;

import java.util.ArrayList;
import java.util.List;
import org.backproplab.config.DatasetConfig;
import org.backproplab.config.FieldError;
import org.backproplab.config.InvalidConfigException;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.RunConfig;
import org.backproplab.config.RunConfigValidator;
import org.backproplab.config.TrainingConfig;
import org.backproplab.datasets.DatasetCatalog;
import org.backproplab.datasets.DatasetException;
import org.backproplab.datasets.DatasetRequest;
import org.backproplab.datasets.InlineData;
import org.backproplab.datasets.PreparedDataset;
import org.backproplab.datasets.UserData;
import org.backproplab.diagnosis.RunDiagnosis;
import org.backproplab.engine.Activation;
import org.backproplab.engine.BatchNormWeights;
import org.backproplab.engine.DenseWeights;
import org.backproplab.engine.Hyperparameters;
import org.backproplab.engine.Initializer;
import org.backproplab.engine.Network;
import org.backproplab.engine.NetworkSpec;
import org.backproplab.engine.OptimizerKind;
import org.backproplab.engine.Task;
import org.backproplab.engine.Trainer;

/**
 * Turns a run configuration into what a run trains with: the prepared data, the network, its trainer and the
 * diagnosis. Checks everything first and reports every problem with its field path: the contract's ranges (the
 * {@link RunConfigValidator}), then the server's limits, then what only the data can tell (inline data, weight
 * shapes against the inputs and outputs).
 */
final class RunFactory {

    /** Everything a new run needs; {@code config} has every default filled in. */
    record RunParts(RunConfig config, PreparedDataset data, Trainer trainer, RunDiagnosis diagnosis) {
    }

    private final DatasetCatalog catalog;
    private final RunConfigValidator validator;
    private final TrainingLimits limits;

    RunFactory(DatasetCatalog catalog, RunConfigValidator validator, TrainingLimits limits) {
        this.catalog = catalog;
        this.validator = validator;
        this.limits = limits;
    }

    RunParts build(RunConfig requested) {
        if (requested == null) {
            throw new InvalidConfigException("config", "a run configuration is required");
        }
        List<FieldError> errors = new ArrayList<>(validator.validate(requested));
        RunConfig config = requested.withDefaults();
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        checkEpochLimit(config.training(), limits, errors);
        PreparedDataset data = prepareData(config.dataset(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        NetworkConfig n = config.network();
        int outputs = data.task() == Task.MULTICLASS ? data.classes() : 1;
        long parameters = parameterCount(data.inputs(), n.hiddenLayers(), outputs, n.batchNorm());
        if (parameters > limits.maxParameters()) {
            errors.add(new FieldError("network.hiddenLayers", "the network would have " + parameters
                    + " parameters; this server allows at most " + limits.maxParameters()
                    + ": use fewer or smaller layers"));
        }
        checkWeightShapes(n, data.inputs(), outputs, errors);
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        NetworkSpec spec;
        try {
            spec = new NetworkSpec(data.inputs(), data.task(), data.classes(), n.hiddenLayers(),
                    n.activationPerLayer().stream().map(Activation::fromId).toList(), n.batchNorm(),
                    Initializer.fromId(n.initializer()), n.initScale(), config.training().seed(),
                    startWeights(n.weights()));
        } catch (IllegalArgumentException e) {
            // The checks above mirror the engine's; this only fires if they ever drift apart.
            throw new InvalidConfigException(n.weights() == null ? "network" : "network.weights", e.getMessage());
        }
        Network network;
        try {
            network = Network.create(spec, startBatchNorm(n));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("network.weights", e.getMessage());
        }
        Trainer trainer = new Trainer(network, data.train(), data.test(),
                hyperparameters(config.training(), n.dropout()), config.training().seed());
        RunDiagnosis diagnosis = new RunDiagnosis(config, data.task(), data.classes(),
                data.task() == Task.REGRESSION ? variance(data.train().y()) : null);
        return new RunParts(config, data, trainer, diagnosis);
    }

    /** The engine's knobs for a (defaults-filled) training section and dropout rate. */
    static Hyperparameters hyperparameters(TrainingConfig t, double dropout) {
        return new Hyperparameters(OptimizerKind.fromId(t.optimizer()), t.learningRate(), t.momentum(),
                t.batchSize(), dropout, t.l1(), t.l2(), t.clipNorm());
    }

    static void checkEpochLimit(TrainingConfig t, TrainingLimits limits, List<FieldError> errors) {
        if (t.epochs() > limits.maxEpochs()) {
            errors.add(new FieldError("training.epochs", "must be 1.." + limits.maxEpochs()
                    + " on this server, was " + t.epochs()));
        }
    }

    /**
     * Trainable parameters: per dense layer (fanIn + 1) · units, plus γ and β per hidden unit with batch norm.
     * The running mean and variance are not trained and not counted (as Keras counts them apart).
     */
    static long parameterCount(int inputs, List<Integer> hidden, int outputs, boolean batchNorm) {
        long count = 0;
        int fanIn = inputs;
        for (int units : hidden) {
            count += (long) (fanIn + 1) * units + (batchNorm ? 2L * units : 0);
            fanIn = units;
        }
        return count + (long) (fanIn + 1) * outputs;
    }

    /**
     * The examples a run with these (defaults-filled) dataset settings trains on, exactly as {@link #build} prepares
     * them; throws {@link InvalidConfigException} naming the field when the data cannot be prepared.
     */
    PreparedDataset prepareData(DatasetConfig dataset) {
        List<FieldError> errors = new ArrayList<>();
        PreparedDataset data = prepareData(dataset, errors);
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return data;
    }

    private PreparedDataset prepareData(DatasetConfig d, List<FieldError> errors) {
        try {
            if (d.isInline()) {
                Task task = Task.fromId(d.task());
                DatasetConfig.InlineSplit test = d.test();
                UserData userData = InlineData.of(task, d.train().x(), d.train().y(),
                        test == null ? null : test.x(), test == null ? null : test.y());
                return catalog.fromUserData(userData, d.testFraction(), d.seed());
            }
            return catalog.prepare(new DatasetRequest(d.name(), d.samples(), d.noise(), d.testFraction(),
                    d.features(), d.seed()));
        } catch (DatasetException e) {
            errors.add(new FieldError(e.field(), e.getMessage()));
            return null;
        }
    }

    /**
     * The shapes only the data decides: the first kernel's rows (network inputs) and the output layer's units.
     * The validator has already checked that the layers agree with each other (every kernel row has one value
     * per unit of its layer), so the output kernel's rows are right once its bias is.
     */
    private static void checkWeightShapes(NetworkConfig n, int inputs, int outputs, List<FieldError> errors) {
        List<NetworkConfig.LayerWeights> weights = n.weights();
        if (weights == null || weights.isEmpty()) {
            return;
        }
        if (weights.get(0).kernel().length != inputs) {
            errors.add(new FieldError("network.weights[0].kernel", "needs " + inputs
                    + " rows (one per network input), was " + weights.get(0).kernel().length));
        }
        int last = weights.size() - 1;
        NetworkConfig.LayerWeights output = weights.get(last);
        if (output.bias().length != outputs) {
            errors.add(new FieldError("network.weights[" + last + "].bias", "the output layer has " + outputs
                    + " units, bias has " + output.bias().length + " values"));
        }
    }

    /** The targets' variance: the loss of always predicting their mean, which the diagnosis compares against. */
    private static Double variance(double[] y) {
        if (y.length == 0) {
            return null;
        }
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double sum = 0;
        for (double v : y) {
            sum += (v - mean) * (v - mean);
        }
        return sum / y.length;
    }

    /** The saved batch-norm parameters of a restarted batch-normalized network (null entries: fresh values). */
    private static List<BatchNormWeights> startBatchNorm(NetworkConfig n) {
        if (n.weights() == null || !n.batchNorm()) {
            return null;
        }
        List<BatchNormWeights> norms = new java.util.ArrayList<>();
        for (int l = 0; l < n.hiddenLayers().size(); l++) {
            NetworkConfig.LayerWeights w = n.weights().get(l);
            boolean saved = w.gamma() != null || w.beta() != null || w.movingMean() != null || w.movingVariance() != null;
            norms.add(saved ? new BatchNormWeights(w.gamma(), w.beta(), w.movingMean(), w.movingVariance()) : null);
        }
        return norms;
    }

    private static List<DenseWeights> startWeights(List<NetworkConfig.LayerWeights> weights) {
        if (weights == null) {
            return null;
        }
        return weights.stream().map(w -> new DenseWeights(w.kernel(), w.bias())).toList();
    }
}
