package org.backproplab.walkthroughs.ui;

import java.util.List;
import org.backproplab.config.DatasetConfig;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.RunConfig;
import org.backproplab.config.TrainingConfig;
import org.backproplab.datasets.DatasetCatalog;
import org.backproplab.datasets.DatasetRequest;
import org.backproplab.datasets.PreparedDataset;
import org.backproplab.engine.Activation;
import org.backproplab.engine.DenseWeights;
import org.backproplab.engine.Hyperparameters;
import org.backproplab.engine.Initializer;
import org.backproplab.engine.Network;
import org.backproplab.engine.NetworkSpec;
import org.backproplab.engine.OptimizerKind;
import org.backproplab.engine.Trainer;

/**
 * Builds the small, server-side networks the explainers train in place (the step-through and the dropout
 * explainer), from a run configuration, the same way a lab run would: same data, same initial weights, same
 * shuffle and dropout seed. These never go through the training service: they are a few milliseconds of work,
 * done once per page view.
 */
final class ExplainerNetworks {

    private ExplainerNetworks() {
    }

    /** The configuration's named dataset, generated and split. Inline data is not explainer material. */
    static PreparedDataset data(RunConfig config, DatasetCatalog catalog) {
        DatasetConfig d = config.withDefaults().dataset();
        if (d.isInline()) {
            throw new IllegalArgumentException("the explainers need a named dataset, not inline data");
        }
        return catalog.prepare(new DatasetRequest(d.name(), d.samples(), d.noise(), d.testFraction(), d.features(),
                d.seed()));
    }

    /** A fresh network for this configuration and data (initializer seeded with {@code training.seed}). */
    static Network network(RunConfig config, PreparedDataset data) {
        RunConfig c = config.withDefaults();
        NetworkConfig n = c.network();
        List<DenseWeights> start = n.weights() == null ? null
                : n.weights().stream().map(w -> new DenseWeights(w.kernel(), w.bias())).toList();
        NetworkSpec spec = new NetworkSpec(data.inputs(), data.task(), data.classes(), n.hiddenLayers(),
                n.activationPerLayer().stream().map(Activation::fromId).toList(), n.batchNorm(),
                Initializer.fromId(n.initializer()), n.initScale(), c.training().seed(), start);
        return Network.create(spec);
    }

    /** The engine's knobs for this configuration, with another dropout rate. */
    static Hyperparameters hyperparameters(RunConfig config, double dropout) {
        TrainingConfig t = config.withDefaults().training();
        return new Hyperparameters(OptimizerKind.fromId(t.optimizer()), t.learningRate(), t.momentum(),
                t.batchSize(), dropout, t.l1(), t.l2(), t.clipNorm());
    }

    /** A trainer as a lab run of this configuration would have, but with the given dropout rate. */
    static Trainer trainer(RunConfig config, PreparedDataset data, double dropout) {
        return new Trainer(network(config, data), data.train(), data.test(), hyperparameters(config, dropout),
                config.withDefaults().training().seed());
    }
}
