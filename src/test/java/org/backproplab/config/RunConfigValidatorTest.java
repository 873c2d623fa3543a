package org.backproplab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunConfigValidatorTest {

    private final RunConfigValidator validator = new RunConfigValidator(List.of("spiral", "circle", "xor", "digits"));

    @Test
    void defaultsAreTheContractsDefaultsAndValid() {
        RunConfig config = RunConfig.defaults();
        assertThat(config.dataset().name()).isEqualTo("spiral");
        assertThat(config.dataset().samples()).isEqualTo(500);
        assertThat(config.dataset().noise()).isEqualTo(0.1);
        assertThat(config.dataset().testFraction()).isEqualTo(0.5);
        assertThat(config.dataset().features()).containsExactly("x1", "x2");
        assertThat(config.network().hiddenLayers()).containsExactly(8, 8, 8, 8);
        assertThat(config.network().activation()).isEqualTo("tanh");
        assertThat(config.network().initializer()).isEqualTo("xavier");
        assertThat(config.network().dropout()).isZero();
        assertThat(config.training().optimizer()).isEqualTo("sgd");
        assertThat(config.training().learningRate()).isEqualTo(0.03);
        assertThat(config.training().batchSize()).isEqualTo(10);
        assertThat(config.training().epochs()).isEqualTo(500);
        assertThat(config.training().clipNorm()).isNull();
        assertThat(validator.validate(config)).isEmpty();
    }

    @Test
    void everyBadFieldIsNamedWithItsRange() {
        RunConfig bad = new RunConfig(
                new DatasetConfig("mnist", 3, 0.9, 0.95, List.of("x3"), 1L, null, null, null),
                new NetworkConfig(List.of(8, 300), "swish", null, "glorot", -1.0, false, 1.5, null),
                new TrainingConfig("rmsprop", 0.0, 1.0, 0, 0, -1.0, 11.0, -2.0, 1L));
        List<FieldError> errors = validator.validate(bad);
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
                "dataset.name", "dataset.samples", "dataset.noise", "dataset.testFraction", "dataset.features",
                "network.hiddenLayers[1]", "network.activation", "network.initializer", "network.initScale",
                "network.dropout", "training.optimizer", "training.learningRate", "training.momentum",
                "training.batchSize", "training.epochs", "training.l1", "training.l2", "training.clipNorm");
        assertThat(errors).filteredOn(e -> e.field().equals("dataset.samples")).first()
                .extracting(FieldError::message).isEqualTo("must be 10..5000, was 3");
        assertThat(errors).filteredOn(e -> e.field().equals("network.activation")).first()
                .extracting(FieldError::message).asString().contains("linear, sigmoid, tanh, relu, leaky_relu, elu");
        assertThat(errors).filteredOn(e -> e.field().equals("dataset.name")).first()
                .extracting(FieldError::message).asString().contains("digits").contains("inline");
    }

    @Test
    void tooManyLayersAndMismatchedPerLayerActivations() {
        RunConfig config = new RunConfig(null,
                new NetworkConfig(List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), null, List.of("relu"), null, null, null, null, null),
                null);
        assertThat(validator.validate(config)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("network.hiddenLayers", "network.activations");
    }

    @Test
    void weightShapesThatCanBeCheckedWithoutData() {
        NetworkConfig.LayerWeights hidden = NetworkConfig.LayerWeights.dense(new double[][]{{1, 2, 3}, {4, 5, 6}}, new double[]{0, 0, 0});
        NetworkConfig.LayerWeights output = NetworkConfig.LayerWeights.dense(new double[][]{{1}, {2}}, new double[]{0});
        RunConfig config = new RunConfig(null, new NetworkConfig(List.of(3), null, null, null, null, null, null, List.of(hidden, output)), null);
        assertThat(validator.validate(config)).extracting(FieldError::field).containsExactly("network.weights[1].kernel");
    }

    @Test
    void inlineDataNeedsTaskAndTrain() {
        RunConfig config = new RunConfig(new DatasetConfig("inline", null, null, null, null, null, "ranking", null, null), null, null);
        assertThat(validator.validate(config)).extracting(FieldError::field).containsExactlyInAnyOrder("dataset.task", "dataset.train");
    }

    @Test
    void requireValidThrowsWithAllErrors() {
        RunConfig config = new RunConfig(null, null, new TrainingConfig(null, 20.0, null, 2000, null, null, null, null, null));
        assertThatThrownBy(() -> validator.requireValid(config))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("training.learningRate")
                .hasMessageContaining("training.batchSize");
    }
}
