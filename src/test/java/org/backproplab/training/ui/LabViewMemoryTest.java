package org.backproplab.training.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.backproplab.engine.EpochReport;
import org.backproplab.training.RunListener;
import org.backproplab.training.RunState;
import org.backproplab.training.TrainingLimits;
import org.backproplab.training.TrainingRun;
import org.backproplab.training.TrainingService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a lab page holds on to after it is gone. The server outlives every page: its training service, the shared
 * push scheduler and a session's runs must not keep closed views (their charts, histories and components) alive, or
 * a server with many learners coming and going would fill its heap. The push scheduler is a real one, so the feed's
 * and the visuals' scheduled tasks run as on a server; it has a single thread, so that a task scheduled after the
 * page's last frame or push has finished runs only once they have (see {@link #closePage}).
 */
class LabViewMemoryTest {

    /** Long enough to be still training while the test looks. */
    private static final String LONG_XOR = "dataset=xor&layers=4,4&lr=0.1&epochs=100000&seed=3";

    private TrainingService service;
    private ScheduledExecutorService scheduler;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        service = new TrainingService(TrainingLimits.defaults());
        ScheduledThreadPoolExecutor oneThread = new ScheduledThreadPoolExecutor(1);
        oneThread.setRemoveOnCancelPolicy(true);
        scheduler = oneThread;
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        service.close();
        scheduler.shutdownNow();
    }

    @Test
    void aDetachedViewIsNotKeptByItsStillTrainingRun() throws Exception {
        WeakReference<LabView> detached = openPlayAndDetach();
        TrainingRun run = VaadinSessionRuns.current();

        // The run belongs to the session and trains on, its listeners notified on every epoch.
        awaitEpoch(run, run.epoch() + 3);
        assertThat(run.state()).isEqualTo(RunState.RUNNING);
        assertThat(collected(detached)).as("the detached LabView was collected").isTrue();
    }

    @Test
    void endingTheSessionFreesItsRuns() throws Exception {
        WeakReference<LabView> detached = openPlayAndDetach();
        TrainingRun run = VaadinSessionRuns.current();
        String id = run.id();

        SessionRunsCleanup.close(VaadinSession.getCurrent());
        run.completion().get(30, TimeUnit.SECONDS);
        WeakReference<TrainingRun> ended = new WeakReference<>(run);
        run = null;

        assertThat(service.find(id)).isEmpty();
        assertThat(collected(ended)).as("the session's stopped run was collected").isTrue();
        assertThat(collected(detached)).as("the detached LabView was collected").isTrue();
    }

    /** Opens a lab page, presses play, waits for pushed epochs, then closes the page (detaches the view). */
    private WeakReference<LabView> openPlayAndDetach() throws Exception {
        LabView view = new LabView(service, scheduler, LabBudgets.forThisMachine());
        view.enter(QueryParameters.fromString(LONG_XOR));
        UI.getCurrent().add(view);
        view.header().play().click();
        TrainingRun run = view.currentRun();
        awaitEpoch(run, 3);
        MockVaadin.clientRoundtrip(false);   // the pushes scheduled so far reach the page
        respond();
        UI.getCurrent().remove(view);
        closePage();
        return new WeakReference<>(view);
    }

    /**
     * Lets the page's last scheduled tasks finish (a frame or a paced check is due within a frame interval, at most
     * 1/4 s), then runs the UI accesses they queued, as a server's push thread would right away. What still holds
     * the view after that holds it for good.
     */
    private void closePage() throws Exception {
        scheduler.schedule(() -> { }, 1, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
        MockVaadin.clientRoundtrip(false);
        respond();
    }

    /** What the server's response to the browser takes out of the UI: the changes and the JavaScript calls. */
    private static void respond() {
        UI ui = UI.getCurrent();
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        ui.getInternals().getStateTree().collectChanges(change -> { });
        ui.getInternals().dumpPendingJavaScriptInvocations();
    }

    /** Waits (through the run's listener API) until the run has reported {@code epoch}. */
    private static void awaitEpoch(TrainingRun run, int epoch) throws Exception {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        try (var subscription = run.subscribe(new RunListener() {
            @Override
            public void onEpoch(TrainingRun source, EpochReport report) {
                if (report.epoch() >= epoch) {
                    reached.complete(null);
                }
            }
        }, true)) {
            reached.get(30, TimeUnit.SECONDS);
        }
    }

    /** Collects a bounded number of times; true once nothing strong reaches the referent any more. */
    private static boolean collected(WeakReference<?> reference) {
        for (int attempt = 0; attempt < 20 && reference.get() != null; attempt++) {
            System.gc();
        }
        return reference.get() == null;
    }

    /** The session's current run, as the lab keeps it. */
    private static final class VaadinSessionRuns {
        static TrainingRun current() {
            return LabSessions.existingRuns(VaadinSession.getCurrent()).current().orElseThrow();
        }
    }
}
