package org.backproplab.diagnosis;

import java.util.Optional;
import java.util.Set;

/** One failure pattern: checks the latest epoch; the diagnosis raises it after it persists. */
interface Rule {

    FindingKind kind();

    /** Consecutive epochs the symptom must show before it becomes a finding. */
    default int persistence() {
        return Thresholds.PERSISTENCE_EPOCHS;
    }

    /**
     * @param raised the kinds already raised in this run (a rule may defer to a more specific one)
     * @return the symptom at the latest epoch, if present
     */
    Optional<Symptom> check(RunContext context, RunHistory history, Set<FindingKind> raised);
}
