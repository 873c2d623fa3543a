package org.backproplab.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backproplab.engine.Samples;
import org.junit.jupiter.api.Test;

/** The benchmark's hand-written peer must really train, or the engine would be timed against a loop that skips work. */
class PlainLoopPeerTest {

    private static final Samples SPIRAL = EngineBenchmark.spiral(500, 0.1, 1);

    @Test
    void learnsTheSpiralWithW1sShape() {
        PlainLoopPeer peer = new PlainLoopPeer(SPIRAL, new int[] {2, 8, 8, 8, 8, 1}, PlainLoopPeer.Hidden.TANH, false,
                10, 0.03, 1);
        double first = peer.trainEpoch();
        double last = first;
        for (int epoch = 1; epoch < 1000; epoch++) {
            last = peer.trainEpoch();
        }
        assertEquals(Math.log(2), first, 0.05, "the first epoch starts near chance");
        assertTrue(last < 0.1, "the spiral is learned: mean batch loss " + last + " after 1,000 epochs");
    }

    @Test
    void learnsRandomDigitLabelsWithASoftmaxAndReLU() {
        Samples digits = EngineBenchmark.randomDigits(200, 3);
        PlainLoopPeer peer = new PlainLoopPeer(digits, new int[] {784, 32, 10}, PlainLoopPeer.Hidden.RELU, true, 20,
                0.05, 1);
        double first = peer.trainEpoch();
        double last = first;
        for (int epoch = 1; epoch < 60; epoch++) {
            last = peer.trainEpoch();
        }
        assertTrue(last < 0.5 * first, "random labels are memorized: loss " + first + " → " + last);
    }

    @Test
    void bothLoopOrdersGiveTheSameBits() {
        // Each sum runs over its terms in the same order either way, so the two orders must agree exactly.
        int[] layers = {2, 16, 16, 1};
        PlainLoopPeer rowByRow = new PlainLoopPeer(SPIRAL, layers, PlainLoopPeer.Hidden.SIGMOID, false, 10, 0.3, 7,
                Integer.MAX_VALUE);
        PlainLoopPeer weightRowFirst = new PlainLoopPeer(SPIRAL, layers, PlainLoopPeer.Hidden.SIGMOID, false, 10, 0.3,
                7, 0);
        for (int epoch = 0; epoch < 5; epoch++) {
            assertEquals(rowByRow.trainEpoch(), weightRowFirst.trainEpoch(), 0.0, "epoch " + epoch);
        }
    }
}
