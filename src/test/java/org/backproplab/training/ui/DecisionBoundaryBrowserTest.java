package org.backproplab.training.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.backproplab.BackpropLabApplication;
import org.backproplab.testsupport.OneBrowserPerClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The decision boundary and the network diagram in a real headless Chromium (Vaadin development mode, dev bundle),
 * on the test-only route {@link BoundaryTestView}: reads drawn pixels, hovers units and edges, toggles test points,
 * and saves light and dark screenshots under target/screenshots.
 */
@SpringBootTest(classes = BackpropLabApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DecisionBoundaryBrowserTest extends OneBrowserPerClass {

    private static final String BOUNDARY = "document.getElementById('decision-boundary')";
    private static final String DIAGRAM = "document.getElementById('network-diagram')";
    /** Returns [r, g, b] of the boundary canvas at a raw point (x1, x2) of the input square. */
    private static final String PIXEL_AT = pixelAt(BOUNDARY);

    @LocalServerPort
    private int port;

    @BeforeAll
    void prepareBrowser() {
        // While the committed dev bundle lacks these modules, dev mode rebuilds it (npm + Vite) on first start:
        // keep reopening the page until the elements are defined.
        chromium.waitUntil(driver -> {
            driver.get("http://localhost:" + port + "/visuals-test");
            return chromium.script("return new Promise(done => setTimeout(() => done(!!customElements.get("
                    + "'bpl-network-diagram')), 3000));");
        }, Duration.ofMinutes(8));
    }

    @BeforeEach
    void openTestPage() {
        chromium.open("http://localhost:" + port + "/visuals-test");
        chromium.waitForScript("return !!customElements.get('bpl-decision-boundary')"
                + " && !!customElements.get('bpl-network-diagram') && !!" + BOUNDARY + " && !!" + DIAGRAM
                + " && " + DIAGRAM + ".shadowRoot.querySelectorAll('.unit').length > 0;");
        chromium.waitForVaadin();
    }

    @Test
    void heatmapShowsTheNetworkOutputWithPointsOnTop() {
        // The demo network answers class 1 (blue) inside the circle and class 0 (orange) outside.
        chromium.waitForScript("const p = (() => {" + PIXEL_AT + "})(); return p[2] > p[0];", 0.3, 0.2);
        List<?> inside = (List<?>) chromium.script(PIXEL_AT, 0.3, 0.2);
        List<?> corner = (List<?>) chromium.script(PIXEL_AT, -5.8, 5.8);
        assertThat(number(inside.get(2))).isGreaterThan(number(inside.get(0)));
        assertThat(number(corner.get(0))).isGreaterThan(number(corner.get(2)));
        assertThat(chromium.script("return " + BOUNDARY + ".getAttribute('role');")).isEqualTo("img");
        assertThat((String) chromium.script("return " + BOUNDARY + ".getAttribute('aria-label');"))
                .contains("150 training points", "60 test points shown");

        chromium.driver().findElement(By.id("show-test")).click();
        chromium.waitForScript("return " + BOUNDARY + ".showTestPoints === false;");
        assertThat((String) chromium.script("return " + BOUNDARY + ".getAttribute('aria-label');"))
                .contains("60 test points hidden");
        chromium.driver().findElement(By.id("show-test")).click();
        chromium.waitForScript("return " + BOUNDARY + ".showTestPoints === true;");
    }

    @Test
    void diagramDrawsUnitsEdgesDeadUnitsAndHighlight() {
        SearchContext shadow = chromium.driver().findElement(By.id("network-diagram")).getShadowRoot();
        assertThat(shadow.findElements(By.cssSelector(".unit"))).hasSize(2 + 6 + 3 + 1);
        assertThat(shadow.findElements(By.cssSelector("path.edge"))).hasSize(2 * 6 + 6 * 3 + 3);
        List<WebElement> dead = shadow.findElements(By.cssSelector(".unit.dead"));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getDomAttribute("data-column")).isEqualTo("1");
        assertThat(dead.get(0).getDomAttribute("data-unit")).isEqualTo("5");
        assertThat(shadow.findElement(By.cssSelector(".highlight")).isDisplayed()).isTrue();

        // Edge colours follow the weights' signs: hidden 2 → output weights are 4, 0.5, 2 (blue).
        Object strokes = chromium.script("return [..." + DIAGRAM + ".shadowRoot.querySelectorAll('path.edge')]"
                + ".slice(-3).map(p => p.style.stroke);");
        assertThat((List<?>) strokes).allSatisfy(stroke -> assertThat(stroke).isEqualTo("rgb(8, 119, 189)"));

        new Actions(chromium.driver()).moveToElement(dead.get(0)).perform();
        chromium.waitForScript("const t = " + DIAGRAM + ".shadowRoot.querySelector('.tooltip');"
                + " return !t.hidden && t.textContent.includes('dead');");
        String tooltip = (String) chromium.script("return " + DIAGRAM
                + ".shadowRoot.querySelector('.tooltip').textContent;");
        assertThat(tooltip).contains("Hidden 1", "unit 6", "relu", "bias −100");
        chromium.screenshot("visuals-test-light");

        // (-1, 5.5): outside the circle, clear of the axis line and its label.
        List<?> light = (List<?>) chromium.script(PIXEL_AT, -1.0, 5.5);
        double lightSum = number(light.get(0)) + number(light.get(1)) + number(light.get(2));
        chromium.script("document.documentElement.setAttribute('theme', 'dark');");
        // Lumo's dark base colour reaches the canvas: the neutral end of the scale darkens.
        chromium.waitForScript("const p = (() => {" + PIXEL_AT + "})(); return p[0] + p[1] + p[2] < arguments[2];",
                -1.0, 5.5, lightSum - 120);
        chromium.screenshot("visuals-test-dark");
        chromium.script("document.documentElement.removeAttribute('theme');");
    }

    @Test
    void multiclassBoundaryColoursByClass() {
        String pixel = pixelAt("document.getElementById('multiclass-boundary')");
        // Bottom centre: class 2 (green); left: class 1 (blue); top right: class 0 (orange).
        chromium.waitForScript("const d = (() => {" + pixel + "})(); return d[1] > d[0] && d[1] > d[2];", 0.0, -5.5);
        List<?> blue = (List<?>) chromium.script(pixel, -5.5, 0.0);
        List<?> orange = (List<?>) chromium.script(pixel, 4.0, 4.0);
        assertThat(number(blue.get(2))).isGreaterThan(number(blue.get(0)));
        assertThat(number(orange.get(0))).isGreaterThan(number(orange.get(2)));

    }

    /** A script returning [r, g, b] of a boundary element's canvas at the raw point (arguments[0], arguments[1]). */
    private static String pixelAt(String element) {
        return """
                const canvas = %s.shadowRoot.querySelector('canvas');
                const side = Math.min(canvas.width, canvas.height);
                const x = (canvas.width - side) / 2 + (arguments[0] + 6) / 12 * side;
                const y = (canvas.height - side) / 2 + (6 - arguments[1]) / 12 * side;
                const d = canvas.getContext('2d').getImageData(Math.floor(x), Math.floor(y), 1, 1).data;
                return [d[0], d[1], d[2]];""".formatted(element);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
