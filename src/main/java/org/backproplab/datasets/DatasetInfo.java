package org.backproplab.datasets;

import org.backproplab.engine.Task;

/**
 * One entry of the dataset catalogue, as the lab's picker and {@code GET /api/datasets} show it.
 *
 * @param name            the contract name ({@code dataset.name})
 * @param task            what a network learns on it
 * @param inputDimension  raw input columns (2 for the 2-D sets, before derived features)
 * @param classes         number of classes; 0 for regression
 * @param rows            rows shipped, or the default number of samples for a synthetic set
 * @param synthetic       generated on request from samples, noise and seed
 * @param twoDimensional  points can be drawn in a plane with the decision boundary behind them
 * @param title           a short display title
 * @param description     what the data is, in plain words
 * @param source          where the data came from; null for synthetic sets
 */
public record DatasetInfo(String name, Task task, int inputDimension, int classes, int rows, boolean synthetic,
        boolean twoDimensional, String title, String description, String source) {
}
