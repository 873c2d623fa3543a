package org.backproplab.datasets;

/**
 * Turns a raw 2-D point into the network's input row, exactly as the training rows were made. The lab uses it to
 * evaluate the network over a grid when drawing the decision boundary.
 */
@FunctionalInterface
public interface FeatureMap {

    double[] apply(double x1, double x2);
}
