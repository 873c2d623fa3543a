package org.backproplab.training.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.backproplab.config.NetworkConfig.LayerWeights;
import org.backproplab.engine.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkDiagramTest {

    private NetworkDiagram diagram;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        diagram = new NetworkDiagram();
        UI.getCurrent().add(diagram);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void deadUnitsAreReluFamilyUnitsThatNeverOutputAboveZero() {
        double[][][] hidden = {
                {{0, 0, 0}, {0, 0.2, 0}, {0, 0, 0}},          // relu: units 0 and 2 dead
                {{-0.01, -0.02, 0}, {-0.01, 0.5, -0.3}},      // leaky_relu: unit 0 dead
                {{-0.9, -0.1, -0.5}, {0, 0, 0}},              // elu: both dead (never above zero)
                {{0, 0, 0}, {-1, -1, -1}},                    // tanh: never counted as dead
        };
        List<boolean[]> dead = NetworkDiagram.deadUnits(hidden, List.of("relu", "leaky_relu", "elu", "tanh"));
        assertArrayEquals(new boolean[] {true, false, true}, dead.get(0));
        assertArrayEquals(new boolean[] {true, false}, dead.get(1));
        assertArrayEquals(new boolean[] {true, true}, dead.get(2));
        assertArrayEquals(new boolean[] {false, false}, dead.get(3));
        assertThrows(IllegalArgumentException.class, () -> NetworkDiagram.deadUnits(hidden, List.of("relu")));
    }

    @Test
    void deepNetworksGetShortInputAndOutputTitles() {
        diagram.setStructure(List.of("x1", "x2"), List.of(4, 4, 4, 4), Collections.nCopies(4, "relu"), 1, Task.BINARY);
        assertEquals(List.of("Input", "Hidden 1", "Hidden 2", "Hidden 3", "Hidden 4", "Output"),
                diagram.structure().columns().stream().map(NetworkDiagram.ColumnPayload::title).toList());
        diagram.setStructure(List.of("x1", "x2"), Collections.nCopies(8, 32), Collections.nCopies(8, "relu"), 1,
                Task.BINARY);
        List<String> titles = diagram.structure().columns().stream().map(NetworkDiagram.ColumnPayload::title).toList();
        assertEquals("In", titles.getFirst());
        assertEquals("Out", titles.getLast());
        assertEquals("Hidden 8", titles.get(8));
    }

    @Test
    void structureNamesFeaturesAndCapsDrawnUnits() {
        diagram.setStructure(List.of("x1", "x2", "x1^2", "sin_x2", "x1x2"), List.of(8, 300), List.of("relu", "tanh"),
                1, Task.BINARY);
        NetworkDiagram.StructurePayload sent = diagram.getElement()
                .getPropertyBean("structure", NetworkDiagram.StructurePayload.class);
        assertEquals(4, sent.columns().size());
        assertEquals(List.of("x1", "x2", "x1²", "sin(x2)", "x1·x2"), sent.columns().get(0).names());
        assertEquals(300, sent.columns().get(2).units());
        assertEquals(NetworkDiagram.MAX_DRAWN_UNITS, sent.columns().get(2).names().size());
        assertEquals("sigmoid", sent.columns().get(3).activation());
        String label = diagram.getElement().getAttribute("aria-label");
        assertTrue(label.contains("5 inputs (x1, x2, x1², sin(x2), x1·x2)"), label);
        assertTrue(label.contains("hidden layers 8 relu, 300 tanh"), label);
    }

    @Test
    void stateEncodesWeightsBiasesAndDeadFlagsThatDecodeBack() {
        diagram.setStructure(List.of("x1", "x2"), List.of(3), List.of("relu"), 1, Task.BINARY);
        double[][] kernel1 = {{0.5, -1.25, 0.001}, {2.0, 0, -0.75}};
        double[] bias1 = {0.1, -0.2, 0.3};
        double[][] kernel2 = {{1.5}, {-0.5}, {Double.NaN}};
        double[] bias2 = {-0.05};
        diagram.setState(List.of(LayerWeights.dense(kernel1, bias1), LayerWeights.dense(kernel2, bias2)),
                List.of(new boolean[] {false, true, false}), null);

        NetworkDiagram.StatePayload sent = diagram.getElement()
                .getPropertyBean("state", NetworkDiagram.StatePayload.class);
        NetworkDiagram.EdgeLayer first = sent.edges().get(0);
        assertEquals(1, first.layer());
        assertEquals(2.0, first.maxAbs());
        short[] weights = BoundaryCodec.int16FromBase64(first.weights());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(kernel1[i][j], BoundaryCodec.dequantizeShort(weights[i * 3 + j], first.maxAbs()),
                        first.maxAbs() / 32767, "weight " + i + "→" + j);
            }
        }
        assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f}, BoundaryCodec.float32FromBase64(first.biases()));
        short[] output = BoundaryCodec.int16FromBase64(sent.edges().get(1).weights());
        assertEquals(1.5, sent.edges().get(1).maxAbs(), "a NaN weight does not spoil the layer's scale");
        assertEquals(BoundaryCodec.NON_FINITE_SHORT, output[2]);
        assertEquals(List.of(false, true, false), sent.dead().get(1));
        assertEquals(List.of(0, 1, 0), sent.deadCounts());
        assertNull(sent.thumbnails());
        assertTrue(diagram.getElement().getAttribute("aria-label").contains("dead units in layer 1: 1 of 3"));
    }

    @Test
    void weightsThatDoNotMatchTheStructureAreRejected() {
        diagram.setStructure(List.of("x1", "x2"), List.of(3), List.of("tanh"), 1, Task.BINARY);
        LayerWeights wrong = LayerWeights.dense(new double[2][4], new double[4]);
        LayerWeights out = LayerWeights.dense(new double[3][1], new double[1]);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> diagram.setState(List.of(wrong, out), null, null));
        assertTrue(error.getMessage().contains("kernel [2][3]"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> diagram.setState(List.of(out), null, null));
    }

    @Test
    void thumbnailsFollowTheGridOrientationAndTheTask() {
        BoundaryGrid grid = BoundaryGrid.of(BoundaryGrid.InputMapping.RAW, 64);
        // One hidden unit computing tanh(x2); the output is a sigmoid of x1.
        double[][][] hidden = {{new double[grid.cells()]}};
        double[][] predictions = new double[grid.cells()][1];
        for (int cell = 0; cell < grid.cells(); cell++) {
            hidden[0][0][cell] = Math.tanh(grid.inputs()[cell][1]);
            predictions[cell][0] = 1 / (1 + Math.exp(-grid.inputs()[cell][0]));
        }
        DiagramThumbnails thumbnails = DiagramThumbnails.fromGrid(grid, hidden, predictions, Task.BINARY);
        assertEquals(16, thumbnails.resolution());
        assertEquals(3, thumbnails.columns().size());

        diagram.setStructure(List.of("x1", "x2"), List.of(1), List.of("tanh"), 1, Task.BINARY);
        diagram.setState(List.of(LayerWeights.dense(new double[][] {{0}, {1}}, new double[] {0}),
                LayerWeights.dense(new double[][] {{1}}, new double[] {0})), null, thumbnails);
        NetworkDiagram.StatePayload sent = diagram.state();
        assertEquals(16, sent.thumbnailResolution());

        byte[] inputs = BoundaryCodec.fromBase64(sent.thumbnails().get(0).data());
        assertEquals(2 * 256, inputs.length);
        assertTrue((inputs[0] & 0xff) < 20 && (inputs[15] & 0xff) > 234, "x1 runs from -6 (left) to 6 (right)");
        assertTrue((inputs[256] & 0xff) > 234 && (inputs[256 + 240] & 0xff) < 20, "x2 runs from 6 (top) down");

        byte[] unit = BoundaryCodec.fromBase64(sent.thumbnails().get(1).data());
        assertEquals(1.0, thumbnails.columns().get(1).get(0).scale(), "a tanh layer keeps the scale of 1");
        assertEquals(Math.tanh(5.90625), sent.thumbnails().get(1).maxs().get(0), 1e-3);
        assertEquals(Math.tanh(-5.625), BoundaryCodec.dequantizeByte(unit[255] & 0xff, -1, 1), 0.02);

        NetworkDiagram.ThumbnailColumn output = sent.thumbnails().get(2);
        assertEquals(0.5, thumbnails.columns().get(2).get(0).center());
        assertEquals(0.5, thumbnails.columns().get(2).get(0).scale());
        byte[] out = BoundaryCodec.fromBase64(output.data());
        // Columns 7 and 8 straddle x1 = 0, where the probability is 0.5: the neutral middle of the scale.
        assertEquals(127, ((out[7] & 0xff) + (out[8] & 0xff)) / 2.0, 1.5);
        assertTrue((out[0] & 0xff) < 10 && (out[15] & 0xff) > 244, "orange on the left, blue on the right");
    }

    @Test
    void largeNetworksStayCompact() {
        int layers = 12;
        List<Integer> units = Collections.nCopies(layers, 256);
        List<String> activations = Collections.nCopies(layers, "relu");
        List<String> features = List.of("x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2");
        diagram.setStructure(features, units, activations, 1, Task.BINARY);

        Random random = new Random(7);
        List<LayerWeights> weights = new ArrayList<>();
        int previous = features.size();
        for (int next : List.of(256, 256, 256, 256, 256, 256, 256, 256, 256, 256, 256, 256, 1)) {
            double[][] kernel = new double[previous][next];
            for (double[] row : kernel) {
                for (int j = 0; j < next; j++) {
                    row[j] = random.nextGaussian();
                }
            }
            weights.add(LayerWeights.dense(kernel, new double[next]));
            previous = next;
        }
        BoundaryGrid grid = BoundaryGrid.of((x1, x2) -> new double[] {x1, x2, x1 * x1, x2 * x2, x1 * x2,
                Math.sin(x1), Math.sin(x2)}, 64);
        double[][][] hidden = new double[layers][256][grid.cells()];
        double[][][] onTrain = new double[layers][256][50];
        for (int layer = 0; layer < layers; layer++) {
            for (int unit = 0; unit < 256; unit++) {
                for (int cell = 0; cell < grid.cells(); cell++) {
                    hidden[layer][unit][cell] = Math.max(0, grid.inputs()[cell][0] * (unit % 3 - 1));
                }
                java.util.Arrays.fill(onTrain[layer][unit], unit % 4 == 0 ? 0 : 1);
            }
        }
        double[][] predictions = new double[grid.cells()][1];
        List<boolean[]> dead = NetworkDiagram.deadUnits(onTrain, activations);
        diagram.setState(weights, dead, DiagramThumbnails.fromGrid(grid, hidden, predictions, Task.BINARY));

        NetworkDiagram.StatePayload sent = diagram.state();
        assertEquals(8, sent.thumbnailResolution(), "thumbnails shrink to stay within the byte budget");
        assertEquals(64, sent.deadCounts().get(1), "dead units beyond the drawn ones are still counted");
        assertEquals(NetworkDiagram.MAX_DRAWN_UNITS, sent.dead().get(1).size());
        int length = diagram.getElement().getPropertyRaw("state").toString().length();
        assertTrue(length < 32_000, "state JSON is " + length + " characters");
        assertFalse(sent.edges().get(5).weights().isEmpty());
        System.out.printf("NetworkDiagram 12x256 state JSON: %d characters%n", length);
    }

    @Test
    void thePlaygroundSizedNetworkSendsSmallStates() {
        List<Integer> units = List.of(8, 8, 8, 8);
        List<String> activations = Collections.nCopies(4, "tanh");
        diagram.setStructure(List.of("x1", "x2"), units, activations, 1, Task.BINARY);
        List<LayerWeights> weights = new ArrayList<>();
        int previous = 2;
        for (int next : List.of(8, 8, 8, 8, 1)) {
            weights.add(LayerWeights.dense(new double[previous][next], new double[next]));
            previous = next;
        }
        BoundaryGrid grid = BoundaryGrid.of(BoundaryGrid.InputMapping.RAW, 64);
        double[][][] hidden = new double[4][8][grid.cells()];
        diagram.setState(weights, NetworkDiagram.deadUnits(new double[4][8][10], activations),
                DiagramThumbnails.fromGrid(grid, hidden, new double[grid.cells()][1], Task.BINARY));
        assertEquals(16, diagram.state().thumbnailResolution());
        int length = diagram.getElement().getPropertyRaw("state").toString().length();
        assertTrue(length < 16_000, "state JSON is " + length + " characters");
        System.out.printf("NetworkDiagram 2-8-8-8-8-1 state JSON: %d characters%n", length);
    }

    @Test
    void highlightFollowsTheFindingsLayerNumbering() {
        diagram.setStructure(List.of("x1", "x2"), List.of(4, 4), List.of("relu", "relu"), 1, Task.BINARY);
        diagram.highlightLayer(2);
        assertEquals(2, diagram.getElement().getProperty("highlightLayer", -1));
        assertTrue(diagram.getElement().getAttribute("aria-label").contains("layer 2 highlighted"));
        diagram.highlightLayer(3);   // the output layer is H + 1
        assertEquals(3, diagram.highlightedLayer());
        diagram.highlightLayer(null);
        assertEquals(-1, diagram.getElement().getProperty("highlightLayer", 0));
        assertThrows(IllegalArgumentException.class, () -> diagram.highlightLayer(4));
    }
}
