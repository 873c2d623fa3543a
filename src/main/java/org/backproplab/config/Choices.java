package org.backproplab.config;

import java.util.List;

/** The names the contract allows for each enumerated setting. */
public final class Choices {

    public static final List<String> SYNTHETIC_DATASETS = List.of("circle", "xor", "gauss", "spiral", "moons", "plane", "multi-gauss");
    public static final List<String> ACTIVATIONS = List.of("linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu");
    public static final List<String> INITIALIZERS = List.of("xavier", "he", "lecun", "zeros", "normal");
    public static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "adam");
    public static final List<String> TASKS = List.of("binary", "multiclass", "regression");

    public static final int MAX_HIDDEN_LAYERS = 12;
    public static final int MAX_UNITS = 256;
    public static final int MIN_SAMPLES = 10;
    public static final int MAX_SAMPLES = 5000;
    public static final double MAX_NOISE = 0.5;
    public static final double MIN_TEST_FRACTION = 0.1;
    public static final double MAX_TEST_FRACTION = 0.9;
    public static final double MAX_INIT_SCALE = 10.0;
    public static final double MAX_LEARNING_RATE = 10.0;
    public static final int MAX_BATCH_SIZE = 1024;
    public static final int MAX_EPOCHS = 100_000;
    /** Regularization strengths beyond this only zero the weights; TensorFlow Playground stops at 10 too. */
    public static final double MAX_REGULARIZATION = 10.0;
    public static final double MAX_CLIP_NORM = 1e6;

    private Choices() {
    }
}
