package org.backproplab.diagnosis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.backproplab.config.RunConfig;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.Task;

/**
 * Watches one run's epoch reports and raises findings. Each kind is raised at most once per run, after its symptom
 * has persisted for a few epochs, and is updated (re-reported) when it gets clearly worse. Thread-safe: the trainer
 * calls {@link #observe} while a view may read {@link #findings()}.
 */
public final class RunDiagnosis {

    /**
     * Evaluation order matters: the specific diagnoses come first, so the general ones (learning rate, not
     * learning) can defer to a cause already named in the same epoch.
     */
    private static final List<Rule> RULES = List.of(new DivergedRule(), new ExplodingGradientsRule(),
            new VanishingGradientsRule(), new DeadReluRule(), new SaturationRule(), new OverfittingRule(),
            new LearningRateTooHighRule(), new LearningRateTooLowRule(), new NotLearningRule());

    private record Raised(Finding finding, double severity) {
    }

    private final RunContext context;
    private final RunHistory history = new RunHistory();
    private final Map<FindingKind, Integer> streaks = new EnumMap<>(FindingKind.class);
    private final Map<FindingKind, Raised> raised = new LinkedHashMap<>();

    /**
     * @param config  the run's configuration (defaults are filled in)
     * @param task    the dataset's task
     * @param classes number of classes (multiclass; ignored otherwise)
     */
    public RunDiagnosis(RunConfig config, Task task, int classes) {
        this(config, task, classes, null);
    }

    /**
     * @param targetVariance regression only: the training targets' variance, the loss of always predicting their
     *                       mean (lets NOT_LEARNING recognise a chance-level loss without a known cause); may be null
     */
    public RunDiagnosis(RunConfig config, Task task, int classes, Double targetVariance) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(task, "task");
        if (task == Task.MULTICLASS && classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2 for a multiclass task, was " + classes);
        }
        this.context = RunContext.of(config, task, classes, targetVariance);
    }

    /** Takes the next epoch's report; returns the findings raised or worsened at this epoch (usually none). */
    public synchronized List<Finding> observe(EpochReport report) {
        Objects.requireNonNull(report, "report");
        history.add(report);
        List<Finding> changed = new ArrayList<>();
        for (Rule rule : RULES) {
            FindingKind kind = rule.kind();
            Optional<Symptom> symptom = rule.check(context, history, raised.keySet());
            int streak = symptom.isPresent() ? streaks.getOrDefault(kind, 0) + 1 : 0;
            streaks.put(kind, streak);
            if (symptom.isEmpty() || streak < rule.persistence()) {
                continue;
            }
            Symptom s = symptom.get();
            Raised previous = raised.get(kind);
            if (previous == null || s.severity() >= previous.severity() + 1) {
                Finding finding = new Finding(kind, report.epoch(), s.layer(), s.evidence(), s.message(),
                        s.remedies(), s.chart());
                raised.put(kind, new Raised(finding, s.severity()));
                changed.add(finding);
            }
        }
        return List.copyOf(changed);
    }

    /** The current findings, one per kind, in the order they were first raised. */
    public synchronized List<Finding> findings() {
        return raised.values().stream().map(Raised::finding).toList();
    }
}
