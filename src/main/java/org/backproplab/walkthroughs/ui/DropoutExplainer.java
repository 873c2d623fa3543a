package org.backproplab.walkthroughs.ui;

import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.backproplab.config.DatasetConfig;
import org.backproplab.config.NetworkConfig;
import org.backproplab.config.RunConfig;
import org.backproplab.config.TrainingConfig;
import org.backproplab.datasets.DatasetCatalog;
import org.backproplab.datasets.PreparedDataset;
import org.backproplab.engine.DropoutStep;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.Task;
import org.backproplab.engine.Trainer;

/**
 * The dropout explainer: the mask of one real training step drawn on the network (dropped units crossed out), the
 * inverted-dropout scaling of the survivors, the reminder that prediction uses every unit, and the same network
 * trained with dropout 0.0, 0.5 and 1.0 side by side. Everything is computed here with the engine, on the server,
 * from the walkthrough step's preset.
 */
public class DropoutExplainer extends Div {

    public static final String ID = "dropout-mask";

    /** The rates compared side by side: none, a typical one, and everything. */
    static final List<Double> COMPARED_RATES = List.of(0.0, 0.5, 1.0);
    /** Epochs each compared rate trains (fewer if the preset's epoch limit is lower): enough to separate them. */
    static final int COMPARISON_EPOCHS = 40;
    /** The rate shown on the mask when the preset trains without dropout. */
    static final double DEFAULT_MASK_RATE = 0.5;
    /** Units drawn per layer; the mask of wider layers is summarized in words. */
    static final int MAX_DRAWN_UNITS = 10;

    /** Used when the step has no preset: a small two-layer network on the circle data. */
    static final RunConfig DEFAULT_PRESET = new RunConfig(
            new DatasetConfig("circle", 200, 0.1, 0.5, List.of("x1", "x2"), 1L, null, null, null),
            new NetworkConfig(List.of(8, 8), "tanh", null, "xavier", 1.0, false, 0.5, null),
            new TrainingConfig("sgd", 0.03, 0.9, 10, COMPARISON_EPOCHS, 0.0, 0.0, null, 1L)).withDefaults();

    /** Final figures of one compared rate. */
    record RateResult(double rate, int epochs, Double trainAccuracy, Double testAccuracy, Double trainLoss,
                      Double testLoss) {
    }

    private static final int WIDTH = 560;

    private final RunConfig config;
    private final PreparedDataset data;
    private final double maskRate;
    private final Trainer maskTrainer;
    private final Div maskDiagram = new Div();
    private final Paragraph maskSummary = new Paragraph();
    private final Button anotherStep = new Button("Another training step", VaadinIcon.REFRESH.create());
    private final List<RateResult> comparison;
    private final double chanceAccuracy;
    private DropoutStep shownStep;
    private int stepsTaken;

    /**
     * @param preset the walkthrough step's preset, or null for {@link #DEFAULT_PRESET}
     */
    public DropoutExplainer(RunConfig preset, DatasetCatalog catalog) {
        this.config = (preset == null ? DEFAULT_PRESET : preset).withDefaults();
        this.data = ExplainerNetworks.data(config, catalog);
        double presetRate = config.network().dropout();
        this.maskRate = presetRate > 0 && presetRate < 1 ? presetRate : DEFAULT_MASK_RATE;
        // Batch size 1: one example, so one mask per layer to draw.
        this.maskTrainer = new Trainer(ExplainerNetworks.network(config, data), data.train(), data.test(),
                ExplainerNetworks.hyperparameters(config, maskRate).withBatchSize(1),
                config.training().seed());
        this.comparison = compareRates(config, data, Math.min(COMPARISON_EPOCHS, config.training().epochs()));
        this.chanceAccuracy = majorityShare(data);

        setId(ID);
        addClassName("dropout-explainer");
        getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)");
        anotherStep.setId("dropout-next-step");
        anotherStep.addClickListener(click -> takeStep());
        anotherStep.getStyle().set("align-self", "flex-start");
        H4 maskTitle = new H4("One training step with dropout " + rate(maskRate));
        maskTitle.getStyle().set("margin", "0");
        Paragraph scaling = new Paragraph("Survivors are multiplied by 1/(1 − " + rate(maskRate) + ") = "
                + plain(scaleFor(maskRate)) + ", so the next layer receives about the same total signal as without"
                + " dropout (inverted dropout).");
        scaling.setId("dropout-scale");
        Paragraph inference = new Paragraph("When the network predicts (test accuracy, the decision boundary), no unit"
                + " is dropped and nothing is rescaled: every unit takes part.");
        H4 compareTitle = new H4("Same network, same data, " + comparison.getFirst().epochs() + " epochs each");
        compareTitle.getStyle().set("margin", "var(--lumo-space-m) 0 0 0");
        add(maskTitle, maskDiagram, maskSummary, anotherStep, scaling, inference, compareTitle, comparisonCards());
        takeStep();
    }

    /** The dropout of the step drawn now. */
    DropoutStep shownStep() {
        return shownStep;
    }

    double maskRate() {
        return maskRate;
    }

    List<RateResult> comparison() {
        return comparison;
    }

    double chanceAccuracy() {
        return chanceAccuracy;
    }

    String svgMarkup() {
        return maskDiagram.getChildren().findFirst().map(svg -> svg.getElement().getProperty("innerHTML")).orElse("");
    }

    String maskSummaryText() {
        return maskSummary.getText();
    }

    /** Trains the mask network on its next example and draws that step's mask. */
    void takeStep() {
        maskTrainer.trainBatch();
        stepsTaken++;
        shownStep = maskTrainer.lastDropoutStep();
        maskDiagram.removeAll();
        maskDiagram.add(new Svg(maskSvg(shownStep)));
        List<String> perLayer = new ArrayList<>();
        for (int layer = 0; layer < config.network().hiddenLayers().size(); layer++) {
            int units = config.network().hiddenLayers().get(layer);
            int dropped = 0;
            for (int unit = 0; unit < units; unit++) {
                dropped += shownStep.isKept(layer, 0, unit) ? 0 : 1;
            }
            perLayer.add("hidden layer " + (layer + 1) + ": " + dropped + " of " + units + " dropped");
        }
        maskSummary.setText("Step " + stepsTaken + ", on one training example: " + String.join("; ", perLayer)
                + ". Each step draws a new mask.");
    }

    // ------------------------------------------------------------------------------------------- the comparison

    static List<RateResult> compareRates(RunConfig config, PreparedDataset data, int epochs) {
        List<RateResult> results = new ArrayList<>();
        for (double rate : COMPARED_RATES) {
            Trainer trainer = ExplainerNetworks.trainer(config, data, rate);
            EpochReport last = null;
            for (int e = 0; e < epochs && !trainer.diverged(); e++) {
                last = trainer.trainEpoch();
            }
            results.add(new RateResult(rate, epochs, last == null ? null : last.trainAccuracy(),
                    last == null ? null : last.testAccuracy(), last == null ? null : last.trainLoss(),
                    last == null ? null : last.testLoss()));
        }
        return List.copyOf(results);
    }

    /** Accuracy of always answering the most common class of the test set: what "learns nothing" scores. */
    static double majorityShare(PreparedDataset data) {
        if (data.task() == Task.REGRESSION || data.test().size() == 0) {
            return Double.NaN;
        }
        Map<Double, Integer> counts = new HashMap<>();
        for (double label : data.test().y()) {
            counts.merge(label, 1, Integer::sum);
        }
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) data.test().size();
    }

    private Div comparisonCards() {
        Div cards = new Div();
        cards.setId("dropout-comparison");
        cards.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
        for (RateResult result : comparison) {
            Div card = new Div();
            card.addClassName("dropout-rate-card");
            card.getElement().setAttribute("data-rate", rate(result.rate()));
            card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)")
                    .set("border-radius", "var(--lumo-border-radius-m)").set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                    .set("min-width", "11em").set("flex", "1");
            Span title = new Span("Dropout " + rate(result.rate()));
            title.getStyle().set("font-weight", "600");
            card.add(title);
            if (data.task().isClassification()) {
                card.add(new Div("Train accuracy " + percent(result.trainAccuracy())),
                        new Div("Test accuracy " + percent(result.testAccuracy())));
            } else {
                card.add(new Div("Train loss " + number(result.trainLoss())),
                        new Div("Test loss " + number(result.testLoss())));
            }
            Span verdict = new Span(verdict(result));
            verdict.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
            card.add(verdict);
            cards.add(card);
        }
        return cards;
    }

    private String verdict(RateResult result) {
        if (result.rate() >= 1) {
            String chance = Double.isNaN(chanceAccuracy) ? "" : " (always guessing the commonest class scores "
                    + percent(chanceAccuracy) + ")";
            return "Learns nothing: every hidden unit is dropped at every step, so no gradient reaches a single"
                    + " weight (only the output bias moves) and the network predicts as it did untrained" + chance + ".";
        }
        if (result.rate() == 0) {
            return "No dropout: every unit trains at every step.";
        }
        return "Half the units rest at each step; the rest must cope without them.";
    }

    // -------------------------------------------------------------------------------------------------- drawing

    private String maskSvg(DropoutStep step) {
        List<Integer> columns = new ArrayList<>();
        columns.add(data.inputs());
        columns.addAll(config.network().hiddenLayers());
        columns.add(data.task() == Task.MULTICLASS ? data.classes() : 1);
        int drawnMax = columns.stream().mapToInt(units -> Math.min(units, MAX_DRAWN_UNITS)).max().orElse(1);
        int rowHeight = 34;
        int height = drawnMax * rowHeight + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"100%\" style=\"max-width: ").append(WIDTH).append("px\" role=\"img\"")
                .append(" aria-label=\"Dropout mask of one training step; crossed-out units are dropped\">");
        int count = columns.size();
        for (int c = 1; c < count; c++) {
            for (int to = 0; to < Math.min(columns.get(c), MAX_DRAWN_UNITS); to++) {
                for (int from = 0; from < Math.min(columns.get(c - 1), MAX_DRAWN_UNITS); from++) {
                    boolean active = kept(step, c - 1, from) && kept(step, c, to);
                    svg.append("<line x1=\"").append(x(c - 1, count)).append("\" y1=\"")
                            .append(y(from, columns.get(c - 1), height, rowHeight)).append("\" x2=\"")
                            .append(x(c, count)).append("\" y2=\"").append(y(to, columns.get(c), height, rowHeight))
                            .append("\" style=\"stroke: var(--lumo-contrast-50pct, #888); stroke-width: 1; opacity: ")
                            .append(active ? "0.6" : "0.08").append("\"/>");
                }
            }
        }
        for (int c = 0; c < count; c++) {
            int units = Math.min(columns.get(c), MAX_DRAWN_UNITS);
            for (int unit = 0; unit < units; unit++) {
                int cx = x(c, count);
                int cy = y(unit, columns.get(c), height, rowHeight);
                boolean hidden = c > 0 && c < count - 1;
                boolean dropped = !kept(step, c, unit);
                svg.append("<circle cx=\"").append(cx).append("\" cy=\"").append(cy).append("\" r=\"11\"")
                        .append(hidden ? " data-unit=\"" + c + ":" + unit + "\" data-dropped=\"" + dropped + "\"" : "")
                        .append(" style=\"stroke: var(--lumo-contrast-70pct, #555); stroke-width: 1.5; fill: ")
                        .append(dropped ? "var(--lumo-contrast-10pct, #eee)" : "var(--lumo-primary-color-50pct, #8ab)")
                        .append("\"/>");
                if (dropped) {
                    svg.append(cross(cx, cy));
                }
            }
            if (columns.get(c) > MAX_DRAWN_UNITS) {
                svg.append("<text x=\"").append(x(c, count)).append("\" y=\"").append(height - 6)
                        .append("\" text-anchor=\"middle\" style=\"font-size: 11px\">+")
                        .append(columns.get(c) - MAX_DRAWN_UNITS).append(" more</text>");
            }
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** Whether a drawn unit took part in the step: inputs and outputs always do; hidden units per the mask. */
    private boolean kept(DropoutStep step, int column, int unit) {
        int hiddenLayers = config.network().hiddenLayers().size();
        if (column == 0 || column > hiddenLayers || step == null) {
            return true;
        }
        return step.isKept(column - 1, 0, unit);
    }

    private static String cross(int cx, int cy) {
        int d = 9;
        String style = "\" style=\"stroke: #c0392b; stroke-width: 2.5\"/>";
        return "<line class=\"dropped-cross\" x1=\"" + (cx - d) + "\" y1=\"" + (cy - d) + "\" x2=\"" + (cx + d)
                + "\" y2=\"" + (cy + d) + style
                + "<line x1=\"" + (cx - d) + "\" y1=\"" + (cy + d) + "\" x2=\"" + (cx + d) + "\" y2=\"" + (cy - d) + style;
    }

    private static int x(int column, int columns) {
        int margin = 40;
        return margin + column * (WIDTH - 2 * margin) / Math.max(1, columns - 1);
    }

    private static int y(int unit, int units, int height, int rowHeight) {
        int drawn = Math.min(units, MAX_DRAWN_UNITS);
        return (int) Math.round((height - 20) / 2.0 + (unit - (drawn - 1) / 2.0) * rowHeight);
    }

    /** The inverted-dropout multiplier; rate 1 drops everything, so nothing is left to scale (0). */
    static double scaleFor(double rate) {
        return rate < 1 ? 1 / (1 - rate) : 0;
    }

    /** 0.5 → "0.5", 1 → "1.0", 0.25 → "0.25". */
    private static String rate(double rate) {
        String text = plain(rate);
        return text.contains(".") ? text : text + ".0";
    }

    /** Three significant digits without trailing zeros: 2 → "2", 1.3333 → "1.33". */
    static String plain(double value) {
        return BigDecimal.valueOf(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String number(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static String percent(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f %%", value * 100);
    }
}
