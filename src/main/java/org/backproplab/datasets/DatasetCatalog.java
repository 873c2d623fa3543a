package org.backproplab.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.backproplab.engine.Samples;
import org.backproplab.engine.Task;

/**
 * Every dataset of the lab behind one interface: the catalogue for pickers and {@code GET /api/datasets}, and
 * {@link #prepare} / {@link #fromUserData} to turn a request into training and test samples.
 *
 * <p>Thread-safe. Shipped files are read on first use and kept for the life of this object (one instance per
 * application is enough); every call returns fresh arrays, so callers cannot disturb each other.
 */
public final class DatasetCatalog {

    /** The name the contract reserves for data carried in the request itself. */
    public static final String INLINE = "inline";

    private static final List<DatasetInfo> SYNTHETIC = List.of(
            synthetic("circle", Task.BINARY, "Circle",
                    "One class fills a disc in the middle, the other forms a ring around it. No straight line "
                            + "separates them; a curved boundary, or the squared inputs, does."),
            synthetic("xor", Task.BINARY, "Exclusive or",
                    "Four squares like a checkerboard: one class where x1 and x2 have the same sign, the other "
                            + "where they differ. The product x1·x2 gives it away."),
            synthetic("gauss", Task.BINARY, "Two blobs",
                    "Two round clouds of points, one per class. A single straight line separates them; more noise "
                            + "makes the clouds overlap."),
            synthetic("spiral", Task.BINARY, "Spiral",
                    "Two spiral arms wound into each other, one per class. The hardest toy: it needs a deeper "
                            + "network or the sine features."),
            synthetic("moons", Task.BINARY, "Two moons",
                    "Two half circles hooked into each other, one per class. A gently curved boundary separates "
                            + "them."),
            synthetic("plane", Task.REGRESSION, "Plane",
                    "Predict a number that grows steadily from the bottom-left corner (about -1) to the top-right "
                            + "corner (about 1). A network without hidden layers can do it."),
            synthetic("multi-gauss", Task.REGRESSION, "Six bumps",
                    "Predict the height of a landscape with three hills (up to 1) and three pits (down to -1) "
                            + "in two rows."));

    private final List<DatasetInfo> all;
    private final Map<ShippedDataset, ShippedDataset.Table> loaded = new ConcurrentHashMap<>();

    public DatasetCatalog() {
        List<DatasetInfo> infos = new ArrayList<>(SYNTHETIC);
        for (ShippedDataset shipped : ShippedDataset.values()) {
            infos.add(shipped.info());
        }
        this.all = List.copyOf(infos);
    }

    /** Every named dataset, synthetic ones first; {@code inline} is not listed. */
    public List<DatasetInfo> all() {
        return all;
    }

    public Optional<DatasetInfo> find(String name) {
        return all.stream().filter(info -> info.name().equals(name)).findFirst();
    }

    /**
     * Generates or loads a named dataset and splits it.
     *
     * <p>Synthetic sets: points from the seed, split with the seed (stratified for classification); network inputs
     * are the chosen derived features of the raw points, not standardized. Shipped sets: stratified split with the
     * seed, inputs standardized with the training split's mean and standard deviation; samples, noise and features
     * are ignored.
     *
     * @throws DatasetException for an unknown name or a value out of range, naming the field
     */
    public PreparedDataset prepare(DatasetRequest request) {
        if (request == null) {
            throw new DatasetException("dataset", "dataset is required");
        }
        DatasetInfo info = requireKnown(request.name());
        checkRange("dataset.testFraction", request.testFraction(), DatasetLimits.MIN_TEST_FRACTION,
                DatasetLimits.MAX_TEST_FRACTION);
        if (info.synthetic()) {
            if (request.samples() < DatasetLimits.MIN_SAMPLES || request.samples() > DatasetLimits.MAX_SAMPLES) {
                throw new DatasetException("dataset.samples", "dataset.samples must be " + DatasetLimits.MIN_SAMPLES
                        + ".." + DatasetLimits.MAX_SAMPLES + ", was " + request.samples());
            }
            checkRange("dataset.noise", request.noise(), DatasetLimits.MIN_NOISE, DatasetLimits.MAX_NOISE);
            return prepareSynthetic(info, request);
        }
        return prepareShipped(shipped(info), request.testFraction(), request.seed());
    }

    /**
     * Prepares the learner's own data (a CSV upload or inline arrays). Without a test split the rows are split by
     * {@code testFraction} (stratified for classification). Inputs are standardized with the training statistics
     * when {@link UserData#standardize()} says so. Data with exactly two input columns counts as two-dimensional:
     * its raw points and a feature map (the standardization, or identity) come along for plotting.
     *
     * @throws DatasetException when the data breaks a rule or the test fraction is out of range
     */
    public PreparedDataset fromUserData(UserData data, double testFraction, long seed) {
        InlineData.check(data);
        checkRange("dataset.testFraction", testFraction, DatasetLimits.MIN_TEST_FRACTION,
                DatasetLimits.MAX_TEST_FRACTION);
        Task task = data.task();
        int classes = task == Task.REGRESSION ? 0 : task == Task.BINARY ? 2 : data.classes();
        double[][] rawTrain;
        double[][] rawTest;
        double[] trainY;
        double[] testY;
        if (data.test() == null) {
            double[][] x = data.train().x();
            double[] y = data.train().y();
            Split split = task.isClassification() ? Split.stratified(y, classes, testFraction, seed)
                    : Split.random(y.length, testFraction, seed);
            rawTrain = Split.copyRows(x, split.train());
            rawTest = Split.copyRows(x, split.test());
            trainY = Split.select(x, y, split.train()).y();
            testY = Split.select(x, y, split.test()).y();
        } else {
            rawTrain = copyRows(data.train().x());
            rawTest = copyRows(data.test().x());
            trainY = data.train().y().clone();
            testY = data.test().y().clone();
        }
        FeatureScaling scaling = data.standardize() ? FeatureScaling.fit(rawTrain) : null;
        // Network inputs never share arrays with the plotted raw points.
        Samples train = new Samples(scaling == null ? copyRows(rawTrain) : scaling.apply(rawTrain), trainY);
        Samples test = new Samples(scaling == null ? copyRows(rawTest) : scaling.apply(rawTest), testY);
        int inputs = data.train().inputs();
        boolean twoDimensional = inputs == 2;
        String name = data.name() == null ? INLINE : data.name();
        DatasetInfo info = new DatasetInfo(name, task, inputs, classes, rawTrain.length + rawTest.length, false,
                twoDimensional, name, "Your own data: " + (rawTrain.length + rawTest.length) + " rows with "
                        + inputs + (inputs == 1 ? " input column." : " input columns."),
                "provided by the learner");
        FeatureMap featureMap = null;
        if (twoDimensional) {
            featureMap = scaling == null ? (x1, x2) -> new double[] {x1, x2}
                    : (x1, x2) -> scaling.apply(new double[] {x1, x2});
        }
        return new PreparedDataset(info, task, classes, data.featureNames(), train, test,
                twoDimensional ? rawTrain : null, twoDimensional ? rawTest : null, featureMap,
                task.isClassification() ? data.classNames() : List.of(), scaling);
    }

    private PreparedDataset prepareSynthetic(DatasetInfo info, DatasetRequest request) {
        DerivedFeatures features = DerivedFeatures.of(request.features());
        PlaygroundGenerators.LabelledPoints generated = PlaygroundGenerators.generate(info.name(),
                request.samples(), request.noise(), new Random(request.seed()));
        Split split = info.task().isClassification()
                ? Split.stratified(generated.labels(), 2, request.testFraction(), request.seed())
                : Split.random(generated.size(), request.testFraction(), request.seed());
        double[][] trainPoints = Split.copyRows(generated.points(), split.train());
        double[][] testPoints = Split.copyRows(generated.points(), split.test());
        Samples train = new Samples(features.applyAll(trainPoints),
                Split.select(generated.points(), generated.labels(), split.train()).y());
        Samples test = new Samples(features.applyAll(testPoints),
                Split.select(generated.points(), generated.labels(), split.test()).y());
        List<String> classNames = info.task().isClassification() ? List.of("0", "1") : List.of();
        return new PreparedDataset(info, info.task(), info.classes(), features.names(), train, test, trainPoints,
                testPoints, features, classNames, null);
    }

    private PreparedDataset prepareShipped(ShippedDataset shipped, double testFraction, long seed) {
        ShippedDataset.Table table = loaded.computeIfAbsent(shipped, ShippedDataset::load);
        DatasetInfo info = shipped.info();
        Split split = Split.stratified(table.y(), info.classes(), testFraction, seed);
        Samples rawTrain = Split.select(table.x(), table.y(), split.train());
        Samples rawTest = Split.select(table.x(), table.y(), split.test());
        FeatureScaling scaling = FeatureScaling.fit(rawTrain.x());
        Samples train = new Samples(scaling.apply(rawTrain.x()), rawTrain.y());
        Samples test = new Samples(scaling.apply(rawTest.x()), rawTest.y());
        return new PreparedDataset(info, info.task(), info.classes(), table.featureNames(), train, test, null, null,
                null, table.classNames(), scaling);
    }

    private DatasetInfo requireKnown(String name) {
        if (name == null || name.isBlank()) {
            throw new DatasetException("dataset.name", "dataset.name is required; allowed: " + allowedNames());
        }
        if (INLINE.equals(name)) {
            throw new DatasetException("dataset.train", "dataset.name 'inline' needs the data itself in "
                    + "dataset.train (and optionally dataset.test)");
        }
        return find(name).orElseThrow(() -> new DatasetException("dataset.name",
                "dataset.name '" + name + "' is unknown; allowed: " + allowedNames()));
    }

    private String allowedNames() {
        return String.join(", ", all.stream().map(DatasetInfo::name).toList()) + ", " + INLINE;
    }

    private static ShippedDataset shipped(DatasetInfo info) {
        for (ShippedDataset shipped : ShippedDataset.values()) {
            if (shipped.info().equals(info)) {
                return shipped;
            }
        }
        throw new IllegalStateException("no shipped file for " + info.name());
    }

    private static void checkRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new DatasetException(field, field + " must be " + InlineData.format(min) + ".."
                    + InlineData.format(max) + ", was " + InlineData.format(value));
        }
    }

    private static double[][] copyRows(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r].clone();
        }
        return out;
    }

    private static DatasetInfo synthetic(String name, Task task, String title, String description) {
        return new DatasetInfo(name, task, 2, task == Task.BINARY ? 2 : 0, DatasetRequest.DEFAULT_SAMPLES, true,
                true, title, description, null);
    }
}
