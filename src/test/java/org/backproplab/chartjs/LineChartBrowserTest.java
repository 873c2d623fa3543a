package org.backproplab.chartjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.backproplab.BackpropLabApplication;
import org.backproplab.testsupport.OneBrowserPerClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The chart component in a real headless Chromium: the application runs in Vaadin development mode (served from
 * the committed dev bundle) with the test-only route {@link ChartTestView}, which appends points from a server
 * thread over push.
 */
@SpringBootTest(classes = BackpropLabApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LineChartBrowserTest extends OneBrowserPerClass {

    private static final String LOSS = "document.getElementById('test-loss-chart')";
    private static final String RATIO = "document.getElementById('test-ratio-chart')";

    @LocalServerPort
    private int port;

    @BeforeAll
    void prepareBrowser() {
        // The first request in development mode may wait for the server's frontend bundle check.
        chromium.open(testPageUrl());
        chromium.waitUntil(driver -> chartsReady() ? Boolean.TRUE : null, Duration.ofSeconds(120));
    }

    @BeforeEach
    void openTestPage() {
        chromium.open(testPageUrl());
        chromium.waitUntil(driver -> chartsReady() ? Boolean.TRUE : null);
    }

    private String testPageUrl() {
        return "http://localhost:" + port + "/chart-test";
    }

    private boolean chartsReady() {
        return Boolean.TRUE.equals(chromium.script(
                "return !!(" + LOSS + " && " + LOSS + ".chart && " + RATIO + " && " + RATIO + ".chart);"));
    }

    @Test
    void chartsGainPointsOverPushWithoutReload() {
        chromium.script("window.__sameDocument = true;");
        long before = lossPoints();

        chromium.waitForScript("return " + LOSS + ".chart.data.datasets[0].data.length >= arguments[0] + 20;",
                before);

        assertThat(chromium.script("return window.__sameDocument === true;")).isEqualTo(true);
        // The premise of this class: development mode (dev tools present), served from the dev bundle.
        assertThat(chromium.script("return document.querySelector('vaadin-dev-tools') !== null;")).isEqualTo(true);
        assertThat(chromium.script("return " + LOSS + ".chart.data.datasets.map(d => d.label);"))
                .isEqualTo(List.of("train loss", "test loss"));
        // Both series grow together: each message carries the new point of each (read in one script, atomically).
        assertThat(chromium.script("const sets = " + LOSS + ".chart.data.datasets;"
                + " return sets[0].data.length === sets[1].data.length;")).isEqualTo(true);
        // Drawn at a visible size (the element is full width and 260 px high by default in this view).
        assertThat(((Number) chromium.script("return " + LOSS + ".chart.width;")).intValue()).isGreaterThan(600);
        assertThat(((Number) chromium.script("return " + LOSS + ".chart.height;")).intValue()).isEqualTo(260);
        chromium.screenshot("chart-test-live");
    }

    @Test
    @SuppressWarnings("unchecked")
    void serverSendsOnlyTheNewPoints() {
        // Record every operation the server sends to the loss chart from now on.
        chromium.script("""
                const el = arguments[0];
                const original = el.blApply.bind(el);
                window.__operations = [];
                el.blApply = (operation, payload) => {
                  window.__operations.push({operation, sizes: Object.values(payload).map(p => p.length ?? -1)});
                  original(operation, payload);
                };""", chromium.driver().findElement(By.id("test-loss-chart")));

        chromium.waitForScript("return window.__operations.length >= 15 && "
                + LOSS + ".chart.data.datasets[0].data.length >= 30;");

        List<Map<String, Object>> operations = (List<Map<String, Object>>) chromium.script(
                "return window.__operations;");
        assertThat(operations).allSatisfy(operation -> {
            assertThat(operation.get("operation")).isEqualTo("append");
            // One tick adds one point per series; a few ticks may share a response, never the history.
            assertThat((List<Long>) operation.get("sizes")).allSatisfy(size -> assertThat(size).isBetween(1L, 5L));
        });
    }

    @Test
    void cappedSeriesDropsItsOldestPoints() {
        int cap = ChartTestView.CAPPED_MAX_POINTS;
        chromium.waitForScript("const d = " + RATIO + ".chart.data.datasets[0].data;"
                + " return d.length === arguments[0] && d[0].x > 5;", cap);

        Object span = chromium.script("const d = " + RATIO + ".chart.data.datasets[0].data;"
                + " return d[d.length - 1].x - d[0].x;");
        assertThat(((Number) span).intValue()).isEqualTo(cap - 1);
    }

    @Test
    void logarithmicAxisWithHorizontalBand() {
        assertThat(chromium.script("return " + RATIO + ".chart.scales.y.type;")).isEqualTo("logarithmic");
        assertThat(chromium.script("return " + RATIO + ".chart.options.plugins.blBand.band.lower;"))
                .isEqualTo(3e-4);
        assertThat(chromium.script("return " + LOSS + ".chart.scales.y.type;")).isEqualTo("linear");
        // The series holds zeros (see ChartTestView); the axis still starts above zero and the band stays in view.
        chromium.waitForScript("return " + RATIO + ".chart.data.datasets[0].data.some(p => p.y === 0);");
        chromium.script("return " + RATIO + ".chart.update('none');");
        Number yMin = (Number) chromium.script("return " + RATIO + ".chart.scales.y.min;");
        Number yMax = (Number) chromium.script("return " + RATIO + ".chart.scales.y.max;");
        assertThat(yMin.doubleValue()).isGreaterThan(0).isLessThanOrEqualTo(3e-4);
        assertThat(yMax.doubleValue()).isGreaterThanOrEqualTo(3e-3);
        chromium.screenshot("chart-test-log-axis");
    }

    @Test
    void resetClearsTheDataAndNewPointsFollow() {
        chromium.waitForScript("return " + LOSS + ".chart.data.datasets[0].data.length >= 20;");
        double lastBefore = ((Number) chromium.script(
                "const d = " + LOSS + ".chart.data.datasets[0].data; return d[d.length - 1].x;")).doubleValue();

        chromium.driver().findElement(By.id("test-reset")).click();

        // After the reset the chart holds only points appended after it: all newer than the last one before.
        chromium.waitForScript("const d = " + LOSS + ".chart.data.datasets[0].data;"
                + " return d.length > 0 && d[0].x > arguments[0];", lastBefore);
        long after = lossPoints();
        assertThat(after).isLessThan((long) lastBefore);
    }

    @Test
    void comparisonSeriesCanBeAddedAndRemovedWhileRunning() {
        chromium.driver().findElement(By.id("test-compare")).click();
        chromium.waitForScript("return " + LOSS + ".chart.data.datasets.length === 3;");

        assertThat(chromium.script("return " + LOSS + ".chart.data.datasets[2].label;")).isEqualTo("B train loss");
        assertThat(chromium.script("return " + LOSS + ".chart.data.datasets[2].borderDash.length;")).isEqualTo(2L);
        assertThat(chromium.script("return " + LOSS + ".chart.data.datasets[2].data.length;")).isEqualTo(100L);
        chromium.screenshot("chart-test-compare");

        chromium.driver().findElement(By.id("test-uncompare")).click();
        chromium.waitForScript("return " + LOSS + ".chart.data.datasets.length === 2;");
    }

    @Test
    void darkThemeRecoloursTextAndGrid() {
        chromium.driver().findElement(By.id("test-dark")).click();
        chromium.waitForScript("return " + LOSS + ".chart.options.scales.x.ticks.color === '#d7dde8';");
        chromium.script("document.documentElement.setAttribute('theme', 'dark');");
        chromium.waitForScript("return " + LOSS + ".chart.data.datasets[0].data.length >= 30;");
        chromium.screenshot("chart-test-dark");
    }

    private long lossPoints() {
        return (Long) chromium.script("return " + LOSS + ".chart.data.datasets[0].data.length;");
    }
}
