package org.backproplab.diagnosis;

import java.util.List;

/**
 * Something wrong with a run, as the lab shows it.
 *
 * @param kind     what went wrong
 * @param epoch    the epoch at which it was raised, or last updated because it got worse
 * @param layer    the layer concerned (1 = first hidden layer, hidden count + 1 = output layer), or null when the
 *                 finding is about the whole network
 * @param evidence the numbers behind it
 * @param message  what it means, in plain words
 * @param remedies fixes to try, each a full configuration of the fixed run
 * @param chart    element id of the chart that shows the evidence (see {@link Charts})
 */
public record Finding(FindingKind kind, int epoch, Integer layer, String evidence, String message,
                      List<Remedy> remedies, String chart) {

    public Finding {
        remedies = List.copyOf(remedies);
    }
}
