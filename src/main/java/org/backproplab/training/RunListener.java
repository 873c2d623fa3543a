package org.backproplab.training;

import org.backproplab.diagnosis.Finding;
import org.backproplab.engine.EpochReport;

/**
 * Receives a run's events in order. Called on training threads (or on the thread that changed the state), so an
 * implementation must return quickly and never block: hand the event to a queue or a UI access and return. A
 * listener that throws is removed (and logged); training goes on.
 */
public interface RunListener {

    default void onEpoch(TrainingRun run, EpochReport report) {
    }

    default void onFinding(TrainingRun run, Finding finding) {
    }

    default void onState(TrainingRun run, RunState state) {
    }
}
