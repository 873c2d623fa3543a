package org.backproplab.engine.bench;

import java.util.Locale;
import org.backproplab.engine.Trainer;

/**
 * Compares two builds of the engine: CPU microseconds per epoch (report included) of one workload, the best of
 * several short slices after a warm-up. Uses only the engine's public API, so the same class runs against an older
 * build's {@code target/classes}. Run it alternately against the two builds, each in a JVM of its own: the machine's
 * speed drifts by more than a small change is worth, and the alternating pairs cancel that drift; two builds in one
 * JVM were measured to differ by up to ±5 % depending on which the JIT compiled first.
 *
 * <p>Run (one pair; repeat it five or six times):
 * <pre>
 * git worktree add /tmp/old-engine OLD_REVISION &amp;&amp; (cd /tmp/old-engine &amp;&amp; ./mvnw -q compile)
 * ./mvnw -q test-compile
 * java --add-modules jdk.incubator.vector -cp /tmp/old-engine/target/classes:target/test-classes \
 *      org.backproplab.engine.bench.EpochTimer W3
 * java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes \
 *      org.backproplab.engine.bench.EpochTimer W3
 * </pre>
 */
public final class EpochTimer {

    private EpochTimer() {
    }

    public static void main(String[] args) {
        String workload = args.length > 0 ? args[0] : "W3";
        Trainer trainer = EngineBenchmark.trainer(workload);
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            trainer.trainEpoch();
        }
        double best = Double.MAX_VALUE;
        for (int slice = 0; slice < 10; slice++) {
            best = Math.min(best, CpuTime.microsPerCall(trainer::trainEpoch, 300));
        }
        System.out.printf(Locale.ROOT, "%s: %.1f us per epoch (%,.0f epochs/s), best of 10 slices%n", workload, best,
                1e6 / best);
    }
}
