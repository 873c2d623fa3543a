package org.backproplab.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.backproplab.config.RunConfig;
import org.backproplab.diagnosis.Finding;
import org.backproplab.engine.EpochReport;
import org.backproplab.training.TrainingRun;

/**
 * A run as the API shows it: {@code {"id", "state", "config", "epochs", "findings"}}, the contract's "Run (API)"
 * shape. The config is the full one, defaults filled in.
 */
@Schema(name = "Run", description = "A training run with every epoch report and finding so far")
public record RunJson(
        @Schema(description = "Unguessable run id", example = "3q9Vt0kM2Q6xWc1eYb8n4A") String id,
        @Schema(description = "QUEUED, RUNNING, PAUSED, COMPLETED, DIVERGED or STOPPED", example = "RUNNING") String state,
        @Schema(description = "The run's configuration with every default filled in") RunConfig config,
        @Schema(description = "One report per finished epoch, in order") List<EpochReport> epochs,
        @Schema(description = "What the diagnosis noticed, with remedies that carry full configurations") List<FindingJson> findings) {

    /** A consistent picture: the epoch list is taken once, so it cannot grow while the findings are read. */
    public static RunJson of(TrainingRun run) {
        List<EpochReport> epochs = List.copyOf(run.epochs());
        List<FindingJson> findings = run.findings().stream().map(FindingJson::of).toList();
        return new RunJson(run.id(), run.state().name(), run.config(), epochs, findings);
    }

    /** A finding in the contract's shape (the lab's chart anchor is left out: it means nothing outside the lab). */
    @Schema(name = "Finding")
    public record FindingJson(
            @Schema(example = "VANISHING_GRADIENTS") String kind,
            @Schema(example = "3") int epoch,
            @Schema(example = "1", nullable = true) Integer layer,
            String evidence,
            String message,
            List<RemedyJson> remedies) {

        public static FindingJson of(Finding finding) {
            return new FindingJson(finding.kind().name(), finding.epoch(), finding.layer(), finding.evidence(),
                    finding.message(), finding.remedies().stream()
                            .map(r -> new RemedyJson(r.label(), r.config())).toList());
        }
    }

    /** One fix: a label and the full configuration of the fixed run, ready to POST to {@code /api/runs}. */
    @Schema(name = "Remedy")
    public record RemedyJson(String label, RunConfig config) {
    }
}
