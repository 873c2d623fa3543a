package org.backproplab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backproplab.engine.Activation;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.Hyperparameters;
import org.backproplab.engine.Initializer;
import org.backproplab.engine.Network;
import org.backproplab.engine.NetworkSpec;
import org.backproplab.engine.OptimizerKind;
import org.backproplab.engine.Trainer;
import org.junit.jupiter.api.Test;

/** The shipped real datasets are learnable by the engine: an MLP reaches the test accuracy on each. */
class ShippedDatasetsLearnTest {

    private final DatasetCatalog catalog = new DatasetCatalog();

    @Test
    void digitsReachesNinetyPercentTestAccuracy() {
        EpochReport last = train("digits", List.of(32), 30);
        assertThat(last.testAccuracy()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void irisReachesEightyFivePercentTestAccuracy() {
        EpochReport last = train("iris", List.of(8), 100);
        assertThat(last.testAccuracy()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void breastCancerReachesNinetyPercentTestAccuracy() {
        EpochReport last = train("breast-cancer", List.of(8), 50);
        assertThat(last.testAccuracy()).isGreaterThanOrEqualTo(0.90);
    }

    private EpochReport train(String name, List<Integer> hidden, int epochs) {
        PreparedDataset data = catalog.prepare(DatasetRequest.defaults(name));
        NetworkSpec spec = NetworkSpec.of(data.inputs(), data.task(), data.classes(), hidden, Activation.RELU,
                false, Initializer.HE, 1.0, 1L);
        Hyperparameters hyper = Hyperparameters.sgd(0.01, 16).withOptimizer(OptimizerKind.ADAM);
        Trainer trainer = new Trainer(Network.create(spec), data.train(), data.test(), hyper, 1L);
        EpochReport report = null;
        for (int epoch = 0; epoch < epochs; epoch++) {
            report = trainer.trainEpoch();
        }
        assertThat(trainer.diverged()).isFalse();
        return report;
    }
}
