package org.backproplab.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The 2-D toy datasets, modelled on TensorFlow Playground's {@code dataset.ts} (Apache-2.0): the same shapes, the
 * same radii and the same way noise enters, so a learner sees what the Playground shows. The Playground's labels
 * +1/−1 become 1/0 here. {@code moons} is not in the Playground; it follows scikit-learn's {@code make_moons},
 * stretched to the same square.
 *
 * <p>All points lie roughly in [−6, 6]² (noise may push a few past the edge). Every generator draws from the one
 * {@link Random} it is given, in a fixed order, so a seed fixes the output; {@code java.util.Random}'s algorithm
 * is part of its specification, so the points are the same on every JVM.
 */
final class PlaygroundGenerators {

    /** Generated points with their targets: 0/1 for classification, a value in [−1, 1] for regression. */
    record LabelledPoints(double[][] points, double[] labels) {

        int size() {
            return labels.length;
        }
    }

    private PlaygroundGenerators() {
    }

    /** Dispatches on the contract name; the caller has checked that it is one of the synthetic sets. */
    static LabelledPoints generate(String name, int samples, double noise, Random random) {
        return switch (name) {
            case "circle" -> circle(samples, noise, random);
            case "xor" -> xor(samples, noise, random);
            case "gauss" -> gauss(samples, noise, random);
            case "spiral" -> spiral(samples, noise, random);
            case "moons" -> moons(samples, noise, random);
            case "plane" -> plane(samples, noise, random);
            case "multi-gauss" -> multiGauss(samples, noise, random);
            default -> throw new IllegalArgumentException("not a synthetic dataset: " + name);
        };
    }

    /**
     * One class inside a disc of radius 2.5, the other in a ring from 3.5 to 5. Noise does not move a point; it
     * moves the position at which the label is read (by up to ±5·noise per axis), so points near the gap can get
     * the other class's label.
     */
    static LabelledPoints circle(int samples, double noise, Random random) {
        double radius = 5;
        Builder out = new Builder(samples);
        int inside = firstHalf(samples);
        for (int i = 0; i < samples; i++) {
            boolean positive = i < inside;
            double r = positive ? uniform(random, 0, radius * 0.5) : uniform(random, radius * 0.7, radius);
            double angle = uniform(random, 0, 2 * Math.PI);
            double x = r * Math.sin(angle);
            double y = r * Math.cos(angle);
            double noiseX = uniform(random, -radius, radius) * noise;
            double noiseY = uniform(random, -radius, radius) * noise;
            boolean labelInside = Math.hypot(x + noiseX, y + noiseY) < radius * 0.5;
            out.add(x, y, labelInside ? 1 : 0);
        }
        return out.build();
    }

    /**
     * Four squares like a checkerboard: class 1 where x·y ≥ 0. Coordinates are pushed 0.3 away from the axes; as in
     * {@link #circle}, noise shifts only the position where the label is read.
     */
    static LabelledPoints xor(int samples, double noise, Random random) {
        double padding = 0.3;
        Builder out = new Builder(samples);
        for (int i = 0; i < samples; i++) {
            double x = uniform(random, -5, 5);
            x += x > 0 ? padding : -padding;
            double y = uniform(random, -5, 5);
            y += y > 0 ? padding : -padding;
            double noiseX = uniform(random, -5, 5) * noise;
            double noiseY = uniform(random, -5, 5) * noise;
            out.add(x, y, (x + noiseX) * (y + noiseY) >= 0 ? 1 : 0);
        }
        return out.build();
    }

    /**
     * Two Gaussian blobs centred on (2, 2) (class 1) and (−2, −2) (class 0). Noise widens them: the variance goes
     * linearly from 0.5 at noise 0 to 4 at noise 0.5.
     */
    static LabelledPoints gauss(int samples, double noise, Random random) {
        double variance = 0.5 + (4 - 0.5) * (noise / 0.5);
        Builder out = new Builder(samples);
        int first = firstHalf(samples);
        for (int i = 0; i < samples; i++) {
            boolean positive = i < first;
            double centre = positive ? 2 : -2;
            double x = normal(random, centre, variance);
            double y = normal(random, centre, variance);
            out.add(x, y, positive ? 1 : 0);
        }
        return out.build();
    }

    /**
     * Two interleaved spiral arms, each winding 1.75 turns out to radius 5, the second turned by π. Noise moves
     * each point by up to ±noise per axis.
     */
    static LabelledPoints spiral(int samples, double noise, Random random) {
        Builder out = new Builder(samples);
        int first = firstHalf(samples);
        appendSpiralArm(out, first, 0, 1, noise, random);
        appendSpiralArm(out, samples - first, Math.PI, 0, noise, random);
        return out.build();
    }

    private static void appendSpiralArm(Builder out, int n, double deltaT, int label, double noise, Random random) {
        for (int i = 0; i < n; i++) {
            double r = (double) i / n * 5;
            double t = 1.75 * i / n * 2 * Math.PI + deltaT;
            double x = r * Math.sin(t) + uniform(random, -1, 1) * noise;
            double y = r * Math.cos(t) + uniform(random, -1, 1) * noise;
            out.add(x, y, label);
        }
    }

    /**
     * Two interlocking half circles: scikit-learn's moons (unit radius, the lower one shifted by (1, −0.5)),
     * centred on the origin and scaled by 3, so they span about [−4.5, 4.5] × [−2.25, 2.25]. Noise is Gaussian
     * with standard deviation 2·noise per axis (0.5 gives the visibly overlapping moons of {@code noise=0.33}
     * in scikit-learn's units).
     */
    static LabelledPoints moons(int samples, double noise, Random random) {
        double scale = 3;
        double sigma = 2 * noise;
        Builder out = new Builder(samples);
        int first = firstHalf(samples);
        for (int i = 0; i < samples; i++) {
            boolean upper = i < first;
            double t = uniform(random, 0, Math.PI);
            double x = upper ? Math.cos(t) : 1 - Math.cos(t);
            double y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
            x = (x - 0.5) * scale + sigma * normal(random, 0, 1);
            y = (y - 0.25) * scale + sigma * normal(random, 0, 1);
            out.add(x, y, upper ? 1 : 0);
        }
        return out.build();
    }

    /**
     * Regression on a tilted plane: the target is (x + y) / 10, from −1.2 to 1.2 over the square. Points are uniform
     * in [−6, 6]²; noise shifts the position at which the target is read (by up to ±6·noise per axis).
     */
    static LabelledPoints plane(int samples, double noise, Random random) {
        double radius = 6;
        Builder out = new Builder(samples);
        for (int i = 0; i < samples; i++) {
            double x = uniform(random, -radius, radius);
            double y = uniform(random, -radius, radius);
            double noiseX = uniform(random, -radius, radius) * noise;
            double noiseY = uniform(random, -radius, radius) * noise;
            out.add(x, y, ((x + noiseX) + (y + noiseY)) / 10);
        }
        return out.build();
    }

    private static final double[][] BUMPS = {
            {-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
            {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};

    /**
     * Regression on six bumps, alternately up (+1) and down (−1), each falling linearly to 0 at distance 2 from its
     * centre; where bumps meet the one with the larger magnitude wins. Targets lie in [−1, 1]. Noise is applied as
     * in {@link #plane}.
     */
    static LabelledPoints multiGauss(int samples, double noise, Random random) {
        double radius = 6;
        Builder out = new Builder(samples);
        for (int i = 0; i < samples; i++) {
            double x = uniform(random, -radius, radius);
            double y = uniform(random, -radius, radius);
            double noiseX = uniform(random, -radius, radius) * noise;
            double noiseY = uniform(random, -radius, radius) * noise;
            out.add(x, y, bumpHeight(x + noiseX, y + noiseY));
        }
        return out.build();
    }

    static double bumpHeight(double x, double y) {
        double label = 0;
        for (double[] bump : BUMPS) {
            double falloff = Math.min(1, Math.max(0, 1 - Math.hypot(x - bump[0], y - bump[1]) / 2));
            double candidate = bump[2] * falloff;
            if (Math.abs(candidate) > Math.abs(label)) {
                label = candidate;
            }
        }
        return label;
    }

    /** Size of the first class when two classes share the samples; the first gets the odd one out. */
    private static int firstHalf(int samples) {
        return (samples + 1) / 2;
    }

    private static double uniform(Random random, double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    /** Marsaglia's polar method, as the Playground's {@code normalRandom(mean, variance)}. */
    private static double normal(Random random, double mean, double variance) {
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * random.nextDouble() - 1;
            v2 = 2 * random.nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s > 1 || s == 0);
        double standard = Math.sqrt(-2 * Math.log(s) / s) * v1;
        return mean + Math.sqrt(variance) * standard;
    }

    private static final class Builder {
        private final List<double[]> points;
        private final double[] labels;

        Builder(int capacity) {
            points = new ArrayList<>(capacity);
            labels = new double[capacity];
        }

        void add(double x, double y, double label) {
            labels[points.size()] = label;
            points.add(new double[] {x, y});
        }

        LabelledPoints build() {
            return new LabelledPoints(points.toArray(double[][]::new), labels.clone());
        }
    }
}
