package org.backproplab.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.backproplab.config.NetworkConfig.LayerWeights;
import org.backproplab.engine.Activation;
import org.backproplab.engine.BatchNormWeights;
import org.backproplab.engine.DenseWeights;
import org.backproplab.engine.Hyperparameters;
import org.backproplab.engine.Initializer;
import org.backproplab.engine.Network;
import org.backproplab.engine.NetworkSpec;
import org.backproplab.engine.OptimizerKind;
import org.backproplab.engine.Samples;
import org.backproplab.engine.Task;
import org.backproplab.engine.Trainer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The TensorFlow.js export of networks trained by the engine: structure, and (with Node) the same predictions. */
class TfjsModelExportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    /** The cases cover every activation, batch norm on and off, and all three tasks. */
    enum Case {
        BINARY_TANH(Task.BINARY, 2, List.of(Activation.TANH, Activation.RELU), false),
        BINARY_BATCH_NORM_LEAKY(Task.BINARY, 3, List.of(Activation.LEAKY_RELU, Activation.TANH), true),
        MULTICLASS_ELU_SIGMOID(Task.MULTICLASS, 3, List.of(Activation.ELU, Activation.SIGMOID), false),
        MULTICLASS_BATCH_NORM_LINEAR_RELU(Task.MULTICLASS, 4, List.of(Activation.LINEAR, Activation.RELU), true),
        REGRESSION_NO_HIDDEN(Task.REGRESSION, 2, List.of(), false),
        REGRESSION_LEAKY(Task.REGRESSION, 2, List.of(Activation.LEAKY_RELU), false);

        final Task task;
        final int inputs;
        final List<Activation> activations;
        final boolean batchNorm;

        Case(Task task, int inputs, List<Activation> activations, boolean batchNorm) {
            this.task = task;
            this.inputs = inputs;
            this.activations = activations;
            this.batchNorm = batchNorm;
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void exportHasKerasTopologyManifestAndWeightBytes(Case c) throws IOException {
        Network network = trained(c);
        Map<String, byte[]> files = unzip(TfjsModelExport.zip(exportOf(network, c)));
        JsonNode model = JSON.readTree(files.get("model.json"));

        assertEquals("layers-model", model.get("format").asString());
        assertTrue(model.has("generatedBy") && model.has("convertedBy"));
        JsonNode layers = model.at("/modelTopology/config/layers");
        assertEquals("Sequential", model.at("/modelTopology/class_name").asString());
        assertEquals("InputLayer", layers.get(0).get("class_name").asString());
        assertEquals(c.inputs, layers.get(0).at("/config/batch_input_shape/1").asInt());

        List<String> expectedClasses = new ArrayList<>(List.of("InputLayer"));
        for (Activation activation : c.activations) {
            expectedClasses.add("Dense");
            if (c.batchNorm) {
                expectedClasses.add("BatchNormalization");
                if (activation != Activation.LINEAR && activation != Activation.LEAKY_RELU) {
                    expectedClasses.add("Activation");
                }
            }
            if (activation == Activation.LEAKY_RELU) {
                expectedClasses.add("LeakyReLU");
            }
        }
        expectedClasses.add("Dense");
        List<String> classes = new ArrayList<>();
        layers.forEach(layer -> classes.add(layer.get("class_name").asString()));
        assertEquals(expectedClasses, classes);

        JsonNode output = layers.get(layers.size() - 1).get("config");
        assertEquals(TfjsModelExport.outputActivation(c.task), output.get("activation").asString());
        assertEquals(network.outputs(), output.get("units").asInt());
        for (JsonNode layer : layers) {
            if (layer.get("class_name").asString().equals("BatchNormalization")) {
                assertEquals(0.99, layer.at("/config/momentum").asDouble());
                assertEquals(0.001, layer.at("/config/epsilon").asDouble());
            }
            if (layer.get("class_name").asString().equals("LeakyReLU")) {
                assertEquals(0.01, layer.at("/config/alpha").asDouble());
            }
        }

        JsonNode manifest = model.get("weightsManifest");
        assertEquals(1, manifest.size());
        assertEquals(TfjsModelExport.WEIGHTS_FILE, manifest.at("/0/paths/0").asString());
        int floats = 0;
        List<String> names = new ArrayList<>();
        for (JsonNode spec : manifest.at("/0/weights")) {
            assertEquals("float32", spec.get("dtype").asString());
            int size = 1;
            for (JsonNode dimension : spec.get("shape")) {
                size *= dimension.asInt();
            }
            floats += size;
            names.add(spec.get("name").asString());
        }
        // Every dense kernel and bias, plus gamma, beta, moving mean and moving variance per batch-norm unit.
        int expectedFloats = 0;
        for (DenseWeights w : network.weights()) {
            expectedFloats += w.kernel().length * w.bias().length + w.bias().length;
        }
        for (BatchNormWeights norm : network.batchNormWeights()) {
            expectedFloats += 4 * norm.gamma().length;
        }
        assertEquals(c.batchNorm ? c.activations.size() : 0, network.batchNormWeights().size());
        assertEquals(expectedFloats, floats, "manifest sizes " + names);
        assertEquals(4L * floats, files.get(TfjsModelExport.WEIGHTS_FILE).length);

        // The first kernel's first values sit at the start of the binary, row-major, little-endian float32.
        ByteBuffer bytes = ByteBuffer.wrap(files.get(TfjsModelExport.WEIGHTS_FILE)).order(ByteOrder.LITTLE_ENDIAN);
        double[][] kernel = network.weights().getFirst().kernel();
        assertEquals("dense_1/kernel", names.getFirst());
        assertEquals((float) kernel[0][0], bytes.getFloat(0));
        if (kernel[0].length > 1) {
            assertEquals((float) kernel[0][1], bytes.getFloat(4));
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void tensorFlowJsInNodePredictsWhatTheEngineDoes(Case c) throws Exception {
        var node = NodeTfjs.find();
        if (node.isEmpty()) {
            System.out.println("SKIPPED tfjs-in-Node comparison: " + NodeTfjs.unavailableReason());
        }
        Assumptions.assumeTrue(node.isPresent(), () -> "tfjs in Node unavailable: " + NodeTfjs.unavailableReason());
        Network network = trained(c);
        Path directory = Files.createDirectories(temp.resolve(c.name()));
        for (Map.Entry<String, byte[]> file : unzip(TfjsModelExport.zip(exportOf(network, c))).entrySet()) {
            Files.write(directory.resolve(file.getKey()), file.getValue());
        }
        double[][] x = randomRows(c.inputs, 25, 99);
        double[][] expected = network.predict(x);
        double[][] actual = node.get().predict(directory, x);
        assertEquals(expected.length, actual.length);
        for (int r = 0; r < x.length; r++) {
            assertArrayEquals(expected[r], actual[r], 1e-5, "row " + r);
        }
    }

    @Test
    void batchNormLayerWithoutItsParametersIsRejected() {
        LayerWeights hidden = LayerWeights.dense(new double[][] {{1, 2}}, new double[] {0, 0});
        LayerWeights out = LayerWeights.dense(new double[][] {{1}, {1}}, new double[] {0});
        var network = new TfjsModelExport.Network(List.of("relu"), true, Task.BINARY, List.of(hidden, out));
        try {
            TfjsModelExport.files(network);
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("batch-norm parameters are missing"));
            return;
        }
        throw new AssertionError("an export without batch-norm parameters must fail");
    }

    /** A few epochs of training, so weights and batch-norm statistics are far from their starting values. */
    static Network trained(Case c) {
        int classes = c.task == Task.MULTICLASS ? 3 : 2;
        NetworkSpec spec = new NetworkSpec(c.inputs, c.task, classes, c.activations.stream().map(a -> 5).toList(),
                new ArrayList<>(c.activations), c.batchNorm, Initializer.XAVIER, 1.0, 7, null);
        Network network = Network.create(spec);
        double[][] x = randomRows(c.inputs, 120, 5);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = x[i][0] + 0.5 * x[i][1];
            y[i] = switch (c.task) {
                case BINARY -> s > 0 ? 1 : 0;
                case MULTICLASS -> s < -0.5 ? 0 : s < 0.5 ? 1 : 2;
                case REGRESSION -> 2 * s + 0.3;
            };
        }
        Samples samples = new Samples(x, y);
        Trainer trainer = new Trainer(network, samples, samples,
                new Hyperparameters(OptimizerKind.ADAM, 0.02, 0.9, 16, 0, 0, 0, null), 3);
        for (int epoch = 0; epoch < 15; epoch++) {
            trainer.trainEpoch();
        }
        return trainer.network();
    }

    static TfjsModelExport.Network exportOf(Network network, Case c) {
        List<LayerWeights> weights = new ArrayList<>();
        List<DenseWeights> dense = network.weights();
        List<BatchNormWeights> norms = network.batchNormWeights();
        for (int i = 0; i < dense.size(); i++) {
            DenseWeights d = dense.get(i);
            if (i < norms.size()) {
                BatchNormWeights n = norms.get(i);
                weights.add(new LayerWeights(d.kernel(), d.bias(), n.gamma(), n.beta(), n.movingMean(),
                        n.movingVariance()));
            } else {
                weights.add(LayerWeights.dense(d.kernel(), d.bias()));
            }
        }
        return new TfjsModelExport.Network(c.activations.stream().map(Activation::id).toList(), c.batchNorm, c.task,
                weights);
    }

    static double[][] randomRows(int columns, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][columns];
        for (double[] row : x) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextDouble(-2, 2);
            }
        }
        return x;
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
