package org.backproplab.walkthroughs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.backproplab.config.RunConfigUrl;
import org.backproplab.training.RunOwner;
import org.backproplab.training.SessionRuns;
import org.backproplab.training.TrainingLimits;
import org.backproplab.training.TrainingRun;
import org.backproplab.training.TrainingService;
import org.backproplab.training.ui.LabSessions;
import org.backproplab.walkthroughs.Step;
import org.backproplab.walkthroughs.Walkthrough;
import org.backproplab.walkthroughs.WalkthroughLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The walkthrough list and pages: content, Run buttons that open the lab with the preset, checks, explainers. */
class WalkthroughViewsTest {

    /**
     * Stands in for the lab at "" so navigation can be observed without the lab's Spring wiring. Not registered at
     * start-up, so the Spring Boot tests that scan the test classpath still find only the real lab at "".
     */
    @Route(value = "", registerAtStartup = false)
    public static class LabStandIn extends Div {
    }

    private TrainingService service;
    private WalkthroughLibrary library;

    @BeforeEach
    void setUp() {
        MockVaadin.setup(new Routes(java.util.Set.of(WalkthroughView.class, WalkthroughListView.class), java.util.Set.of(), true));
        com.vaadin.flow.router.RouteConfiguration.forApplicationScope().setAnnotatedRoute(LabStandIn.class);
        service = new TrainingService(TrainingLimits.defaults());
        library = new WalkthroughLibrary(service.validator(), null);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        service.close();
    }

    @Test
    void listShowsEveryWalkthroughWithTitleSummaryAndLink() {
        WalkthroughListView list = new WalkthroughListView(library);
        UI.getCurrent().add(list);

        List<RouterLink> links = descendants(list).filter(RouterLink.class::isInstance).map(RouterLink.class::cast).toList();
        assertThat(library.all()).extracting(Walkthrough::id)
                .contains("backpropagation", "vanishing-gradients", "exploding-gradients", "dead-relu", "dropout");
        assertThat(links).extracting(RouterLink::getText)
                .containsExactlyElementsOf(library.all().stream().map(Walkthrough::title).toList());
        assertThat(links).extracting(RouterLink::getHref)
                .containsExactlyElementsOf(library.all().stream().map(w -> "walkthroughs/" + w.id()).toList());
        String text = list.getElement().getTextRecursively();
        library.all().forEach(w -> assertThat(text).contains(w.summary()));
    }

    @Test
    void pageShowsStepsWithRunButtonsChartsExpectationsAndChecks() {
        WalkthroughView view = open("dead-relu");
        Walkthrough deadRelu = library.find("dead-relu").orElseThrow();

        assertThat(view.getPageTitle()).isEqualTo(deadRelu.title() + " · Backprop Lab");
        List<Button> runs = runButtons(view);
        assertThat(runs).hasSize((int) deadRelu.steps().stream().filter(Step::hasPreset).count());
        assertThat(runs).allSatisfy(b -> assertThat(b.getText()).startsWith("Run"));
        String text = view.getElement().getTextRecursively();
        assertThat(text).contains("Look at: the Dead units chart").contains("You should see: ")
                .contains(deadRelu.steps().getFirst().expect()).contains("Fix: ");
        assertThat(checkboxes(view)).extracting(Checkbox::getLabel).contains("A layer is more than half dead");
        assertThat(checkboxes(view)).noneMatch(Checkbox::getValue);
    }

    @Test
    void runButtonOpensTheLabWithTheStepsPresetAndAutoplay() {
        WalkthroughView view = open("dead-relu");
        Step first = library.find("dead-relu").orElseThrow().steps().getFirst();

        runButtons(view).getFirst().click();

        var location = UI.getCurrent().getInternals().getActiveViewLocation();
        assertThat(location.getPath()).isEmpty();
        Map<String, List<String>> query = location.getQueryParameters().getParameters();
        assertThat(query.get("autoplay")).containsExactly("true");
        assertThat(query.get("lr")).containsExactly("1");
        assertThat(query.get("layers")).containsExactly("8,8,8,8,8");
        assertThat(query.get("activation")).containsExactly("relu");
        RunConfigUrl.Parsed opened = RunConfigUrl.parse(location.getQueryParameters().excluding("autoplay")
                .getQueryString(), service.validator());
        assertThat(opened.errors()).isEmpty();
        assertThat(RunConfigUrl.toQuery(opened.config())).isEqualTo(RunConfigUrl.toQuery(first.preset()));
    }

    @Test
    void checkIsTickedWhenTheLearnersCurrentRunShowsIt() throws Exception {
        Step broken = library.find("dead-relu").orElseThrow().steps().getFirst();
        SessionRuns runs = LabSessions.runs(VaadinSession.getCurrent(), service);
        TrainingRun run = service.start(broken.preset(), new RunOwner.Session(runs), false);
        run.completion().get(120, TimeUnit.SECONDS);
        runs.setCurrent(run);

        WalkthroughView view = open("dead-relu");

        assertThat(broken.check().isMet(run.epochs(), run.findings())).isTrue();
        Map<Integer, Boolean> states = view.checkStates();
        assertThat(states.get(broken.number())).isTrue();
        // The fixes' checks ask for no dead-ReLU finding: this broken run has one.
        library.find("dead-relu").orElseThrow().steps().stream().filter(Step::fix)
                .forEach(fix -> assertThat(states.get(fix.number())).isFalse());
    }

    @Test
    void unknownIdShowsAFriendlyNotFoundPage() {
        WalkthroughView view = open("no-such-thing");

        assertThat(view.walkthrough()).isNull();
        assertThat(view.getId()).contains("walkthrough-not-found");
        assertThat(view.getElement().getTextRecursively()).contains("No walkthrough called “no-such-thing”")
                .contains("All walkthroughs");
        assertThat(view.getPageTitle()).contains("not found");
    }

    @Test
    void backpropagationPageEmbedsTheStepThroughOnceWithPhaseJumps() {
        WalkthroughView view = open("backpropagation");

        assertThat(descendants(view).filter(BackpropStepper.class::isInstance)).hasSize(1);
        BackpropStepper stepper = view.stepper();
        assertThat(stepper.getId()).contains(BackpropStepper.ID);
        List<Button> jumps = descendants(view).filter(c -> c.getClassNames().contains("stepper-jump"))
                .map(Button.class::cast).toList();
        assertThat(jumps).extracting(Button::getText).containsExactly(
                "Show the loss stage in the step-through", "Show the backward stage in the step-through",
                "Show the update stage in the step-through");
        jumps.get(2).click();
        assertThat(stepper.shownTitle()).isEqualTo("Weight update");
    }

    @Test
    void dropoutPageEmbedsTheDropoutExplainer() {
        WalkthroughView view = open("dropout");

        DropoutExplainer explainer = descendants(view).filter(DropoutExplainer.class::isInstance)
                .map(DropoutExplainer.class::cast).findFirst().orElseThrow();
        assertThat(explainer.maskRate()).isEqualTo(0.5);
        assertThat(explainer.comparison()).hasSize(3);
    }

    private WalkthroughView open(String id) {
        WalkthroughView view = new WalkthroughView(library, service);
        view.show(id);
        UI.getCurrent().add(view);
        return view;
    }

    private static List<Button> runButtons(Component view) {
        return descendants(view).filter(c -> c.getClassNames().contains("step-run")).map(Button.class::cast).toList();
    }

    private static List<Checkbox> checkboxes(Component view) {
        return descendants(view).filter(Checkbox.class::isInstance).map(Checkbox.class::cast).toList();
    }

    private static Stream<Component> descendants(Component root) {
        return root.getChildren().flatMap(child -> Stream.concat(Stream.of(child), descendants(child)));
    }
}
