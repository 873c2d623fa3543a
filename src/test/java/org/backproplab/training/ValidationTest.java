package org.backproplab.training;

import static org.backproplab.training.TrainingTestSupport.await;
import static org.backproplab.training.TrainingTestSupport.small;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import org.backproplab.config.DatasetConfig;
import org.backproplab.config.FieldError;
import org.backproplab.config.InvalidConfigException;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.NetworkConfig.LayerWeights;
import org.backproplab.config.RunConfig;
import org.backproplab.config.TrainingConfig;
import org.backproplab.datasets.DatasetCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every refusal names its field; what passes builds a run that trains. */
class ValidationTest {

    private TrainingService service;

    @BeforeEach
    void startService() {
        service = new TrainingService(TrainingLimits.defaults().withMaxParameters(2000).withMaxEpochs(1000),
                new DatasetCatalog(), Clock.systemUTC());
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    private List<String> fieldsOf(RunConfig config) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> service.start(config, new RunOwner.Api(), false));
        e.errors().forEach(error -> assertTrue(!error.message().isBlank(), error.toString()));
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void contractRangesAndNamesAreCheckedField() {
        RunConfig bad = new RunConfig(new DatasetConfig("spirals", null, 0.9, null, null, null, null, null, null),
                new NetworkConfig(null, "swish", null, null, null, null, null, null),
                new TrainingConfig(null, 0.0, null, 0, null, null, null, null, null));
        List<String> fields = fieldsOf(bad);
        assertTrue(fields.containsAll(List.of("dataset.name", "dataset.noise", "network.activation",
                "training.learningRate", "training.batchSize")), fields.toString());
        assertEquals(0, service.activeRuns());
    }

    @Test
    void serverLimitsOnEpochsAndNetworkSize() {
        assertEquals(List.of("training.epochs"), fieldsOf(small(5000)));
        RunConfig big = small(10).withNetwork(new NetworkConfig(List.of(64, 64), null, null, null, null, null, null,
                null));
        List<String> fields = fieldsOf(big);
        assertEquals(List.of("network.hiddenLayers"), fields);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> service.start(big, new RunOwner.Api(), false));
        assertTrue(e.getMessage().contains("4417") && e.getMessage().contains("2000"), e.getMessage());
    }

    @Test
    void parameterCountMatchesTheEngine() {
        TrainingRun run = service.start(small(10).withNetwork(new NetworkConfig(List.of(7, 3), null, null, null, null,
                true, null, null)), new RunOwner.Api(), true);
        int engineCount = run.inspect(network -> network.parameterCount());
        assertEquals(engineCount, RunFactory.parameterCount(2, List.of(7, 3), 1, true));
    }

    @Test
    void weightShapesAreCheckedAgainstTheDataAndTheLayers() {
        // gauss has 2 inputs and 1 output; hidden layer of 3 units.
        LayerWeights wrongInputs = LayerWeights.dense(new double[5][3], new double[3]);
        LayerWeights wrongOutputs = LayerWeights.dense(new double[3][2], new double[2]);
        List<String> fields = fieldsOf(withWeights(List.of(wrongInputs, wrongOutputs)));
        assertEquals(List.of("network.weights[0].kernel", "network.weights[1].bias"), fields);

        LayerWeights raggedHidden = LayerWeights.dense(new double[][] {{1, 2, 3}, {1, 2}}, new double[3]);
        LayerWeights output = LayerWeights.dense(new double[3][1], new double[1]);
        assertEquals(List.of("network.weights[0].kernel[1]"), fieldsOf(withWeights(List.of(raggedHidden, output))));
        assertEquals(List.of("network.weights"), fieldsOf(withWeights(List.of(output))));
    }

    @Test
    void givenWeightsAreWhereTheNetworkStarts() {
        LayerWeights hidden = LayerWeights.dense(new double[][] {{0.1, -0.2, 0.3}, {0.4, 0.5, -0.6}},
                new double[] {0.01, 0.02, 0.03});
        LayerWeights output = LayerWeights.dense(new double[][] {{0.7}, {-0.8}, {0.9}}, new double[] {0.1});
        TrainingRun run = service.start(withWeights(List.of(hidden, output)), new RunOwner.Api(), true);
        List<LayerWeights> model = run.model();
        assertArrayEquals(hidden.kernel()[1], model.get(0).kernel()[1]);
        assertArrayEquals(output.bias(), model.get(1).bias());
        assertNull(model.get(0).gamma(), "no batch norm, no batch-norm fields");
        double[][] y = run.predict(new double[][] {{0.5, -0.5}});
        assertEquals(1, y.length);
        assertTrue(y[0][0] > 0 && y[0][0] < 1, "a probability");
    }

    @Test
    void batchNormParametersAreExportedForHiddenLayersOnly() {
        RunConfig config = small(3).withNetwork(new NetworkConfig(List.of(4, 4), "relu", null, "he", null, true, null,
                null));
        TrainingRun run = service.start(config, new RunOwner.Api(), false);
        await(run.completion());
        List<LayerWeights> model = run.model();
        assertEquals(3, model.size());
        assertEquals(4, model.get(0).gamma().length);
        assertNotNull(model.get(1).movingVariance());
        assertNull(model.get(2).gamma(), "the output layer has no batch norm");
    }

    @Test
    void inlineDataIsCheckedWithFieldPathsAndTrains() {
        double[][] ragged = {{0, 0}, {1}, {1, 1}, {0, 1}};
        assertTrue(fieldsOf(inline("binary", ragged, new double[] {0, 1, 1, 0})).getFirst()
                .startsWith("dataset.train.x"));
        double[][] x = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0.1, 0.1}, {0.9, 0.1}, {0.1, 0.9}, {0.9, 0.9}};
        assertTrue(fieldsOf(inline("binary", x, new double[] {0, 1, 1, 2, 0, 1, 1, 0})).getFirst()
                .startsWith("dataset.train.y"));
        List<String> missing = fieldsOf(new RunConfig(new DatasetConfig("inline", null, null, null, null, null, null,
                null, null), null, null));
        assertTrue(missing.containsAll(List.of("dataset.task", "dataset.train")), missing.toString());

        TrainingRun run = service.start(inline("binary", x, new double[] {0, 1, 1, 0, 0, 1, 1, 0}),
                new RunOwner.Api(), false);
        assertEquals(RunState.COMPLETED, await(run.completion()).state());
        assertEquals(20, run.epoch());
        assertEquals("inline", run.config().dataset().name());
    }

    private static RunConfig withWeights(List<LayerWeights> weights) {
        return small(10).withNetwork(new NetworkConfig(List.of(3), "tanh", null, null, null, null, null, weights));
    }

    private static RunConfig inline(String task, double[][] x, double[] y) {
        return new RunConfig(new DatasetConfig("inline", null, null, null, null, null, task,
                new DatasetConfig.InlineSplit(x, y), null),
                new NetworkConfig(List.of(4), null, null, null, null, null, null, null),
                new TrainingConfig(null, null, null, 4, 20, null, null, null, null));
    }
}
