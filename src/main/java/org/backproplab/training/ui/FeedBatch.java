package org.backproplab.training.ui;

import java.util.List;
import org.backproplab.diagnosis.Finding;
import org.backproplab.engine.EpochReport;
import org.backproplab.training.RunState;
import org.backproplab.training.TrainingRun;

/**
 * What one push delivery brings to a lab view: every epoch finished since the previous delivery (in order), the
 * run's latest state if it changed (else null), and new findings.
 */
public record FeedBatch(TrainingRun run, List<EpochReport> epochs, RunState state, List<Finding> findings) {

    public FeedBatch {
        epochs = List.copyOf(epochs);
        findings = List.copyOf(findings);
    }

    public boolean isEmpty() {
        return epochs.isEmpty() && state == null && findings.isEmpty();
    }

    /** The newest epoch of this delivery, or null when it brings none. */
    public EpochReport lastEpoch() {
        return epochs.isEmpty() ? null : epochs.getLast();
    }
}
