package org.backproplab.training.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.backproplab.config.NetworkConfig.LayerWeights;
import org.backproplab.engine.Task;

/**
 * The network as TensorFlow Playground draws it, by the {@code <bpl-network-diagram>} element: one column per layer
 * (inputs, hidden layers, output), each unit a small square showing its output over the input square, edges
 * coloured by sign (orange negative, blue positive) and as thick as |weight| relative to the layer's largest, dead
 * ReLU-family units greyed out; hovering a unit or an edge shows its values.
 *
 * <p>Call {@link #setStructure} when the architecture changes and {@link #setState} per refresh; each state
 * replaces the previous one. Columns show at most {@link #MAX_DRAWN_UNITS} units (the rest are counted as
 * "+N more"), and thumbnails shrink for large networks, so a state stays within ~20 kB even at 12 × 256 units.
 */
@Tag("bpl-network-diagram")
@JsModule("./lab/network-diagram.ts")
public class NetworkDiagram extends Component implements HasSize {

    public static final int MAX_DRAWN_UNITS = 16;
    /** Budget for the thumbnail bytes of one state: beyond it thumbnails halve their resolution. */
    static final int THUMBNAIL_BUDGET_BYTES = 16_384;
    /** From this many hidden layers on, the input and output columns are titled "In" and "Out". */
    static final int SHORT_TITLES_FROM_HIDDEN_LAYERS = 5;
    private static final Set<String> RELU_FAMILY = Set.of("relu", "leaky_relu", "elu");

    /** A column of the diagram; {@code names} holds the drawn units' names. */
    public record ColumnPayload(String kind, String title, String activation, int units, List<String> names) {
    }

    public record StructurePayload(List<ColumnPayload> columns, int maxDrawn) {
    }

    /**
     * Thumbnails of one column: {@code data} is base64 of one byte per cell for each drawn unit in turn
     * (resolution² cells each, 0..254 mapping [center - scale, center + scale] of the unit's
     * {@link DiagramThumbnail}, 255 non-finite); {@code mins}/{@code maxs} are each unit's range over the square
     * to 4 significant digits (null when not finite).
     */
    public record ThumbnailColumn(String data, List<Double> mins, List<Double> maxs) {
    }

    /**
     * The dense layer from column {@code layer - 1} to column {@code layer} (1-based like the findings):
     * {@code weights} is base64 of little-endian int16, {@code from × to} drawn entries source-major, each
     * {@code weight / maxAbs × 32767} (-32768 non-finite); {@code biases} base64 little-endian float32 of the
     * drawn target units.
     */
    public record EdgeLayer(int layer, int from, int to, double maxAbs, String weights, String biases) {
    }

    /** {@code dead[column]} flags the drawn units; {@code deadCounts[column]} counts all the column's dead units. */
    public record StatePayload(int thumbnailResolution, List<ThumbnailColumn> thumbnails, List<EdgeLayer> edges,
                               List<List<Boolean>> dead, List<Integer> deadCounts) {
    }

    private List<String> inputNames = List.of();
    private List<Integer> hiddenUnits = List.of();
    private List<String> activations = List.of();
    private int outputs;
    private Task task = Task.BINARY;
    private StructurePayload structure;
    private StatePayload state;
    private Integer highlighted;

    public NetworkDiagram() {
        getElement().setAttribute("role", "img");
        getElement().setProperty("highlightLayer", -1);
        updateLabel();
    }

    /**
     * Declares the architecture: the input features (contract ids such as {@code x1}, {@code x1^2},
     * {@code sin_x1}, shown as x1, x1², sin(x1)), the hidden layers' sizes and activations, and the output units
     * (1 for binary and regression, K for multiclass). Clears the previous state.
     */
    public void setStructure(List<String> inputNames, List<Integer> hiddenUnits, List<String> activations,
                             int outputs, Task task) {
        Objects.requireNonNull(inputNames, "inputNames");
        Objects.requireNonNull(hiddenUnits, "hiddenUnits");
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(task, "task");
        if (inputNames.isEmpty()) {
            throw new IllegalArgumentException("inputNames must name at least one input");
        }
        if (activations.size() != hiddenUnits.size()) {
            throw new IllegalArgumentException("activations must have one entry per hidden layer ("
                    + hiddenUnits.size() + "), got " + activations.size());
        }
        for (int units : hiddenUnits) {
            if (units < 1) {
                throw new IllegalArgumentException("hiddenUnits must be >= 1, got " + units);
            }
        }
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, got " + outputs);
        }
        this.inputNames = List.copyOf(inputNames);
        this.hiddenUnits = List.copyOf(hiddenUnits);
        this.activations = List.copyOf(activations);
        this.outputs = outputs;
        this.task = task;

        // Deep networks leave each column about 30 px: the element abbreviates "Hidden N" to "HN" itself, and the
        // input and output columns get short titles here, so no title is clipped to a bare "I…" or "O…".
        boolean narrowColumns = hiddenUnits.size() >= SHORT_TITLES_FROM_HIDDEN_LAYERS;
        List<ColumnPayload> columns = new ArrayList<>();
        columns.add(new ColumnPayload("input", narrowColumns ? "In" : "Input", null, inputNames.size(),
                inputNames.stream().limit(MAX_DRAWN_UNITS).map(NetworkDiagram::featureLabel).toList()));
        for (int layer = 0; layer < hiddenUnits.size(); layer++) {
            columns.add(new ColumnPayload("hidden", "Hidden " + (layer + 1), activations.get(layer),
                    hiddenUnits.get(layer), unitNames(hiddenUnits.get(layer))));
        }
        columns.add(new ColumnPayload("output", narrowColumns ? "Out" : "Output", outputActivation(task, outputs),
                outputs, outputNames(task, outputs)));
        structure = new StructurePayload(columns, MAX_DRAWN_UNITS);
        getElement().setPropertyBean("structure", structure);
        clear();
    }

    /**
     * Shows the network's current state, replacing the previous one.
     *
     * @param weights     every dense layer including the output layer, kernel {@code [inputs][units]}
     * @param dead        per hidden layer, a flag per unit (see {@link #deadUnits}); null when unknown
     * @param thumbnails  unit outputs over the input square (2-D datasets), or null to draw plain units
     */
    public void setState(List<LayerWeights> weights, List<boolean[]> dead, DiagramThumbnails thumbnails) {
        Objects.requireNonNull(weights, "weights");
        if (structure == null) {
            throw new IllegalStateException("setStructure must be called before setState");
        }
        List<ColumnPayload> columns = structure.columns();
        if (weights.size() != columns.size() - 1) {
            throw new IllegalArgumentException("weights must have one entry per dense layer (" + (columns.size() - 1)
                    + "), got " + weights.size());
        }
        if (dead != null && dead.size() != hiddenUnits.size()) {
            throw new IllegalArgumentException("dead must have one entry per hidden layer (" + hiddenUnits.size()
                    + "), got " + dead.size());
        }
        List<EdgeLayer> edges = new ArrayList<>();
        for (int layer = 1; layer < columns.size(); layer++) {
            edges.add(encodeEdges(layer, weights.get(layer - 1), columns.get(layer - 1).units(),
                    columns.get(layer).units()));
        }

        List<List<Boolean>> deadFlags = new ArrayList<>();
        List<Integer> deadCounts = new ArrayList<>();
        for (int column = 0; column < columns.size(); column++) {
            boolean[] flags = column >= 1 && column <= hiddenUnits.size() && dead != null ? dead.get(column - 1) : null;
            int units = columns.get(column).units();
            if (flags != null && flags.length != units) {
                throw new IllegalArgumentException("dead flags of hidden layer " + column + " must cover " + units
                        + " units, got " + flags.length);
            }
            List<Boolean> drawn = new ArrayList<>();
            int count = 0;
            for (int unit = 0; unit < units; unit++) {
                boolean isDead = flags != null && flags[unit];
                count += isDead ? 1 : 0;
                if (unit < MAX_DRAWN_UNITS) {
                    drawn.add(isDead);
                }
            }
            deadFlags.add(drawn);
            deadCounts.add(count);
        }

        int resolution = 0;
        List<ThumbnailColumn> thumbnailColumns = null;
        if (thumbnails != null) {
            if (thumbnails.columns().size() != columns.size()) {
                throw new IllegalArgumentException("thumbnails must have one column per diagram column ("
                        + columns.size() + "), got " + thumbnails.columns().size());
            }
            resolution = thumbnailResolution(thumbnails);
            thumbnailColumns = new ArrayList<>();
            for (int column = 0; column < columns.size(); column++) {
                thumbnailColumns.add(encodeThumbnails(thumbnails.columns().get(column), resolution,
                        Math.min(columns.get(column).units(), MAX_DRAWN_UNITS)));
            }
        }
        state = new StatePayload(resolution, thumbnailColumns, edges, deadFlags, deadCounts);
        getElement().setPropertyBean("state", state);
        updateLabel();
    }

    /** Removes the state (weights, thumbnails); the structure stays. */
    public void clear() {
        state = null;
        getElement().setPropertyJson("state", tools.jackson.databind.node.JsonNodeFactory.instance.nullNode());
        updateLabel();
    }

    /**
     * Highlights one layer, numbered as the epoch report and the findings number them (hidden layers 1..H, the
     * output layer H+1; 0 is the input column), or none with {@code null}.
     */
    public void highlightLayer(Integer layer) {
        if (layer != null && (layer < 0 || layer > hiddenUnits.size() + 1)) {
            throw new IllegalArgumentException("layer must be in 0.." + (hiddenUnits.size() + 1) + " or null, got "
                    + layer);
        }
        highlighted = layer;
        getElement().setProperty("highlightLayer", layer == null ? -1 : layer);
        updateLabel();
    }

    public Integer highlightedLayer() {
        return highlighted;
    }

    /** The structure as sent; for tests and diagnostics. */
    public StructurePayload structure() {
        return structure;
    }

    /** The last state as sent (null when cleared); for tests and diagnostics. */
    public StatePayload state() {
        return state;
    }

    /**
     * Which hidden units are dead: for ReLU-family layers ({@code relu}, {@code leaky_relu}, {@code elu}) a unit is
     * dead when its output is ≤ 0 for every training example, which for these activations means its
     * pre-activation is ≤ 0 everywhere, so no gradient reaches its incoming weights (leaky ReLU's is only 1 %).
     * Other activations never count as dead.
     *
     * @param hiddenOnTrain {@code hidden[layer][unit][example]} over the training set, inference mode (as
     *                      {@code Network.evaluate(train.x()).hidden()} returns it)
     */
    public static List<boolean[]> deadUnits(double[][][] hiddenOnTrain, List<String> activations) {
        Objects.requireNonNull(hiddenOnTrain, "hiddenOnTrain");
        if (activations.size() != hiddenOnTrain.length) {
            throw new IllegalArgumentException("activations must have one entry per hidden layer ("
                    + hiddenOnTrain.length + "), got " + activations.size());
        }
        List<boolean[]> dead = new ArrayList<>();
        for (int layer = 0; layer < hiddenOnTrain.length; layer++) {
            boolean reluFamily = RELU_FAMILY.contains(activations.get(layer));
            boolean[] flags = new boolean[hiddenOnTrain[layer].length];
            for (int unit = 0; unit < flags.length && reluFamily; unit++) {
                double[] outputs = hiddenOnTrain[layer][unit];
                boolean allNonPositive = outputs.length > 0;
                for (double output : outputs) {
                    if (!(output <= 0)) {
                        allNonPositive = false;
                        break;
                    }
                }
                flags[unit] = allNonPositive;
            }
            dead.add(flags);
        }
        return dead;
    }

    /** A contract feature id as a reader writes it: x1^2 → x1², x1x2 → x1·x2, sin_x1 → sin(x1). */
    public static String featureLabel(String feature) {
        return switch (feature) {
            case "x1^2" -> "x1²";
            case "x2^2" -> "x2²";
            case "x1x2" -> "x1·x2";
            case "sin_x1" -> "sin(x1)";
            case "sin_x2" -> "sin(x2)";
            default -> feature;
        };
    }

    private static String outputActivation(Task task, int outputs) {
        return switch (task) {
            case BINARY -> "sigmoid";
            case MULTICLASS -> "softmax";
            case REGRESSION -> "linear";
        };
    }

    private static List<String> unitNames(int units) {
        List<String> names = new ArrayList<>();
        for (int unit = 1; unit <= Math.min(units, MAX_DRAWN_UNITS); unit++) {
            names.add("unit " + unit);
        }
        return names;
    }

    private static List<String> outputNames(Task task, int outputs) {
        return switch (task) {
            case BINARY -> List.of("P(class 1)");
            case REGRESSION -> List.of("value");
            case MULTICLASS -> {
                List<String> names = new ArrayList<>();
                for (int k = 0; k < Math.min(outputs, MAX_DRAWN_UNITS); k++) {
                    names.add("P(class " + k + ")");
                }
                yield names;
            }
        };
    }

    private static EdgeLayer encodeEdges(int layer, LayerWeights weights, int fromUnits, int toUnits) {
        double[][] kernel = weights.kernel();
        double[] bias = weights.bias();
        if (kernel == null || kernel.length != fromUnits || (fromUnits > 0 && kernel[0].length != toUnits)
                || bias == null || bias.length != toUnits) {
            throw new IllegalArgumentException("weights of layer " + layer + " must have kernel [" + fromUnits
                    + "][" + toUnits + "] and bias [" + toUnits + "] to match the structure");
        }
        double maxAbs = 0;
        for (double[] row : kernel) {
            for (double w : row) {
                if (Double.isFinite(w)) {
                    maxAbs = Math.max(maxAbs, Math.abs(w));
                }
            }
        }
        int from = Math.min(fromUnits, MAX_DRAWN_UNITS);
        int to = Math.min(toUnits, MAX_DRAWN_UNITS);
        short[] quantized = new short[from * to];
        for (int i = 0; i < from; i++) {
            for (int j = 0; j < to; j++) {
                quantized[i * to + j] = BoundaryCodec.quantizeShort(kernel[i][j], maxAbs);
            }
        }
        double[] drawnBias = new double[to];
        System.arraycopy(bias, 0, drawnBias, 0, to);
        return new EdgeLayer(layer, from, to, maxAbs, BoundaryCodec.int16Base64(quantized),
                BoundaryCodec.float32Base64(drawnBias));
    }

    private static int thumbnailResolution(DiagramThumbnails thumbnails) {
        int units = thumbnails.columns().stream().mapToInt(List::size).sum();
        int resolution = thumbnails.resolution();
        while (resolution > 4 && units * resolution * resolution > THUMBNAIL_BUDGET_BYTES) {
            resolution /= 2;
        }
        return resolution;
    }

    private static ThumbnailColumn encodeThumbnails(List<DiagramThumbnail> column, int resolution, int drawn) {
        if (column.size() != drawn) {
            throw new IllegalArgumentException("thumbnails must cover the " + drawn + " drawn units of a column, got "
                    + column.size());
        }
        int cells = resolution * resolution;
        byte[] bytes = new byte[column.size() * cells];
        List<Double> mins = new ArrayList<>();
        List<Double> maxs = new ArrayList<>();
        for (int unit = 0; unit < column.size(); unit++) {
            DiagramThumbnail thumbnail = column.get(unit).downsample(resolution);
            for (int cell = 0; cell < cells; cell++) {
                bytes[unit * cells + cell] = (byte) BoundaryCodec.quantizeByte(thumbnail.values()[cell],
                        thumbnail.center() - thumbnail.scale(), thumbnail.center() + thumbnail.scale());
            }
            mins.add(BoundaryCodec.finiteOrNull(thumbnail.min()));
            maxs.add(BoundaryCodec.finiteOrNull(thumbnail.max()));
        }
        return new ThumbnailColumn(BoundaryCodec.base64(bytes), mins, maxs);
    }

    private void updateLabel() {
        StringBuilder text = new StringBuilder("Network diagram: ");
        text.append(inputNames.size()).append(inputNames.size() == 1 ? " input" : " inputs");
        if (!inputNames.isEmpty() && inputNames.size() <= 8) {
            text.append(" (").append(String.join(", ", inputNames.stream().map(NetworkDiagram::featureLabel)
                    .toList())).append(')');
        }
        if (hiddenUnits.isEmpty()) {
            text.append("; no hidden layers");
        } else {
            text.append("; hidden layers ");
            for (int layer = 0; layer < hiddenUnits.size(); layer++) {
                text.append(layer == 0 ? "" : ", ").append(hiddenUnits.get(layer)).append(' ')
                        .append(activations.get(layer));
            }
        }
        if (outputs > 0) {
            text.append("; output ").append(outputs).append(' ').append(outputActivation(task, outputs));
        }
        if (state != null) {
            List<String> deadLayers = new ArrayList<>();
            for (int layer = 1; layer <= hiddenUnits.size(); layer++) {
                int count = state.deadCounts().get(layer);
                if (count > 0) {
                    deadLayers.add(String.format(Locale.ROOT, "layer %d: %d of %d", layer, count,
                            hiddenUnits.get(layer - 1)));
                }
            }
            text.append(deadLayers.isEmpty() ? "; no dead units" : "; dead units in " + String.join(", ", deadLayers));
        }
        if (highlighted != null) {
            text.append("; layer ").append(highlighted).append(" highlighted");
        }
        getElement().setAttribute("aria-label", text.toString());
    }
}
