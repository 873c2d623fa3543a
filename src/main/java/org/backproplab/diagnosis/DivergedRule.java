package org.backproplab.diagnosis;

import java.util.Optional;
import java.util.Set;
import org.backproplab.engine.EpochReport;
import org.backproplab.engine.NonFinite;

/** A value became infinite or NaN: training cannot continue. Raised at once, no persistence needed. */
final class DivergedRule implements Rule {

    @Override
    public FindingKind kind() {
        return FindingKind.DIVERGED;
    }

    @Override
    public int persistence() {
        return 1;
    }

    @Override
    public Optional<Symptom> check(RunContext context, RunHistory history, Set<FindingKind> raised) {
        EpochReport latest = history.latest();
        NonFinite nonFinite = latest.nonFinite();
        if (nonFinite == null) {
            return Optional.empty();
        }
        String where = context.layerName(nonFinite.layer());
        StringBuilder evidence = new StringBuilder("first non-finite value: " + nonFinite.what() + " in " + where
                + " at epoch " + latest.epoch());
        if (history.size() > 1) {
            EpochReport before = history.back(1);
            evidence.append("; gradient norms at epoch ").append(before.epoch()).append(": ")
                    .append(ExplodingGradientsRule.gradientNorms(before));
        }
        String article = "aeiou".indexOf(nonFinite.what().charAt(0)) >= 0 ? "an " : "a ";
        String message = "Training blew up: " + article + nonFinite.what() + " in " + where
                + " grew past what a number can hold, so the run stopped. Steps that are too large feed on themselves:"
                + " bigger weights give bigger gradients, which give even bigger steps.";
        Remedies remedies = new Remedies(context.config());
        return Optional.of(new Symptom(nonFinite.layer(), evidence.toString(), message,
                ExplodingGradientsRule.remedies(context, remedies), Charts.GRADIENT, 0));
    }
}
