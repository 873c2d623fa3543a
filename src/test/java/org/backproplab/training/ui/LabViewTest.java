package org.backproplab.training.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.slider.DecimalSlider;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.backproplab.chartjs.LineChart;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.NonFinite;
import org.backproplab.training.Pace;
import org.backproplab.training.RunListener;
import org.backproplab.training.RunState;
import org.backproplab.training.Subscription;
import org.backproplab.training.TrainingLimits;
import org.backproplab.training.TrainingRun;
import org.backproplab.training.TrainingService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lab view without a browser (Karibu-Testing), on a real training service. The push scheduler is a
 * {@link ManualScheduler}: a test waits for training events through the run's own listener API, then lets the
 * scheduler hand the buffered epochs to the UI queue, then runs that queue, as push would.
 */
class LabViewTest {

    private static final String XOR = "dataset=xor&layers=4,4&lr=0.1&epochs=60&seed=3";
    /** The exploding-gradients walkthrough's first preset: non-finite values within the first epoch. */
    static final String EXPLODING = "dataset=spiral&layers=32,32,32,32,32,32,32,32&activation=relu&init=normal"
            + "&initScale=1&lr=0.03&epochs=100";

    private TrainingService service;
    private ManualScheduler scheduler;
    private LabView view;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        service = new TrainingService(TrainingLimits.defaults());
        scheduler = new ManualScheduler();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        service.close();
    }

    private LabView open(String query) {
        view = new LabView(service, scheduler, LabBudgets.forThisMachine());
        view.enter(QueryParameters.fromString(query));
        UI.getCurrent().add(view);
        return view;
    }

    @Test
    void controlsAndButtonsExistWithIdsAndLabels() {
        open("");
        assertThat(_get(Button.class, spec -> spec.withId("play")).getText()).isEqualTo("Play");
        assertThat(_get(Button.class, spec -> spec.withId("step")).getText()).isEqualTo("Step");
        assertThat(_get(Button.class, spec -> spec.withId("reset")).getText()).isEqualTo("Reset");
        assertThat(_get(Span.class, spec -> spec.withId("epoch")).getText()).isEqualTo("0");
        assertThat(_get(Select.class, spec -> spec.withId("dataset")).getLabel()).isEqualTo("Dataset");
        assertThat(_get(NumberField.class, spec -> spec.withId("lr")).getLabel()).isEqualTo("Learning rate");
        assertThat(_get(IntegerField.class, spec -> spec.withId("batch")).getLabel()).isEqualTo("Batch size");
        assertThat(_get(IntegerField.class, spec -> spec.withId("epochs")).getLabel()).isEqualTo("Epoch limit");
        assertThat(_get(DecimalSlider.class, spec -> spec.withId("dropout")).getLabel()).isEqualTo("Dropout");
        assertThat(_get(Checkbox.class, spec -> spec.withId("batch-norm")).getLabel()).isEqualTo("Batch normalization");
        assertThat(_get(TextField.class, spec -> spec.withId("seed")).getLabel()).isEqualTo("Seed");
        assertThat(_get(NumberField.class, spec -> spec.withId("clip-norm")).getValue()).isNull();
        for (String id : List.of(LabCharts.LOSS, LabCharts.ACCURACY, LabCharts.GRADIENT, LabCharts.DEAD,
                LabCharts.UPDATE_RATIO, LabCharts.ACTIVATION)) {
            assertThat(_get(LineChart.class, spec -> spec.withId(id))).isNotNull();
        }
        // Every control key resolves to a component, so embed options can hide any of them.
        LabControls.KEYS.forEach(key -> assertThat(view.controls().field(key)).as(key).isNotNull());
    }

    @Test
    void urlParametersAreAppliedAndABadOneIsNamed() {
        open("dataset=xor&layers=4,4&lr=abc&epochs=200&seed=3");

        assertThat(_get(Select.class, spec -> spec.withId("dataset")).getValue()).isEqualTo("xor");
        assertThat(view.controls().layers().units()).containsExactly(4, 4);
        assertThat(_get(NumberField.class, spec -> spec.withId("lr")).getValue()).isEqualTo(0.03);
        assertThat(_get(IntegerField.class, spec -> spec.withId("epochs")).getValue()).isEqualTo(200);
        assertThat(_get(TextField.class, spec -> spec.withId("seed")).getValue()).isEqualTo("3");
        List<Notification> notifications = NotificationsKt.getNotifications();
        assertThat(notifications).extracting(LabViewTest::textOf)
                .anySatisfy(text -> assertThat(text).contains("lr: 'abc' is not a valid value; using the default"));
        assertThat(view.currentQuery()).contains("dataset=xor").contains("layers=4,4").contains("lr=0.03");
    }

    @Test
    void changingAControlUpdatesTheUrl() {
        open(XOR);
        userSets(_get(NumberField.class, spec -> spec.withId("lr")), 0.3);
        assertThat(view.currentQuery()).contains("lr=0.3");

        userSets(_get(Select.class, spec -> spec.withId("activation")), "relu");
        assertThat(view.currentQuery()).contains("activation=relu");

        _click(view.controls().layers().addButton());
        assertThat(view.currentQuery()).contains("layers=4,4,4");
        assertThat(view.controls().layers().rowCount()).isEqualTo(3);
    }

    @Test
    void runsTrainAtTheChosenSpeedWhichChangesWhileTheyRunAndLivesInTheUrl() throws Exception {
        open(XOR.replace("epochs=60", "epochs=5000"));
        @SuppressWarnings("unchecked")
        Select<LabSpeed> speed = _get(Select.class, spec -> spec.withId("speed"));
        assertThat(speed.getValue()).isEqualTo(LabSpeed.NORMAL);
        assertThat(speed.getItemLabelGenerator().apply(LabSpeed.NORMAL)).isEqualTo("Normal");
        assertThat(LabSpeed.NORMAL.label()).isEqualTo("Normal · 50 epochs/s");
        assertThat(LabSpeed.FULL.label()).isEqualTo("Full speed");
        assertThat(view.currentQuery()).doesNotContain("speed");

        _click(_get(Button.class, spec -> spec.withId("play")));
        TrainingRun run = view.currentRun();
        assertThat(run.pace()).isEqualTo(Pace.epochsPerSecond(50));
        awaitEpoch(run, 2);

        userSets(speed, LabSpeed.FULL);
        assertThat(run.pace()).isEqualTo(Pace.FULL_SPEED);
        assertThat(view.currentQuery()).endsWith("&speed=full");
        userSets(speed, LabSpeed.SLOW);
        assertThat(run.pace()).isEqualTo(Pace.epochsPerSecond(10));
        assertThat(view.currentQuery()).endsWith("&speed=slow");

        // A reset keeps the speed for the next run.
        _click(_get(Button.class, spec -> spec.withId("reset")));
        _click(_get(Button.class, spec -> spec.withId("play")));
        assertThat(view.currentRun().pace()).isEqualTo(Pace.epochsPerSecond(10));
    }

    @Test
    void theUrlChoosesTheSpeedAndABadSpeedIsNamed() {
        open(XOR + "&speed=fast");
        assertThat(view.header().speed().getValue()).isEqualTo(LabSpeed.FAST);
        assertThat(view.currentQuery()).endsWith("&speed=fast");
        _click(_get(Button.class, spec -> spec.withId("play")));
        assertThat(view.currentRun().pace()).isEqualTo(Pace.epochsPerSecond(250));

        // Reopened without settings, the lab shows the session's run and the speed it trains at.
        UI.getCurrent().removeAll();
        open("");
        assertThat(view.header().speed().getValue()).isEqualTo(LabSpeed.FAST);
        assertThat(view.currentQuery()).endsWith("&speed=fast");

        UI.getCurrent().removeAll();
        open("dataset=circle&speed=warp");
        assertThat(view.header().speed().getValue()).isEqualTo(LabSpeed.DEFAULT);
        assertThat(NotificationsKt.getNotifications()).extracting(LabViewTest::textOf).anySatisfy(text ->
                assertThat(text).contains("speed: 'warp' is not one of slow, normal, fast, full; using the default"));
    }

    @Test
    void aLayerWithoutItsOwnActivationShowsTheNetworksInParentheses() {
        open(XOR);
        assertThat(view.controls().layers().activationField(0).getEmptySelectionCaption()).isEqualTo("(tanh)");
        userSets(_get(Select.class, spec -> spec.withId("activation")), "relu");
        assertThat(view.controls().layers().activationField(0).getEmptySelectionCaption()).isEqualTo("(relu)");
        _click(view.controls().layers().addButton());
        assertThat(view.controls().layers().activationField(2).getEmptySelectionCaption()).isEqualTo("(relu)");
    }

    @Test
    void withoutARunTheHeaderShowsTheEpochLimitOfTheNextRun() {
        open(XOR);
        assertThat(view.header().getElement().getTextRecursively()).contains("/ 60");
        userSets(_get(IntegerField.class, spec -> spec.withId("epochs")), 500);
        assertThat(view.header().getElement().getTextRecursively()).contains("/ 500").doesNotContain("/ 60");
    }

    @Test
    void invalidInputShowsTheAllowedRangeAndChangesNothing() {
        open(XOR);
        NumberField lr = _get(NumberField.class, spec -> spec.withId("lr"));
        userSets(lr, 20.0);
        assertThat(lr.isInvalid()).isTrue();
        assertThat(lr.getErrorMessage()).contains("must be > 0 and <= 10");
        assertThat(view.controls().config().training().learningRate()).isEqualTo(0.1);
        assertThat(view.currentQuery()).contains("lr=0.1");

        IntegerField batch = _get(IntegerField.class, spec -> spec.withId("batch"));
        userSets(batch, null);
        assertThat(batch.isInvalid()).isTrue();
        assertThat(batch.getErrorMessage()).contains("1..1024");

        IntegerField units = view.controls().layers().unitsField(0);
        userSets(units, 300);
        assertThat(units.isInvalid()).isTrue();
        assertThat(units.getErrorMessage()).contains("1..256");
        assertThat(view.controls().config().network().hiddenLayers()).containsExactly(4, 4);

        CheckboxGroup<?> features = _get(CheckboxGroup.class, spec -> spec.withId("features"));
        @SuppressWarnings("unchecked") CheckboxGroup<String> typed = (CheckboxGroup<String>) features;
        userSets(typed, Set.of());
        assertThat(typed.isInvalid()).isTrue();
        assertThat(typed.getErrorMessage()).contains("choose at least one");

        userSets(lr, 0.5);
        assertThat(lr.isInvalid()).isFalse();
        assertThat(view.controls().config().training().learningRate()).isEqualTo(0.5);
    }

    @Test
    void playTrainsAndEpochsArriveOverTheFeed() throws Exception {
        open(XOR);
        _click(_get(Button.class, spec -> spec.withId("play")));
        TrainingRun run = view.currentRun();
        assertThat(run).isNotNull();
        assertThat(_get(Button.class, spec -> spec.withId("play")).getText()).isEqualTo("Pause");

        awaitEpoch(run, 5);
        pump();

        int shown = epochShown();
        assertThat(shown).isGreaterThanOrEqualTo(4);
        assertThat(pointCount(LabCharts.LOSS)).isEqualTo(shown);
        assertThat(pointCount(LabCharts.ACCURACY)).isEqualTo(shown);
        assertThat(pointCount(LabCharts.GRADIENT)).isEqualTo(shown);
        assertThat(pointCount(LabCharts.UPDATE_RATIO)).isEqualTo(shown);
        assertThat(pointCount(LabCharts.ACTIVATION)).isEqualTo(shown);
        // One delivery carried all of them: the feed batches instead of pushing per epoch.
        assertThat(view.charts().gradient().getSeries()).hasSize(3);
        assertThat(view.visuals().boundary().output()).isNotNull();
        assertThat(view.visuals().diagram().state()).isNotNull();
    }

    @Test
    void pauseStopsTrainingAndStepAddsExactlyOneEpoch() throws Exception {
        open(XOR.replace("epochs=60", "epochs=5000"));
        Button play = _get(Button.class, spec -> spec.withId("play"));
        _click(play);
        TrainingRun run = view.currentRun();
        awaitEpoch(run, 3);

        _click(play);
        awaitState(run, RunState.PAUSED);
        pump();
        int paused = run.epoch();
        assertThat(epochShown()).isEqualTo(paused);
        assertThat(play.getText()).isEqualTo("Play");
        assertThat(view.header().stateText()).isEqualTo("Paused");

        _click(_get(Button.class, spec -> spec.withId("step")));
        awaitEpoch(run, paused + 1);
        awaitState(run, RunState.PAUSED);
        pump();
        assertThat(run.epoch()).isEqualTo(paused + 1);
        assertThat(epochShown()).isEqualTo(paused + 1);
        assertThat(pointCount(LabCharts.LOSS)).isEqualTo(paused + 1);
    }

    @Test
    void stepBeforePlayTrainsExactlyOneEpoch() throws Exception {
        open(XOR);
        _click(_get(Button.class, spec -> spec.withId("step")));
        TrainingRun run = view.currentRun();
        awaitEpoch(run, 1);
        awaitState(run, RunState.PAUSED);
        pump();
        assertThat(run.epoch()).isEqualTo(1);
        assertThat(epochShown()).isEqualTo(1);
    }

    @Test
    void resetClearsChartsAndEpochs() throws Exception {
        open(XOR);
        _click(_get(Button.class, spec -> spec.withId("play")));
        TrainingRun run = view.currentRun();
        awaitEpoch(run, 3);
        pump();
        assertThat(pointCount(LabCharts.LOSS)).isPositive();

        _click(_get(Button.class, spec -> spec.withId("reset")));
        pump();

        assertThat(run.state().isFinal()).isTrue();
        assertThat(view.currentRun()).isNull();
        assertThat(epochShown()).isZero();
        assertThat(pointCount(LabCharts.LOSS)).isZero();
        assertThat(pointCount(LabCharts.GRADIENT)).isZero();
        assertThat(_get(Button.class, spec -> spec.withId("play")).getText()).isEqualTo("Play");
        assertThat(view.header().stateText()).isEqualTo("Ready");
    }

    @Test
    void boundaryAndDiagramShowTheDataAndNetworkOfTheNextRunAfterResetAndEveryDatasetChange() throws Exception {
        open(XOR);
        DecisionBoundary boundary = view.visuals().boundary();
        // Before the first run the boundary already shows the points the run will train on.
        String xorBeforeRun = describe(boundary.points());

        _click(_get(Button.class, spec -> spec.withId("play")));
        TrainingRun xorRun = view.currentRun();
        awaitEpoch(xorRun, 3);
        pump();
        assertThat(describe(boundary.points())).isEqualTo(pointsOf(xorRun)).isEqualTo(xorBeforeRun);
        assertThat(boundary.output()).isNotNull();

        _click(_get(Button.class, spec -> spec.withId("reset")));
        pump();
        assertThat(boundary.output()).as("heatmap after reset").isNull();
        assertThat(describe(boundary.points())).as("points after reset").isEqualTo(pointsOf(xorRun));
        assertThat(view.visuals().diagram().state()).isNull();

        // Each dataset setting changes the points at once, to exactly those the next run trains on.
        List<Runnable> changes = List.of(
                () -> userSets(_get(Select.class, spec -> spec.withId("dataset")), "circle"),
                () -> userSets(_get(DecimalSlider.class, spec -> spec.withId("noise")), 0.3),
                () -> userSets(_get(IntegerField.class, spec -> spec.withId("samples")), 200),
                () -> _click(_get(Button.class, spec -> spec.withId("regenerate"))),
                () -> userSets(_get(DecimalSlider.class, spec -> spec.withId("test-fraction")), 0.3));
        String previous = describe(boundary.points());
        for (Runnable change : changes) {
            change.run();
            pump();
            assertThat(describe(boundary.points())).as("points after " + view.currentQuery()).isNotEqualTo(previous);
            assertThat(boundary.output()).isNull();
            previous = describe(boundary.points());
        }
        assertThat(boundary.points().trainCount() + boundary.points().testCount()).isEqualTo(200);
        // 30 % test examples, split per class (the regenerated data's class sizes decide the rounding).
        assertThat(boundary.points().testCount()).isBetween(58, 62);

        // Derived input features change the network's inputs, not the points in the input square.
        @SuppressWarnings("unchecked") CheckboxGroup<String> features =
                (CheckboxGroup<String>) _get(CheckboxGroup.class, spec -> spec.withId("features"));
        userSets(features, Set.of("x1", "x2", "x1x2"));
        pump();
        assertThat(describe(boundary.points())).isEqualTo(previous);
        assertThat(view.visuals().diagram().structure().columns().getFirst().units()).isEqualTo(3);

        // A changed architecture shows at once in the diagram, without weights until a run starts.
        _click(view.controls().layers().addButton());
        pump();
        assertThat(view.visuals().diagram().structure().columns()).hasSize(5);
        assertThat(view.visuals().diagram().state()).isNull();

        _click(_get(Button.class, spec -> spec.withId("play")));
        TrainingRun circleRun = view.currentRun();
        awaitEpoch(circleRun, 1);
        pump();
        assertThat(circleRun.data().info().name()).isEqualTo("circle");
        assertThat(pointsOf(circleRun)).isEqualTo(previous);
        assertThat(describe(boundary.points())).isEqualTo(previous);
        circleRun.stop();
    }

    @Test
    void switchingFromATabularToA2dDatasetShowsTheBoundaryAgain() {
        open("dataset=iris&layers=4");
        assertThat(view.visuals().boundary().isVisible()).isFalse();
        assertThat(view.visuals().diagram().structure().columns().get(0).units()).isEqualTo(4);

        userSets(_get(Select.class, spec -> spec.withId("dataset")), "moons");
        pump();
        assertThat(view.visuals().boundary().isVisible()).isTrue();
        assertThat(view.visuals().boundary().points().trainCount()).isPositive();
        assertThat(view.visuals().diagram().structure().columns().get(0).units()).isEqualTo(2);
    }

    @Test
    void divergedRunNamesWhereTheFirstNonFiniteValueAppearedAndPlayStartsAFreshRun() throws Exception {
        open(EXPLODING);
        _click(_get(Button.class, spec -> spec.withId("play")));
        TrainingRun diverged = view.currentRun();
        awaitState(diverged, RunState.DIVERGED);
        pump();

        assertThat(diverged.divergedAt()).isNotNull();
        String state = view.header().stateText();
        // Deterministic (fixed seeds): the first non-finite value is an activation of hidden layer 6, in epoch 1.
        assertThat(diverged.divergedAt()).isEqualTo(new NonFinite(6, "activation"));
        assertThat(state).isEqualTo("Diverged: NaN/∞ activation in hidden layer 6");
        assertThat(diverged.findings()).anySatisfy(finding ->
                assertThat(finding.message()).startsWith("Training blew up: an activation in hidden layer 6 "));
        Button play = _get(Button.class, spec -> spec.withId("play"));
        assertThat(play.getText()).isEqualTo("Restart");
        assertThat(_get(Button.class, spec -> spec.withId("step")).isEnabled()).isTrue();

        // Play on a diverged run starts a fresh run of the same settings (which diverges the same way).
        _click(play);
        TrainingRun again = view.currentRun();
        assertThat(again).isNotSameAs(diverged);
        assertThat(diverged.state()).isEqualTo(RunState.DIVERGED);
        awaitState(again, RunState.DIVERGED);
        pump();
        assertThat(again.divergedAt()).isEqualTo(diverged.divergedAt());
        assertThat(view.header().stateText()).isEqualTo(state);
    }

    @Test
    void divergedTextNamesHiddenAndOutputLayersAsTheDiagramDoes() {
        assertThat(LabView.divergedText(new NonFinite(2, "gradient"), 3))
                .isEqualTo("Diverged: NaN/∞ gradient in hidden layer 2");
        assertThat(LabView.divergedText(new NonFinite(4, "weight"), 3))
                .isEqualTo("Diverged: NaN/∞ weight in the output layer");
        assertThat(LabView.divergedText(new NonFinite(4, "loss"), 3))
                .isEqualTo("Diverged: the loss became NaN/∞");
    }

    @Test
    void aRunBeyondTheServerLimitShowsQueuedAndStartsWhenASlotFrees() throws Exception {
        service.close();
        service = new TrainingService(TrainingLimits.defaults().withRunsTotal(1));
        TrainingRun apiRun = service.start(org.backproplab.config.RunConfigUrl.parse(
                XOR.replace("epochs=60", "epochs=100000"), service.validator()).config(),
                new org.backproplab.training.RunOwner.Api(), false);
        open(XOR);
        _click(_get(Button.class, spec -> spec.withId("play")));
        TrainingRun queued = view.currentRun();
        assertThat(queued.state()).isEqualTo(RunState.QUEUED);
        assertThat(view.header().stateText()).isEqualTo(LabView.QUEUED_TEXT);
        assertThat(_get(Button.class, spec -> spec.withId("play")).getText()).isEqualTo("Pause");

        // Pausing a queued run leaves the queue; play queues it again.
        _click(_get(Button.class, spec -> spec.withId("play")));
        awaitState(queued, RunState.PAUSED);
        pump();
        assertThat(view.header().stateText()).isEqualTo("Ready (paused)");
        assertThat(_get(Button.class, spec -> spec.withId("play")).getText()).isEqualTo("Play");
        _click(_get(Button.class, spec -> spec.withId("play")));
        awaitState(queued, RunState.QUEUED);
        pump();
        assertThat(view.header().stateText()).isEqualTo(LabView.QUEUED_TEXT);

        apiRun.stop();
        awaitEpoch(queued, 2);
        pump();
        assertThat(view.header().stateText()).isIn("Running", "Completed");
        assertThat(epochShown()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void learningRateChangeWhileRunningIsAppliedWithoutReset() throws Exception {
        open(XOR.replace("epochs=60", "epochs=5000"));
        _click(_get(Button.class, spec -> spec.withId("play")));
        TrainingRun run = view.currentRun();
        awaitEpoch(run, 2);

        userSets(_get(NumberField.class, spec -> spec.withId("lr")), 0.5);
        int atChange = run.epoch();

        assertThat(view.currentRun()).isSameAs(run);
        assertThat(run.config().training().learningRate()).isEqualTo(0.5);
        awaitEpoch(run, atChange + 2);
        pump();
        assertThat(epochShown()).isGreaterThan(atChange);
        assertThat(pointCount(LabCharts.LOSS)).isEqualTo(epochShown());
        assertThat(view.currentQuery()).contains("lr=0.5");
        run.stop();
    }

    @Test
    void structuralChangeEndsTheRun() throws Exception {
        open(XOR.replace("epochs=60", "epochs=5000"));
        _click(_get(Button.class, spec -> spec.withId("play")));
        TrainingRun run = view.currentRun();
        awaitEpoch(run, 1);

        userSets(_get(Select.class, spec -> spec.withId("activation")), "relu");

        assertThat(run.state().isFinal()).isTrue();
        assertThat(view.currentRun()).isNull();
        assertThat(epochShown()).isZero();
        assertThat(view.charts().dead().getSeries()).hasSize(2);
    }

    @Test
    void reopeningTheViewShowsTheSessionRunWithItsHistory() throws Exception {
        open(XOR.replace("epochs=60", "epochs=5000"));
        _click(_get(Button.class, spec -> spec.withId("play")));
        TrainingRun run = view.currentRun();
        awaitEpoch(run, 3);
        _click(_get(Button.class, spec -> spec.withId("play")));
        awaitState(run, RunState.PAUSED);

        UI.getCurrent().remove(view);
        LabView reopened = open("");
        pump();

        assertThat(reopened.currentRun()).isSameAs(run);
        assertThat(epochShown()).isEqualTo(run.epoch());
        assertThat(pointCount(LabCharts.LOSS)).isEqualTo(run.epoch());
        assertThat(reopened.controls().config().dataset().name()).isEqualTo("xor");
    }

    @Test
    void hiddenControlsStayHidden() {
        open(XOR);
        view.hideControls(Set.of(LabControls.LEARNING_RATE, LabControls.UPLOAD));
        assertThat(view.controls().field(LabControls.LEARNING_RATE).isVisible()).isFalse();
        assertThat(view.controls().field(LabControls.UPLOAD).isVisible()).isFalse();
        assertThat(view.controls().field(LabControls.BATCH).isVisible()).isTrue();
    }

    @Test
    void badCsvUploadIsReportedWithRowAndColumn() {
        open(XOR);
        String csv = "x1,x2,label\n1,2,0\n3,abc,1\n";
        view.csvUploaded("bad.csv", csv.getBytes());
        assertThat(NotificationsKt.getNotifications()).extracting(LabViewTest::textOf)
                .anySatisfy(text -> assertThat(text)
                        .isEqualTo("Could not load bad.csv: row 3, column 2 (x2): 'abc' is not a number"));
        assertThat(view.controls().hasInlineData()).isFalse();
    }

    @Test
    void goodCsvUploadBecomesTheInlineDataset() {
        open(XOR);
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
        }
        view.csvUploaded("mine.csv", csv.toString().getBytes());

        assertThat(view.controls().config().dataset().isInline()).isTrue();
        assertThat(view.controls().config().dataset().train().x()).isNotEmpty();
        assertThat(view.currentQuery()).contains("dataset=inline").doesNotContain("train");
    }

    // ----------------------------------------------------------------------------------------------- helpers

    /** What a boundary shows for a run's data, as {@link #describe} gives it. */
    private static String pointsOf(TrainingRun run) {
        var data = run.data();
        DecisionBoundary reference = new DecisionBoundary();
        reference.setPoints(data.trainPoints(), data.train().y(), data.testPoints(), data.test().y(), data.task());
        return describe(reference.points());
    }

    /** A short, comparable description of the points sent to the browser (counts and a digest of the bytes). */
    private static String describe(DecisionBoundary.PointsPayload points) {
        if (points == null) {
            return "no points";
        }
        return points.task() + " " + points.trainCount() + " train / " + points.testCount() + " test, digest "
                + Integer.toHexString(points.train().hashCode()) + "/" + Integer.toHexString(points.test().hashCode());
    }

    /** Hands buffered events to the UI queue and runs it; twice, so a decision-boundary frame follows too. */
    private void pump() {
        for (int i = 0; i < 3; i++) {
            scheduler.runPending();
            MockVaadin.runUIQueue();
        }
    }

    /**
     * Sets a field's value as the browser would (a client-originated change). Karibu's {@code _setValue} reaches
     * into Flow internals that changed in Vaadin 25, so this calls {@code AbstractField.setModelValue} itself.
     */
    private static <V> void userSets(com.vaadin.flow.component.AbstractField<?, V> field, V value) {
        assertThat(field.isEnabled() && field.isVisible()).as("field is enabled and visible").isTrue();
        try {
            var setModelValue = com.vaadin.flow.component.AbstractField.class
                    .getDeclaredMethod("setModelValue", Object.class, boolean.class);
            setModelValue.setAccessible(true);
            setModelValue.invoke(field, value, true);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot set " + field.getClass().getSimpleName() + " from the client side", e);
        }
    }

    private static String textOf(Notification notification) {
        String text = notification.getElement().getProperty("text");
        return text != null ? text : notification.getElement().getTextRecursively();
    }

    private int epochShown() {
        return Integer.parseInt(_get(Span.class, spec -> spec.withId("epoch")).getText());
    }

    private int pointCount(String chartId) {
        LineChart chart = _get(LineChart.class, spec -> spec.withId(chartId));
        return chart.getSeries().isEmpty() ? 0 : chart.getPoints(chart.getSeries().get(0).key()).size();
    }

    private static void awaitEpoch(TrainingRun run, int epoch) throws Exception {
        await(run, new Object() {
            boolean met(EpochReport report) {
                return report.epoch() >= epoch;
            }
        }::met, state -> false);
    }

    private static void awaitState(TrainingRun run, RunState wanted) throws Exception {
        await(run, report -> false, state -> state == wanted);
    }

    /** Completes when the run reports a matching epoch or state (replaying what already happened). */
    private static void await(TrainingRun run, Predicate<EpochReport> epochMatch, Predicate<RunState> stateMatch)
            throws Exception {
        CompletableFuture<Void> met = new CompletableFuture<>();
        if (stateMatch.test(run.state())) {
            return;
        }
        Subscription subscription = run.subscribe(new RunListener() {
            @Override
            public void onEpoch(TrainingRun source, EpochReport report) {
                if (epochMatch.test(report)) {
                    met.complete(null);
                }
            }

            @Override
            public void onState(TrainingRun source, RunState state) {
                if (stateMatch.test(state)) {
                    met.complete(null);
                }
            }
        }, true);
        try {
            met.get(60, TimeUnit.SECONDS);
        } finally {
            subscription.close();
        }
    }
}
