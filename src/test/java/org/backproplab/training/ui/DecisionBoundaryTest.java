package org.backproplab.training.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import java.io.Serializable;
import java.util.Arrays;
import org.backproplab.engine.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DecisionBoundaryTest {

    private DecisionBoundary boundary;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        boundary = new DecisionBoundary();
        boundary.setId("decision-boundary");
        UI.getCurrent().add(boundary);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void gridRowsRunFromTopToBottomAndColumnsFromLeftToRight() {
        BoundaryGrid grid = BoundaryGrid.of((x1, x2) -> new double[] {x1, x2, x1 * x1}, 4);
        assertEquals(16, grid.inputs().length);
        assertArrayEquals(new double[] {-4.5, 4.5, 20.25}, grid.inputs()[0], 1e-12);   // top-left
        assertArrayEquals(new double[] {4.5, 4.5, 20.25}, grid.inputs()[3], 1e-12);    // top-right
        assertArrayEquals(new double[] {-4.5, -4.5, 20.25}, grid.inputs()[12], 1e-12); // bottom-left
        assertThrows(IllegalArgumentException.class, () -> BoundaryGrid.of(BoundaryGrid.InputMapping.RAW, 2));
    }

    @Test
    void computeEvaluatesThePredictorOverTheMappedGrid() {
        // The feature map turns each raw point into one input, x2 - x1; the "network" answers 1 where it is > 0.
        BoundaryFrame frame = BoundaryFrame.compute(
                x -> Arrays.stream(x).map(row -> new double[] {row[0] > 0 ? 1 : 0}).toArray(double[][]::new),
                (x1, x2) -> new double[] {x2 - x1}, 8);
        assertEquals(8, frame.resolution());
        assertEquals(1, frame.channels());
        assertEquals(1, frame.value(0, 0, 0));  // top-left: x1 = -5.25, x2 = 5.25
        assertEquals(0, frame.value(7, 7, 0));  // bottom-right: x1 = 5.25, x2 = -5.25
        assertEquals(0, frame.value(0, 7, 0));  // top-right lies on the diagonal
        assertEquals(1, frame.value(1, 0, 0));
        assertEquals(0, frame.value(7, 6, 0));
    }

    @Test
    void binaryFrameIsSentAsQuantizedBytesUnderTenKilobytes() {
        int resolution = 64;
        float[] values = new float[resolution * resolution];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (0.5 + 0.5 * Math.sin(i * 0.37));
        }
        values[17] = Float.NaN;
        boundary.setOutput(resolution, values);

        DecisionBoundary.OutputPayload sent = boundary.getElement()
                .getPropertyBean("output", DecisionBoundary.OutputPayload.class);
        assertEquals("binary", sent.task());
        assertEquals(resolution, sent.resolution());
        String json = boundary.getElement().getPropertyRaw("output").toString();
        assertTrue(json.length() < 10_000, "frame JSON is " + json.length() + " characters");
        System.out.printf("DecisionBoundary 64x64 binary frame JSON: %d characters%n", json.length());

        byte[] bytes = BoundaryCodec.fromBase64(sent.data());
        assertEquals(values.length, bytes.length);
        for (int i = 0; i < values.length; i++) {
            double decoded = BoundaryCodec.dequantizeByte(bytes[i] & 0xff, sent.low(), sent.high());
            if (i == 17) {
                assertTrue(Double.isNaN(decoded), "a non-finite output stays marked");
            } else {
                assertEquals(values[i], decoded, 0.5 / 254 + 1e-6, "cell " + i);
            }
        }
    }

    @Test
    void regressionFrameUsesTheLabelRangeAsColourDomain() {
        boundary.setPoints(new double[][] {{0, 0}, {1, 1}}, new double[] {-3, 5},
                new double[][] {{2, 2}}, new double[] {1}, Task.REGRESSION);
        float[] values = new float[16];
        values[0] = -3;
        values[1] = 5;
        values[2] = 1;
        values[3] = 40;   // far outside: clamps to the top of the domain
        boundary.setOutput(4, values);
        DecisionBoundary.OutputPayload sent = boundary.output();
        assertEquals("regression", sent.task());
        assertEquals(-3, sent.low());
        assertEquals(5, sent.high());
        byte[] bytes = BoundaryCodec.fromBase64(sent.data());
        assertEquals(0, bytes[0] & 0xff);
        assertEquals(254, bytes[1] & 0xff);
        assertEquals(127, bytes[2] & 0xff);
        assertEquals(254, bytes[3] & 0xff);
    }

    @Test
    void multiclassFramePacksArgmaxAndConfidenceInOneByte() {
        boundary.setPoints(new double[][] {{0, 0}}, new double[] {2}, new double[0][], new double[0], Task.MULTICLASS);
        int cells = 16;
        float[] values = new float[cells * 3];
        setProbabilities(values, 0, 0.9f, 0.05f, 0.05f);       // class 0, confident
        setProbabilities(values, 1, 0.2f, 0.3f, 0.5f);         // class 2, unsure
        setProbabilities(values, 2, 1 / 3f, 1 / 3f, 1 / 3f);   // a tie: lowest confidence
        setProbabilities(values, 3, 0f, 1f, 0f);               // class 1, certain
        boundary.setOutput(new BoundaryFrame(4, 3, values));

        DecisionBoundary.OutputPayload sent = boundary.output();
        assertEquals("multiclass", sent.task());
        assertEquals(3, sent.classes());
        int levels = sent.levels();
        assertEquals(85, levels);
        byte[] bytes = BoundaryCodec.fromBase64(sent.data());
        assertEquals(0, (bytes[0] & 0xff) / levels);
        assertEquals(Math.round((0.9 - 1 / 3.0) / (2 / 3.0) * (levels - 1)), (bytes[0] & 0xff) % levels);
        assertEquals(2, (bytes[1] & 0xff) / levels);
        assertEquals(Math.round((0.5 - 1 / 3.0) / (2 / 3.0) * (levels - 1)), (bytes[1] & 0xff) % levels);
        assertEquals(0, (bytes[2] & 0xff) % levels);
        assertEquals(1, (bytes[3] & 0xff) / levels);
        assertEquals(levels - 1, (bytes[3] & 0xff) % levels);
    }

    @Test
    void pointsRoundTripAsFloatTriples() {
        double[][] train = {{-5.5, 1.25}, {3, -2}};
        double[][] test = {{0.5, 0.75}};
        boundary.setPoints(train, new double[] {0, 1}, test, new double[] {1}, Task.BINARY);
        DecisionBoundary.PointsPayload sent = boundary.getElement()
                .getPropertyBean("points", DecisionBoundary.PointsPayload.class);
        assertEquals(2, sent.trainCount());
        assertArrayEquals(new float[] {-5.5f, 1.25f, 0f, 3f, -2f, 1f}, BoundaryCodec.float32FromBase64(sent.train()));
        assertArrayEquals(new float[] {0.5f, 0.75f, 1f}, BoundaryCodec.float32FromBase64(sent.test()));
        assertThrows(IllegalArgumentException.class, () -> boundary.setPoints(train, new double[] {0},
                test, new double[] {1}, Task.BINARY));
    }

    @Test
    void testPointsToggleAndClearAreReflectedForScreenReaders() {
        boundary.setPoints(new double[][] {{0, 0}}, new double[] {1}, new double[][] {{1, 1}}, new double[] {0},
                Task.BINARY);
        boundary.setOutput(4, new float[16]);
        assertEquals("img", boundary.getElement().getAttribute("role"));
        assertTrue(boundary.getElement().getAttribute("aria-label").contains("1 test points shown"));

        boundary.setShowTestPoints(false);
        assertFalse(boundary.getElement().getProperty("showTestPoints", true));
        assertTrue(boundary.getElement().getAttribute("aria-label").contains("1 test points hidden"));

        boundary.clear();
        assertNull(boundary.output());
        Serializable raw = boundary.getElement().getPropertyRaw("output");
        assertTrue(raw == null || (raw instanceof JsonNode node && node.isNull()), "output cleared, got " + raw);
        assertTrue(boundary.getElement().getAttribute("aria-label").contains("no network output yet"));
    }

    private static void setProbabilities(float[] values, int cell, float... probabilities) {
        System.arraycopy(probabilities, 0, values, cell * probabilities.length, probabilities.length);
    }
}
