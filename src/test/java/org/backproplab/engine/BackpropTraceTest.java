package org.backproplab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BackpropTraceTest {

    private static Network network(Task task, Activation activation) {
        return Network.create(NetworkSpec.of(2, task, 3, List.of(3, 2), activation, false, Initializer.XAVIER, 1, 5));
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void traceEqualsOneTrainerStepWithBatchSizeOne(Task task) {
        Network network = network(task, Activation.TANH);
        double[] x = {0.7, -1.2};
        double y = task == Task.REGRESSION ? 0.3 : 1;
        BackpropTrace trace = BackpropTrace.of(network, x, y, 0.1);

        Trainer trainer = new Trainer(network.copy(), new Samples(new double[][] {x}, new double[] {y}),
                Samples.empty(2), Hyperparameters.sgd(0.1, 1), 3);
        trainer.trainBatch();
        List<DenseWeights> expected = trainer.network().weights();
        List<DenseWeights> traced = trace.updatedWeights();
        for (int l = 0; l < expected.size(); l++) {
            for (int i = 0; i < expected.get(l).kernel().length; i++) {
                assertArrayEquals(expected.get(l).kernel()[i], traced.get(l).kernel()[i], 0.0, "layer " + (l + 1));
            }
            assertArrayEquals(expected.get(l).bias(), traced.get(l).bias(), 0.0);
        }
        // The trace does not change the network it explains.
        assertArrayEquals(network.weights().get(0).kernel()[0], network.copy().weights().get(0).kernel()[0], 0.0);
    }

    @Test
    void nodesFollowTheChainRuleAndWeightsTheirInputs() {
        Network network = network(Task.BINARY, Activation.SIGMOID);
        BackpropTrace trace = BackpropTrace.of(network, new double[] {0.4, 0.9}, 0, 0.5);
        assertEquals(3, trace.nodes().size());
        for (List<BackpropTrace.NodeTrace> layer : trace.nodes()) {
            for (BackpropTrace.NodeTrace node : layer) {
                assertEquals(node.lossGradientActivation() * node.localDerivative(), node.lossGradientSum(),
                        1e-15 + 1e-12 * Math.abs(node.lossGradientSum()));
            }
        }
        BackpropTrace.NodeTrace output = trace.nodes().get(2).get(0);
        assertEquals(1 / (1 + Math.exp(-output.weightedSum())), output.activation(), 1e-15);
        assertEquals(output.activation() - 0, output.lossGradientSum(), 1e-15);
        assertEquals(-Math.log(1 - output.activation()), trace.loss(), 1e-12);
        for (List<BackpropTrace.WeightTrace> layer : trace.weights()) {
            for (BackpropTrace.WeightTrace w : layer) {
                double dz = trace.nodes().get(w.layer() - 1).get(w.toUnit()).lossGradientSum();
                assertEquals(dz * w.input(), w.gradient(), 1e-15);
                assertEquals(w.weight() - 0.5 * w.gradient(), w.updatedWeight(), 0.0);
            }
        }
        // The first layer's inputs are the example's features.
        BackpropTrace.WeightTrace first = trace.weights().get(0).get(1);
        assertEquals(0.9, first.input(), 0.0);
    }

    @Test
    void softmaxOutputHasNoScalarLocalDerivative() {
        BackpropTrace trace = BackpropTrace.of(network(Task.MULTICLASS, Activation.RELU), new double[] {1, 2}, 2, 0.1);
        BackpropTrace.NodeTrace node = trace.nodes().get(2).get(2);
        assertNull(node.localDerivative());
        assertEquals(node.activation() - 1, node.lossGradientSum(), 1e-15);
    }

    @Test
    void batchNormIsRejected() {
        Network network = Network.create(NetworkSpec.of(2, Task.BINARY, 2, List.of(3), Activation.RELU, true,
                Initializer.HE, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> BackpropTrace.of(network, new double[] {1, 2}, 1, 0.1));
    }
}
