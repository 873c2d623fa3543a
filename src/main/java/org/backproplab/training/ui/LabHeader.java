package org.backproplab.training.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.TextRenderer;

/**
 * The lab's top bar: the title, the run buttons ({@code play}, {@code step}, {@code reset}), the run state badge
 * ({@code run-state}), the epoch counter ({@code epoch}, its text is the number of epochs completed), the progress
 * against the epoch limit ({@code progress}), the training speed ({@code speed}), a slot for tools such as a
 * download menu, and the light/dark toggle.
 */
public class LabHeader extends HorizontalLayout {

    private final Button play = new Button();
    private final Button step = new Button("Step", VaadinIcon.STEP_FORWARD.create());
    private final Button reset = new Button("Reset", VaadinIcon.REFRESH.create());
    private final Badge state = new Badge();
    private final Span epoch = new Span("0");
    private final Span epochLimit = new Span();
    private final ProgressBar progress = new ProgressBar(0, 1, 0);
    private final Select<LabSpeed> speed = new Select<>();
    private final HorizontalLayout tools = new HorizontalLayout();
    private final Button themeToggle = new Button();
    private PlayAction playAction;
    private BadgeVariant stateTone;
    /** What the epoch counter, the limit and the bar show: compared as numbers, as a push sets them every time. */
    private int shownCompleted;
    private int shownLimit = -1;
    private double shownProgress;

    public LabHeader() {
        addClassName("lab-header");
        setWidthFull();
        setAlignItems(FlexComponent.Alignment.CENTER);

        H1 title = new H1("Backprop Lab");
        title.addClassName("lab-title");

        play.setId("play");
        play.addThemeVariants(ButtonVariant.PRIMARY);
        step.setId("step");
        step.setTooltipText("Train exactly one epoch");
        reset.setId("reset");
        reset.setTooltipText("Stop and discard this run; keep the settings");
        showPlayAction(PlayAction.PLAY);

        state.setId("run-state");
        state.addClassName("lab-run-state");
        state.setRole("status");
        // On a narrow bar a long state (where a run diverged) gives way first, ending in "…" (its title has it all).
        state.getStyle().set("flex", "0 1 auto").set("min-width", "6em");

        epoch.setId("epoch");
        epoch.addClassName("lab-epoch-number");
        Div epochBox = new Div(new Span("Epoch "), epoch, epochLimit);
        epochBox.addClassName("lab-epoch");
        epochBox.getElement().setAttribute("aria-live", "off");

        progress.setId("progress");
        progress.addClassName("lab-progress");
        progress.getElement().setAttribute("aria-label", "Progress against the epoch limit");
        progress.getStyle().set("flex", "0 1 140px").set("min-width", "3em");

        speed.setId("speed");
        speed.addClassName("lab-speed");
        // Sizes inline, not in lab-view.css: a stylesheet change would need the committed frontend bundle rebuilt.
        speed.getStyle().set("width", "9em").set("flex", "none");
        speed.setItems(LabSpeed.values());
        // The list names each speed with its rate; the closed menu shows only the name, to keep the bar short.
        speed.setRenderer(new TextRenderer<>(LabSpeed::label));
        speed.setItemLabelGenerator(LabSpeed::title);
        speed.setValue(LabSpeed.DEFAULT);
        speed.setPrefixComponent(VaadinIcon.DASHBOARD.create());
        speed.setAriaLabel("Training speed");
        speed.setTooltipText("How many epochs a second a run may train; applies at once, also while it runs");

        tools.addClassName("lab-tools");
        tools.setSpacing(false);

        themeToggle.setId("theme-toggle");
        themeToggle.addThemeVariants(ButtonVariant.TERTIARY);
        setDark(false);

        HorizontalLayout runButtons = new HorizontalLayout(play, step, reset);
        runButtons.addClassName("lab-run-buttons");
        runButtons.setSpacing(true);
        Div spacer = new Div();
        spacer.addClassName("lab-spacer");
        add(title, runButtons, state, epochBox, progress, speed, spacer, tools, themeToggle);
    }

    public Button play() {
        return play;
    }

    public Button step() {
        return step;
    }

    public Button reset() {
        return reset;
    }

    /** The speed menu (a value change comes from the learner or from {@link LabView} showing a run's pace). */
    public Select<LabSpeed> speed() {
        return speed;
    }

    public Button themeToggle() {
        return themeToggle;
    }

    /** Where other features add header tools (e.g. a download menu). */
    public HorizontalLayout tools() {
        return tools;
    }

    public void addTool(Component tool) {
        tools.add(tool);
    }

    /** What the play button does next. */
    public enum PlayAction { PLAY, PAUSE, RESTART }

    /**
     * Play while idle or paused, pause while training (or queued), restart once the run has ended (completed,
     * diverged or stopped), since play then starts a new run from scratch. Unchanged values send nothing.
     */
    public void showPlayAction(PlayAction action) {
        if (action == playAction) {
            return;
        }
        playAction = action;
        switch (action) {
            case PLAY -> describePlay("Play", VaadinIcon.PLAY, "Start training", "Train until the epoch limit");
            case PAUSE -> describePlay("Pause", VaadinIcon.PAUSE, "Pause training", "Pause training");
            case RESTART -> describePlay("Restart", VaadinIcon.ROTATE_LEFT, "Start a new run",
                    "Start a new run with these settings, from fresh weights");
        }
    }

    public PlayAction playAction() {
        return playAction;
    }

    private void describePlay(String text, VaadinIcon icon, String ariaLabel, String tooltip) {
        play.setText(text);
        play.setIcon(icon.create());
        play.getElement().setAttribute("aria-label", ariaLabel);
        play.setTooltipText(tooltip);
    }

    /** The state badge's text and colour ({@code tone} null for neutral). */
    public void showState(String text, BadgeVariant tone) {
        if (text.equals(state.getText()) && tone == stateTone) {
            return;
        }
        stateTone = tone;
        state.setText(text);
        state.removeThemeVariants(BadgeVariant.values());
        if (tone != null) {
            state.addThemeVariants(tone);
        }
        state.getElement().setAttribute("title", text);
    }

    public String stateText() {
        return state.getText();
    }

    public void showEpoch(int completed, int limit) {
        if (completed != shownCompleted) {
            shownCompleted = completed;
            epoch.setText(Integer.toString(completed));
        }
        if (limit != shownLimit) {
            shownLimit = limit;
            epochLimit.setText(" / " + limit);
        }
        // The bar moves in steps of 0.5 %: finer changes are invisible and would only add traffic.
        double value = limit <= 0 ? 0 : Math.min(1.0, Math.floor(200.0 * completed / limit) / 200.0);
        if (value != shownProgress) {
            shownProgress = value;
            progress.setValue(value);
        }
    }

    public int shownEpoch() {
        return shownCompleted;
    }

    public double progressValue() {
        return shownProgress;
    }

    public void setDark(boolean dark) {
        themeToggle.setIcon(dark ? VaadinIcon.SUN_O.create() : VaadinIcon.MOON_O.create());
        themeToggle.setText(dark ? "Light" : "Dark");
        themeToggle.getElement().setAttribute("aria-label", dark ? "Switch to light mode" : "Switch to dark mode");
    }
}
