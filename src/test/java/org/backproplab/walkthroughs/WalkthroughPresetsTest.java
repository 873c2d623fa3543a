package org.backproplab.walkthroughs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.backproplab.config.RunConfig;
import org.backproplab.diagnosis.Finding;
import org.backproplab.diagnosis.FindingKind;
import org.backproplab.training.RunOwner;
import org.backproplab.training.TrainingLimits;
import org.backproplab.training.TrainingRun;
import org.backproplab.training.TrainingService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trains every preset through the real training service (the same path as the lab and the API) and checks that
 * the diagnosis says what the walkthroughs promise: each broken preset raises its finding, each fix does not, every
 * step's check is met by its own preset, and the healthy showcase runs raise nothing at all.
 */
class WalkthroughPresetsTest {

    /** Enough for every broken preset to show its finding (overfitting is the slowest, around epoch 30). */
    static final int WALKTHROUGH_EPOCHS = 40;
    /** Healthy runs get longer, past the 30-epoch plateau window of NOT_LEARNING without a known cause. */
    static final int SHOWCASE_EPOCHS = 100;

    static TrainingService service;
    static WalkthroughLibrary library;
    static PresetCatalog catalog;
    /** Every preset's finished run, by preset id (all trained at once, in parallel, before the tests). */
    static final Map<String, TrainingRun> runs = new LinkedHashMap<>();

    @BeforeAll
    static void trainEveryPreset() throws Exception {
        service = new TrainingService(TrainingLimits.defaults().withRunsTotal(64));
        library = new WalkthroughLibrary(service.validator(), null);
        catalog = new PresetCatalog(library, service.validator());
        List<String> showcase = showcaseIds();
        for (Preset preset : catalog.all()) {
            int epochs = showcase.contains(preset.id()) ? SHOWCASE_EPOCHS : WALKTHROUGH_EPOCHS;
            RunConfig config = preset.config().withTraining(preset.config().training().withEpochs(epochs));
            runs.put(preset.id(), service.start(config, new RunOwner.Api(), false));
        }
        for (TrainingRun run : runs.values()) {
            run.completion().get(2, TimeUnit.MINUTES);
        }
    }

    @AfterAll
    static void shutDown() {
        service.close();
    }

    static List<String> showcaseIds() {
        List<String> stepIds = library.all().stream().flatMap(w -> w.steps().stream())
                .filter(Step::hasPreset).map(Step::presetId).toList();
        return catalog.all().stream().map(Preset::id).filter(id -> !stepIds.contains(id)).toList();
    }

    static List<FindingKind> kinds(String presetId) {
        TrainingRun run = runs.get(presetId);
        assertThat(run).as("preset %s", presetId).isNotNull();
        return run.findings().stream().map(Finding::kind).toList();
    }

    @Test
    void healthyShowcasePresetsRaiseNothing() {
        assertThat(showcaseIds()).contains("spiral-tanh-4x8", "circle-relu");
        for (String id : showcaseIds()) {
            assertThat(kinds(id)).as("findings of healthy preset %s", id).isEmpty();
            assertThat(runs.get(id).epochs()).as("epochs of %s", id).hasSize(SHOWCASE_EPOCHS);
        }
    }

    @Test
    void vanishingGradientsBrokenRaisesItAndTheFixesDoNot() {
        assertThat(kinds("vanishing-gradients-1")).contains(FindingKind.VANISHING_GRADIENTS);
        assertThat(kinds("vanishing-gradients-2")).doesNotContain(FindingKind.VANISHING_GRADIENTS);
        assertThat(kinds("vanishing-gradients-3")).doesNotContain(FindingKind.VANISHING_GRADIENTS);
    }

    @Test
    void explodingPresetsDivergeAndTheFixesDoNot() {
        List<FindingKind> blowUp = List.of(FindingKind.DIVERGED, FindingKind.EXPLODING_GRADIENTS);
        assertThat(kinds("exploding-gradients-1")).containsAnyElementsOf(blowUp);
        assertThat(kinds("exploding-gradients-2")).doesNotContainAnyElementsOf(blowUp);
        assertThat(kinds("exploding-gradients-3")).containsAnyElementsOf(blowUp);
        assertThat(kinds("exploding-gradients-4")).doesNotContainAnyElementsOf(blowUp);
    }

    @Test
    void deadReluBrokenRaisesItAndTheFixesDoNot() {
        assertThat(kinds("dead-relu-1")).contains(FindingKind.DEAD_RELU);
        assertThat(kinds("dead-relu-2")).doesNotContain(FindingKind.DEAD_RELU);
        assertThat(kinds("dead-relu-3")).doesNotContain(FindingKind.DEAD_RELU);
    }

    @Test
    void dropoutRatesZeroHalfAndOne() {
        assertThat(kinds("dropout-1")).as("rate 0.0").contains(FindingKind.OVERFITTING);
        assertThat(kinds("dropout-3")).as("rate 0.5").doesNotContain(FindingKind.OVERFITTING, FindingKind.NOT_LEARNING);
        assertThat(kinds("dropout-4")).as("rate 1.0").containsExactly(FindingKind.NOT_LEARNING);
        assertThat(runs.get("dropout-4").findings().getFirst().message()).contains("Dropout is set to 1.0");
    }

    @Test
    void everyStepsCheckIsMetByItsOwnPreset() {
        List<String> unmet = new ArrayList<>();
        for (Walkthrough walkthrough : library.all()) {
            for (Step step : walkthrough.steps()) {
                if (step.check() == null || !step.hasPreset()) {
                    continue;
                }
                TrainingRun run = runs.get(step.presetId());
                if (!step.check().isMet(run.epochs(), run.findings())) {
                    unmet.add(step.presetId() + " (" + step.check() + "): findings " + kinds(step.presetId()));
                }
            }
        }
        assertThat(unmet).isEmpty();
    }
}
