package org.backproplab.engine;

import java.util.List;

/**
 * The dropout of the last training step, for the dropout explainer.
 *
 * @param rate     fraction of hidden units dropped
 * @param scale    factor applied to the survivors, 1/(1 − rate); 0 when rate is 1 (everything is dropped, nothing
 *                 is divided by zero)
 * @param examples rows of that mini-batch
 * @param kept     per hidden layer, {@code kept[example * units + unit]} is true when that unit survived for that
 *                 example (with batch size 1 simply one flag per unit)
 */
public record DropoutStep(double rate, double scale, int examples, List<boolean[]> kept) {

    public DropoutStep {
        kept = List.copyOf(kept);
    }

    /** Whether unit {@code unit} of hidden layer {@code layer} (0-based) survived for example {@code example}. */
    public boolean isKept(int layer, int example, int unit) {
        boolean[] mask = kept.get(layer);
        int units = mask.length / examples;
        return mask[example * units + unit];
    }

    /** The multiplier of inverted dropout: rate 1 gives 0, not a division by zero. */
    static double scaleFor(double rate) {
        return rate < 1 ? 1 / (1 - rate) : 0;
    }
}
