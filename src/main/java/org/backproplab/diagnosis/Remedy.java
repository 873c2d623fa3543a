package org.backproplab.diagnosis;

import org.backproplab.config.RunConfig;

/**
 * One suggested fix: a short button label and the complete configuration of the fixed run (defaults filled in, same
 * data and seeds as the diagnosed run), so one click or one POST starts it.
 */
public record Remedy(String label, RunConfig config) {
}
