package org.backproplab.walkthroughs.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backproplab.engine.Activation;
import org.backproplab.engine.BackpropTrace;
import org.backproplab.engine.BackpropTrace.NodeTrace;
import org.backproplab.engine.BackpropTrace.WeightTrace;
import org.backproplab.engine.Task;

/**
 * One SGD step of a tiny network cut into stages a learner steps through: the forward pass node by node, the loss,
 * the backward pass node by node (∂L/∂a, the local derivative, their chain-rule product ∂L/∂z and the gradients of
 * the node's incoming weights), then the update. Every number comes from the engine's {@link BackpropTrace}; this
 * class only orders and words them.
 *
 * <p>Nodes are addressed as (layer, unit): layer 0 is the input column, layers 1..H the hidden layers, H+1 the
 * output layer, as in the trace.
 */
final class StepThrough {

    enum Phase {
        START("The network and one example"),
        FORWARD("Forward pass"),
        LOSS("Loss"),
        BACKWARD("Backward pass"),
        UPDATE("Weight update");

        private final String title;

        Phase(String title) {
            this.title = title;
        }

        String title() {
            return title;
        }
    }

    /**
     * One stage: what it says and how much of the diagram carries numbers by then.
     *
     * @param focusLayer    layer of the node this stage is about, or -1 (whole network)
     * @param focusUnit     unit of that node, or -1
     * @param forwardShown  how many nodes (in forward order) show z and a
     * @param backwardShown how many nodes (in backward order) show their gradients
     */
    record Stage(Phase phase, String title, List<String> lines, int focusLayer, int focusUnit, int forwardShown,
                 boolean lossShown, int backwardShown, boolean updated) {

        Stage {
            lines = List.copyOf(lines);
        }

        boolean focuses(int layer, int unit) {
            return focusLayer == layer && focusUnit == unit;
        }
    }

    private final BackpropTrace trace;
    private final Task task;
    private final List<String> inputNames;
    private final List<Activation> hiddenActivations;
    private final List<Stage> stages = new ArrayList<>();
    /** Nodes (layer ≥ 1) in the order the forward pass visits them; the backward pass visits them in reverse. */
    private final List<int[]> forwardOrder = new ArrayList<>();

    StepThrough(BackpropTrace trace, Task task, List<String> inputNames, List<Activation> hiddenActivations) {
        if (task == Task.MULTICLASS) {
            throw new IllegalArgumentException("the step-through explains one-output networks (binary or regression)");
        }
        this.trace = trace;
        this.task = task;
        this.inputNames = List.copyOf(inputNames);
        this.hiddenActivations = List.copyOf(hiddenActivations);
        for (List<NodeTrace> layer : trace.nodes()) {
            layer.forEach(node -> forwardOrder.add(new int[] {node.layer(), node.unit()}));
        }
        buildStages();
    }

    BackpropTrace trace() {
        return trace;
    }

    Task task() {
        return task;
    }

    List<Stage> stages() {
        return List.copyOf(stages);
    }

    /** Layer sizes from the input column to the output layer. */
    List<Integer> layerSizes() {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputNames.size());
        trace.nodes().forEach(layer -> sizes.add(layer.size()));
        return sizes;
    }

    int outputLayer() {
        return trace.nodes().size();
    }

    NodeTrace node(int layer, int unit) {
        return trace.nodes().get(layer - 1).get(unit);
    }

    /** The weight from unit {@code from} of layer − 1 (or −1 for the bias) into unit {@code to} of {@code layer}. */
    WeightTrace weight(int layer, int from, int to) {
        return trace.weights().get(layer - 1).stream()
                .filter(w -> w.fromUnit() == from && w.toUnit() == to).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no weight " + from + "→" + to + " in layer " + layer));
    }

    /** The value a node passes on: an input feature, or a unit's activation. */
    double output(int layer, int unit) {
        return layer == 0 ? trace.input()[unit] : node(layer, unit).activation();
    }

    /** Position of a node in forward order (0-based); inputs are not in it. */
    int forwardIndex(int layer, int unit) {
        for (int i = 0; i < forwardOrder.size(); i++) {
            if (forwardOrder.get(i)[0] == layer && forwardOrder.get(i)[1] == unit) {
                return i;
            }
        }
        throw new IllegalArgumentException("no node " + layer + ":" + unit);
    }

    /** Position of a node in backward order (0-based). */
    int backwardIndex(int layer, int unit) {
        return forwardOrder.size() - 1 - forwardIndex(layer, unit);
    }

    // -------------------------------------------------------------------------------------------------- names

    String nodeName(int layer, int unit) {
        if (layer == 0) {
            return inputNames.get(unit);
        }
        if (layer == outputLayer()) {
            return trace.nodes().get(layer - 1).size() == 1 ? "ŷ" : "ŷ" + (unit + 1);
        }
        return outputLayer() == 2 ? "h" + (unit + 1) : "h" + layer + "." + (unit + 1);
    }

    String weightName(WeightTrace w) {
        String to = nodeName(w.layer(), w.toUnit());
        return w.isBias() ? "b(" + to + ")" : "w(" + nodeName(w.layer() - 1, w.fromUnit()) + "→" + to + ")";
    }

    /** The activation function's name at a layer (the output layer's is fixed by the task). */
    String activationName(int layer) {
        if (layer == outputLayer()) {
            return task == Task.BINARY ? "sigmoid" : "identity";
        }
        return hiddenActivations.get(layer - 1).id();
    }

    /** Four decimals for ordinary magnitudes, scientific notation for tiny or huge ones. */
    static String format(double value) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e4) {
            return String.format(Locale.ROOT, "%.4f", value);
        }
        return String.format(Locale.ROOT, "%.3e", value);
    }

    /** A factor inside a product: negative numbers in parentheses so the signs read unambiguously. */
    private static String factor(double value) {
        return value < 0 ? "(" + format(value) + ")" : format(value);
    }

    // ------------------------------------------------------------------------------------------------- stages

    private void buildStages() {
        int nodes = forwardOrder.size();
        double[] x = trace.input();
        List<String> start = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            start.add(nodeName(0, i) + " = " + format(x[i]));
        }
        start.add("target y = " + format(trace.target()));
        start.add("learning rate lr = " + format(trace.learningRate()));
        start.add("Each arrow carries a weight; each unit also has a bias b. Press Next to push the example through.");
        stages.add(new Stage(Phase.START, Phase.START.title(), start, -1, -1, 0, false, 0, false));

        for (int i = 0; i < nodes; i++) {
            int layer = forwardOrder.get(i)[0];
            int unit = forwardOrder.get(i)[1];
            stages.add(new Stage(Phase.FORWARD, Phase.FORWARD.title() + ": " + nodeName(layer, unit),
                    forwardLines(layer, unit), layer, unit, i + 1, false, 0, false));
        }

        stages.add(new Stage(Phase.LOSS, Phase.LOSS.title(), lossLines(), outputLayer(), 0, nodes, true, 0, false));

        for (int b = 0; b < nodes; b++) {
            int[] node = forwardOrder.get(nodes - 1 - b);
            stages.add(new Stage(Phase.BACKWARD, Phase.BACKWARD.title() + ": " + nodeName(node[0], node[1]),
                    backwardLines(node[0], node[1]), node[0], node[1], nodes, true, b + 1, false));
        }

        List<String> update = new ArrayList<>();
        update.add("Every weight and bias takes one step against its gradient: w ← w − lr·∂L/∂w, with lr = "
                + format(trace.learningRate()) + ".");
        for (List<WeightTrace> layer : trace.weights()) {
            for (WeightTrace w : layer) {
                update.add(weightName(w) + ": " + format(w.weight()) + " − " + format(trace.learningRate()) + " × "
                        + factor(w.gradient()) + " = " + format(w.updatedWeight()));
            }
        }
        stages.add(new Stage(Phase.UPDATE, Phase.UPDATE.title(), update, -1, -1, nodes, true, nodes, true));
    }

    private List<String> forwardLines(int layer, int unit) {
        NodeTrace node = node(layer, unit);
        int inputs = layerSizes().get(layer - 1);
        StringBuilder symbolic = new StringBuilder("z = ");
        StringBuilder numeric = new StringBuilder("  = ");
        for (int i = 0; i < inputs; i++) {
            WeightTrace w = weight(layer, i, unit);
            String separator = i == 0 ? "" : " + ";
            symbolic.append(separator).append(weightName(w)).append("·").append(nodeName(layer - 1, i));
            numeric.append(separator).append(factor(w.weight())).append(" × ").append(factor(w.input()));
        }
        WeightTrace bias = weight(layer, -1, unit);
        symbolic.append(" + ").append(weightName(bias));
        numeric.append(" + ").append(factor(bias.weight())).append(" = ").append(format(node.weightedSum()));
        String activation = "a = " + activationName(layer) + "(z) = " + activationName(layer) + "("
                + format(node.weightedSum()) + ") = " + format(node.activation());
        List<String> lines = new ArrayList<>(List.of(symbolic.toString(), numeric.toString(), activation));
        if (layer == outputLayer()) {
            lines.add(task == Task.BINARY ? "The prediction: a probability of class 1 of " + format(node.activation())
                    : "The prediction: " + format(node.activation()));
        }
        return lines;
    }

    private List<String> lossLines() {
        NodeTrace out = node(outputLayer(), 0);
        double p = out.activation();
        double y = trace.target();
        if (task == Task.BINARY) {
            return List.of("Binary cross-entropy of the prediction p = " + format(p) + " against y = " + format(y) + ":",
                    "L = −[y·ln p + (1 − y)·ln(1 − p)] = " + format(trace.loss()),
                    "The worse the prediction, the larger L. Now every weight asks: how would L change if I moved?");
        }
        return List.of("Squared error of the prediction ŷ = " + format(p) + " against y = " + format(y) + ":",
                "L = (ŷ − y)² = " + format(trace.loss()),
                "The worse the prediction, the larger L. Now every weight asks: how would L change if I moved?");
    }

    private List<String> backwardLines(int layer, int unit) {
        NodeTrace node = node(layer, unit);
        String name = nodeName(layer, unit);
        List<String> lines = new ArrayList<>();
        if (layer == outputLayer()) {
            double p = node.activation();
            double y = trace.target();
            if (task == Task.BINARY) {
                lines.add("∂L/∂a = (p − y) / (p·(1 − p)) = " + format(node.lossGradientActivation()));
                lines.add("local derivative: da/dz = p·(1 − p) = " + format(node.localDerivative()));
            } else {
                lines.add("∂L/∂a = 2·(ŷ − y) = 2 × " + factor(p - y) + " = " + format(node.lossGradientActivation()));
                lines.add("local derivative: da/dz = 1 (the output is linear)");
            }
        } else {
            StringBuilder symbolic = new StringBuilder("∂L/∂a = ");
            StringBuilder numeric = new StringBuilder("  = ");
            int above = layerSizes().get(layer + 1);
            for (int k = 0; k < above; k++) {
                WeightTrace w = weight(layer + 1, unit, k);
                String separator = k == 0 ? "" : " + ";
                symbolic.append(separator).append("∂L/∂z(").append(nodeName(layer + 1, k)).append(")·")
                        .append(weightName(w));
                numeric.append(separator).append(factor(node(layer + 1, k).lossGradientSum())).append(" × ")
                        .append(factor(w.weight()));
            }
            numeric.append(" = ").append(format(node.lossGradientActivation()));
            lines.add(symbolic.toString());
            lines.add(numeric.toString());
            lines.add("local derivative: da/dz = " + activationName(layer) + "′(" + format(node.weightedSum())
                    + ") = " + format(node.localDerivative()));
        }
        lines.add("chain rule: ∂L/∂z = ∂L/∂a × da/dz = " + factor(node.lossGradientActivation()) + " × "
                + factor(node.localDerivative()) + " = " + format(node.lossGradientSum()));
        for (WeightTrace w : trace.weights().get(layer - 1)) {
            if (w.toUnit() != unit) {
                continue;
            }
            String input = w.isBias() ? "1" : nodeName(layer - 1, w.fromUnit());
            lines.add("∂L/∂" + weightName(w) + " = ∂L/∂z × " + input + " = " + factor(node.lossGradientSum())
                    + " × " + factor(w.input()) + " = " + format(w.gradient()));
        }
        if (layer == 1) {
            lines.add("The inputs need no gradient: the backward pass ends at " + name + "'s incoming weights.");
        }
        return lines;
    }
}
