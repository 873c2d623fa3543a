package org.backproplab.training;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The training service's limits ({@code backprop.limits.*} in {@code application.properties}).
 *
 * @param runsPerSession  unfinished runs (queued, running or paused) one browser session may hold
 * @param runsTotal       runs training at once in the whole server; 0 = 4 × available processors. Lab runs beyond
 *                        it wait QUEUED; API runs beyond it are refused (429). A paused lab run gives its slot back;
 *                        an API run keeps it while paused, because no session bounds how many it may hold.
 * @param workerThreads   threads of the shared training executor; 0 = available processors
 * @param maxParameters   largest network, in trainable parameters (weights, biases, batch-norm scale and shift)
 * @param maxEpochs       highest epoch limit a run may ask for
 * @param slice           longest stretch a run trains before it yields its thread (a slice also ends at every
 *                        epoch's end)
 * @param apiRetention    how long an API run is kept after it ends
 * @param apiMaxFinished  finished API runs kept at most; beyond it the oldest are dropped first
 * @param waitTimeout     how long {@code POST /api/runs?wait=true} waits for the end of a run
 */
@ConfigurationProperties("backprop.limits")
public record TrainingLimits(
        @DefaultValue("3") int runsPerSession,
        @DefaultValue("0") int runsTotal,
        @DefaultValue("0") int workerThreads,
        @DefaultValue("300000") int maxParameters,
        @DefaultValue("100000") int maxEpochs,
        @DefaultValue("20ms") Duration slice,
        @DefaultValue("1h") Duration apiRetention,
        @DefaultValue("200") int apiMaxFinished,
        @DefaultValue("60s") Duration waitTimeout) {

    public TrainingLimits {
        requireAtLeast("runsPerSession", runsPerSession, 1);
        requireAtLeast("runsTotal", runsTotal, 0);
        requireAtLeast("workerThreads", workerThreads, 0);
        requireAtLeast("maxParameters", maxParameters, 1);
        requireAtLeast("maxEpochs", maxEpochs, 1);
        requireAtLeast("apiMaxFinished", apiMaxFinished, 0);
        requirePositive("slice", slice);
        requirePositive("apiRetention", apiRetention);
        requirePositive("waitTimeout", waitTimeout);
    }

    /** The documented defaults. */
    public static TrainingLimits defaults() {
        return new TrainingLimits(3, 0, 0, 300_000, 100_000, Duration.ofMillis(20), Duration.ofHours(1), 200,
                Duration.ofSeconds(60));
    }

    /** {@link #runsTotal()} with 0 resolved to 4 × available processors. */
    public int effectiveRunsTotal() {
        return runsTotal > 0 ? runsTotal : 4 * Runtime.getRuntime().availableProcessors();
    }

    /** {@link #workerThreads()} with 0 resolved to the available processors. */
    public int effectiveWorkerThreads() {
        return workerThreads > 0 ? workerThreads : Runtime.getRuntime().availableProcessors();
    }

    public TrainingLimits withRunsPerSession(int value) {
        return new TrainingLimits(value, runsTotal, workerThreads, maxParameters, maxEpochs, slice, apiRetention,
                apiMaxFinished, waitTimeout);
    }

    public TrainingLimits withRunsTotal(int value) {
        return new TrainingLimits(runsPerSession, value, workerThreads, maxParameters, maxEpochs, slice,
                apiRetention, apiMaxFinished, waitTimeout);
    }

    public TrainingLimits withWorkerThreads(int value) {
        return new TrainingLimits(runsPerSession, runsTotal, value, maxParameters, maxEpochs, slice, apiRetention,
                apiMaxFinished, waitTimeout);
    }

    public TrainingLimits withMaxParameters(int value) {
        return new TrainingLimits(runsPerSession, runsTotal, workerThreads, value, maxEpochs, slice, apiRetention,
                apiMaxFinished, waitTimeout);
    }

    public TrainingLimits withMaxEpochs(int value) {
        return new TrainingLimits(runsPerSession, runsTotal, workerThreads, maxParameters, value, slice,
                apiRetention, apiMaxFinished, waitTimeout);
    }

    public TrainingLimits withApiRetention(Duration retention, int maxFinished) {
        return new TrainingLimits(runsPerSession, runsTotal, workerThreads, maxParameters, maxEpochs, slice,
                retention, maxFinished, waitTimeout);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("backprop.limits." + name + " must be >= " + min + ", was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("backprop.limits." + name + " must be a positive duration, was "
                    + value);
        }
    }
}
