package org.backproplab.training.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.backproplab.config.Choices;
import org.backproplab.testsupport.OneBrowserPerClass;
import org.backproplab.testsupport.ProductionServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lab in headless Chromium against the packaged production jar: a shared URL sets the controls, play streams
 * epochs into every chart over push (same document, no reload), pause stops the epoch counter, step adds exactly
 * one epoch, reset clears the outputs but keeps showing the data, new data shows at once, and a bad URL parameter
 * is named. Screenshots go to {@code target/screenshots/}.
 */
@ExtendWith(ProductionServer.class)
class LabViewIT extends OneBrowserPerClass {

    private static final String SHARED = "/?dataset=xor&layers=4,4&lr=0.1&epochs=200&seed=3";
    private static final List<String> CHARTS = List.of(LabCharts.LOSS, LabCharts.ACCURACY, LabCharts.GRADIENT,
            LabCharts.UPDATE_RATIO, LabCharts.ACTIVATION);

    private static final String BOUNDARY = "document.getElementById('decision-boundary')";
    private static final String DIAGRAM = "document.getElementById('network-diagram')";
    private static final String BOUNDARY_POINTS =
            "(" + BOUNDARY + ".points ? " + BOUNDARY + ".points.train + '|' + " + BOUNDARY + ".points.test : 'none')";

    @Test
    void sharedUrlTrainsLiveOverPushAndPauseStepResetBehave(ProductionServer.App app) {
        chromium.open(app.url(SHARED));
        chromium.waitForVaadin();
        waitForCharts();
        chromium.screenshot("lab-1-opened");

        // The controls show the shared experiment.
        assertThat(chromium.selectedLabel("dataset")).isEqualTo("Exclusive or");
        assertThat(property("lr", "value")).isEqualTo("0.1");
        assertThat(property("epochs", "value")).isEqualTo("200");
        assertThat(property("seed", "value")).isEqualTo("3");
        assertThat(property("layer-units-1", "value")).isEqualTo("4");
        assertThat(property("layer-units-2", "value")).isEqualTo("4");
        assertThat(chromium.script("return document.getElementById('layer-units-3') === null;")).isEqualTo(true);
        assertThat(chromium.text("epoch")).isEqualTo("0");
        // Before any run the boundary shows the data play will train on.
        chromium.waitForScript("return " + BOUNDARY + ".points?.trainCount > 0;");
        String sharedPoints = boundaryPoints();

        // Play: every chart gains points over push, in the same document.
        chromium.script("window.__sameDocument = true;");
        chromium.click("play");
        for (String chart : CHARTS) {
            chromium.waitForScript("return " + points(chart) + " >= 5;");
        }
        chromium.waitForScript("return Number(document.getElementById('epoch').textContent) >= 5;");
        assertThat(chromium.script("return window.__sameDocument === true;")).isEqualTo(true);
        // The address bar holds the settings as the contract writes them: its order, commas not escaped.
        assertThat(String.valueOf(chromium.script("return location.search;"))).startsWith("?dataset=xor&samples=")
                .contains("&layers=4,4&").contains("&lr=0.1&").doesNotContain("%2C");

        // The shared run trains to its epoch limit.
        chromium.waitForScript("return document.getElementById('run-state').textContent.trim() === 'Completed';");
        assertThat(epoch()).isEqualTo(200);
        assertThat(((Number) chromium.script("return " + points(LabCharts.LOSS) + ";")).longValue()).isEqualTo(200);
        chromium.screenshot("lab-2-completed");

        // A long run for pause and step: same data, the highest epoch limit and one example per step, so that it
        // is still running when pause is clicked however fast the machine is (a fresh CI machine once finished
        // 50,000 epochs of batch 10 before the click).
        chromium.open(app.url(SHARED.replace("epochs=200", "epochs=" + Choices.MAX_EPOCHS + "&batch=1")));
        chromium.waitForVaadin();
        waitForCharts();
        chromium.click("play");
        chromium.waitForScript("return " + points(LabCharts.LOSS) + " >= 20;");

        // Pause: the counter stops, and the loss chart holds one point per epoch.
        chromium.click("play");
        chromium.waitForScript("return document.getElementById('run-state').textContent.trim() === 'Paused';");
        waitUntilLossPointsMatchTheEpoch("after pause");
        long paused = epoch();
        waitMillis(600);
        assertThat(epoch()).isEqualTo(paused);
        assertThat(((Number) chromium.script("return " + points(LabCharts.LOSS) + ";")).longValue())
                .isEqualTo(Math.min(paused, LabCharts.MAX_POINTS));
        chromium.screenshot("lab-3-paused");

        // Step: exactly one more epoch.
        chromium.click("step");
        long expected = paused + 1;
        chromium.waitForScript("return Number(document.getElementById('epoch').textContent) >= arguments[0];", expected);
        waitMillis(600);
        assertThat(epoch()).isEqualTo(expected);
        assertThat(((Number) chromium.script("return " + points(LabCharts.LOSS) + ";")).longValue())
                .isEqualTo(Math.min(expected, LabCharts.MAX_POINTS));

        // Reset: charts, heatmap and the diagram's weights cleared, epoch 0; the points are still the run's data.
        chromium.waitForScript("return " + BOUNDARY + ".output !== null && " + DIAGRAM + ".state !== null;");
        assertThat(boundaryPoints()).isEqualTo(sharedPoints);
        chromium.click("reset");
        chromium.waitForScript("return document.getElementById('epoch').textContent.trim() === '0';");
        for (String chart : CHARTS) {
            chromium.waitForScript("return " + points(chart) + " === 0;");
        }
        chromium.waitForScript("return " + BOUNDARY + ".output === null && " + DIAGRAM + ".state === null;");
        assertThat(boundaryPoints()).isEqualTo(sharedPoints);
        chromium.screenshot("lab-4-reset");

        // New data after the reset: the points change at once to those the next run trains on, with no heatmap
        // (the old points used to stay until the next play).
        chromium.click("regenerate");
        chromium.waitForScript("return " + BOUNDARY_POINTS + " !== arguments[0];", sharedPoints);
        chromium.waitForVaadin();
        String regenerated = boundaryPoints();
        assertThat(chromium.script("return " + BOUNDARY + ".output === null;")).isEqualTo(true);
        assertThat(String.valueOf(chromium.script("return location.search;"))).doesNotContain("dataSeed=1&");
        chromium.screenshot("lab-4b-regenerated");

        // Dark mode, for a look at the other colour scheme; the run trains on the points shown before play.
        chromium.click("play");
        chromium.waitForScript("return " + points(LabCharts.LOSS) + " >= 30;");
        assertThat(boundaryPoints()).isEqualTo(regenerated);
        chromium.click("theme-toggle");
        chromium.waitForScript("return document.documentElement.getAttribute('theme') === 'dark'"
                + " || getComputedStyle(document.documentElement).colorScheme === 'dark';");
        waitMillis(400);
        chromium.screenshot("lab-5-dark");
        chromium.click("theme-toggle");
        chromium.click("reset");
    }
    @Test
    void theSpeedMenuSlowsARunDownAndSpeedsItUpWhileItTrains(ProductionServer.App app) {
        chromium.open(app.url("/?dataset=xor&layers=4,4&lr=0.1&epochs=" + Choices.MAX_EPOCHS + "&seed=3&speed=slow"));
        chromium.waitForVaadin();
        assertThat(chromium.selectedLabel("speed")).isEqualTo("Slow");
        chromium.click("play");
        chromium.waitForScript("return Number(document.getElementById('epoch').textContent) >= 2;");

        // Slow is 10 epochs a second. The page shows an epoch a push later than it ended, so the window counted
        // here may be up to a push interval longer than the one measured: allow half a second for it.
        long first = epoch();
        long start = System.nanoTime();
        waitMillis(1500);
        long slowEpochs = epoch() - first;
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(slowEpochs).as(slowEpochs + " epochs in " + seconds + " s at 10 epochs/s")
                .isBetween(1L, 2 + (long) Math.ceil(10 * (seconds + 0.5)));
        chromium.screenshot("lab-5c-slow");

        // Full speed from the menu, while the run trains: thousands of epochs within the wait.
        chromium.script("document.getElementById('speed').opened = true;");
        chromium.waitForScript("return [...document.querySelectorAll('vaadin-select-item')]"
                + ".some(item => item.textContent.trim() === 'Full speed');");
        chromium.script("[...document.querySelectorAll('vaadin-select-item')]"
                + ".find(item => item.textContent.trim() === 'Full speed').click();");
        chromium.waitForScript("return Number(document.getElementById('epoch').textContent) >= arguments[0];",
                epoch() + 2000);
        assertThat(chromium.selectedLabel("speed")).isEqualTo("Full speed");
        assertThat(String.valueOf(chromium.script("return location.search;"))).endsWith("&speed=full");
        chromium.click("reset");
    }

    @Test
    void badUrlParameterIsNamedInANotification(ProductionServer.App app) {
        chromium.open(app.url("/?lr=abc&dataset=circle"));
        chromium.waitForVaadin();
        chromium.waitForScript("""
                return [...document.querySelectorAll('vaadin-notification-card')]
                    .some(card => card.textContent.includes("lr: 'abc' is not a valid value; using the default"));""");
        assertThat(property("lr", "value")).isEqualTo("0.03");
        assertThat(chromium.selectedLabel("dataset")).isEqualTo("Circle");
        chromium.screenshot("lab-6-bad-parameter");
    }

    /**
     * Waits until the loss chart has one point per epoch shown (up to the charts' window of the latest
     * {@link LabCharts#MAX_POINTS} epochs, which a fast machine can pass before a pause lands); on timeout says what
     * the page showed.
     */
    private void waitUntilLossPointsMatchTheEpoch(String when) {
        String check = "return " + points(LabCharts.LOSS) + " === Math.min(" + LabCharts.MAX_POINTS
                + ", Number(document.getElementById('epoch').textContent));";
        try {
            chromium.waitForScript(check);
        } catch (org.openqa.selenium.TimeoutException timeout) {
            chromium.screenshot("lab-failed-" + when.replace(' ', '-'));
            throw new AssertionError(when + ": the loss chart has " + chromium.script("return " + points(LabCharts.LOSS)
                    + ";") + " points but the epoch counter shows " + chromium.text("epoch") + ", state "
                    + chromium.text("run-state"), timeout);
        }
    }

    /** The points the boundary element holds (train and test, as sent), comparable between moments. */
    private String boundaryPoints() {
        return String.valueOf(chromium.script("return " + BOUNDARY_POINTS + ";"));
    }

    private void waitForCharts() {
        for (String chart : CHARTS) {
            chromium.waitForScript("const el = document.getElementById(arguments[0]); return !!(el && el.chart);", chart);
        }
    }

    private static String points(String chartId) {
        return "(document.getElementById('" + chartId + "').chart.data.datasets[0]?.data.length ?? 0)";
    }

    private long epoch() {
        return Long.parseLong(chromium.text("epoch"));
    }

    private Object property(String id, String name) {
        chromium.waitForElement(id);
        return String.valueOf(chromium.script("return document.getElementById(arguments[0])[arguments[1]];", id, name));
    }

    /**
     * Lets the page run for a while to show that nothing changes (the counter after pause or step). This is the
     * one place a browser test must wait out time: absence of events cannot be awaited.
     */
    private void waitMillis(long millis) {
        long deadline = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        chromium.waitUntil(driver -> System.nanoTime() >= deadline ? Boolean.TRUE : null);
    }
}
