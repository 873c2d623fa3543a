package org.backproplab.api;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backproplab.diagnosis.Finding;
import org.backproplab.engine.EpochReport;
import org.backproplab.training.RunListener;
import org.backproplab.training.RunState;
import org.backproplab.training.Subscription;
import org.backproplab.training.TrainingRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's Server-Sent Events stream of a run: {@code epoch}, {@code finding} and {@code state} events, the
 * run's history first (replay: the current state, then every epoch report and finding so far), then live, ending
 * after the run's final state. For a run that has already ended, the final state is sent after the history, so a
 * stream always closes with the state that ended it.
 *
 * <p>The run calls the listener on its training thread, which must not wait for a slow network client. So the
 * listener only appends to this stream's queue, and one virtual thread per stream takes events from the queue and
 * writes them. A client that falls {@code backlog} events behind is cut off (it can reconnect and replay). The
 * subscription is closed whichever way the stream ends: run ended, client gone, timeout, or write error.
 */
final class RunEventStream implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunEventStream.class);

    /** Queue entries: an event to send, or the instruction to finish. */
    private sealed interface Item permits Send, Finish {
    }

    private record Send(SseEmitter.SseEventBuilder event) implements Item {
    }

    private record Finish(boolean completeEmitter) implements Item {
    }

    private final TrainingRun run;
    private final SseEmitter emitter;
    private final BlockingQueue<Item> queue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean finalStateSent = new AtomicBoolean();
    private volatile Subscription subscription;
    /** True while the run replays its history into this stream (on the subscribing thread). */
    private boolean replaying;
    /** A final state seen during the replay: the replay starts with the state, but the stream ends with it. */
    private RunState finalStateAfterReplay;

    private RunEventStream(TrainingRun run, SseEmitter emitter, int backlog) {
        this.run = run;
        this.emitter = emitter;
        this.queue = new LinkedBlockingQueue<>(backlog);
    }

    /** Opens the stream: subscribes with replay and starts the writer. */
    static SseEmitter open(TrainingRun run, long timeoutMillis, int backlog) {
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        RunEventStream stream = new RunEventStream(run, emitter, backlog);
        emitter.onCompletion(() -> stream.close(false));
        emitter.onTimeout(() -> {
            // Complete right here: the container expects the response finished when the timeout callback returns.
            stream.close(false);
            emitter.complete();
        });
        emitter.onError(error -> stream.close(false));
        Thread.ofVirtual().name("sse-" + run.id()).start(stream::writeUntilFinished);
        synchronized (stream) {
            stream.replaying = true;
        }
        stream.subscription = run.subscribe(stream, true);
        RunState deferred;
        synchronized (stream) {
            stream.replaying = false;
            deferred = stream.finalStateAfterReplay;
        }
        if (deferred != null) {
            stream.onState(run, deferred);
        }
        // The stream may have ended or closed before the subscription handle existed.
        if (stream.closed.get() || stream.finalStateSent.get()) {
            stream.unsubscribe();
        }
        return emitter;
    }

    @Override
    public void onEpoch(TrainingRun source, EpochReport report) {
        enqueue(SseEmitter.event().name("epoch").id(Integer.toString(report.epoch()))
                .data(report, MediaType.APPLICATION_JSON));
    }

    @Override
    public void onFinding(TrainingRun source, Finding finding) {
        enqueue(SseEmitter.event().name("finding").data(RunJson.FindingJson.of(finding), MediaType.APPLICATION_JSON));
    }

    @Override
    public void onState(TrainingRun source, RunState state) {
        if (state.isFinal()) {
            synchronized (this) {
                if (replaying) {
                    finalStateAfterReplay = state;
                    return;
                }
            }
            if (!finalStateSent.compareAndSet(false, true)) {
                return;
            }
        }
        enqueue(SseEmitter.event().name("state")
                .data(Map.of("id", source.id(), "state", state.name(), "epoch", source.epoch()),
                        MediaType.APPLICATION_JSON));
        if (state.isFinal()) {
            unsubscribe();
            offer(new Finish(true));
        }
    }

    private void enqueue(SseEmitter.SseEventBuilder event) {
        if (!closed.get() && !queue.offer(new Send(event))) {
            LOG.info("event stream of run {} fell {} events behind; closing it", run.id(), queue.size());
            close(true);
        }
    }

    /** Runs on the stream's own virtual thread: blocks on the queue, never polls. */
    private void writeUntilFinished() {
        try {
            while (true) {
                Item item = queue.take();
                if (item instanceof Finish finish) {
                    if (finish.completeEmitter()) {
                        emitter.complete();
                    }
                    return;
                }
                emitter.send(((Send) item).event());
            }
        } catch (IOException | IllegalStateException clientGone) {
            // The client disconnected or the emitter was completed underneath us: nothing left to write to.
            close(false);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            close(false);
        }
    }

    /**
     * Ends the stream once: drops the subscription and queued events and lets the writer finish.
     *
     * @param completeEmitter whether the response still needs completing (not after the client left)
     */
    private void close(boolean completeEmitter) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        unsubscribe();
        queue.clear();
        offer(new Finish(completeEmitter));
    }

    private void offer(Finish finish) {
        if (!queue.offer(finish)) {
            queue.clear();
            queue.offer(finish);
        }
    }

    private void unsubscribe() {
        Subscription current = subscription;
        if (current != null) {
            current.close();
        }
    }
}
