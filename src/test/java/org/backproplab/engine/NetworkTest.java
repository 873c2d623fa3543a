package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkTest {

    private static NetworkSpec spec(Task task, boolean batchNorm) {
        return NetworkSpec.of(2, task, 4, List.of(8, 5), Activation.TANH, batchNorm, Initializer.XAVIER, 1, 9);
    }

    @Test
    void shapesAndParameterCount() {
        Network network = Network.create(spec(Task.MULTICLASS, true));
        assertEquals(2, network.inputs());
        assertEquals(4, network.outputs());
        assertEquals(2, network.hiddenLayerCount());
        assertEquals(5, network.units(1));
        // (2·8+8) + (8·5+5) + (5·4+4) + batch norm 2·(8+5)
        assertEquals(24 + 45 + 24 + 26, network.parameterCount());
        List<DenseWeights> weights = network.weights();
        assertEquals(3, weights.size());
        assertEquals(2, weights.get(0).kernel().length);
        assertEquals(8, weights.get(0).kernel()[0].length);
        assertEquals(2, network.batchNormWeights().size());
        assertTrue(Network.create(spec(Task.BINARY, false)).batchNormWeights().isEmpty());
    }

    @Test
    void predictionsAreProbabilitiesAndHiddenOutputsMatch() {
        Network network = Network.create(spec(Task.MULTICLASS, false));
        double[][] grid = new double[300][];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = new double[] {i / 30.0 - 5, Math.sin(i)};
        }
        NetworkOutputs outputs = network.evaluate(grid);
        assertEquals(300, outputs.predictions().length);
        for (double[] p : outputs.predictions()) {
            assertEquals(1.0, p[0] + p[1] + p[2] + p[3], 1e-12);
        }
        assertEquals(2, outputs.hidden().length);
        assertEquals(8, outputs.hidden()[0].length);
        assertEquals(300, outputs.hidden()[0][0].length);
        // First hidden unit by hand: tanh(x·W[:,0] + b0).
        double[][] k = network.weights().get(0).kernel();
        double expected = Math.tanh(grid[7][0] * k[0][0] + grid[7][1] * k[1][0]);
        assertEquals(expected, outputs.hidden()[0][0][7], 1e-12);
        assertArrayEquals(outputs.predictions()[299], network.predict(grid)[299], 0.0);
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        assertArrayEquals(Network.create(spec(Task.BINARY, false)).weights().get(1).kernel()[3],
                Network.create(spec(Task.BINARY, false)).weights().get(1).kernel()[3], 0.0);
        NetworkSpec other = NetworkSpec.of(2, Task.BINARY, 2, List.of(8, 5), Activation.TANH, false,
                Initializer.XAVIER, 1, 10);
        assertNotEquals(Network.create(spec(Task.BINARY, false)).weights().get(1).kernel()[3][0],
                Network.create(other).weights().get(1).kernel()[3][0]);
    }

    @Test
    void initializersHaveTheirSpread() {
        assertEquals(Math.sqrt(2.0 / 200), std(Initializer.HE, 1), 0.05 * Math.sqrt(2.0 / 200));
        assertEquals(Math.sqrt(1.0 / 200), std(Initializer.LECUN, 1), 0.05 * Math.sqrt(1.0 / 200));
        assertEquals(2.5, std(Initializer.NORMAL, 2.5), 0.05 * 2.5);
        // Uniform(−a, a) has std a/√3 with a = √(6/(200+200)).
        assertEquals(Math.sqrt(6.0 / 400) / Math.sqrt(3), std(Initializer.XAVIER, 1), 0.003);
        assertEquals(0.0, std(Initializer.ZEROS, 1));
    }

    private static double std(Initializer initializer, double scale) {
        Network network = Network.create(NetworkSpec.of(200, Task.BINARY, 2, List.of(200), Activation.RELU, false,
                initializer, scale, 4));
        double sum = 0;
        double sumSquares = 0;
        for (double[] row : network.weights().get(0).kernel()) {
            for (double w : row) {
                sum += w;
                sumSquares += w * w;
            }
        }
        double n = 200.0 * 200;
        return Math.sqrt(sumSquares / n - (sum / n) * (sum / n));
    }

    @Test
    void startWeightsAreUsedAndShapesChecked() {
        Network source = Network.create(spec(Task.BINARY, false));
        Network copy = Network.create(spec(Task.BINARY, false).withStartWeights(source.weights()));
        assertArrayEquals(source.weights().get(2).kernel()[4], copy.weights().get(2).kernel()[4], 0.0);

        List<DenseWeights> wrong = List.of(source.weights().get(0), new DenseWeights(new double[8][6], new double[6]),
                source.weights().get(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec(Task.BINARY, false).withStartWeights(wrong));
        assertTrue(e.getMessage().contains("weights[1]") && e.getMessage().contains("[8][5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> spec(Task.BINARY, false).withStartWeights(source.weights().subList(0, 2)));
    }

    @Test
    void weightsAreCopiesAndCopyIsIndependent() {
        Network network = Network.create(spec(Task.BINARY, false));
        network.weights().get(0).kernel()[0][0] = 1234;
        assertNotEquals(1234, network.weights().get(0).kernel()[0][0]);
        Network copy = network.copy();
        Trainer trainer = new Trainer(copy, TestSpirals.spiral(20, 0, 1), null, Hyperparameters.sgd(0.5, 4), 1);
        trainer.trainEpoch();
        assertNotEquals(network.weights().get(0).kernel()[0][0], copy.weights().get(0).kernel()[0][0]);
    }

    @Test
    void idsRoundTripAndUnknownIdsNameTheAllowedValues() {
        for (Activation a : Activation.values()) {
            assertEquals(a, Activation.fromId(a.id()));
        }
        for (Initializer i : Initializer.values()) {
            assertEquals(i, Initializer.fromId(i.id()));
        }
        for (OptimizerKind o : OptimizerKind.values()) {
            assertEquals(o, OptimizerKind.fromId(o.id()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.fromId("swish"));
        assertTrue(e.getMessage().contains("leaky_relu"));
        assertEquals("leaky_relu", Activation.LEAKY_RELU.id());
        assertTrue(Activation.ELU.isReluFamily() && !Activation.TANH.isReluFamily());
        assertTrue(Activation.SIGMOID.saturates() && !Activation.RELU.saturates());
    }

    @Test
    void activationValues() {
        assertEquals(-0.02, Activation.LEAKY_RELU.apply(-2), 1e-15);
        assertEquals(Math.expm1(-2), Activation.ELU.apply(-2), 1e-15);
        assertEquals(0.5, Activation.SIGMOID.apply(0), 0.0);
        assertEquals(Math.tanh(0.3), Activation.TANH.apply(0.3), 1e-15);
        assertEquals(0.0, Activation.RELU.apply(-1), 0.0);
    }

    @Test
    void savedWeightsWithBatchNormRestartTheSameNetwork() {
        Network trained = Network.create(spec(Task.MULTICLASS, true));
        double[][] x = TestSpirals.spiral(60, 0.1, 3).x();
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 4;
        }
        Trainer trainer = new Trainer(trained, new Samples(x, y), null, Hyperparameters.sgd(0.1, 10), 1);
        for (int epoch = 0; epoch < 3; epoch++) {
            trainer.trainEpoch();
        }
        NetworkSpec restartSpec = trained.spec().withStartWeights(trained.weights());
        Network restarted = Network.create(restartSpec, trained.batchNormWeights());
        double[][] expected = trained.predict(x);
        double[][] actual = restarted.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0);
        }
        // Without the batch-norm parameters the restart would predict differently (fresh running averages).
        assertNotEquals(expected[0][0], Network.create(restartSpec).predict(x)[0][0]);
        List<BatchNormWeights> wrongShape = List.of(trained.batchNormWeights().get(0), trained.batchNormWeights().get(0));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Network.create(restartSpec, wrongShape));
        assertTrue(error.getMessage().contains("hidden layer 2"), error.getMessage());
    }
}
