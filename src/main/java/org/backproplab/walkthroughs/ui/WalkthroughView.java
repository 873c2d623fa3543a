package org.backproplab.walkthroughs.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.markdown.Markdown;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backproplab.config.RunConfig;
import org.backproplab.diagnosis.Finding;
import org.backproplab.engine.EpochReport;
import org.backproplab.training.RunListener;
import org.backproplab.training.RunState;
import org.backproplab.training.SessionRuns;
import org.backproplab.training.TrainingRun;
import org.backproplab.training.TrainingService;
import org.backproplab.training.ui.LabSessions;
import org.backproplab.walkthroughs.Step;
import org.backproplab.walkthroughs.StepCheck;
import org.backproplab.walkthroughs.Walkthrough;
import org.backproplab.walkthroughs.WalkthroughLibrary;
import org.backproplab.walkthroughs.Widget;

/**
 * {@code /walkthroughs/<id>}: one walkthrough, step by step. A step says what to try (a "Run ..." button that
 * opens the lab with the step's preset and starts it), what to look at, what to expect, and carries a check that
 * is ticked once the learner's current run shows it. The backpropagation and dropout walkthroughs embed their
 * explainers. An unknown id shows a short page pointing to the list.
 */
@Route("walkthroughs/:" + WalkthroughView.ID_PARAMETER)
public class WalkthroughView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    public static final String ID_PARAMETER = "id";

    private final WalkthroughLibrary library;
    private final TrainingService service;
    private final Map<Step, Checkbox> checks = new LinkedHashMap<>();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    private Walkthrough walkthrough;
    private String title = "Walkthrough not found · Backprop Lab";
    private BackpropStepper stepper;
    private UI ui;
    private TrainingRun watched;
    private AutoCloseable subscription;

    public WalkthroughView(WalkthroughLibrary library, TrainingService service) {
        this.library = library;
        this.service = service;
        WalkthroughPages.pageStyle(this);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show(event.getRouteParameters().get(ID_PARAMETER).orElse(""));
    }

    /** Builds the page for a walkthrough id (the not-found page for an unknown one). */
    void show(String id) {
        removeAll();
        checks.clear();
        stepper = null;
        walkthrough = library.find(id).orElse(null);
        if (walkthrough == null) {
            showNotFound(id);
        } else {
            showWalkthrough(walkthrough);
        }
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    /** The walkthrough shown, or null on the not-found page. */
    Walkthrough walkthrough() {
        return walkthrough;
    }

    /** The step-through, when this walkthrough embeds it. */
    BackpropStepper stepper() {
        return stepper;
    }

    // -------------------------------------------------------------------------------------------------- pages

    private void showNotFound(String id) {
        title = "Walkthrough not found · Backprop Lab";
        setId("walkthrough-not-found");
        H1 heading = new H1("No walkthrough called “" + id + "”");
        Paragraph text = new Paragraph("It may have been renamed, or the link has a typo. These are the ones there are:");
        RouterLink all = new RouterLink("All walkthroughs", WalkthroughListView.class);
        all.setId("all-walkthroughs");
        add(WalkthroughPages.labLink(), heading, text, all);
    }

    private void showWalkthrough(Walkthrough shown) {
        title = shown.title() + " · Backprop Lab";
        setId("walkthrough");
        getElement().setAttribute("data-id", shown.id());
        RouterLink all = new RouterLink("All walkthroughs", WalkthroughListView.class);
        Div nav = new Div(WalkthroughPages.labLink(), new Span(" · "), all);
        H1 heading = new H1(shown.title());
        add(nav, heading);
        if (!shown.intro().isBlank()) {
            add(new Markdown(shown.intro()));
        }
        RunConfig stepperPreset = shown.steps().stream()
                .filter(s -> s.widget() == Widget.BACKPROP_STEPPER && s.hasPreset()).map(Step::preset)
                .findFirst().orElse(null);
        for (Step step : shown.steps()) {
            add(stepSection(step, stepperPreset));
        }
    }

    private Section stepSection(Step step, RunConfig stepperPreset) {
        Section section = new Section();
        section.addClassName("walkthrough-step");
        section.setId("step-" + step.number());
        section.getStyle().set("border-top", "1px solid var(--lumo-contrast-10pct)")
                .set("padding-top", "var(--lumo-space-m)").set("margin-top", "var(--lumo-space-l)");
        H2 heading = new H2((step.fix() ? "Fix: " : "Step " + step.number() + ": ") + step.title());
        heading.getStyle().set("font-size", "var(--lumo-font-size-xl)");
        section.add(heading);

        Div tryIt = new Div();
        tryIt.addClassName("step-try");
        tryIt.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)")
                .set("background", "var(--lumo-contrast-5pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)");
        if (step.hasPreset() && step.runLabel() != null) {
            Button run = new Button(step.runLabel(), VaadinIcon.PLAY.create());
            run.addClassName("step-run");
            run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            run.getStyle().set("align-self", "flex-start");
            run.addClickListener(click -> run.getUI().ifPresent(current ->
                    current.navigate("", WalkthroughPages.labQuery(step.preset()))));
            tryIt.add(run);
        }
        if (step.chart() != null) {
            tryIt.add(labelled("Look at: ", WalkthroughPages.chartName(step.chart()), "step-chart"));
        }
        if (step.expect() != null) {
            tryIt.add(labelled("You should see: ", step.expect(), "step-expect"));
        }
        if (step.check() != null) {
            Checkbox check = new Checkbox(step.check().describe());
            check.addClassName("step-check");
            check.setReadOnly(true);
            check.setHelperText("Ticked when your current run in the lab shows it");
            checks.put(step, check);
            tryIt.add(check);
        }
        if (tryIt.getChildren().findAny().isPresent()) {
            section.add(tryIt);
        }
        if (!step.text().isBlank()) {
            section.add(new Markdown(step.text()));
        }
        Component widget = widget(step, stepperPreset);
        if (widget != null) {
            section.add(widget);
        }
        return section;
    }

    private Component widget(Step step, RunConfig stepperPreset) {
        if (step.widget() == null) {
            return null;
        }
        try {
            return switch (step.widget()) {
                case BACKPROP_STEPPER -> stepperFor(step, stepperPreset);
                case DROPOUT_MASK -> new DropoutExplainer(step.preset(), service.datasets());
            };
        } catch (IllegalArgumentException unusable) {
            // A preset the explainer cannot draw (an educator's own file): say so instead of failing the page.
            Paragraph problem = new Paragraph("This explainer cannot show the step's preset: " + unusable.getMessage());
            problem.getStyle().set("color", "var(--lumo-error-text-color)");
            return problem;
        }
    }

    /** The first step that shows the stepper gets it; later ones get a button that jumps it to their phase. */
    private Component stepperFor(Step step, RunConfig stepperPreset) {
        if (stepper == null) {
            stepper = BackpropStepper.forPreset(stepperPreset, service.datasets());
            if (step.phase() != null) {
                stepper.goToPhase(step.phase());
            }
            return stepper;
        }
        if (step.phase() == null) {
            return null;
        }
        BackpropStepper target = stepper;
        Button jump = new Button("Show the " + step.phase().id() + " stage in the step-through",
                VaadinIcon.ARROW_UP.create());
        jump.addClassName("stepper-jump");
        jump.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        jump.addClickListener(click -> {
            target.goToPhase(step.phase());
            target.scrollIntoView();
        });
        return jump;
    }

    private static Paragraph labelled(String label, String text, String className) {
        Span strong = new Span(label);
        strong.getStyle().set("font-weight", "600");
        Paragraph paragraph = new Paragraph(strong, new Span(text));
        paragraph.addClassName(className);
        paragraph.getStyle().set("margin", "0");
        return paragraph;
    }

    // ------------------------------------------------------------------------------------------------- checks

    @Override
    protected void onAttach(AttachEvent event) {
        ui = event.getUI();
        if (checks.isEmpty()) {
            return;
        }
        SessionRuns runs = LabSessions.runs(ui.getSession(), service);
        watched = runs.current().orElse(null);
        refreshChecks();
        if (watched != null && !watched.state().isFinal()) {
            subscription = watched.subscribe(new CheckRefresher(), false);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        closeSubscription();
        ui = null;
    }

    /** Ticks each step's check that the watched run (the learner's current run) meets. */
    void refreshChecks() {
        List<EpochReport> epochs = watched == null ? List.of() : watched.epochs();
        List<Finding> findings = watched == null ? List.of() : watched.findings();
        checks.forEach((step, box) -> {
            StepCheck check = step.check();
            box.setValue(check.isMet(epochs, findings));
        });
    }

    /** The checks as shown: step number → ticked. */
    Map<Integer, Boolean> checkStates() {
        Map<Integer, Boolean> states = new LinkedHashMap<>();
        checks.forEach((step, box) -> states.put(step.number(), box.getValue()));
        return states;
    }

    private void closeSubscription() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // Unsubscribing from a run has nothing to release that could fail meaningfully.
            }
            subscription = null;
        }
    }

    /**
     * Called on training threads: asks the UI for one refresh at a time (never more than one queued), so a fast
     * run cannot flood the session with accesses.
     */
    private final class CheckRefresher implements RunListener {

        @Override
        public void onEpoch(TrainingRun run, EpochReport report) {
            requestRefresh();
        }

        @Override
        public void onFinding(TrainingRun run, Finding finding) {
            requestRefresh();
        }

        @Override
        public void onState(TrainingRun run, RunState state) {
            requestRefresh();
        }

        private void requestRefresh() {
            UI target = ui;
            if (target == null || !refreshQueued.compareAndSet(false, true)) {
                return;
            }
            target.access(() -> {
                refreshQueued.set(false);
                refreshChecks();
            });
        }
    }
}
