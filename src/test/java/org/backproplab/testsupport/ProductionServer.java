package org.backproplab.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that runs the packaged production jar, as a user would (and as the Dockerfile does):
 * {@code java --add-modules jdk.incubator.vector -jar ${app.jar} --server.port=N} on a free port, and waits until {@code /actuator/health} reports UP.
 *
 * <p>One server is shared by every test class of the run (it lives in the root extension context's store) and
 * is stopped when the run ends. Tests receive it as a parameter:
 *
 * <pre>{@code
 * @ExtendWith(ProductionServer.class)
 * class LabIT {
 *     @Test
 *     void opens(ProductionServer.App app) { chromium.open(app.baseUrl() + "/"); }
 * }
 * }</pre>
 *
 * <p>The jar comes from the system property {@code app.jar} (set by the failsafe plugin in the pom, so run these
 * tests with {@code ./mvnw verify}). The server's output goes to {@code target/production-server.log}.
 */
public final class ProductionServer implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProductionServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);
    private static final Path LOG_FILE = Paths.get("target", "production-server.log");

    /** The running application, as tests see it. */
    public interface App {
        /** {@code http://localhost:PORT}, without a trailing slash. */
        String baseUrl();

        /** The HTTP port. */
        int port();

        /** {@code baseUrl() + path}; {@code path} starts with a slash. */
        default String url(String path) {
            return baseUrl() + path;
        }

        /** Everything the server has logged so far. */
        default String log() {
            try {
                return Files.readString(LOG_FILE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + LOG_FILE, e);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == App.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        return extensionContext.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(RunningJar.class, key -> RunningJar.start(), RunningJar.class);
    }

    /** The server process; closed by JUnit when the root store closes at the end of the run. */
    static final class RunningJar implements App, AutoCloseable {
        private final Process process;
        private final int port;

        private RunningJar(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static RunningJar start() {
            Path jar = appJar();
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(
                    javaExecutable(), "-Xmx768m", "--add-modules", "jdk.incubator.vector", "-jar",
                    jar.toAbsolutePath().toString(),
                    "--server.port=" + port));
            try {
                Files.createDirectories(LOG_FILE.getParent());
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(LOG_FILE.toFile())
                        .start();
                RunningJar server = new RunningJar(process, port);
                server.awaitHealthy();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
        }

        @Override
        public String baseUrl() {
            return "http://localhost:" + port;
        }

        @Override
        public int port() {
            return port;
        }

        /**
         * Polls the health endpoint until it answers UP. Between polls the wait is on the process itself, so a
         * server that dies during startup is reported at once with its log.
         */
        private void awaitHealthy() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                try {
                    HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new IllegalStateException("interrupted while waiting for the server", e);
                }
                if (waitForExit(Duration.ofMillis(250))) {
                    throw new IllegalStateException("the production server exited with code " + process.exitValue()
                            + " during startup; log:\n" + logTail());
                }
            }
            close();
            throw new IllegalStateException("the production server did not report UP within " + STARTUP_TIMEOUT
                    + "; log:\n" + logTail());
        }

        /** Waits up to {@code timeout} for the process to end; returns whether it has ended. */
        private boolean waitForExit(Duration timeout) {
            try {
                process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                return !process.isAlive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }

        /** Asks the server to shut down gracefully, then kills it if it does not stop in time. */
        @Override
        public void close() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            if (!waitForExit(SHUTDOWN_TIMEOUT)) {
                process.destroyForcibly();
                waitForExit(SHUTDOWN_TIMEOUT);
            }
        }

        private static String logTail() {
            try {
                List<String> lines = Files.readAllLines(LOG_FILE);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        private static Path appJar() {
            String property = System.getProperty("app.jar");
            if (property == null || property.isBlank()) {
                throw new IllegalStateException(
                        "system property app.jar is not set; run the *IT tests with ./mvnw verify");
            }
            Path jar = Paths.get(property);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("app.jar " + jar + " does not exist; run ./mvnw verify");
            }
            return jar;
        }

        private static String javaExecutable() {
            return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
    }
}
