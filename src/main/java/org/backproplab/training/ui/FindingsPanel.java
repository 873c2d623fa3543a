package org.backproplab.training.ui;

import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.shared.Registration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.backproplab.diagnosis.Finding;
import org.backproplab.diagnosis.FindingKind;
import org.backproplab.diagnosis.Remedy;
import org.backproplab.training.TrainingRun;

/**
 * The lab's findings panel (element id {@value #ID}): what the diagnosis spotted in the shown run, in plain words,
 * with the numbers behind it and one button per remedy. A remedy button starts the fixed run beside the current one
 * through {@link ComparisonRuns}; a "Show evidence" button asks the lab to point at the layer and the chart.
 *
 * <p>Fed only from the lab's throttled push feed ({@link #accept(FeedBatch)} or {@link #addFindings(List)} inside
 * UI access), never from training threads. A finding that worsens takes its kind's entry over (one entry per kind):
 * the entry's texts change in place and its remedy buttons are rebuilt only if the remedies changed, since a push
 * delivery that brought a few changed numbers should not rebuild a dozen components.
 */
public class FindingsPanel extends Div {

    public static final String ID = "findings";
    public static final String EMPTY_TEXT = "No problems spotted so far.";

    private final ComparisonRuns comparison;
    private final Div list = new Div();
    private final Paragraph empty = new Paragraph(EMPTY_TEXT);
    /** One entry per kind, in display order: entries are only ever appended to the list, or all removed. */
    private final Map<FindingKind, Entry> entries = new LinkedHashMap<>();
    private final List<Consumer<Finding>> highlightListeners = new CopyOnWriteArrayList<>();
    private TrainingRun run;

    /**
     * @param comparison starts a remedy's run beside the current one and overlays it on the charts
     */
    public FindingsPanel(ComparisonRuns comparison) {
        this.comparison = comparison;
        setId(ID);
        addClassName("findings-panel");
        getElement().setAttribute("role", "region");
        getElement().setAttribute("aria-label", "Findings");
        getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)");
        H3 title = new H3("Findings");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-l)");
        empty.addClassName("findings-empty");
        empty.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        list.addClassName("findings-list");
        list.getElement().setAttribute("aria-live", "polite");
        list.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)");
        add(title, empty, list);
    }

    /**
     * One push delivery of the shown run: a delivery of another run than before starts the list afresh (the feed
     * replays a newly shown run's findings), then the delivery's findings are added.
     */
    public void accept(FeedBatch batch) {
        if (batch.run() != run) {
            clear();
            run = batch.run();
        }
        addFindings(batch.findings());
    }

    /**
     * Adds findings in the order raised; a finding of a kind already listed replaces that entry (it worsened). Of
     * several findings of one kind in one delivery only the last is built (the earlier ones would be replaced at
     * once), and a finding equal to the one shown changes nothing.
     */
    public void addFindings(List<Finding> findings) {
        if (findings.isEmpty()) {
            return; // most deliveries bring none
        }
        // Insertion order: each kind keeps the place of its first finding in this delivery, with its last value.
        Map<FindingKind, Finding> latest = new LinkedHashMap<>();
        for (Finding finding : findings) {
            latest.put(finding.kind(), finding);
        }
        for (Finding finding : latest.values()) {
            Entry entry = entries.get(finding.kind());
            if (entry == null) {
                entry = new Entry(finding);
                entries.put(finding.kind(), entry);
                list.add(entry.root);
            } else {
                entry.show(finding);
            }
        }
        empty.setVisible(entries.isEmpty());
    }

    /** Empties the panel (a reset, another run shown). */
    public void clear() {
        entries.clear();
        list.removeAll();
        empty.setVisible(true);
        run = null;
    }

    /** The findings listed, in display order. */
    public List<Finding> findings() {
        return entries.values().stream().map(entry -> entry.finding).toList();
    }

    /**
     * Called when the learner asks to see a finding's evidence: the lab highlights {@link Finding#layer()} in the
     * network diagram and {@link Finding#chart()} (a chart element id) among the charts.
     */
    public Registration addHighlightListener(Consumer<Finding> listener) {
        highlightListeners.add(listener);
        return () -> highlightListeners.remove(listener);
    }

    /** A readable title for a finding kind. */
    public static String title(FindingKind kind) {
        return switch (kind) {
            case VANISHING_GRADIENTS -> "Vanishing gradients";
            case EXPLODING_GRADIENTS -> "Exploding gradients";
            case DEAD_RELU -> "Dead ReLU units";
            case OVERFITTING -> "Overfitting";
            case SATURATION -> "Saturated activations";
            case LEARNING_RATE_TOO_HIGH -> "Learning rate too high";
            case LEARNING_RATE_TOO_LOW -> "Learning rate too low";
            case DIVERGED -> "Training diverged";
            case NOT_LEARNING -> "Not learning";
        };
    }

    /** Fires the highlight listeners, scrolls the evidence chart into view and outlines it briefly. */
    void highlight(Finding finding) {
        highlightListeners.forEach(listener -> listener.accept(finding));
        if (finding.chart() != null) {
            getElement().executeJs("""
                    const chart = document.getElementById($0);
                    if (chart) {
                      chart.scrollIntoView({behavior: 'smooth', block: 'center'});
                      chart.style.outline = '3px solid var(--lumo-primary-color)';
                      chart.style.outlineOffset = '2px';
                      setTimeout(() => { chart.style.outline = ''; }, 2500);
                    }""", finding.chart());
        }
    }

    /** One kind's entry: its components, showing its latest finding. */
    private final class Entry {
        private final Div root = new Div();
        private final Span where = new Span();
        private final Paragraph message = new Paragraph();
        private final Paragraph evidence = new Paragraph();
        private final Div actions = new Div();
        private Finding finding;

        Entry(Finding finding) {
            root.addClassName("finding");
            root.getElement().setAttribute("data-kind", finding.kind().name());
            root.getStyle().set("border-left", "4px solid " + tone(finding.kind()))
                    .set("background", "var(--lumo-contrast-5pct)").set("border-radius", "var(--lumo-border-radius-m)")
                    .set("padding", "var(--lumo-space-s) var(--lumo-space-m)");
            H4 heading = new H4(title(finding.kind()));
            heading.getStyle().set("margin", "0");
            where.addClassName("finding-where");
            where.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
            message.addClassName("finding-message");
            message.getStyle().set("margin", "var(--lumo-space-xs) 0");
            evidence.addClassName("finding-evidence");
            evidence.getStyle().set("margin", "0 0 var(--lumo-space-xs) 0").set("font-size", "var(--lumo-font-size-s)")
                    .set("font-family", "var(--lumo-font-family-monospace, monospace)");
            actions.addClassName("finding-actions");
            actions.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)");
            root.add(heading, where, message, evidence, actions);
            show(finding);
        }

        /** Shows a finding of this entry's kind; only what differs from the one shown changes. */
        void show(Finding latest) {
            Finding previous = finding;
            if (latest.equals(previous)) {
                return;
            }
            finding = latest;
            setTextIfChanged(where, FindingsPanel.where(latest));
            setTextIfChanged(message, latest.message());
            setTextIfChanged(evidence, "Evidence: " + latest.evidence());
            if (previous == null || !previous.remedies().equals(latest.remedies())) {
                actions.removeAll();
                for (Remedy remedy : latest.remedies()) {
                    Button button = new Button(remedy.label(), VaadinIcon.PLAY.create());
                    button.addClassName("remedy");
                    button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
                    button.setTooltipText("Runs the fixed experiment beside this one and overlays it on the charts");
                    button.addClickListener(click -> comparison.start(remedy.config(), remedy.label()));
                    actions.add(button);
                }
                Button show = new Button("Show evidence", VaadinIcon.SEARCH.create());
                show.addClassName("show-evidence");
                show.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                // The entry's finding when clicked: it may have worsened since the button was built.
                show.addClickListener(click -> highlight(finding));
                actions.add(show);
            }
        }
    }

    private static void setTextIfChanged(HasText component, String text) {
        if (!text.equals(component.getText())) {
            component.setText(text);
        }
    }

    private static String where(Finding finding) {
        String epoch = "since epoch " + finding.epoch();
        return finding.layer() == null ? "Whole network, " + epoch : "Layer " + finding.layer() + ", " + epoch;
    }

    /** Literal colours: red for runs that are broken, amber for runs that train badly. */
    private static String tone(FindingKind kind) {
        return switch (kind) {
            case DIVERGED, EXPLODING_GRADIENTS, NOT_LEARNING -> "var(--lumo-error-color, #e53935)";
            default -> "var(--lumo-warning-color, #f5a623)";
        };
    }
}
