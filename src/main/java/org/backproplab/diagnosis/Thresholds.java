package org.backproplab.diagnosis;

/**
 * Every number the diagnosis rules compare against, with where it comes from. Rules only fire when their symptom
 * has held for several consecutive epochs: one odd epoch is noise, and a diagnosis that cries wolf on a healthy run
 * teaches the wrong lesson.
 */
public final class Thresholds {

    /**
     * Consecutive epochs a symptom must persist before it is raised. Five epochs of the playground's datasets at
     * batch size 10 are a few hundred SGD steps: long enough to rule out mini-batch noise, short enough to show
     * while the learner still watches.
     */
    public static final int PERSISTENCE_EPOCHS = 5;

    /** Exploding gradients are raised sooner: such runs often reach NaN within a handful of epochs. */
    public static final int EXPLODING_PERSISTENCE_EPOCHS = 2;

    /**
     * Typical update:parameter ratio ‖Δw‖/‖w‖ of one step, about 1e-3 (Karpathy, CS231n notes "Neural Networks
     * Part 3", babysitting the learning process: ratios far above it mean the learning rate is too high, far below
     * it too low).
     */
    public static final double TYPICAL_UPDATE_RATIO = 1e-3;

    /** Median update ratio two orders of magnitude above the rule of thumb: the learning rate is too high. */
    public static final double UPDATE_RATIO_TOO_HIGH = TYPICAL_UPDATE_RATIO * 100;

    /** Largest update ratio of any layer two orders of magnitude below the rule of thumb: it is too low. */
    public static final double UPDATE_RATIO_TOO_LOW = TYPICAL_UPDATE_RATIO / 100;

    /** A single step as large as the weights themselves: past any learning-rate tuning, the updates explode. */
    public static final double HUGE_UPDATE_RATIO = 1.0;

    /**
     * First hidden layer's gradient norm over the output layer's below this: three orders of magnitude lost on the
     * way down. The sigmoid's derivative is at most 1/4, so five sigmoid layers alone can shrink a gradient by
     * 4^5 ≈ 1e3 — the classic vanishing-gradient setting (Glorot & Bengio 2010; Hochreiter 1991).
     */
    public static final double VANISHING_GRADIENT_RATIO = 1e-3;

    /** The mirror image: lower layers' gradients three orders of magnitude above the output layer's. */
    public static final double EXPLODING_GRADIENT_RATIO = 1e3;

    /**
     * A layer's gradient norm this many times its smallest value so far, while the loss gets worse: growth by orders
     * of magnitude rather than the ordinary ups and downs of training.
     */
    public static final double EXPLODING_GROWTH = 1e3;

    /** Fraction of a ReLU layer's units dead (never active on the training set) above which it is named. */
    public static final double DEAD_FRACTION = 0.5;

    /**
     * Fraction of a sigmoid/tanh layer's outputs in the flat tails (derivative below 1 % of its maximum) above
     * which the layer counts as mostly saturated.
     */
    public static final double SATURATED_FRACTION = 0.7;

    /** Training loss counts as stalled when it improved by less than this fraction over the persistence window. */
    public static final double STALL_RELATIVE_IMPROVEMENT = 0.01;

    /**
     * Loss "at the chance level": within this fraction of the loss of a model that ignores its input (ln 2 for
     * balanced binary cross-entropy, ln K for K balanced classes, the targets' variance for mean squared error).
     */
    public static final double CHANCE_TOLERANCE = 0.05;

    /** Loss counts as flat when its range over the window is within this fraction of its level. */
    public static final double FLAT_RELATIVE_RANGE = 0.02;

    /** A learning rate this small barely moves typical weights in hundreds of steps (the default is 0.03). */
    public static final double FAR_TOO_LOW_LEARNING_RATE = 1e-4;

    /** Overfitting: test loss this fraction above its best while training loss keeps falling… */
    public static final double OVERFITTING_TEST_LOSS_RISE = 0.2;

    /**
     * …and at least this far above it in absolute terms (nats or squared units). Calibrated in the lab: deep ReLU
     * networks that classify the circle almost perfectly still let a tiny test loss drift from 0.08 to 0.14 or from
     * 0.09 to 0.18 (growing over-confidence, not a worse boundary); real overfitting of small noisy sets rose by
     * 0.13 to 0.2 and more.
     */
    public static final double OVERFITTING_MIN_TEST_LOSS_RISE = 0.1;

    /** Overfitting: training accuracy this many points above test accuracy. */
    public static final double OVERFITTING_ACCURACY_GAP = 0.15;

    private Thresholds() {
    }
}
