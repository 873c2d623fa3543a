package org.backproplab.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Smoke test of the packaged production jar: it starts, reports healthy and serves the Vaadin app in a browser. */
@ExtendWith(ProductionServer.class)
class AppStartsIT {

    @Test
    void healthEndpointReportsUp(ProductionServer.App app) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(app.url("/actuator/health"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void theEngineRunsItsSimdKernels(ProductionServer.App app) {
        // The production command (the Dockerfile's too) loads the Vector API module; the machines this is built
        // for have 256-bit SIMD (AVX2), so training must not fall back to the plain loops there.
        assertThat(app.log()).contains("engine: SIMD kernels (Vector API");
    }

    @Test
    void browserBootsTheProductionVaadinClient(ProductionServer.App app) {
        try (Chromium chromium = Chromium.start()) {
            chromium.open(app.url("/"));
            chromium.waitForVaadin();

            // Development mode would add Vaadin's dev tools to the page; the production bundle does not.
            Object devTools = chromium.script("return document.querySelector('vaadin-dev-tools') !== null;");
            Object outlet = chromium.script("return document.getElementById('outlet') !== null;");
            chromium.screenshot("app-starts-root");

            assertThat(outlet).isEqualTo(true);
            assertThat(devTools).isEqualTo(false);
        }
    }
}
