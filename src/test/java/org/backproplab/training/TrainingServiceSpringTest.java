package org.backproplab.training;

import static org.backproplab.training.TrainingTestSupport.await;
import static org.backproplab.training.TrainingTestSupport.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** The service as a Spring bean: limits bound from properties (documented ones and overrides), a run trains. */
@SpringBootTest(classes = {TrainingConfiguration.class, TrainingService.class},
        properties = {"backprop.limits.runs-per-session=5", "backprop.limits.slice=5ms"})
@DirtiesContext   // closing the context must shut the service's threads down; do not keep it cached
class TrainingServiceSpringTest {

    @Autowired
    private TrainingService service;

    @Autowired
    private TrainingLimits limits;

    @Test
    void limitsBindFromPropertiesAndTheServiceTrains() {
        assertSame(limits, service.limits());
        assertEquals(5, limits.runsPerSession());
        assertEquals(Duration.ofMillis(5), limits.slice());
        assertEquals(300_000, limits.maxParameters());
        assertEquals(100_000, limits.maxEpochs());
        assertEquals(Duration.ofHours(1), limits.apiRetention());
        assertEquals(200, limits.apiMaxFinished());
        assertEquals(Duration.ofSeconds(60), limits.waitTimeout());
        assertEquals(4 * Runtime.getRuntime().availableProcessors(), limits.effectiveRunsTotal());

        TrainingRun run = service.start(small(5), new RunOwner.Api(), false);
        assertEquals(RunState.COMPLETED, await(run.completion()).state());
        assertSame(run, service.find(run.id()).orElseThrow());
    }
}
