package org.backproplab.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.backproplab.config.NetworkConfig.LayerWeights;
import org.backproplab.engine.Task;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained network in the TensorFlow.js LayersModel format: {@code model.json} (a Keras {@code Sequential}
 * topology plus a weights manifest) and one float32 little-endian weight file, as {@code tf.loadLayersModel} reads
 * them.
 *
 * <p>Layer mapping. A hidden layer without batch norm becomes {@code Dense(units, activation)}; with batch norm it
 * becomes {@code Dense(units, linear) → BatchNormalization → Activation(activation)}, because our batch norm sits
 * between the weighted sum and the activation. Leaky ReLU (slope 0.01) is a separate {@code LeakyReLU} layer, since
 * Keras has no activation string for it. Dropout is left out: it is the identity at inference. The output layer is
 * {@code Dense(1, sigmoid)} (binary), {@code Dense(K, softmax)} (multiclass) or {@code Dense(1, linear)}
 * (regression).
 */
public final class TfjsModelExport {

    /** The weight file's name inside the zip and in the manifest. */
    public static final String WEIGHTS_FILE = "group1-shard1of1.bin";
    public static final String MODEL_FILE = "model.json";
    /** Keras' BatchNormalization defaults; the engine's batch norm uses the same epsilon at inference. */
    static final double BATCH_NORM_MOMENTUM = 0.99;
    static final double BATCH_NORM_EPSILON = 0.001;
    static final double LEAKY_RELU_ALPHA = 0.01;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What the export needs to know about a network.
     *
     * @param hiddenActivations one contract activation name per hidden layer
     * @param batchNorm         whether hidden layers carry batch normalization
     * @param task              decides the output activation
     * @param weights           one entry per dense layer, output layer last, Keras layout (batch-norm fields on
     *                          hidden layers when {@code batchNorm})
     */
    public record Network(List<String> hiddenActivations, boolean batchNorm, Task task, List<LayerWeights> weights) {

        public Network {
            hiddenActivations = List.copyOf(hiddenActivations);
            weights = List.copyOf(weights);
            if (weights.size() != hiddenActivations.size() + 1) {
                throw new IllegalArgumentException("expected " + (hiddenActivations.size() + 1)
                        + " weight entries, got " + weights.size());
            }
        }

        public int inputs() {
            return weights.getFirst().kernel().length;
        }
    }

    /** The two files of the export. */
    public record Files(String modelJson, byte[] weights) {
    }

    private TfjsModelExport() {
    }

    /** The export as a zip holding {@code model.json} and {@link #WEIGHTS_FILE}. */
    public static byte[] zip(Network network) {
        Files files = files(network);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(MODEL_FILE));
            zip.write(files.modelJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(WEIGHTS_FILE));
            zip.write(files.weights());
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** {@code model.json} and the weight bytes. */
    public static Files files(Network network) {
        Builder builder = new Builder();
        builder.inputLayer(network.inputs());
        for (int i = 0; i < network.hiddenActivations().size(); i++) {
            builder.hiddenLayer(network.weights().get(i), network.hiddenActivations().get(i), network.batchNorm());
        }
        builder.dense(network.weights().getLast(), outputActivation(network.task()));

        Map<String, Object> topology = new LinkedHashMap<>();
        topology.put("class_name", "Sequential");
        topology.put("config", Map.of("name", "backprop_lab", "layers", builder.layers));
        topology.put("keras_version", "tfjs-layers 4.22.0");
        topology.put("backend", "tensor_flow.js");

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("format", "layers-model");
        model.put("generatedBy", "Backprop Lab");
        model.put("convertedBy", "Backprop Lab TensorFlow.js export");
        model.put("modelTopology", topology);
        model.put("weightsManifest", List.of(Map.of("paths", List.of(WEIGHTS_FILE), "weights", builder.specs)));
        return new Files(JSON.writeValueAsString(model), builder.weightBytes());
    }

    static String outputActivation(Task task) {
        return switch (task) {
            case BINARY -> "sigmoid";
            case MULTICLASS -> "softmax";
            case REGRESSION -> "linear";
        };
    }

    /** Collects layer configs, weight specs and weight values in one pass, so their orders cannot drift apart. */
    private static final class Builder {
        final List<Map<String, Object>> layers = new ArrayList<>();
        final List<Map<String, Object>> specs = new ArrayList<>();
        final List<float[]> values = new ArrayList<>();
        private int dense;
        private int batchNorm;
        private int activation;
        private int leaky;

        void inputLayer(int inputs) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("batch_input_shape", java.util.Arrays.asList(null, inputs));
            config.put("dtype", "float32");
            config.put("sparse", false);
            config.put("name", "input_1");
            layers.add(layer("InputLayer", config));
        }

        void hiddenLayer(LayerWeights weights, String activationId, boolean withBatchNorm) {
            boolean leakyRelu = "leaky_relu".equals(activationId);
            String keras = kerasActivation(activationId);
            if (!withBatchNorm) {
                dense(weights, leakyRelu ? "linear" : keras);
            } else {
                dense(weights, "linear");
                batchNormalization(weights);
                if (!leakyRelu && !"linear".equals(keras)) {
                    Map<String, Object> config = new LinkedHashMap<>();
                    config.put("name", "activation_" + (++activation));
                    config.put("trainable", true);
                    config.put("dtype", "float32");
                    config.put("activation", keras);
                    layers.add(layer("Activation", config));
                }
            }
            if (leakyRelu) {
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("name", "leaky_re_lu_" + (++leaky));
                config.put("trainable", true);
                config.put("dtype", "float32");
                config.put("alpha", LEAKY_RELU_ALPHA);
                layers.add(layer("LeakyReLU", config));
            }
        }

        void dense(LayerWeights weights, String kerasActivation) {
            String name = "dense_" + (++dense);
            int units = weights.bias().length;
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("name", name);
            config.put("trainable", true);
            config.put("dtype", "float32");
            config.put("units", units);
            config.put("activation", kerasActivation);
            config.put("use_bias", true);
            config.put("kernel_initializer", Map.of("class_name", "Zeros", "config", Map.of()));
            config.put("bias_initializer", Map.of("class_name", "Zeros", "config", Map.of()));
            layers.add(layer("Dense", config));
            weight(name + "/kernel", List.of(weights.kernel().length, units), flatten(weights.kernel()));
            weight(name + "/bias", List.of(units), toFloats(weights.bias()));
        }

        void batchNormalization(LayerWeights weights) {
            String name = "batch_normalization_" + (++batchNorm);
            int units = weights.bias().length;
            if (weights.gamma() == null || weights.beta() == null || weights.movingMean() == null
                    || weights.movingVariance() == null) {
                throw new IllegalArgumentException(name + ": batch-norm parameters are missing");
            }
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("name", name);
            config.put("trainable", true);
            config.put("dtype", "float32");
            config.put("axis", -1);
            config.put("momentum", BATCH_NORM_MOMENTUM);
            config.put("epsilon", BATCH_NORM_EPSILON);
            config.put("center", true);
            config.put("scale", true);
            layers.add(layer("BatchNormalization", config));
            weight(name + "/gamma", List.of(units), toFloats(weights.gamma()));
            weight(name + "/beta", List.of(units), toFloats(weights.beta()));
            weight(name + "/moving_mean", List.of(units), toFloats(weights.movingMean()));
            weight(name + "/moving_variance", List.of(units), toFloats(weights.movingVariance()));
        }

        private void weight(String name, List<Integer> shape, float[] data) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("name", name);
            spec.put("shape", shape);
            spec.put("dtype", "float32");
            specs.add(spec);
            values.add(data);
        }

        byte[] weightBytes() {
            int count = values.stream().mapToInt(v -> v.length).sum();
            ByteBuffer buffer = ByteBuffer.allocate(Float.BYTES * count).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] block : values) {
                for (float v : block) {
                    buffer.putFloat(v);
                }
            }
            return buffer.array();
        }

        private static Map<String, Object> layer(String className, Map<String, Object> config) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("class_name", className);
            layer.put("config", config);
            return layer;
        }
    }

    /** The Keras activation string for a contract activation name; leaky ReLU is a layer, handled apart. */
    static String kerasActivation(String activationId) {
        return switch (activationId) {
            case "linear", "sigmoid", "tanh", "relu", "elu" -> activationId;
            case "leaky_relu" -> "linear";
            default -> throw new IllegalArgumentException("unknown activation '" + activationId + "'");
        };
    }

    /** Row-major flattening of a {@code [inputs][units]} kernel, the order TensorFlow.js expects. */
    private static float[] flatten(double[][] kernel) {
        int columns = kernel.length == 0 ? 0 : kernel[0].length;
        float[] out = new float[kernel.length * columns];
        for (int r = 0; r < kernel.length; r++) {
            for (int c = 0; c < columns; c++) {
                out[r * columns + c] = (float) kernel[r][c];
            }
        }
        return out;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
