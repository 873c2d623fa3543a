package org.backproplab.engine;

/**
 * Where training first produced a value that is not a finite number.
 *
 * @param layer layer number as in the epoch report (1 = first hidden layer; a "loss" uses the output layer's number)
 * @param what  "gradient", "weight", "activation" or "loss"
 */
public record NonFinite(int layer, String what) {
}
