package org.backproplab.training.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.slider.DecimalSlider;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.backproplab.config.Choices;
import org.backproplab.config.DatasetConfig;
import org.backproplab.config.FieldError;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.RunConfig;
import org.backproplab.config.RunConfigValidator;
import org.backproplab.config.TrainingConfig;
import org.backproplab.datasets.DatasetException;
import org.backproplab.datasets.DatasetInfo;

/**
 * The lab's left column: every setting of a run, grouped as data, network and training.
 *
 * <p>Each control has a stable key, the name of its URL parameter ({@link #DATASET}, {@link #LEARNING_RATE}, ...;
 * {@link #UPLOAD} for the CSV upload), used by {@link #hideControls(Set)} (embed mode) and {@link #field(String)}.
 * An edit is checked with the contract's validator: a bad value marks its field with the validator's message
 * (naming the allowed range) and changes nothing; a good one updates {@link #config()} and is reported to the
 * listeners as a {@link Change}, structural or live ({@link #LIVE_KEYS}).
 */
public class LabControls extends Div {

    public static final String DATASET = "dataset";
    public static final String SAMPLES = "samples";
    public static final String NOISE = "noise";
    public static final String TEST_FRACTION = "testFraction";
    public static final String FEATURES = "features";
    public static final String REGENERATE = "dataSeed";
    public static final String UPLOAD = "upload";
    public static final String LAYERS = "layers";
    public static final String ACTIVATION = "activation";
    public static final String INIT = "init";
    public static final String INIT_SCALE = "initScale";
    public static final String BATCH_NORM = "batchNorm";
    public static final String DROPOUT = "dropout";
    public static final String OPTIMIZER = "optimizer";
    public static final String MOMENTUM = "momentum";
    public static final String LEARNING_RATE = "lr";
    public static final String BATCH = "batch";
    public static final String L1 = "l1";
    public static final String L2 = "l2";
    public static final String CLIP_NORM = "clipNorm";
    public static final String EPOCHS = "epochs";
    public static final String SEED = "seed";

    /** Every control key, in display order. */
    public static final List<String> KEYS = List.of(DATASET, SAMPLES, NOISE, TEST_FRACTION, FEATURES, REGENERATE,
            UPLOAD, LAYERS, ACTIVATION, INIT, INIT_SCALE, BATCH_NORM, DROPOUT, OPTIMIZER, MOMENTUM, LEARNING_RATE,
            BATCH, L1, L2, CLIP_NORM, EPOCHS, SEED);

    /** Settings a running training takes on the fly ({@code TrainingRun.retune}); all others need a new run. */
    public static final Set<String> LIVE_KEYS =
            Set.of(LEARNING_RATE, BATCH, L1, L2, CLIP_NORM, DROPOUT, EPOCHS, OPTIMIZER, MOMENTUM);

    /** Largest CSV upload accepted, in bytes. */
    public static final int MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

    /** A valid edit: the new configuration, the control's key, and whether the run must restart for it. */
    public record Change(RunConfig config, String key, boolean structural) {
    }

    private final RunConfigValidator validator;
    private final Map<String, DatasetInfo> datasets = new LinkedHashMap<>();
    private final Map<String, Component> controls = new LinkedHashMap<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    private final Select<String> dataset = new Select<>();
    private final IntegerField samples = new IntegerField("Samples");
    private final DecimalSlider noise = new DecimalSlider("Noise", 0, Choices.MAX_NOISE);
    private final DecimalSlider testFraction =
            new DecimalSlider("Test fraction", Choices.MIN_TEST_FRACTION, Choices.MAX_TEST_FRACTION);
    private final CheckboxGroup<String> features = new CheckboxGroup<>("Features");
    private final Button regenerate = new Button("Regenerate", VaadinIcon.RANDOM.create());
    private final Upload upload = new Upload();
    private final HiddenLayersEditor layers = new HiddenLayersEditor(this::layersEdited);
    private final Select<String> activation = new Select<>();
    private final Select<String> init = new Select<>();
    private final NumberField initScale = new NumberField("Init scale (std)");
    private final Checkbox batchNorm = new Checkbox("Batch normalization");
    private final DecimalSlider dropout = new DecimalSlider("Dropout", 0, 1);
    private final Select<String> optimizer = new Select<>();
    private final NumberField momentum = new NumberField("Momentum");
    private final NumberField learningRate = new NumberField("Learning rate");
    private final IntegerField batch = new IntegerField("Batch size");
    private final NumberField l1 = new NumberField("L1");
    private final NumberField l2 = new NumberField("L2");
    private final NumberField clipNorm = new NumberField("Gradient clipping");
    private final IntegerField epochs = new IntegerField("Epoch limit");
    private final TextField seed = new TextField("Seed");

    /** Keys hidden by embed options; they stay hidden whatever the settings. */
    private final Set<String> hidden = new java.util.HashSet<>();
    private RunConfig config = RunConfig.defaults();
    /** Builds the full inline dataset (data + split) for the current dataset settings; null without an upload. */
    private UnaryOperator<DatasetConfig> inlineData;
    private String inlineLabel;
    private boolean updating;

    public LabControls(List<DatasetInfo> datasetInfos, RunConfigValidator validator) {
        this.validator = validator;
        datasetInfos.forEach(info -> datasets.put(info.name(), info));
        addClassName("lab-controls");
        buildDataSection();
        buildNetworkSection();
        buildTrainingSection();
        show(config);
    }

    // ------------------------------------------------------------------------------------------------ public API

    /** The configuration the controls show (always valid, defaults filled in). */
    public RunConfig config() {
        return config;
    }

    /** Shows a configuration without reporting a change (on load, or when adopting a run). */
    public void setConfig(RunConfig newConfig) {
        config = newConfig.withDefaults();
        show(config);
    }

    public Registration addChangeListener(Consumer<Change> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Hides the controls with these keys (embed mode); unknown keys are ignored. */
    public void hideControls(Set<String> keys) {
        hidden.addAll(keys);
        keys.forEach(key -> {
            Component control = controls.get(key);
            if (control != null) {
                control.setVisible(false);
            }
        });
    }

    /** The component of a control key (for embed options and tests), or null. */
    public Component field(String key) {
        return controls.get(key);
    }

    /**
     * Marks the fields of these errors (contract paths such as {@code training.learningRate} or
     * {@code network.hiddenLayers[2]}) with their messages; errors without a control are returned.
     */
    public List<FieldError> showErrors(List<FieldError> errors) {
        List<FieldError> unplaced = new ArrayList<>();
        for (FieldError error : errors) {
            if (!markInvalid(error)) {
                unplaced.add(error);
            }
        }
        return unplaced;
    }

    /** Called with the file name and bytes of each CSV the learner uploads. */
    public void onCsvUpload(BiConsumer<String, byte[]> handler) {
        upload.setUploadHandler(UploadHandler.inMemory((metadata, bytes) ->
                getUI().ifPresent(ui -> ui.access(() -> handler.accept(metadata.fileName(), bytes)))));
    }

    /**
     * Offers uploaded data as the dataset {@code inline}, labelled {@code label}; {@code resolver} builds the full
     * inline dataset settings (examples and split) from the dataset settings the learner chose.
     */
    public void setInlineData(String label, UnaryOperator<DatasetConfig> resolver) {
        this.inlineLabel = label;
        this.inlineData = resolver;
        updating = true;
        try {
            refreshDatasetItems();
        } finally {
            updating = false;
        }
    }

    /** Selects the uploaded data as the dataset, as if the learner had picked it. */
    public void selectInlineData() {
        dataset.setValue(DatasetConfig.INLINE);
    }

    public boolean hasInlineData() {
        return inlineData != null;
    }

    Upload upload() {
        return upload;
    }

    HiddenLayersEditor layers() {
        return layers;
    }

    // ------------------------------------------------------------------------------------------------- sections

    private void buildDataSection() {
        dataset.setLabel("Dataset");
        dataset.setId("dataset");
        refreshDatasetItems();
        dataset.addValueChangeListener(e -> {
            if (e.getValue() == null) {
                return;
            }
            edit(DATASET, dataset, c -> withDataset(c, c.dataset().withName(e.getValue())));
        });

        samples.setId("samples");
        samples.setMin(Choices.MIN_SAMPLES);
        samples.setMax(Choices.MAX_SAMPLES);
        samples.setStep(10);
        samples.setManualValidation(true);
        samples.addValueChangeListener(e -> edit(SAMPLES, samples, c -> withDataset(c,
                c.dataset().withSamples(e.getValue() == null ? Integer.MIN_VALUE : e.getValue()))));

        noise.setId("noise");
        noise.setStep(0.05);
        noise.setValueAlwaysVisible(true);
        noise.addValueChangeListener(e -> edit(NOISE, null, c -> withDataset(c,
                c.dataset().withNoise(e.getValue() == null ? Double.NaN : e.getValue()))));

        testFraction.setId("test-fraction");
        testFraction.setStep(0.05);
        testFraction.setValueAlwaysVisible(true);
        testFraction.addValueChangeListener(e -> edit(TEST_FRACTION, null, c -> withDataset(c,
                c.dataset().withTestFraction(e.getValue() == null ? Double.NaN : e.getValue()))));

        features.setId("features");
        features.setItems(DatasetConfig.ALL_FEATURES);
        features.addClassName("lab-features");
        features.addValueChangeListener(e -> edit(FEATURES, features, c -> withDataset(c,
                c.dataset().withFeatures(DatasetConfig.ALL_FEATURES.stream().filter(e.getValue()::contains).toList()))));

        regenerate.setId("regenerate");
        regenerate.setTooltipText("Draw new data with a new data seed");
        regenerate.addThemeVariants(ButtonVariant.SMALL);
        regenerate.addClickListener(e -> edit(REGENERATE, null, c ->
                withDataset(c, c.dataset().withSeed(ThreadLocalRandom.current().nextLong(1, 1_000_000)))));

        upload.setId("upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_UPLOAD_BYTES);
        upload.setAcceptedFileTypes(".csv", "text/csv", "text/plain");
        upload.setDropAllowed(true);
        Button uploadButton = new Button("Upload CSV", VaadinIcon.UPLOAD.create());
        uploadButton.addThemeVariants(ButtonVariant.SMALL);
        upload.setUploadButton(uploadButton);
        upload.setDropLabel(new Span("or drop here"));
        upload.addFileRejectedListener(e -> error(e.getFileName() + ": " + e.getErrorMessage()));

        Div uploadBox = new Div(upload);
        uploadBox.addClassName("lab-upload");
        section("Data", true,
                register(DATASET, dataset), register(SAMPLES, samples), register(NOISE, noise),
                register(TEST_FRACTION, testFraction), register(FEATURES, features),
                register(REGENERATE, regenerate), register(UPLOAD, uploadBox));
    }

    private void buildNetworkSection() {
        activation.setLabel("Activation");
        activation.setId("activation");
        activation.setItems(Choices.ACTIVATIONS);
        activation.addValueChangeListener(e -> {
            layers.setNetworkActivation(e.getValue());
            if (e.getValue() != null) {
                edit(ACTIVATION, activation, c -> c.withNetwork(c.network().withActivation(e.getValue())));
            }
        });

        init.setLabel("Initializer");
        init.setId("init");
        init.setItems(Choices.INITIALIZERS);
        init.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                edit(INIT, init, c -> c.withNetwork(c.network().withInitializer(e.getValue(), c.network().initScale())));
            }
        });

        initScale.setId("init-scale");
        initScale.setStep(0.1);
        initScale.setManualValidation(true);
        initScale.setHelperText("Standard deviation of N(0, scale²)");
        initScale.addValueChangeListener(e -> edit(INIT_SCALE, initScale, c -> c.withNetwork(
                c.network().withInitializer(c.network().initializer(), e.getValue() == null ? Double.NaN : e.getValue()))));

        batchNorm.setId("batch-norm");
        batchNorm.addValueChangeListener(e -> edit(BATCH_NORM, null,
                c -> c.withNetwork(c.network().withBatchNorm(Boolean.TRUE.equals(e.getValue())))));

        dropout.setId("dropout");
        dropout.setStep(0.05);
        dropout.setValueAlwaysVisible(true);
        dropout.addValueChangeListener(e -> edit(DROPOUT, null, c -> c.withNetwork(
                c.network().withDropout(e.getValue() == null ? Double.NaN : e.getValue()))));

        section("Network", true, register(LAYERS, layers), register(ACTIVATION, activation), register(INIT, init),
                register(INIT_SCALE, initScale), register(BATCH_NORM, batchNorm), register(DROPOUT, dropout));
    }

    private void buildTrainingSection() {
        optimizer.setLabel("Optimizer");
        optimizer.setId("optimizer");
        optimizer.setItems(Choices.OPTIMIZERS);
        optimizer.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                edit(OPTIMIZER, optimizer, c -> c.withTraining(c.training().withOptimizer(e.getValue())));
            }
        });

        momentum.setId("momentum");
        momentum.setStep(0.05);
        momentum.setManualValidation(true);
        momentum.addValueChangeListener(e -> edit(MOMENTUM, momentum, c -> c.withTraining(withMomentum(
                c.training(), e.getValue() == null ? Double.NaN : e.getValue()))));

        learningRate.setId("lr");
        learningRate.setStep(0.001);
        learningRate.setManualValidation(true);
        learningRate.setTooltipText("Takes effect immediately, also while training");
        learningRate.addValueChangeListener(e -> edit(LEARNING_RATE, learningRate, c -> c.withTraining(
                c.training().withLearningRate(e.getValue() == null ? Double.NaN : e.getValue()))));

        batch.setId("batch");
        batch.setMin(1);
        batch.setMax(Choices.MAX_BATCH_SIZE);
        batch.setManualValidation(true);
        batch.addValueChangeListener(e -> edit(BATCH, batch, c -> c.withTraining(
                c.training().withBatchSize(e.getValue() == null ? Integer.MIN_VALUE : e.getValue()))));

        l1.setId("l1");
        l1.setStep(0.001);
        l1.setManualValidation(true);
        l1.addValueChangeListener(e -> edit(L1, l1, c -> c.withTraining(c.training().withRegularization(
                e.getValue() == null ? Double.NaN : e.getValue(), c.training().l2()))));
        l2.setId("l2");
        l2.setStep(0.001);
        l2.setManualValidation(true);
        l2.addValueChangeListener(e -> edit(L2, l2, c -> c.withTraining(c.training().withRegularization(
                c.training().l1(), e.getValue() == null ? Double.NaN : e.getValue()))));

        clipNorm.setId("clip-norm");
        clipNorm.setPlaceholder("off");
        clipNorm.setHelperText("Max global gradient norm; empty = off");
        clipNorm.setManualValidation(true);
        clipNorm.addValueChangeListener(e ->
                edit(CLIP_NORM, clipNorm, c -> c.withTraining(c.training().withClipNorm(e.getValue()))));

        epochs.setId("epochs");
        epochs.setMin(1);
        epochs.setMax(Choices.MAX_EPOCHS);
        epochs.setStep(50);
        epochs.setManualValidation(true);
        epochs.addValueChangeListener(e -> edit(EPOCHS, epochs, c -> c.withTraining(
                c.training().withEpochs(e.getValue() == null ? Integer.MIN_VALUE : e.getValue()))));

        seed.setId("seed");
        seed.setHelperText("Initial weights and shuffling");
        seed.setAllowedCharPattern("[0-9-]");
        seed.setManualValidation(true);
        seed.addValueChangeListener(e -> {
            Long value = parseLong(e.getValue());
            if (value == null) {
                seed.setErrorMessage("must be a whole number");
                seed.setInvalid(true);
                return;
            }
            edit(SEED, seed, c -> c.withTraining(c.training().withSeed(value)));
        });

        section("Training", true, register(OPTIMIZER, optimizer), register(MOMENTUM, momentum),
                register(LEARNING_RATE, learningRate), register(BATCH, batch), register(EPOCHS, epochs),
                pair(register(L1, l1), register(L2, l2)), register(CLIP_NORM, clipNorm), register(SEED, seed));
    }

    // -------------------------------------------------------------------------------------------- edit handling

    /**
     * Applies an edit if the validator accepts the result; otherwise marks {@code field} with the validator's
     * message for that control and leaves the configuration as it was.
     */
    private void edit(String key, HasValidation field, UnaryOperator<RunConfig> change) {
        if (updating) {
            return;
        }
        RunConfig candidate;
        try {
            candidate = change.apply(config);
        } catch (DatasetException unusable) {
            dataset.setErrorMessage(unusable.getMessage());
            dataset.setInvalid(true);
            return;
        }
        List<FieldError> errors = validator.validate(candidate);
        if (!errors.isEmpty()) {
            errors.forEach(error -> {
                if (!markInvalid(error) && field != null) {
                    field.setErrorMessage(readable(error));
                    field.setInvalid(true);
                }
            });
            if (field == null) {
                error(errors.stream().map(LabControls::readable).reduce((a, b) -> a + "; " + b).orElse(""));
            }
            return;
        }
        if (field != null) {
            field.setInvalid(false);
        }
        config = candidate.withDefaults();
        boolean structural = !LIVE_KEYS.contains(key);
        updating = true;
        try {
            showVisibility(config);
        } finally {
            updating = false;
        }
        Change event = new Change(config, key, structural);
        listeners.forEach(listener -> listener.accept(event));
    }

    private void layersEdited(HiddenLayersEditor.Edit edit) {
        if (updating) {
            return;
        }
        layers.showError(-1, null);
        if (edit.units().contains(null)) {
            int row = edit.units().indexOf(null);
            layers.showError(row, "units must be 1.." + Choices.MAX_UNITS);
            return;
        }
        NetworkConfig n = config.network();
        boolean perLayer = edit.activations().stream().anyMatch(Objects::nonNull);
        List<String> activations = perLayer
                ? edit.activations().stream().map(a -> a == null ? n.activation() : a).toList()
                : null;
        RunConfig candidate = config.withNetwork(new NetworkConfig(edit.units(), n.activation(), activations,
                n.initializer(), n.initScale(), n.batchNorm(), n.dropout(), null));
        List<FieldError> errors = validator.validate(candidate);
        if (!errors.isEmpty()) {
            errors.forEach(this::markInvalid);
            return;
        }
        config = candidate.withDefaults();
        updating = true;
        try {
            if (edit.row() < 0) {
                layers.show(config.network().hiddenLayers(), perLayerActivations(config.network()));
            }
        } finally {
            updating = false;
        }
        Change event = new Change(config, LAYERS, true);
        listeners.forEach(listener -> listener.accept(event));
    }

    /** Places an error on its control's field; false when no field shows it. */
    private boolean markInvalid(FieldError error) {
        String path = error.field();
        String message = readable(error);
        if (path.startsWith("network.hiddenLayers[") || path.startsWith("network.activations[")) {
            int row = Integer.parseInt(path.substring(path.indexOf('[') + 1, path.indexOf(']')));
            layers.showError(row, message);
            return true;
        }
        HasValidation field = switch (path) {
            case "dataset.name" -> dataset;
            case "dataset.samples" -> samples;
            case "dataset.features" -> features;
            case "network.activation" -> activation;
            case "network.initializer" -> init;
            case "network.initScale" -> initScale;
            case "training.optimizer" -> optimizer;
            case "training.momentum" -> momentum;
            case "training.learningRate" -> learningRate;
            case "training.batchSize" -> batch;
            case "training.epochs" -> epochs;
            case "training.l1" -> l1;
            case "training.l2" -> l2;
            case "training.clipNorm" -> clipNorm;
            case "training.seed" -> seed;
            default -> null;
        };
        if (field == null) {
            return false;
        }
        field.setErrorMessage(message);
        field.setInvalid(true);
        return true;
    }

    /** The validator's message without a sentinel "was NaN" that stood for unreadable input. */
    static String readable(FieldError error) {
        String message = error.message();
        if (message.contains("was NaN") || message.contains("was " + Integer.MIN_VALUE)) {
            message = "not a valid number: " + message.replaceFirst(",? was \\S+$", "");
        }
        return message;
    }

    // ------------------------------------------------------------------------------------------------- showing

    private void show(RunConfig c) {
        updating = true;
        try {
            DatasetConfig d = c.dataset();
            NetworkConfig n = c.network();
            TrainingConfig t = c.training();
            refreshDatasetItems();
            dataset.setValue(d.name());
            samples.setValue(d.samples());
            noise.setValue(d.noise());
            testFraction.setValue(d.testFraction());
            features.setValue(Set.copyOf(d.features()));
            layers.show(n.hiddenLayers(), perLayerActivations(n));
            activation.setValue(n.activation());
            init.setValue(n.initializer());
            initScale.setValue(n.initScale());
            batchNorm.setValue(n.batchNorm());
            dropout.setValue(n.dropout());
            optimizer.setValue(t.optimizer());
            momentum.setValue(t.momentum());
            learningRate.setValue(t.learningRate());
            batch.setValue(t.batchSize());
            l1.setValue(t.l1());
            l2.setValue(t.l2());
            clipNorm.setValue(t.clipNorm());
            epochs.setValue(t.epochs());
            seed.setValue(Long.toString(t.seed()));
            List.<HasValidation>of(samples, initScale, momentum, learningRate, batch, l1, l2, clipNorm, epochs)
                    .forEach(field -> field.setInvalid(false));
            seed.setInvalid(false);
            showVisibility(c);
        } finally {
            updating = false;
        }
    }

    /** Shows only the settings that apply: samples/noise for synthetic sets, features for 2-D sets, etc. */
    private void showVisibility(RunConfig c) {
        DatasetInfo info = datasets.get(c.dataset().name());
        boolean synthetic = info != null && info.synthetic();
        boolean twoDimensional = info != null && info.twoDimensional();
        setShown(SAMPLES, synthetic);
        setShown(NOISE, synthetic);
        setShown(FEATURES, twoDimensional);
        setShown(INIT_SCALE, "normal".equals(c.network().initializer()));
        setShown(MOMENTUM, "momentum".equals(c.training().optimizer()));
        regenerate.setText(synthetic ? "Regenerate" : "Reshuffle split");
    }

    /** Shows or hides a control for the current settings; controls hidden by embed options stay hidden. */
    private void setShown(String key, boolean shown) {
        Component control = controls.get(key);
        if (control != null && !hidden.contains(key)) {
            control.setVisible(shown);
        }
    }

    private void refreshDatasetItems() {
        List<String> names = new ArrayList<>(datasets.keySet());
        if (inlineData != null) {
            names.add(DatasetConfig.INLINE);
        }
        String selected = dataset.getValue();
        dataset.setItems(names);
        dataset.setItemLabelGenerator(name -> {
            if (DatasetConfig.INLINE.equals(name)) {
                return inlineLabel == null ? "Uploaded data" : "Uploaded: " + inlineLabel;
            }
            DatasetInfo info = datasets.get(name);
            return info == null ? name : info.title();
        });
        if (selected != null && names.contains(selected)) {
            dataset.setValue(selected);
        }
    }

    // --------------------------------------------------------------------------------------------------- helpers

    /** A dataset change, with the uploaded examples attached when the dataset is {@code inline}. */
    private RunConfig withDataset(RunConfig c, DatasetConfig d) {
        if (d.isInline() && inlineData != null) {
            return c.withDataset(inlineData.apply(d));
        }
        if (!d.isInline() && (d.task() != null || d.train() != null || d.test() != null)) {
            d = new DatasetConfig(d.name(), d.samples(), d.noise(), d.testFraction(), d.features(), d.seed(),
                    null, null, null);
        }
        return c.withDataset(d);
    }

    private static List<String> perLayerActivations(NetworkConfig n) {
        if (n.activations() == null) {
            return HiddenLayersEditor.noActivations(n.hiddenLayers().size());
        }
        return n.activations().stream().map(a -> a.equals(n.activation()) ? null : a).toList();
    }

    private static TrainingConfig withMomentum(TrainingConfig t, double value) {
        return new TrainingConfig(t.optimizer(), t.learningRate(), value, t.batchSize(), t.epochs(), t.l1(), t.l2(),
                t.clipNorm(), t.seed());
    }

    private static Long parseLong(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Component register(String key, Component control) {
        controls.put(key, control);
        return control;
    }

    private static HorizontalLayout pair(Component first, Component second) {
        HorizontalLayout row = new HorizontalLayout(first, second);
        row.addClassName("lab-pair");
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWidthFull();
        return row;
    }

    private void section(String title, boolean opened, Component... content) {
        Div body = new Div(content);
        body.addClassName("lab-section-body");
        Details details = new Details(title, body);
        details.setOpened(opened);
        details.addClassName("lab-section");
        add(details);
    }

    private static void error(String message) {
        Notification notification = Notification.show(message, 8000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.ERROR);
    }
}
