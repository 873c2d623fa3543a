package org.backproplab.bench;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.internal.ConstantPool;
import com.vaadin.flow.internal.JacksonUtils;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import java.lang.ref.WeakReference;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
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
 * Measures what live pushing costs training. For each N (default 1, 10, 50) it trains N W1-size runs (spiral,
 * 500 samples, 2→[8,8,8,8] tanh→1, batch 10) in two kinds of phase: with no browser at all (baseline) and with N
 * simulated lab pages. A simulated page is a real {@link LabView} in its own mock Vaadin session (Karibu), fed by
 * the production push path (RunFeed on the shared push scheduler, charts, decision boundary and network diagram);
 * where a real server would push, it serializes the UI's pending changes and JavaScript calls exactly as Vaadin's
 * response writer collects them and counts messages and bytes.
 *
 * <p>Making the comparison fair on a shared 2-core machine: every phase starts from a collected heap (the previous
 * phase's garbage is not billed to it), lets its runs train for a settle time before the window opens (page setup,
 * thread start-up and the first epochs stay outside), and the two kinds alternate over several rounds in ABBA order
 * (baseline, pages, pages, baseline, ...) so that drift of the machine hits both alike. The slowdown is computed per
 * round (pages against the baseline of the same round) and the median over rounds is reported, next to every
 * round's figures. An unmeasured phase of each kind precedes the rounds of each N (JIT warm-up), the runs'
 * long-lived data is collected into the old generation before the settle time, as on a server in steady state,
 * and the window opens only once the compilations set off by opening the pages have finished.
 *
 * <p>Reports per N and round: epochs/s per run for both kinds, push messages and bytes per second, the chart
 * updates per second of the slowest page (deliveries that brought new epochs, what the learner sees move), every
 * push per second of the slowest page (charts and boundary/diagram frames), the CPU used outside the training
 * threads ({@code backprop-trainer-*}) as a share of the process's CPU, split into the push scheduler's threads,
 * GC, JIT, VM threads and other Java threads, training-thread CPU microseconds per epoch (does an epoch itself get
 * dearer, or do the runs get less CPU?) and the GC pause time in the window.
 *
 * <p>The goal (pushes add less than 10 % to training time) is judged two ways per round, and each is summarized over
 * the rounds by its median, its mean with a 95 % t-interval, and every round's value. Wall clock: the time an epoch
 * takes with pages against without ({@code baseline rate / pages rate - 1}). It is the goal's own measure but on a
 * shared 2-core machine it carries the machine's noise: baselines alone vary by tens of percent between windows.
 * CPU: the push path's CPU (push scheduler threads, where frames are computed and every UI access and its
 * serialization runs, plus the GC CPU beyond the baseline's) relative to the training threads' CPU, from per-thread
 * CPU time (ThreadMXBean; /proc for the JVM's GC, JIT and VM threads). Training uses about one thread per core, so
 * every CPU second the push path uses is one training does not get: the ratio is the time pushing adds to training
 * on a busy machine, as long as an epoch's own CPU cost is unchanged (reported beside it).
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * org.backproplab.bench.PushBenchmark [seconds per window] [N...]}. System properties: {@code -Drounds=4}
 * (rounds per N), {@code -Dsettle=2} (seconds before each window), {@code -Donly=pages|baseline} (one kind only,
 * e.g. under a profiler), {@code -Djfr=DIR} (a flight recording of each measured window, with the CPU-time sampler).
 */
public final class PushBenchmark {

    private static final String W1 = "speed=full&dataset=spiral&samples=500&layers=8,8,8,8&activation=tanh&batch=10"
            + "&lr=0.03&epochs=100000&seed=1";

    /**
     * What every finished phase left behind, to check it is gone before the next phase starts: a phase whose pages
     * or runs stay reachable makes every later phase pay for their heap in GC.
     */
    private static final List<WeakReference<Object>> FINISHED_PHASES = new ArrayList<>();

    private PushBenchmark() {
    }

    private enum Kind { BASELINE, PAGES }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1, 10, 50);
        }
        int rounds = Integer.getInteger("rounds", 4);
        int settle = Integer.getInteger("settle", 2);
        String only = System.getProperty("only", "");
        System.out.printf(Locale.ROOT, "cores=%d window=%ds settle=%ds rounds=%d network=2->[8,8,8,8] tanh->1 spiral"
                        + " 500 samples batch 10; native thread CPU %s%n", Runtime.getRuntime().availableProcessors(),
                seconds, settle, rounds, NativeThreadCpu.available() ? "from /proc" : "unavailable (GC/JIT/VM: n/a)");
        for (int n : sizes) {
            // The push path is a lot of code (Vaadin, Jackson): an unmeasured phase of each kind at this size lets
            // the JIT settle, so that the rounds see steady state rather than compilation.
            measure(n, Kind.BASELINE, 0, seconds);
            measure(n, Kind.PAGES, 0, seconds);
            List<Result> baselines = new ArrayList<>();
            List<Result> paged = new ArrayList<>();
            List<Comparison> comparisons = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                // ABBA: the kind measured second in one round goes first in the next.
                List<Kind> order = round % 2 == 0 ? List.of(Kind.BASELINE, Kind.PAGES) : List.of(Kind.PAGES, Kind.BASELINE);
                Result baseline = null;
                Result pages = null;
                for (Kind kind : order) {
                    if (!only.isEmpty() && !kind.name().equalsIgnoreCase(only)) {
                        continue;
                    }
                    Result result = measure(n, kind, settle, seconds);
                    if (kind == Kind.BASELINE) {
                        baseline = result;
                    } else {
                        pages = result;
                    }
                }
                if (baseline != null) {
                    baselines.add(baseline);
                }
                if (pages != null) {
                    paged.add(pages);
                }
                Comparison comparison = baseline != null && pages != null ? Comparison.of(baseline, pages) : null;
                if (comparison != null) {
                    comparisons.add(comparison);
                }
                System.out.printf(Locale.ROOT, "N=%-3d round %d: %s | %s | %s%n", n, round + 1,
                        baseline == null ? "baseline -" : baseline.describe(), pages == null ? "pages -" : pages.describe(),
                        comparison == null ? "-" : comparison.describe());
            }
            System.out.printf(Locale.ROOT, "N=%-3d MEDIAN: baseline %.1f epochs/s/run | pages %.1f epochs/s/run |"
                            + " chart updates/s slowest page %.1f | pushes %.1f msg/s, %.1f kB/s |"
                            + " CPU outside training %.1f %% (push threads %.1f %%, GC %.1f %%)%n",
                    n, median(baselines, Result::epochsPerSecondPerRun), median(paged, Result::epochsPerSecondPerRun),
                    median(paged, Result::minChartUpdatesPerSecond), median(paged, Result::pushesPerSecond),
                    median(paged, Result::bytesPerSecond) / 1024, median(paged, Result::outsideTrainingPercent),
                    median(paged, r -> r.percentOfProcess(r.cpu.push())), median(paged, r -> r.percentOfProcess(r.cpu.gc())));
            if (!comparisons.isEmpty()) {
                System.out.printf(Locale.ROOT, "N=%-3d GOAL (pushes add < 10 %% to training time), %d rounds:%n"
                                + "      wall clock: training time added %s; (training slowed %s)%n"
                                + "      CPU:        push path CPU / training CPU %s (push threads %s, extra GC %s);"
                                + " all extra CPU outside training %s; training CPU per epoch %s%n",
                        n, comparisons.size(), summary(comparisons, Comparison::addedTimePercent),
                        summary(comparisons, Comparison::slowedPercent),
                        summary(comparisons, Comparison::pushPathPercent),
                        summary(comparisons, Comparison::pushThreadsPercent),
                        summary(comparisons, Comparison::extraGcPercent),
                        summary(comparisons, Comparison::extraOutsidePercent),
                        summary(comparisons, Comparison::epochCpuChangePercent));
            }
        }
        System.exit(0);
    }

    /** CPU nanoseconds of one window by where they went. GC, JIT and VM are NaN-free zeros when /proc is absent. */
    private record Cpu(long training, long push, long otherJava, long gc, long jit, long vm, long process) {

        /** Everything the process used that was not a training thread. */
        long outsideTraining() {
            return Math.max(process, training + push + otherJava + gc + jit + vm) - training;
        }
    }

    private record Result(Kind kind, double seconds, long epochs, double epochsPerSecondPerRun, double pushesPerSecond,
                          double bytesPerSecond, double minPushesPerSecondPerPage, double minChartUpdatesPerSecond,
                          Cpu cpu, long gcMillis, long jitMillis) {

        double total() {
            return Math.max(cpu.process(), cpu.training() + cpu.outsideTraining());
        }

        double percentOfProcess(long nanos) {
            return total() == 0 ? 0 : 100.0 * nanos / total();
        }

        double outsideTrainingPercent() {
            return percentOfProcess(cpu.outsideTraining());
        }

        double trainingMicrosPerEpoch() {
            return epochs == 0 ? 0 : cpu.training() / 1e3 / epochs;
        }

        /** CPU nanoseconds per second of window. */
        double rate(long nanos) {
            return nanos / seconds;
        }

        String describe() {
            String cpuShares = String.format(Locale.ROOT, "CPU outside training %.1f %% (push threads %.1f %%, GC %.1f %%,"
                            + " JIT %.1f %%, VM %.1f %%, other Java %.1f %%)", outsideTrainingPercent(),
                    percentOfProcess(cpu.push()), percentOfProcess(cpu.gc()), percentOfProcess(cpu.jit()),
                    percentOfProcess(cpu.vm()), percentOfProcess(cpu.otherJava()));
            if (kind == Kind.BASELINE) {
                return String.format(Locale.ROOT, "baseline %.1f epochs/s/run (%.0f us CPU/epoch, GC pauses %d ms,"
                        + " JIT %d ms, %s)", epochsPerSecondPerRun, trainingMicrosPerEpoch(), gcMillis, jitMillis,
                        cpuShares);
            }
            return String.format(Locale.ROOT, "pages %.1f epochs/s/run (%.0f us CPU/epoch, GC pauses %d ms, JIT %d ms),"
                            + " chart updates %.1f/s slowest page, pushes %.1f/s slowest page, %.1f msg/s %.1f kB/s"
                            + " total, %s", epochsPerSecondPerRun, trainingMicrosPerEpoch(), gcMillis, jitMillis,
                    minChartUpdatesPerSecond, minPushesPerSecondPerPage, pushesPerSecond, bytesPerSecond / 1024,
                    cpuShares);
        }
    }

    /**
     * One round's pages phase against its baseline, two ways. Wall clock: how much longer an epoch takes with the
     * pages open ({@code baseline rate / pages rate - 1}, the goal's "added to training time"; also the older
     * "slowed", {@code 1 - pages rate / baseline rate}). CPU, from per-thread CPU time, which other load on the
     * machine does not distort the way it distorts rates: the CPU the push path consumed (the push scheduler's
     * threads, which compute frames, run the UI accesses and serialize, plus the GC CPU beyond the baseline's per
     * second) relative to the CPU the training threads consumed. On a saturated machine every push CPU second is
     * taken from training, so that ratio is the time pushing adds to training, provided an epoch itself does not
     * get dearer: the change of training CPU per epoch (cache effects) is reported beside it.
     */
    private record Comparison(double addedTimePercent, double slowedPercent, double pushThreadsPercent,
                              double extraGcPercent, double extraOutsidePercent, double epochCpuChangePercent) {

        static Comparison of(Result baseline, Result pages) {
            double training = pages.cpu().training();
            double extraGc = (pages.rate(pages.cpu().gc()) - baseline.rate(baseline.cpu().gc())) * pages.seconds();
            double extraOutside = (pages.rate(pages.cpu().outsideTraining())
                    - baseline.rate(baseline.cpu().outsideTraining())) * pages.seconds();
            return new Comparison(
                    100.0 * (baseline.epochsPerSecondPerRun() / pages.epochsPerSecondPerRun() - 1),
                    100.0 * (1 - pages.epochsPerSecondPerRun() / baseline.epochsPerSecondPerRun()),
                    100.0 * pages.cpu().push() / training, 100.0 * extraGc / training, 100.0 * extraOutside / training,
                    100.0 * (pages.trainingMicrosPerEpoch() / baseline.trainingMicrosPerEpoch() - 1));
        }

        double pushPathPercent() {
            return pushThreadsPercent + extraGcPercent;
        }

        String describe() {
            return String.format(Locale.ROOT, "training time added %.1f %% (slowed %.1f %%); push path CPU / training CPU"
                            + " %.1f %% (push threads %.1f %%, extra GC %.1f %%), all extra outside %.1f %%, CPU/epoch"
                            + " %+.1f %%", addedTimePercent, slowedPercent, pushPathPercent(), pushThreadsPercent,
                    extraGcPercent, extraOutsidePercent, epochCpuChangePercent);
        }
    }

    /** "median M % (mean A ± H, rounds [..])": H is the half-width of a 95 % t-interval of the mean over rounds. */
    private static String summary(List<Comparison> comparisons, ToDoubleFunction<Comparison> metric) {
        List<Double> values = comparisons.stream().map(metric::applyAsDouble).toList();
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        String interval = "";
        if (values.size() > 1) {
            double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
            double halfWidth = studentT975(values.size() - 1) * Math.sqrt(variance / values.size());
            interval = String.format(Locale.ROOT, " ± %.1f", halfWidth);
        }
        return String.format(Locale.ROOT, "median %.1f %% (mean %.1f%s; rounds %s)", median(values), mean, interval,
                values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
    }

    /** The two-sided 95 % quantile of Student's t with {@code df} degrees of freedom. */
    private static double studentT975(int df) {
        double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
            2.160, 2.145, 2.131};
        return df <= table.length ? table[df - 1] : 2.0;
    }

    private static double median(List<Result> results, ToDoubleFunction<Result> metric) {
        return median(results.stream().map(metric::applyAsDouble).toList());
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static Result measure(int n, Kind kind, int settleSeconds, int seconds) throws Exception {
        // Start from a collected heap: the previous phase's garbage is not this phase's cost.
        requireEarlierPhasesCollected();
        TrainingService service = new TrainingService(TrainingLimits.defaults().withRunsTotal(n));
        ScheduledExecutorService scheduler = new LabPushConfiguration().labPushScheduler();
        LabBudgets budget = LabBudgets.forThisMachine();
        List<TrainingRun> runs = new ArrayList<>();
        List<CountingUI> pages = new ArrayList<>();
        List<VaadinService> mockServices = new ArrayList<>();
        try {
            RunConfig config = RunConfigUrl.parse(W1, service.validator()).config();
            for (int i = 0; i < n; i++) {
                if (kind == Kind.PAGES) {
                    Page page = openPage(service, scheduler, budget);
                    pages.add(page.ui);
                    mockServices.add(page.mockService);
                    runs.add(page.run);
                } else {
                    runs.add(service.start(config, new RunOwner.Session(service.openSession()), false));
                }
            }
            // A server in steady state has collected its runs' long-lived data (networks, datasets) into the old
            // generation. Collect once here, in both kinds, so that neither measures runs whose arrays are still in
            // the young generation, where the paged phase's frequent collections would move them about.
            System.gc();
            Thread.sleep(settleSeconds * 1000L); // runs and pages settle: outside the window
            awaitQuietJit();
            Map<Long, Long> cpuBefore = threadCpu();
            Map<String, Long> nativeBefore = NativeThreadCpu.byKind();
            long processBefore = processCpuNanos();
            long gcBefore = gcMillis();
            long jitBefore = jitMillis();
            long[] epochsBefore = runs.stream().mapToLong(TrainingRun::epoch).toArray();
            long[] pushesBefore = pages.stream().mapToLong(p -> p.pushes.get()).toArray();
            long[] chartUpdatesBefore = pages.stream().mapToLong(p -> p.chartUpdates.get()).toArray();
            long bytesBefore = pages.stream().mapToLong(p -> p.bytes.get()).sum();
            Recording recording = startWindowRecording(kind, settleSeconds);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L); // the measurement window
            double elapsed = (System.nanoTime() - start) / 1e9;
            // A run that reaches its epoch limit (at most 100,000) stops training inside the window, which would
            // read as a slowdown: a lone W1 run at ~9,000 epochs/s gets there in about 11 s of set-up and window.
            for (TrainingRun run : runs) {
                if (run.state().isFinal()) {
                    throw new IllegalStateException("a run ended inside the measured window (" + run.state() + " at epoch "
                            + run.epoch() + "): its rate would be wrong; measure " + n + " page(s) with a shorter window");
                }
            }
            stopWindowRecording(recording, n, kind);
            long processCpu = processCpuNanos() - processBefore;
            long gc = gcMillis() - gcBefore;
            long jit = jitMillis() - jitBefore;
            long epochs = 0;
            for (int i = 0; i < n; i++) {
                epochs += runs.get(i).epoch() - epochsBefore[i];
            }
            double minPagePushes = Double.MAX_VALUE;
            double minChartUpdates = Double.MAX_VALUE;
            long pushes = 0;
            for (int i = 0; i < pages.size(); i++) {
                long delta = pages.get(i).pushes.get() - pushesBefore[i];
                pushes += delta;
                minPagePushes = Math.min(minPagePushes, delta / elapsed);
                minChartUpdates = Math.min(minChartUpdates,
                        (pages.get(i).chartUpdates.get() - chartUpdatesBefore[i]) / elapsed);
            }
            long bytes = pages.stream().mapToLong(p -> p.bytes.get()).sum() - bytesBefore;
            Map<String, Long> javaCpu = cpuByKind(cpuBefore);
            Map<String, Long> nativeCpu = NativeThreadCpu.since(nativeBefore);
            Cpu cpu = new Cpu(javaCpu.getOrDefault("training", 0L), javaCpu.getOrDefault("push", 0L),
                    javaCpu.getOrDefault("other", 0L), nativeCpu.getOrDefault("gc", 0L),
                    nativeCpu.getOrDefault("jit", 0L), nativeCpu.getOrDefault("vm", 0L), processCpu);
            return new Result(kind, elapsed, epochs, epochs / elapsed / n, pushes / elapsed, bytes / elapsed,
                    pages.isEmpty() ? 0 : minPagePushes, pages.isEmpty() ? 0 : minChartUpdates, cpu, gc, jit);
        } finally {
            service.close();
            scheduler.shutdownNow();
            // A push thread finishing its last access still holds that page.
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            // Each page has its own mock Vaadin service, which registers itself in Vaadin's static list of signal
            // environments until it is destroyed: undestroyed, it keeps its UI, view, run and history reachable.
            mockServices.forEach(VaadinService::destroy);
            FINISHED_PHASES.add(new WeakReference<>(service));
            pages.forEach(page -> FINISHED_PHASES.add(new WeakReference<>(page)));
            runs.forEach(run -> FINISHED_PHASES.add(new WeakReference<>(run)));
        }
    }

    /**
     * Collects the heap until every earlier phase's service, pages and runs are gone (a bounded number of tries);
     * fails the benchmark if some stay reachable, since their heap would burden this phase's GC.
     */
    private static void requireEarlierPhasesCollected() {
        for (int attempt = 0; attempt < 10; attempt++) {
            System.gc();
            FINISHED_PHASES.removeIf(reference -> reference.get() == null);
            if (FINISHED_PHASES.isEmpty()) {
                System.gc();
                return;
            }
        }
        throw new IllegalStateException(FINISHED_PHASES.size() + " objects of earlier phases are still reachable: "
                + FINISHED_PHASES.stream().map(WeakReference::get).filter(java.util.Objects::nonNull)
                .map(o -> o.getClass().getSimpleName()).distinct().toList());
    }

    /**
     * With {@code -Djfr=DIR}, a flight recording ("profile" settings) of each measured window, written to
     * {@code DIR/<kind>-N<n>-<time>.jfr}: what the window spends, without page set-up and warm-up.
     */
    private static Recording startWindowRecording(Kind kind, int settleSeconds) throws Exception {
        String directory = System.getProperty("jfr");
        if (directory == null || settleSeconds == 0) {
            return null; // warm-up phases (no settle time) are not recorded
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        // The CPU-time sampler (JDK 25, Linux) attributes CPU, not wall-clock presence, to Java stacks.
        recording.enable("jdk.CPUTimeSample").with("throttle", "1ms");
        recording.setName(kind.name());
        recording.start();
        return recording;
    }

    private static void stopWindowRecording(Recording recording, int n, Kind kind) throws Exception {
        if (recording == null) {
            return;
        }
        recording.stop();
        Path file = Path.of(System.getProperty("jfr"), kind.name().toLowerCase(Locale.ROOT) + "-N" + n + "-"
                + System.currentTimeMillis() + ".jfr");
        Files.createDirectories(file.getParent());
        recording.dump(file);
        recording.close();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Opening pages compiles much of Vaadin (component construction), and those compilations may outlast the
     * settle time; waits (at most 5 s) until the compilers have been idle for a second, so that the window
     * measures pushing, not the set-up's compilation.
     */
    private static void awaitQuietJit() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long last = jitMillis();
        int quietChecks = 0;
        while (quietChecks < 4 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            long now = jitMillis();
            quietChecks = now == last ? quietChecks + 1 : 0;
            last = now;
        }
    }

    /** Time the JIT compilers spent (an elapsed-time approximation; compilations run on their own threads). */
    private static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t >= 0).sum();
    }

    private record Page(CountingUI ui, TrainingRun run, VaadinService mockService) {
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
                // A delivery that brings epochs is a chart update, what the learner sees move.
                view.addBatchListener(batch -> {
                    if (!batch.epochs().isEmpty()) {
                        ui.chartUpdates.incrementAndGet();
                    }
                });
                opened[0] = new Page(ui, view.currentRun(), VaadinService.getCurrent());
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
        final AtomicLong chartUpdates = new AtomicLong();

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

    /**
     * CPU of the JVM's own threads, which ThreadMXBean does not list: GC workers ({@code GC Thread#n}, {@code G1 ...}),
     * JIT compilers ({@code C1/C2 CompilerThread}) and VM threads ({@code VM Thread}, which also runs safepoint
     * operations), read from {@code /proc/self/task/<tid>/stat} (Linux) by the native thread name.
     */
    private static final class NativeThreadCpu {

        /** Linux reports utime/stime in clock ticks of 1/100 s on every common architecture (USER_HZ). */
        private static final long NANOS_PER_TICK = 10_000_000L;
        private static final Path TASKS = Path.of("/proc/self/task");

        static boolean available() {
            return Files.isDirectory(TASKS);
        }

        /** Cumulative CPU nanoseconds per kind (gc, jit, vm) of the native threads now alive. */
        static Map<String, Long> byKind() {
            Map<String, Long> byKind = new HashMap<>();
            if (!available()) {
                return byKind;
            }
            try (var tasks = Files.list(TASKS)) {
                tasks.forEach(task -> {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String kind = name.startsWith("GC Thread") || name.startsWith("G1 ") ? "gc"
                                : name.contains("CompilerThre") ? "jit"
                                : name.startsWith("VM ") ? "vm" : null;
                        if (kind != null) {
                            // Fields after the name: state is field 3, utime 14 and stime 15 (1-based).
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                            byKind.merge(kind, ticks * NANOS_PER_TICK, Long::sum);
                        }
                    } catch (Exception threadEnded) {
                        // A thread that ended while being read has nothing more to count.
                    }
                });
            } catch (Exception unreadable) {
                return new HashMap<>();
            }
            return byKind;
        }

        static Map<String, Long> since(Map<String, Long> before) {
            Map<String, Long> now = byKind();
            now.replaceAll((kind, nanos) -> Math.max(0, nanos - before.getOrDefault(kind, 0L)));
            return now;
        }
    }
}
