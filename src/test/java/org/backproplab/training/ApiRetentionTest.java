package org.backproplab.training;

import static org.backproplab.training.TrainingTestSupport.await;
import static org.backproplab.training.TrainingTestSupport.endless;
import static org.backproplab.training.TrainingTestSupport.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.backproplab.datasets.DatasetCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API runs: found by id, kept for the retention time after they end, the oldest dropped beyond the count. */
class ApiRetentionTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }
    }

    private final ManualClock clock = new ManualClock();
    private TrainingService service;

    @BeforeEach
    void startService() {
        service = new TrainingService(TrainingLimits.defaults().withApiRetention(Duration.ofHours(1), 2),
                new DatasetCatalog(), clock);
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void finishedApiRunsBeyondTheCountAreDroppedOldestFirst() {
        TrainingRun first = finished();
        TrainingRun second = finished();
        assertSame(first, service.find(first.id()).orElseThrow());
        TrainingRun third = finished();
        assertTrue(service.find(first.id()).isEmpty(), "the oldest finished run went first");
        assertSame(second, service.find(second.id()).orElseThrow());
        assertSame(third, service.find(third.id()).orElseThrow());
    }

    @Test
    void finishedApiRunsExpireAfterTheRetentionButUnfinishedOnesStay() {
        TrainingRun done = finished();
        TrainingRun running = service.start(endless(), new RunOwner.Api(), true);
        clock.advance(Duration.ofMinutes(59));
        assertTrue(service.find(done.id()).isPresent());
        assertEquals(0, service.purgeExpiredApiRuns());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, service.purgeExpiredApiRuns());
        assertTrue(service.find(done.id()).isEmpty());
        assertTrue(service.find(running.id()).isPresent(), "retention counts from the end of a run");
        running.stop();
        await(running.completion());
        clock.advance(Duration.ofHours(1));
        assertTrue(service.find(running.id()).isEmpty(), "an expired run is not served even before the purge");
    }

    @Test
    void idsAreLongRandomAndUrlSafe() {
        TrainingRun a = service.start(small(1), new RunOwner.Api(), true);
        TrainingRun b = service.start(small(1), new RunOwner.Api(), true);
        assertTrue(a.id().matches("[A-Za-z0-9_-]{22}"), a.id());
        assertTrue(!a.id().equals(b.id()));
        assertTrue(service.find("not-" + a.id()).isEmpty());
    }

    private TrainingRun finished() {
        TrainingRun run = service.start(small(3), new RunOwner.Api(), false);
        assertEquals(RunState.COMPLETED, await(run.completion()).state());
        return run;
    }
}
