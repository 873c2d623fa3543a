package org.backproplab.walkthroughs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.backproplab.config.RunConfigValidator;
import org.backproplab.diagnosis.FindingKind;
import org.junit.jupiter.api.Test;

class WalkthroughParserTest {

    static final RunConfigValidator VALIDATOR = new RunConfigValidator(List.of("circle", "xor", "gauss", "spiral",
            "moons", "plane", "multi-gauss", "digits", "iris"));

    final WalkthroughParser parser = new WalkthroughParser(VALIDATOR);

    static final String VALID = """
            ---
            title: Dead units
            summary: Units that stop firing.
            order: 4
            ---
            An introduction.

            ## Break it
            preset: dataset=circle&layers=8,8&activation=relu&lr=1
            run: Run with learning rate 1
            chart: dead-chart
            expect: Most units die.
            check: FINDING:DEAD_RELU

            Text of the first step.
            More text.

            ## Fix: Lower the learning rate
            preset: dataset=circle&layers=8,8&activation=relu&lr=0.03
            run: Run with learning rate 0.03
            check: no_finding:dead_relu

            Smaller steps.

            ## The stepper
            show: backprop-stepper
            phase: backward

            Blame flows backwards.
            """;

    WalkthroughFormatException.Problem onlyProblem(String source, String text) {
        WalkthroughFormatException e = catchThrowableOfType(WalkthroughFormatException.class, () -> parser.parse(source, text));
        assertThat(e).as("expected a format error").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().getFirst();
    }

    @Test
    void readsFrontMatterIntroAndSteps() {
        Walkthrough w = parser.parse("dead-units.md", VALID);
        assertThat(w.id()).isEqualTo("dead-units");
        assertThat(w.title()).isEqualTo("Dead units");
        assertThat(w.summary()).isEqualTo("Units that stop firing.");
        assertThat(w.order()).isEqualTo(4);
        assertThat(w.intro()).isEqualTo("An introduction.");
        assertThat(w.steps()).hasSize(3);

        Step first = w.steps().get(0);
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.title()).isEqualTo("Break it");
        assertThat(first.fix()).isFalse();
        assertThat(first.text()).isEqualTo("Text of the first step.\nMore text.");
        assertThat(first.presetId()).isEqualTo("dead-units-1");
        assertThat(first.presetQuery()).isEqualTo("dataset=circle&layers=8,8&activation=relu&lr=1");
        assertThat(first.preset().training().learningRate()).isEqualTo(1.0);
        assertThat(first.preset().network().hiddenLayers()).containsExactly(8, 8);
        assertThat(first.preset().training().epochs()).isEqualTo(500); // defaults filled in
        assertThat(first.runLabel()).isEqualTo("Run with learning rate 1");
        assertThat(first.chart()).isEqualTo("dead-chart");
        assertThat(first.expect()).isEqualTo("Most units die.");
        assertThat(first.check()).isEqualTo(new StepCheck(StepCheck.Condition.FINDING, FindingKind.DEAD_RELU));

        Step fix = w.steps().get(1);
        assertThat(fix.fix()).isTrue();
        assertThat(fix.title()).isEqualTo("Lower the learning rate");
        assertThat(fix.check()).isEqualTo(new StepCheck(StepCheck.Condition.NO_FINDING, FindingKind.DEAD_RELU));

        Step stepper = w.steps().get(2);
        assertThat(stepper.hasPreset()).isFalse();
        assertThat(stepper.presetId()).isNull();
        assertThat(stepper.widget()).isEqualTo(Widget.BACKPROP_STEPPER);
        assertThat(stepper.phase()).isEqualTo(BackpropPhase.BACKWARD);
    }

    @Test
    void anUnknownKeyIsNamedWithFileAndLine() {
        WalkthroughFormatException.Problem p = onlyProblem("dead-units.md", VALID.replace("chart: dead-chart", "colour: red"));
        assertThat(p.source()).isEqualTo("dead-units.md");
        assertThat(p.line()).isEqualTo(11);
        assertThat(p.message()).contains("unknown key 'colour'").contains("allowed: preset, run, chart");
        assertThat(p.toString()).startsWith("dead-units.md:11: unknown key 'colour'");
    }

    @Test
    void anUnknownFrontMatterKeyIsNamed() {
        WalkthroughFormatException.Problem p = onlyProblem("dead-units.md", VALID.replace("order: 4", "author: me"));
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.message()).contains("unknown key 'author'").contains("title, summary, order");
    }

    @Test
    void aPresetWithABadValueIsRejectedWithTheParameter() {
        WalkthroughFormatException.Problem p = onlyProblem("dead-units.md", VALID.replace("lr=1\n", "lr=50\n"));
        assertThat(p.line()).isEqualTo(9);
        assertThat(p.message()).contains("bad preset").contains("lr").contains("<= 10").doesNotContain("using the default");
    }

    @Test
    void aPresetWithAMistypedParameterIsRejected() {
        WalkthroughFormatException.Problem p = onlyProblem("dead-units.md", VALID.replace("activation=relu&lr=1\n", "activaton=relu&lr=1\n"));
        assertThat(p.message()).contains("unknown preset parameter 'activaton'");
    }

    @Test
    void anUnknownDatasetIsRejected() {
        WalkthroughFormatException.Problem p = onlyProblem("dead-units.md", VALID.replace("dataset=circle&layers=8,8&activation=relu&lr=1", "dataset=donut&layers=8,8&activation=relu&lr=1"));
        assertThat(p.message()).contains("unknown dataset 'donut'");
    }

    @Test
    void runLabelsMustStartWithRun() {
        WalkthroughFormatException.Problem p = onlyProblem("dead-units.md", VALID.replace("run: Run with learning rate 1", "run: Train it"));
        assertThat(p.line()).isEqualTo(10);
        assertThat(p.message()).contains("must start with 'Run'");
    }

    @Test
    void aPresetNeedsARunButtonAndARunButtonNeedsAPreset() {
        assertThat(onlyProblem("a.md", VALID.replace("run: Run with learning rate 1\n", "")).message())
                .contains("has a preset but no 'run:'");
        assertThat(onlyProblem("a.md", VALID.replace("show: backprop-stepper", "run: Run nothing\nshow: backprop-stepper")).message())
                .contains("needs a 'preset:'");
    }

    @Test
    void unknownChartsChecksWidgetsAndPhasesAreNamed() {
        assertThat(onlyProblem("a.md", VALID.replace("chart: dead-chart", "chart: pie-chart")).message())
                .contains("unknown chart 'pie-chart'").contains("gradient-chart");
        assertThat(onlyProblem("a.md", VALID.replace("FINDING:DEAD_RELU", "FINDING:DEAD_UNITS")).message())
                .contains("unknown finding kind 'DEAD_UNITS'");
        assertThat(onlyProblem("a.md", VALID.replace("FINDING:DEAD_RELU", "LAYER_HALF_DEAD")).message())
                .contains("unknown check").contains("LAYER_DEAD_OVER_HALF");
        assertThat(onlyProblem("a.md", VALID.replace("show: backprop-stepper", "show: slideshow")).message())
                .contains("unknown widget 'slideshow'");
        assertThat(onlyProblem("a.md", VALID.replace("phase: backward", "phase: sideways")).message())
                .contains("unknown phase 'sideways'");
    }

    List<String> allProblems(String text) {
        WalkthroughFormatException e = catchThrowableOfType(WalkthroughFormatException.class, () -> parser.parse("a.md", text));
        assertThat(e).as("expected a format error").isNotNull();
        return e.problems().stream().map(WalkthroughFormatException.Problem::message).toList();
    }

    @Test
    void missingFrontMatterOrTitleOrStepsAreErrors() {
        assertThat(allProblems("# Just markdown\n\n## Step\n\nText.\n")).anyMatch(m -> m.contains("front matter"));
        assertThat(onlyProblem("a.md", VALID.replace("title: Dead units\n", "")).message()).contains("needs 'title:'");
        assertThat(onlyProblem("a.md", "---\ntitle: T\nsummary: S\n---\nNo steps here.\n").message()).contains("at least one step");
        assertThat(allProblems("---\ntitle: T\nsummary: S\n")).anyMatch(m -> m.contains("not closed"));
    }

    @Test
    void aStepWithoutTextIsAnError() {
        String text = "---\ntitle: T\nsummary: S\n---\n## Empty\nchart: loss-chart\n\n## Full\n\nText.\n";
        WalkthroughFormatException.Problem p = onlyProblem("a.md", text);
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.message()).contains("step 'Empty' has no text");
    }

    @Test
    void theFileNameMustMakeAGoodId() {
        assertThat(onlyProblem("Dead Units.md", VALID).message()).contains("file name");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        String broken = VALID.replace("chart: dead-chart", "chart: pie").replace("run: Run with learning rate 1", "run: Go");
        WalkthroughFormatException e = catchThrowableOfType(WalkthroughFormatException.class, () -> parser.parse("a.md", broken));
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).contains("a.md:10:").contains("a.md:11:");
    }
}
