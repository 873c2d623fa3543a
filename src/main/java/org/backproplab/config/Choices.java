package org.backproplab.config;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.backproplab.datasets.DatasetLimits;
import org.backproplab.engine.Activation;
import org.backproplab.engine.Initializer;
import org.backproplab.engine.NetworkSpec;
import org.backproplab.engine.OptimizerKind;
import org.backproplab.engine.Task;

/**
 * The names and ranges the contract allows for each setting. Names and limits owned by the engine or the datasets
 * are taken from there, so the validator and the code that runs can never disagree.
 */
public final class Choices {

    public static final List<String> SYNTHETIC_DATASETS = List.of("circle", "xor", "gauss", "spiral", "moons", "plane", "multi-gauss");
    public static final List<String> ACTIVATIONS = ids(Activation.values(), Activation::id);
    public static final List<String> INITIALIZERS = ids(Initializer.values(), Initializer::id);
    public static final List<String> OPTIMIZERS = ids(OptimizerKind.values(), OptimizerKind::id);
    public static final List<String> TASKS = ids(Task.values(), Task::id);

    public static final int MAX_HIDDEN_LAYERS = NetworkSpec.MAX_HIDDEN_LAYERS;
    public static final int MAX_UNITS = NetworkSpec.MAX_UNITS;
    public static final int MIN_SAMPLES = DatasetLimits.MIN_SAMPLES;
    public static final int MAX_SAMPLES = DatasetLimits.MAX_SAMPLES;
    public static final double MAX_NOISE = DatasetLimits.MAX_NOISE;
    public static final double MIN_TEST_FRACTION = DatasetLimits.MIN_TEST_FRACTION;
    public static final double MAX_TEST_FRACTION = DatasetLimits.MAX_TEST_FRACTION;
    public static final double MAX_INIT_SCALE = 10.0;
    public static final double MAX_LEARNING_RATE = 10.0;
    public static final int MAX_BATCH_SIZE = 1024;
    public static final int MAX_EPOCHS = 100_000;
    /** Regularization strengths beyond this only zero the weights; TensorFlow Playground stops at 10 too. */
    public static final double MAX_REGULARIZATION = 10.0;
    public static final double MAX_CLIP_NORM = 1e6;

    private Choices() {
    }

    private static <E> List<String> ids(E[] values, Function<E, String> id) {
        return Arrays.stream(values).map(id).toList();
    }
}
