package org.backproplab.training.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.backproplab.config.NetworkConfig.LayerWeights;
import org.backproplab.engine.Task;

/**
 * Test-only route showing the decision boundary and the network diagram with fixed data, for the browser test:
 * a small hand-built network (6 ReLU units, one of them dead, then 3 tanh units, then a sigmoid output) that
 * separates a circle, plus a three-class boundary.
 */
@Route("visuals-test")
public class BoundaryTestView extends HorizontalLayout {

    static final double[][] KERNEL_1 = kernel1();
    static final double[] BIAS_1 = {-1, -1, -1, -1, -1, -100};
    static final double[][] KERNEL_2 = {
            {-0.5, 0.3, -0.2}, {-0.5, 0, -0.2}, {-0.5, 0, -0.2},
            {-0.5, -0.3, -0.2}, {-0.5, 0, -0.2}, {-0.5, 0, -0.2}};
    static final double[] BIAS_2 = {1, 0, 0.5};
    static final double[][] KERNEL_3 = {{4}, {0.5}, {2}};
    static final double[] BIAS_3 = {0};

    public BoundaryTestView() {
        setPadding(true);
        setSpacing(true);
        DecisionBoundary boundary = new DecisionBoundary();
        boundary.setId("decision-boundary");
        boundary.setWidth("300px");
        Random random = new Random(3);
        double[][] train = circlePoints(random, 150);
        double[][] test = circlePoints(random, 60);
        boundary.setPoints(train, circleLabels(train), test, circleLabels(test), Task.BINARY);

        BoundaryGrid grid = BoundaryGrid.of(BoundaryGrid.InputMapping.RAW, BoundaryGrid.DEFAULT_RESOLUTION);
        Forward onGrid = forward(grid.inputs());
        boundary.setOutput(BoundaryFrame.fromPredictions(grid, onGrid.predictions));
        Checkbox showTest = new Checkbox("Show test data", true);
        showTest.setId("show-test");
        showTest.addValueChangeListener(event -> boundary.setShowTestPoints(event.getValue()));

        NetworkDiagram diagram = new NetworkDiagram();
        diagram.setId("network-diagram");
        diagram.setWidth("560px");
        diagram.setHeight("300px");
        diagram.setStructure(List.of("x1", "x2"), List.of(6, 3), List.of("relu", "tanh"), 1, Task.BINARY);
        diagram.setState(List.of(LayerWeights.dense(KERNEL_1, BIAS_1), LayerWeights.dense(KERNEL_2, BIAS_2),
                        LayerWeights.dense(KERNEL_3, BIAS_3)),
                NetworkDiagram.deadUnits(forward(train).hidden, List.of("relu", "tanh")),
                DiagramThumbnails.fromGrid(grid, onGrid.hidden, onGrid.predictions, Task.BINARY));
        diagram.highlightLayer(1);

        DecisionBoundary classes = new DecisionBoundary();
        classes.setId("multiclass-boundary");
        classes.setWidth("200px");
        double[][] points = circlePoints(random, 90);
        double[] labels = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            labels[i] = sector(points[i][0], points[i][1]);
        }
        classes.setPoints(points, labels, new double[0][], new double[0], Task.MULTICLASS);
        classes.setOutput(BoundaryFrame.compute(x -> {
            double[][] probabilities = new double[x.length][3];
            for (int i = 0; i < x.length; i++) {
                double[] logits = new double[3];
                double angle = Math.atan2(x[i][1], x[i][0]);
                for (int k = 0; k < 3; k++) {
                    logits[k] = Math.hypot(x[i][0], x[i][1]) * Math.cos(angle - (k * 2 * Math.PI / 3 + Math.PI / 3));
                }
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += Math.exp(logits[k]);
                }
                for (int k = 0; k < 3; k++) {
                    probabilities[i][k] = Math.exp(logits[k]) / sum;
                }
            }
            return probabilities;
        }, BoundaryGrid.InputMapping.RAW, 48));

        add(new Div(boundary, showTest), diagram, classes);
    }

    record Forward(double[][][] hidden, double[][] predictions) {
    }

    /** The demo network's forward pass, returning hidden[layer][unit][example] as the engine does. */
    static Forward forward(double[][] x) {
        double[][] h1 = dense(x, KERNEL_1, BIAS_1, "relu");
        double[][] h2 = dense(h1, KERNEL_2, BIAS_2, "tanh");
        double[][] out = dense(h2, KERNEL_3, BIAS_3, "sigmoid");
        return new Forward(new double[][][] {transpose(h1), transpose(h2)}, out);
    }

    private static double[][] dense(double[][] x, double[][] kernel, double[] bias, String activation) {
        double[][] y = new double[x.length][bias.length];
        for (int n = 0; n < x.length; n++) {
            for (int j = 0; j < bias.length; j++) {
                double z = bias[j];
                for (int i = 0; i < kernel.length; i++) {
                    z += x[n][i] * kernel[i][j];
                }
                y[n][j] = switch (activation) {
                    case "relu" -> Math.max(0, z);
                    case "tanh" -> Math.tanh(z);
                    default -> 1 / (1 + Math.exp(-z));
                };
            }
        }
        return y;
    }

    private static double[][] transpose(double[][] rows) {
        double[][] columns = new double[rows[0].length][rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[0].length; j++) {
                columns[j][i] = rows[i][j];
            }
        }
        return columns;
    }

    private static double[][] kernel1() {
        double[][] kernel = new double[2][6];
        for (int k = 0; k < 6; k++) {
            kernel[0][k] = Math.cos(k * Math.PI / 3) * 0.8;
            kernel[1][k] = Math.sin(k * Math.PI / 3) * 0.8;
        }
        return kernel;
    }

    private static double[][] circlePoints(Random random, int count) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double radius = i % 2 == 0 ? random.nextDouble() * 2.5 : 3.5 + random.nextDouble() * 2;
            double angle = random.nextDouble() * 2 * Math.PI;
            points.add(new double[] {radius * Math.cos(angle), radius * Math.sin(angle)});
        }
        return points.toArray(double[][]::new);
    }

    private static double[] circleLabels(double[][] points) {
        double[] labels = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            labels[i] = Math.hypot(points[i][0], points[i][1]) < 3 ? 1 : 0;
        }
        return labels;
    }

    private static int sector(double x1, double x2) {
        double angle = Math.atan2(x2, x1);
        if (angle < 0) {
            angle += 2 * Math.PI;
        }
        return (int) (angle / (2 * Math.PI / 3)) % 3;
    }
}
