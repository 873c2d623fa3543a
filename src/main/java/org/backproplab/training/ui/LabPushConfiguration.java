package org.backproplab.training.ui;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one scheduler every lab view uses to pace its pushes and to evaluate decision-boundary frames, so that
 * training threads never wait for a browser. Spring shuts it down when the context closes.
 */
@Configuration(proxyBeanMethods = false)
public class LabPushConfiguration {

    public static final String PUSH_SCHEDULER = "labPushScheduler";

    @Bean(name = PUSH_SCHEDULER, destroyMethod = "shutdownNow")
    public ScheduledExecutorService labPushScheduler() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() / 2);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, daemonThreads("lab-push-"));
        // Cancelled deliveries (a view detached) must not linger in the queue until their delay elapses.
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** The refresh budgets all lab pages share (frames and pushes). */
    @Bean
    public LabBudgets labBudgets() {
        return LabBudgets.forThisMachine();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
