package org.backproplab.training.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.server.VaadinSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.backproplab.chartjs.ChartSeries;
import org.backproplab.config.DatasetConfig;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.RunConfig;
import org.backproplab.config.TrainingConfig;
import org.backproplab.diagnosis.Charts;
import org.backproplab.diagnosis.Finding;
import org.backproplab.diagnosis.FindingKind;
import org.backproplab.diagnosis.Remedy;
import org.backproplab.engine.Activation;
import org.backproplab.engine.Task;
import org.backproplab.training.RunOwner;
import org.backproplab.training.SessionRuns;
import org.backproplab.training.TrainingLimits;
import org.backproplab.training.TrainingRun;
import org.backproplab.training.TrainingService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The findings panel lists findings in plain words and starts a remedy's run beside the current one. */
class FindingsPanelTest {

    private TrainingService service;
    private ScheduledExecutorService pushScheduler;
    private LabCharts charts;
    private SessionRuns sessionRuns;
    private TrainingRun runA;
    private ComparisonRuns comparison;
    private FindingsPanel panel;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        service = new TrainingService(TrainingLimits.defaults());
        pushScheduler = Executors.newSingleThreadScheduledExecutor();
        sessionRuns = LabSessions.runs(VaadinSession.getCurrent(), service);
        runA = service.start(config(1.0), new RunOwner.Session(sessionRuns), true);
        sessionRuns.setCurrent(runA);
        charts = new LabCharts();
        charts.reset(new RunShape(Task.BINARY, List.of(Activation.RELU, Activation.RELU)));
        comparison = new ComparisonRuns(service, charts, pushScheduler, RefreshBudget.pushes(), () -> runA);
        panel = new FindingsPanel(comparison);
        UI.getCurrent().add(comparison, panel);
        charts.all().forEach(UI.getCurrent()::add);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        pushScheduler.shutdownNow();
        service.close();
    }

    @Test
    void emptyStateSaysNothingWasSpotted() {
        assertThat(panel.getId()).contains("findings");
        assertThat(panel.getElement().getTextRecursively()).contains("No problems spotted so far.");
        assertThat(entries()).isEmpty();
    }

    @Test
    void aFindingShowsTitleWhereEvidenceMessageAndRemedies() {
        panel.addFindings(List.of(deadRelu(7, "3 of 4 units of hidden layer 2 are dead (75%)")));

        assertThat(entries()).hasSize(1);
        String text = entries().getFirst().getElement().getTextRecursively();
        assertThat(text).contains("Dead ReLU units").contains("Layer 2, since epoch 7")
                .contains("Evidence: 3 of 4 units of hidden layer 2 are dead (75%)")
                .contains("their weighted sum is negative for every example")
                .contains("Lower the learning rate to 0.1").contains("Show evidence");
        assertThat(emptyVisible()).isFalse();
    }

    @Test
    void aWorsenedFindingReplacesItsEntryAndClearEmptiesThePanel() {
        panel.addFindings(List.of(deadRelu(7, "75%")));
        panel.addFindings(List.of(new Finding(FindingKind.OVERFITTING, 9, null, "gap 30%", "memorises", List.of(),
                Charts.LOSS)));
        panel.addFindings(List.of(deadRelu(12, "100%")));

        assertThat(panel.findings()).extracting(Finding::kind)
                .containsExactly(FindingKind.DEAD_RELU, FindingKind.OVERFITTING);
        assertThat(panel.findings().getFirst().epoch()).isEqualTo(12);
        assertThat(entries().get(0).getElement().getTextRecursively()).contains("Evidence: 100%")
                .doesNotContain("Evidence: 75%");
        assertThat(entries().get(1).getElement().getTextRecursively()).contains("Whole network, since epoch 9");
        assertThat(entries().get(0).getElement().getAttribute("data-kind")).isEqualTo("DEAD_RELU");

        panel.clear();
        assertThat(entries()).isEmpty();
        assertThat(emptyVisible()).isTrue();
    }

    @Test
    void aWorsenedFindingUpdatesItsEntryInPlaceAndItsButtonsShowTheLatest() {
        panel.addFindings(List.of(deadRelu(7, "75%")));
        Component entry = entries().getFirst();
        Button remedy = buttons().filter(b -> b.getClassNames().contains("remedy")).findFirst().orElseThrow();
        List<Finding> highlighted = new ArrayList<>();
        panel.addHighlightListener(highlighted::add);

        Finding worse = deadRelu(12, "100%");
        panel.addFindings(List.of(worse));

        assertThat(entries()).containsExactly(entry);
        assertThat(entry.getElement().getTextRecursively()).contains("Layer 2, since epoch 12")
                .contains("Evidence: 100%").doesNotContain("75%");
        // Same remedies: the same buttons; "Show evidence" points at the worsened finding.
        assertThat(buttons().filter(b -> b.getClassNames().contains("remedy"))).containsExactly(remedy);
        buttons().filter(b -> b.getText().equals("Show evidence")).findFirst().orElseThrow().click();
        assertThat(highlighted).containsExactly(worse);

        Finding otherRemedy = new Finding(FindingKind.DEAD_RELU, 15, 2, "100%", worse.message(),
                List.of(new Remedy("Use Leaky ReLU", config(0.05))), Charts.DEAD);
        panel.addFindings(List.of(otherRemedy));
        assertThat(buttons().filter(b -> b.getClassNames().contains("remedy"))).extracting(Button::getText)
                .containsExactly("Use Leaky ReLU");
    }

    @Test
    void oneDeliveryWithAKindSeveralTimesShowsItsLastFindingInTheFirstOnesPlace() {
        Finding overfitting = new Finding(FindingKind.OVERFITTING, 9, null, "gap 30%", "memorises", List.of(),
                Charts.LOSS);
        panel.addFindings(List.of(deadRelu(7, "75%"), overfitting, deadRelu(8, "88%"), deadRelu(9, "100%")));

        assertThat(entries()).hasSize(2);
        assertThat(panel.findings()).extracting(Finding::kind)
                .containsExactly(FindingKind.DEAD_RELU, FindingKind.OVERFITTING);
        assertThat(entries().get(0).getElement().getTextRecursively()).contains("Evidence: 100%")
                .doesNotContain("Evidence: 75%");
        Component shownEntry = entries().get(0);

        // The same finding again changes nothing, not even the entry's component.
        panel.addFindings(List.of(deadRelu(9, "100%")));
        assertThat(entries().get(0)).isSameAs(shownEntry);
    }

    @Test
    void feedDeliveriesOfANewRunStartTheListAfresh() {
        panel.accept(new FeedBatch(runA, List.of(), null, List.of(deadRelu(3, "75%"))));
        TrainingRun other = service.start(config(0.1), new RunOwner.Session(sessionRuns), true);
        panel.accept(new FeedBatch(other, List.of(), null, List.of()));

        assertThat(entries()).isEmpty();
    }

    @Test
    void showEvidenceTellsTheLabWhichLayerAndChart() {
        List<Finding> highlighted = new ArrayList<>();
        panel.addHighlightListener(highlighted::add);
        Finding finding = deadRelu(7, "75%");
        panel.addFindings(List.of(finding));

        buttons().filter(b -> b.getText().equals("Show evidence")).findFirst().orElseThrow().click();

        assertThat(highlighted).containsExactly(finding);
        assertThat(highlighted.getFirst().layer()).isEqualTo(2);
        assertThat(highlighted.getFirst().chart()).isEqualTo("dead-chart");
    }

    @Test
    void remedyButtonStartsTheFixedRunBesideTheCurrentOneAndOverlaysIt() {
        panel.addFindings(List.of(deadRelu(7, "75%")));

        buttons().filter(b -> b.getText().equals("Lower the learning rate to 0.1")).findFirst().orElseThrow().click();

        TrainingRun runB = sessionRuns.comparison().orElseThrow();
        assertThat(runB).isNotSameAs(runA);
        assertThat(sessionRuns.current()).contains(runA);
        assertThat(runB.config().training().learningRate()).isEqualTo(0.1);
        assertThat(runB.config().dataset()).isEqualTo(runA.config().dataset());
        assertThat(comparison.label()).isEqualTo("B: lr 1 → 0.1");
        assertThat(comparison.isVisible()).isTrue();
        assertThat(charts.loss().getSeries()).extracting(ChartSeries::label).contains("B: lr 1 → 0.1: train loss");
        assertThat(charts.loss().getSeries().stream().filter(s -> s.key().startsWith("b-")))
                .allMatch(ChartSeries::dashed).hasSize(2);
        assertThat(charts.dead().hasSeries("b-layer1")).isTrue();
        assertThat(charts.gradient().hasSeries("b-layer3")).isTrue();
    }

    @Test
    void removingTheComparisonClearsItsSeriesAndForgetsRunB() {
        TrainingRun runB = comparison.start(config(0.1), "Lower the learning rate").orElseThrow();

        comparison.remove();

        assertThat(sessionRuns.comparison()).isEmpty();
        assertThat(sessionRuns.runs()).doesNotContain(runB);
        assertThat(charts.all()).allSatisfy(chart ->
                assertThat(chart.getSeries()).noneMatch(series -> series.key().startsWith("b-")));
        assertThat(comparison.isVisible()).isFalse();
    }

    @Test
    void differenceBetweenConfigsIsNamedInWords() {
        RunConfig a = config(1.0);
        assertThat(ComparisonRuns.describeDifference(a, config(0.1))).isEqualTo("lr 1 → 0.1");
        RunConfig leaky = a.withNetwork(a.network().withActivation("leaky_relu").withInitializer("he", 1.0));
        assertThat(ComparisonRuns.describeDifference(a, leaky)).isEqualTo("activation relu → leaky_relu, init xavier → he");
        assertThat(ComparisonRuns.describeDifference(a, a.withNetwork(a.network().withBatchNorm(true))))
                .isEqualTo("batch norm false → true");
        assertThat(ComparisonRuns.describeDifference(a, a)).isEqualTo("same settings");
    }

    private static Finding deadRelu(int epoch, String evidence) {
        return new Finding(FindingKind.DEAD_RELU, epoch, 2, evidence,
                "Most units of layer 2 never fire: their weighted sum is negative for every example.",
                List.of(new Remedy("Lower the learning rate to 0.1", config(0.1))), Charts.DEAD);
    }

    private static RunConfig config(double learningRate) {
        return new RunConfig(new DatasetConfig("circle", 100, 0.1, 0.5, null, 1L, null, null, null),
                new NetworkConfig(List.of(4, 4), "relu", null, "xavier", null, null, null, null),
                new TrainingConfig("sgd", learningRate, null, 10, 5, null, null, null, 1L)).withDefaults();
    }

    private List<Component> entries() {
        return descendants(panel).filter(c -> c.getClassNames().contains("finding")).toList();
    }

    private boolean emptyVisible() {
        return descendants(panel).filter(c -> c.getClassNames().contains("findings-empty")).findFirst()
                .orElseThrow().isVisible();
    }

    private Stream<Button> buttons() {
        return descendants(panel).filter(Button.class::isInstance).map(Button.class::cast);
    }

    private static Stream<Component> descendants(Component root) {
        return root.getChildren().flatMap(child -> Stream.concat(Stream.of(child), descendants(child)));
    }
}
