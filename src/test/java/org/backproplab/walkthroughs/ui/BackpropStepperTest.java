package org.backproplab.walkthroughs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import java.util.List;
import org.backproplab.config.RunConfig;
import org.backproplab.config.RunConfigUrl;
import org.backproplab.config.RunConfigValidator;
import org.backproplab.datasets.DatasetCatalog;
import org.backproplab.datasets.PreparedDataset;
import org.backproplab.engine.BackpropTrace;
import org.backproplab.engine.BackpropTrace.NodeTrace;
import org.backproplab.engine.BackpropTrace.WeightTrace;
import org.backproplab.engine.DenseWeights;
import org.backproplab.engine.Hyperparameters;
import org.backproplab.engine.Network;
import org.backproplab.engine.Samples;
import org.backproplab.engine.Trainer;
import org.backproplab.walkthroughs.BackpropPhase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The step-through shows the engine's own numbers of one SGD step, stage by stage. */
class BackpropStepperTest {

    /** The backpropagation walkthrough's preset: 2 inputs → 2 tanh units → 1 sigmoid output. */
    private static final String PRESET = "dataset=gauss&layers=2&activation=tanh&init=xavier&lr=0.1&batch=1&epochs=50";

    private final DatasetCatalog catalog = new DatasetCatalog();
    private RunConfig preset;
    private BackpropStepper stepper;
    private BackpropTrace trace;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        preset = RunConfigUrl.parse(PRESET, new RunConfigValidator(catalog.all().stream()
                .map(info -> info.name()).toList())).config();
        stepper = BackpropStepper.forPreset(preset, catalog);
        UI.getCurrent().add(stepper);
        trace = stepper.model().trace();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void traceIsTheEnginesForTheFirstTrainingExampleOfTheFreshNetwork() {
        PreparedDataset data = ExplainerNetworks.data(preset, catalog);
        BackpropTrace expected = BackpropTrace.of(ExplainerNetworks.network(preset, data), data.train().x()[0],
                data.train().y()[0], 0.1);

        assertThat(trace.input()).containsExactly(expected.input());
        assertThat(trace.loss()).isEqualTo(expected.loss());
        assertThat(stepper.model().layerSizes()).containsExactly(2, 2, 1);
    }

    @Test
    void forwardStagesShowEachNodesWeightedSumAndActivation() {
        assertThat(stepper.shownTitle()).startsWith("The network and one example");
        for (List<NodeTrace> layer : trace.nodes()) {
            for (NodeTrace node : layer) {
                stepper.next();
                String shown = String.join("\n", stepper.shownLines());
                assertThat(stepper.shownTitle()).startsWith("Forward pass");
                assertThat(shown).contains("= " + StepThrough.format(node.weightedSum()))
                        .contains(") = " + StepThrough.format(node.activation()));
                assertThat(stepper.svgMarkup()).contains("z=" + StepThrough.format(node.weightedSum()))
                        .contains("data-node=\"" + node.layer() + ":" + node.unit() + "\" data-focus=\"true\"");
            }
        }
        stepper.next();
        assertThat(stepper.shownTitle()).isEqualTo("Loss");
        assertThat(String.join("\n", stepper.shownLines())).contains("= " + StepThrough.format(trace.loss()));
    }

    @Test
    void backwardStagesShowTheChainRuleProductsAndWeightGradients() {
        stepper.goToPhase(BackpropPhase.BACKWARD);
        int nodes = trace.nodes().stream().mapToInt(List::size).sum();
        for (int i = 0; i < nodes; i++) {
            List<List<NodeTrace>> layers = trace.nodes();
            // Backward order: the output first, then the hidden units from the last.
            NodeTrace node = backwardOrder(layers).get(i);
            String shown = String.join("\n", stepper.shownLines());
            assertThat(shown).contains("∂L/∂a = ").contains(StepThrough.format(node.lossGradientActivation()))
                    .contains("= " + StepThrough.format(node.localDerivative()))
                    .contains("∂L/∂z = ∂L/∂a × da/dz = ").endsWith(lastGradientLine(node));
            for (WeightTrace w : trace.weights().get(node.layer() - 1)) {
                if (w.toUnit() == node.unit()) {
                    assertThat(shown).contains(" = " + StepThrough.format(w.gradient()));
                }
            }
            assertThat(stepper.svgMarkup()).contains("∂L/∂z=" + StepThrough.format(node.lossGradientSum()));
            stepper.next();
        }
        assertThat(stepper.shownTitle()).isEqualTo("Weight update");
    }

    @Test
    void updateStageShowsWhatATrainerStepOnTheSameExampleProduces() {
        PreparedDataset data = ExplainerNetworks.data(preset, catalog);
        Network network = ExplainerNetworks.network(preset, data);
        Samples oneExample = new Samples(new double[][] {data.train().x()[0]}, new double[] {data.train().y()[0]});
        Trainer trainer = new Trainer(network, oneExample, null, Hyperparameters.sgd(0.1, 1), 1);
        trainer.trainBatch();
        List<DenseWeights> trained = trainer.network().weights();

        stepper.goToPhase(BackpropPhase.UPDATE);
        String shown = String.join("\n", stepper.shownLines());
        for (List<WeightTrace> layer : trace.weights()) {
            for (WeightTrace w : layer) {
                DenseWeights after = trained.get(w.layer() - 1);
                double trainerValue = w.isBias() ? after.bias()[w.toUnit()] : after.kernel()[w.fromUnit()][w.toUnit()];
                assertThat(w.updatedWeight()).isCloseTo(trainerValue, org.assertj.core.data.Offset.offset(1e-12));
                assertThat(shown).contains(stepper.model().weightName(w) + ": " + StepThrough.format(w.weight())
                        + " − 0.1000 × ").contains(" = " + StepThrough.format(trainerValue));
            }
        }
        assertThat(stepper.svgMarkup()).contains("→ " + StepThrough.format(trace.weights().get(0).get(0).updatedWeight()));
    }

    @Test
    void backAndNextButtonsWalkTheStagesAndStopAtTheEnds() {
        Button back = button("trace-back");
        Button next = button("trace-next");
        assertThat(back.isEnabled()).isFalse();

        next.click();
        next.click();
        assertThat(stepper.stageIndex()).isEqualTo(2);
        back.click();
        assertThat(stepper.stageIndex()).isEqualTo(1);

        for (int i = 0; i < stepper.stageCount() + 3; i++) {
            stepper.next();
        }
        assertThat(stepper.stageIndex()).isEqualTo(stepper.stageCount() - 1);
        assertThat(next.isEnabled()).isFalse();
        // start, one stage per node forward, the loss, one per node backward, the update
        assertThat(stepper.stageCount()).isEqualTo(1 + 3 + 1 + 3 + 1);
    }

    private Button button(String id) {
        return stepper.getChildren().flatMap(c -> c.getChildren()).filter(c -> c.getId().orElse("").equals(id))
                .map(Button.class::cast).findFirst().orElseThrow();
    }

    private static List<NodeTrace> backwardOrder(List<List<NodeTrace>> layers) {
        List<NodeTrace> forward = layers.stream().flatMap(List::stream).toList();
        return forward.reversed();
    }

    private static String lastGradientLine(NodeTrace node) {
        return node.layer() == 1 ? "incoming weights." : "";
    }
}
