package org.backproplab.bench;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.internal.ConstantPool;
import com.vaadin.flow.internal.JacksonUtils;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.server.VaadinSession;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.backproplab.config.RunConfig;
import org.backproplab.config.RunConfigUrl;
import org.backproplab.training.RunOwner;
import org.backproplab.training.TrainingLimits;
import org.backproplab.training.TrainingRun;
import org.backproplab.training.TrainingService;
import org.backproplab.training.ui.LabBudgets;
import org.backproplab.training.ui.LabPushConfiguration;
import org.backproplab.training.ui.LabView;

/**
 * Measures what live pushing costs training. For N = 1, 10, 50 learners it trains N W1-size runs
 * (spiral, 500 samples, 2→[8,8,8,8] tanh→1, batch 10) twice for the same time window: once with no browser at all
 * (baseline) and once with N simulated lab pages. A simulated page is a real {@link LabView} in its own mock Vaadin
 * session (Karibu), fed by the production push path (RunFeed on the shared push scheduler, charts, decision boundary
 * and network diagram); where a real server would push, it serializes the UI's pending changes and JavaScript calls
 * exactly as Vaadin's response writer collects them and counts messages and bytes.
 *
 * <p>Reports per N: epochs/s per run with and without pages (the difference is what pushing costs training),
 * push messages and bytes per second, updates per second the slowest page saw, and the CPU split between the
 * training threads ({@code backprop-trainer-*}) and everything else (push scheduler, other threads).
 *
 * <p>Run: {@code ./mvnw -q -o test-compile && java -cp target/test-classes:target/classes:$(cat cp.txt)
 * org.backproplab.bench.PushBenchmark [seconds] [N...]} (see the report for the classpath command).
 */
public final class PushBenchmark {

    private static final String W1 = "dataset=spiral&samples=500&layers=8,8,8,8&activation=tanh&batch=10"
            + "&lr=0.03&epochs=100000&seed=1";

    private PushBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1, 10, 50);
        }
        System.out.printf(Locale.ROOT, "cores=%d window=%ds network=2->[8,8,8,8] tanh->1 spiral 500 samples batch 10%n",
                Runtime.getRuntime().availableProcessors(), seconds);
        // Warm the JIT once so the first measured size is not penalized.
        measure(2, true, 3);
        for (int n : sizes) {
            Result baseline = measure(n, false, seconds);
            Result pages = measure(n, true, seconds);
            double overhead = 100.0 * (1 - pages.epochsPerSecondPerRun / baseline.epochsPerSecondPerRun);
            System.out.printf(Locale.ROOT,
                    "N=%-3d baseline %.1f epochs/s/run | with pages %.1f epochs/s/run (training slowed %.1f %%)"
                            + " | pushes %.1f msg/s total, %.1f kB/s total, per page %.1f msg/s (min %.1f)"
                            + " %.1f kB/s | CPU outside the training threads %.1f %% (push scheduler %.1f %%)%n",
                    n, baseline.epochsPerSecondPerRun, pages.epochsPerSecondPerRun, overhead,
                    pages.pushesPerSecond, pages.bytesPerSecond / 1024, pages.pushesPerSecond / n,
                    pages.minPushesPerSecondPerPage, pages.bytesPerSecond / 1024 / n,
                    pages.cpuOutsideTrainingPercent, pages.cpuPushPercent);
        }
        System.exit(0);
    }

    private record Result(double epochsPerSecondPerRun, double pushesPerSecond, double bytesPerSecond,
                          double minPushesPerSecondPerPage, double cpuOutsideTrainingPercent, double cpuPushPercent) {
    }

    private static Result measure(int n, boolean withPages, int seconds) throws Exception {
        TrainingService service = new TrainingService(TrainingLimits.defaults().withRunsTotal(n));
        ScheduledExecutorService scheduler = new LabPushConfiguration().labPushScheduler();
        LabBudgets budget = LabBudgets.forThisMachine();
        List<TrainingRun> runs = new ArrayList<>();
        List<CountingUI> pages = new ArrayList<>();
        try {
            RunConfig config = RunConfigUrl.parse(W1, service.validator()).config();
            for (int i = 0; i < n; i++) {
                if (withPages) {
                    Page page = openPage(service, scheduler, budget);
                    pages.add(page.ui);
                    runs.add(page.run);
                } else {
                    runs.add(service.start(config, new RunOwner.Session(service.openSession()), false));
                }
            }
            Map<Long, Long> cpuBefore = threadCpu();
            long[] epochsBefore = runs.stream().mapToLong(TrainingRun::epoch).toArray();
            long[] pushesBefore = pages.stream().mapToLong(p -> p.pushes.get()).toArray();
            long bytesBefore = pages.stream().mapToLong(p -> p.bytes.get()).sum();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L); // the measurement window
            double elapsed = (System.nanoTime() - start) / 1e9;
            long epochs = 0;
            for (int i = 0; i < n; i++) {
                epochs += runs.get(i).epoch() - epochsBefore[i];
            }
            double minPagePushes = Double.MAX_VALUE;
            long pushes = 0;
            for (int i = 0; i < pages.size(); i++) {
                long delta = pages.get(i).pushes.get() - pushesBefore[i];
                pushes += delta;
                minPagePushes = Math.min(minPagePushes, delta / elapsed);
            }
            long bytes = pages.stream().mapToLong(p -> p.bytes.get()).sum() - bytesBefore;
            Map<String, Long> cpu = cpuByKind(cpuBefore);
            long total = cpu.values().stream().mapToLong(Long::longValue).sum();
            long training = cpu.getOrDefault("training", 0L);
            long push = cpu.getOrDefault("push", 0L);
            return new Result(epochs / elapsed / n, pushes / elapsed, bytes / elapsed,
                    pages.isEmpty() ? 0 : minPagePushes,
                    total == 0 ? 0 : 100.0 * (total - training) / total, total == 0 ? 0 : 100.0 * push / total);
        } finally {
            service.close();
            scheduler.shutdownNow();
        }
    }

    private record Page(CountingUI ui, TrainingRun run) {
    }

    /** A lab page in its own mock session, set up on its own thread (Karibu keeps the "current" per thread). */
    private static Page openPage(TrainingService service, ScheduledExecutorService scheduler, LabBudgets budget) throws Exception {
        Page[] opened = new Page[1];
        Exception[] failure = new Exception[1];
        Thread thread = new Thread(() -> {
            try {
                CountingUI ui = new CountingUI();
                MockVaadin.setup(new Routes(), () -> ui);
                LabView view = new LabView(service, scheduler, budget);
                view.enter(QueryParameters.fromString(W1));
                ui.add(view);
                view.header().play().click();
                opened[0] = new Page(ui, view.currentRun());
                ui.pushPending();
                // From now on the push scheduler's accesses take the session lock, as in a real server.
                VaadinSession.getCurrent().unlock();
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "bench-page-setup");
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return opened[0];
    }

    /** A UI that, after each access, collects what Vaadin would push and counts it. */
    static final class CountingUI extends UI {
        final AtomicLong pushes = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        @Override
        public Future<Void> access(Command command) {
            return super.access(() -> {
                command.execute();
                pushPending();
            });
        }

        /** What UidlWriter would send: the state tree's changes and the pending JavaScript invocations. */
        void pushPending() {
            getInternals().getStateTree().runExecutionsBeforeClientResponse();
            ConstantPool pool = new ConstantPool();
            long[] size = {0};
            getInternals().getStateTree().collectChanges(change -> size[0] += change.toJson(pool).toString().length());
            if (pool.hasNewConstants()) {
                size[0] += pool.dumpConstants().toString().length();
            }
            for (PendingJavaScriptInvocation invocation : getInternals().dumpPendingJavaScriptInvocations()) {
                size[0] += invocation.getInvocation().getExpression().length();
                for (Object parameter : invocation.getInvocation().getParameters()) {
                    size[0] += JacksonUtils.writeValue(parameter).toString().length();
                }
            }
            if (size[0] > 0) {
                pushes.incrementAndGet();
                bytes.addAndGet(size[0]);
            }
        }
    }

    private static Map<Long, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long time = threads.getThreadCpuTime(id);
            if (time >= 0) {
                cpu.put(id, time);
            }
        }
        return cpu;
    }

    /** CPU nanoseconds since {@code before}, by thread kind: training, push, other. */
    private static Map<String, Long> cpuByKind(Map<Long, Long> before) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byKind = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long time = threads.getThreadCpuTime(id);
            if (info == null || time < 0) {
                continue;
            }
            String name = info.getThreadName();
            String kind = name.startsWith(TrainingService.THREAD_PREFIX) ? "training"
                    : name.startsWith("lab-push-") ? "push" : "other";
            byKind.merge(kind, time - before.getOrDefault(id, 0L), Long::sum);
        }
        return byKind;
    }
}
