package org.backproplab.walkthroughs.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.List;
import org.backproplab.config.DatasetConfig;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.RunConfig;
import org.backproplab.config.TrainingConfig;
import org.backproplab.datasets.DatasetCatalog;
import org.backproplab.datasets.PreparedDataset;
import org.backproplab.engine.Activation;
import org.backproplab.engine.BackpropTrace;
import org.backproplab.engine.BackpropTrace.NodeTrace;
import org.backproplab.engine.BackpropTrace.WeightTrace;
import org.backproplab.engine.Network;
import org.backproplab.engine.Task;
import org.backproplab.walkthroughs.BackpropPhase;

/**
 * The backpropagation step-through: a tiny network drawn as SVG with the engine's numbers of one SGD step on one
 * example, walked stage by stage with Back and Next (also the arrow keys while the stepper has focus). The current
 * node is outlined; numbers appear on the diagram as the pass computes them.
 */
public class BackpropStepper extends Div {

    public static final String ID = "backprop-stepper";

    /** Largest network the diagram stays readable for. */
    static final int MAX_INPUTS = 4;
    static final int MAX_HIDDEN_LAYERS = 2;
    static final int MAX_UNITS = 4;

    /** Used when a walkthrough step embeds the stepper without a preset: 2 → 2 → 1 on XOR, sigmoid units. */
    static final RunConfig DEFAULT_PRESET = new RunConfig(
            new DatasetConfig("xor", 100, 0.0, 0.5, List.of("x1", "x2"), 1L, null, null, null),
            new NetworkConfig(List.of(2), "sigmoid", null, "xavier", 1.0, false, 0.0, null),
            new TrainingConfig("sgd", 0.1, 0.9, 1, 1, 0.0, 0.0, null, 1L)).withDefaults();

    private static final int WIDTH = 760;
    private static final int ROW = 130;
    private static final int RADIUS = 30;
    private static final String FOCUS = "var(--lumo-primary-color, #1676f3)";
    private static final String BACKWARD = "#c0392b";

    private final StepThrough model;
    private final Div diagram = new Div();
    private final H4 stageTitle = new H4();
    private final Span position = new Span();
    private final Div explanation = new Div();
    private final Button back = new Button("Back", VaadinIcon.ARROW_LEFT.create());
    private final Button next = new Button("Next", VaadinIcon.ARROW_RIGHT.create());
    private int stage;

    BackpropStepper(StepThrough model) {
        this.model = model;
        setId(ID);
        addClassName("backprop-stepper");
        getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)")
                .set("max-width", WIDTH + "px");
        getElement().setAttribute("role", "group");
        getElement().setAttribute("aria-label", "Backpropagation, step by step");

        diagram.addClassName("backprop-diagram");
        diagram.getStyle().set("width", "100%");
        back.setId("trace-back");
        next.setId("trace-next");
        next.setIconAfterText(true);
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        back.addClickListener(click -> back());
        next.addClickListener(click -> next());
        back.addClickShortcut(Key.ARROW_LEFT).listenOn(this);
        next.addClickShortcut(Key.ARROW_RIGHT).listenOn(this);
        position.getStyle().set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout buttons = new HorizontalLayout(back, next, position);
        buttons.setAlignItems(HorizontalLayout.Alignment.CENTER);

        stageTitle.getStyle().set("margin", "0");
        explanation.addClassName("backprop-explanation");
        explanation.getElement().setAttribute("aria-live", "polite");
        explanation.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-s)").set("white-space", "pre-wrap");
        add(diagram, buttons, stageTitle, explanation);
        show(0);
    }

    /**
     * The stepper for a walkthrough step's preset (its dataset's first training example, its network freshly
     * initialized with its seed, its learning rate), or for {@link #DEFAULT_PRESET} when the preset is null.
     *
     * @throws IllegalArgumentException for a preset the diagram cannot show (see the MAX_ constants), inline data,
     *                                  batch normalization or a multiclass task
     */
    public static BackpropStepper forPreset(RunConfig preset, DatasetCatalog catalog) {
        return new BackpropStepper(modelFor(preset == null ? DEFAULT_PRESET : preset, catalog));
    }

    static StepThrough modelFor(RunConfig preset, DatasetCatalog catalog) {
        RunConfig config = preset.withDefaults();
        NetworkConfig n = config.network();
        if (n.hiddenLayers().isEmpty() || n.hiddenLayers().size() > MAX_HIDDEN_LAYERS
                || n.hiddenLayers().stream().anyMatch(units -> units > MAX_UNITS)) {
            throw new IllegalArgumentException("the step-through draws 1.." + MAX_HIDDEN_LAYERS
                    + " hidden layers of at most " + MAX_UNITS + " units, the preset has " + n.hiddenLayers());
        }
        PreparedDataset data = ExplainerNetworks.data(config, catalog);
        if (data.inputs() > MAX_INPUTS) {
            throw new IllegalArgumentException("the step-through draws at most " + MAX_INPUTS + " inputs, the preset has "
                    + data.inputs());
        }
        if (data.task() == Task.MULTICLASS) {
            throw new IllegalArgumentException("the step-through needs a binary or regression dataset, not "
                    + config.dataset().name());
        }
        Network network = ExplainerNetworks.network(config, data);
        BackpropTrace trace = BackpropTrace.of(network, data.train().x()[0], data.train().y()[0],
                config.training().learningRate());
        return new StepThrough(trace, data.task(), data.featureNames(),
                n.activationPerLayer().stream().map(Activation::fromId).toList());
    }

    StepThrough model() {
        return model;
    }

    public int stageIndex() {
        return stage;
    }

    public int stageCount() {
        return model.stages().size();
    }

    public void next() {
        show(Math.min(stage + 1, stageCount() - 1));
    }

    public void back() {
        show(Math.max(stage - 1, 0));
    }

    /** Jumps to the first stage of a phase of the step ({@link BackpropPhase}: forward, loss, backward, update). */
    public void goToPhase(BackpropPhase phase) {
        List<StepThrough.Stage> all = model.stages();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).phase().name().equals(phase.name())) {
                show(i);
                return;
            }
        }
    }

    /** The explanation lines currently shown, as the learner reads them. */
    List<String> shownLines() {
        return explanation.getChildren().map(line -> line.getElement().getText()).toList();
    }

    /** The SVG markup of the diagram as currently drawn. */
    String svgMarkup() {
        return diagram.getChildren().findFirst().map(svg -> svg.getElement().getProperty("innerHTML"))
                .orElse("");
    }

    String shownTitle() {
        return stageTitle.getText();
    }

    private void show(int index) {
        stage = index;
        StepThrough.Stage current = model.stages().get(index);
        stageTitle.setText(current.title());
        position.setText("Stage " + (index + 1) + " of " + stageCount());
        explanation.removeAll();
        current.lines().forEach(line -> explanation.add(new Div(line)));
        back.setEnabled(index > 0);
        next.setEnabled(index < stageCount() - 1);
        diagram.removeAll();
        diagram.add(new Svg(svg(current)));
    }

    // ---------------------------------------------------------------------------------------------------- SVG

    private String svg(StepThrough.Stage s) {
        List<Integer> sizes = model.layerSizes();
        int columns = sizes.size();
        int height = Math.max(2, sizes.stream().mapToInt(Integer::intValue).max().orElse(2)) * ROW + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" width=\"100%\" role=\"img\" aria-label=\"").append(s.title())
                .append("\" style=\"font-family: var(--lumo-font-family, sans-serif); font-size: 12px;")
                .append(" fill: var(--lumo-body-text-color, #222)\">");
        // Edges first so nodes sit on top.
        for (int layer = 1; layer < columns; layer++) {
            for (int to = 0; to < sizes.get(layer); to++) {
                for (int from = 0; from < sizes.get(layer - 1); from++) {
                    edge(svg, s, model.weight(layer, from, to), x(layer - 1, columns), y(from, sizes.get(layer - 1), height),
                            x(layer, columns), y(to, sizes.get(layer), height));
                }
            }
        }
        for (int layer = 0; layer < columns; layer++) {
            for (int unit = 0; unit < sizes.get(layer); unit++) {
                node(svg, s, layer, unit, x(layer, columns), y(unit, sizes.get(layer), height));
            }
        }
        if (s.lossShown()) {
            int lx = x(columns - 1, columns);
            int ly = y(0, sizes.get(columns - 1), height);
            svg.append(text(lx, ly + RADIUS + 62, "L = " + StepThrough.format(model.trace().loss()), "bold", null));
            svg.append(text(lx, ly + RADIUS + 78, "y = " + StepThrough.format(model.trace().target()), null, null));
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private void edge(StringBuilder svg, StepThrough.Stage s, WeightTrace w, int x1, int y1, int x2, int y2) {
        boolean focused = s.focuses(w.layer(), w.toUnit())
                || (s.phase() == StepThrough.Phase.BACKWARD && s.focuses(w.layer() - 1, w.fromUnit()));
        String stroke = focused ? (s.phase() == StepThrough.Phase.BACKWARD ? BACKWARD : FOCUS)
                : "var(--lumo-contrast-40pct, #999)";
        svg.append("<line x1=\"").append(x1 + RADIUS).append("\" y1=\"").append(y1).append("\" x2=\"")
                .append(x2 - RADIUS).append("\" y2=\"").append(y2).append("\" style=\"stroke: ").append(stroke)
                .append("; stroke-width: ").append(focused ? 3 : 1.5).append("\"/>");
        // Labels a third of the way along: crossing edges of a 2-2 layer meet in the middle.
        double t = 0.3;
        int lx = (int) Math.round(x1 + RADIUS + t * (x2 - x1 - 2 * RADIUS));
        int ly = (int) Math.round(y1 + t * (y2 - y1)) - 6;
        String label = "w=" + StepThrough.format(w.weight());
        if (s.updated()) {
            label += " → " + StepThrough.format(w.updatedWeight());
        }
        svg.append(text(lx, ly, label, focused ? "bold" : null, null));
        if (gradientShown(s, w.layer(), w.toUnit())) {
            svg.append(text(lx, ly + 14, "∂L/∂w=" + StepThrough.format(w.gradient()), null, BACKWARD));
        }
    }

    private void node(StringBuilder svg, StepThrough.Stage s, int layer, int unit, int cx, int cy) {
        boolean focused = s.focuses(layer, unit);
        String stroke = focused ? (s.phase() == StepThrough.Phase.BACKWARD ? BACKWARD : FOCUS)
                : "var(--lumo-contrast-60pct, #666)";
        svg.append("<circle cx=\"").append(cx).append("\" cy=\"").append(cy).append("\" r=\"").append(RADIUS)
                .append("\" data-node=\"").append(layer).append(':').append(unit)
                .append(focused ? "\" data-focus=\"true" : "")
                .append("\" style=\"fill: var(--lumo-base-color, #fff); stroke: ").append(stroke)
                .append("; stroke-width: ").append(focused ? 4 : 2).append("\"/>");
        svg.append(text(cx, cy + 5, model.nodeName(layer, unit), "bold", null));
        if (layer == 0) {
            svg.append(text(cx, cy + RADIUS + 16, "= " + StepThrough.format(model.output(0, unit)), null, null));
            return;
        }
        WeightTrace bias = model.weight(layer, -1, unit);
        svg.append(text(cx, cy + RADIUS + 14, "b=" + StepThrough.format(bias.weight())
                + (s.updated() ? " → " + StepThrough.format(bias.updatedWeight()) : ""), null, null));
        NodeTrace trace = model.node(layer, unit);
        if (model.forwardIndex(layer, unit) < s.forwardShown()) {
            svg.append(text(cx, cy + RADIUS + 30, "z=" + StepThrough.format(trace.weightedSum()), null, FOCUS));
            svg.append(text(cx, cy + RADIUS + 45, "a=" + StepThrough.format(trace.activation()), null, FOCUS));
        }
        if (model.backwardIndex(layer, unit) < s.backwardShown()) {
            svg.append(text(cx, cy - RADIUS - 8, "∂L/∂z=" + StepThrough.format(trace.lossGradientSum()), null,
                    BACKWARD));
        }
    }

    private boolean gradientShown(StepThrough.Stage s, int layer, int toUnit) {
        return model.backwardIndex(layer, toUnit) < s.backwardShown();
    }

    private static String text(int x, int y, String content, String weight, String color) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"middle\""
                + (weight == null && color == null ? "" : " style=\"" + (weight == null ? "" : "font-weight: " + weight + ";")
                + (color == null ? "" : " fill: " + color + ";") + "\"")
                + ">" + content + "</text>";
    }

    private static int x(int column, int columns) {
        int margin = 70;
        return margin + column * (WIDTH - 2 * margin) / Math.max(1, columns - 1);
    }

    private static int y(int unit, int units, int height) {
        return (int) Math.round(height / 2.0 + (unit - (units - 1) / 2.0) * ROW) - 10;
    }
}
