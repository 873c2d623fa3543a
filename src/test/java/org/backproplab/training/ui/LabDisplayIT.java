package org.backproplab.training.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.util.List;
import java.util.Map;
import org.backproplab.testsupport.OneBrowserPerClass;
import org.backproplab.testsupport.ProductionServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How the lab's visuals read at 1366×768 in headless Chromium against the production jar: a deep, wide network
 * that diverges in epoch 1 (diagram texts must not overlap or be cut, single chart values must show, log axes
 * must be labelled 1e-3 style, the grey heatmap must be explained) and an ordinary XOR run. Screenshots of the
 * charts and of the boundary and diagram go to {@code target/screenshots/}.
 */
@ExtendWith(ProductionServer.class)
class LabDisplayIT extends OneBrowserPerClass {

    private static final String DIVERGING = "/?dataset=spiral&layers=32,32,32,32,32,32,32,32&activation=relu"
            + "&init=normal&initScale=1";
    private static final String XOR = "/?dataset=xor&layers=4,4&lr=0.1&epochs=200&seed=3";
    private static final List<String> LOG_CHARTS = List.of(LabCharts.GRADIENT, LabCharts.UPDATE_RATIO);
    private static final String DIAGRAM_ROOT = "document.getElementById('network-diagram').shadowRoot";
    private static final String BOUNDARY_CAPTION =
            "document.getElementById('decision-boundary').shadowRoot.querySelector('.no-value')";

    /** Pairs of diagram texts (column headers, "+N more" labels) whose boxes intersect; empty when legible. */
    private static final String OVERLAPPING_TEXTS = """
            const root = %s;
            const boxes = [...root.querySelectorAll('.header, .more')].filter(e => e.textContent.trim())
                .map(e => ({text: e.textContent, box: e.getBoundingClientRect()}));
            const overlaps = [];
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i].box, b = boxes[j].box;
              if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
                overlaps.push(boxes[i].text + ' / ' + boxes[j].text);
            }
            return overlaps;""".formatted(DIAGRAM_ROOT);

    /** Header and footer lines whose text is cut (wider than their box) or that leave the diagram. */
    private static final String CUT_TEXTS = """
            const host = document.getElementById('network-diagram').getBoundingClientRect();
            return [...%s.querySelectorAll('.header > div, .more')].filter(e => e.textContent.trim())
                .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > host.right + 1
                    || e.getBoundingClientRect().left < host.left - 1 || e.getBoundingClientRect().bottom > host.bottom)
                .map(e => e.textContent);""".formatted(DIAGRAM_ROOT);

    @Test
    void aDeepRunThatDivergesInEpochOneStaysLegible(ProductionServer.App app) {
        chromium.open(app.url(DIVERGING));
        chromium.waitForVaadin();
        chromium.click("play");
        chromium.waitForScript("return document.getElementById('run-state').textContent.trim().startsWith('Diverged');");
        chromium.waitForVaadin();
        chromium.waitForScript("return document.getElementById('decision-boundary').output !== null;");
        chromium.script("document.getElementById('" + LabCharts.LOSS + "').scrollIntoView();");
        chromium.screenshot("display-1-diverged-charts");
        chromium.script("document.getElementById('network-diagram').scrollIntoView({block: 'end'});");
        chromium.screenshot("display-2-diverged-diagram");

        // The network diagram: ten columns of texts, none overlapping, none cut.
        assertThat(chromium.script(OVERLAPPING_TEXTS)).asInstanceOf(LIST)
                .isEmpty();
        assertThat(chromium.script(CUT_TEXTS)).asInstanceOf(LIST)
                .isEmpty();
        // Hidden 1 draws 16 of its 32 units and counts the rest; dead counts stand beside a glyph that is explained.
        assertThat(String.valueOf(chromium.script("return " + DIAGRAM_ROOT + ".querySelectorAll('.more')[1].textContent;")))
                .startsWith("+16");
        assertThat(chromium.script("return " + DIAGRAM_ROOT + ".querySelector('.dead-count .glyph') === null || !"
                + DIAGRAM_ROOT + ".querySelector('.legend').hidden;")).isEqualTo(true);

        // The grey heatmap says why it is grey.
        assertThat(String.valueOf(chromium.script("return " + BOUNDARY_CAPTION + ".textContent;")))
                .contains("diverged");

        // Every series that holds a finite value draws a marker for it, since a single value makes no line.
        for (String chart : List.of(LabCharts.LOSS, LabCharts.GRADIENT, LabCharts.ACTIVATION)) {
            assertThat(chromium.script("""
                    const chart = document.getElementById(arguments[0]).chart;
                    return chart.data.datasets.filter(d => d.data.some(p => p.y !== null))
                        .every(d => (Array.isArray(d.pointRadius) ? Math.max(...d.pointRadius) : d.pointRadius) > 0);
                    """, chart)).as(chart).isEqualTo(true);
        }
        assertLogAxesReadable();
    }

    @Test
    void anOrdinaryXorRunDrawsLinesWithoutMarkersAndNoCaption(ProductionServer.App app) {
        chromium.open(app.url(XOR));
        chromium.waitForVaadin();
        chromium.click("play");
        chromium.waitForScript("return document.getElementById('run-state').textContent.trim() === 'Completed';");
        chromium.waitForVaadin();
        chromium.waitForScript("return document.getElementById('" + LabCharts.LOSS + "').chart.data.datasets[0]"
                + ".data.length === 200;");
        chromium.script("document.getElementById('" + LabCharts.LOSS + "').scrollIntoView();");
        chromium.screenshot("display-3-xor-charts");
        chromium.script("document.getElementById('network-diagram').scrollIntoView({block: 'end'});");
        chromium.screenshot("display-4-xor-diagram");

        assertThat(chromium.script("return document.getElementById(arguments[0]).chart.data.datasets[0].pointRadius;",
                LabCharts.LOSS)).isEqualTo(0L);
        assertThat(chromium.script("return " + BOUNDARY_CAPTION + ".hidden;")).isEqualTo(true);
        assertThat(chromium.script(OVERLAPPING_TEXTS)).asInstanceOf(LIST)
                .isEmpty();
        assertThat(chromium.script(CUT_TEXTS)).asInstanceOf(LIST)
                .isEmpty();
        assertLogAxesReadable();
    }

    /** Log axes span whole decades and label them 0.01, 0.1, 1, 10 or 1e-3, 1e92: never 1E92 or 0.94. */
    private void assertLogAxesReadable() {
        for (String chart : LOG_CHARTS) {
            @SuppressWarnings("unchecked")
            Map<String, Object> axis = (Map<String, Object>) chromium.script("""
                    const y = document.getElementById(arguments[0]).chart.scales.y;
                    return {min: y.min, max: y.max, labels: y.ticks.map(t => String(t.label))};""", chart);
            double min = ((Number) axis.get("min")).doubleValue();
            double max = ((Number) axis.get("max")).doubleValue();
            assertThat(Math.log10(max / min)).as(chart + " decades").isGreaterThanOrEqualTo(0.999);
            assertThat(axis.get("labels")).asInstanceOf(LIST)
                    .as(chart + " tick labels").isNotEmpty()
                    .allSatisfy(label -> assertThat(String.valueOf(label)).matches("[0-9.]+|[0-9.]+e-?[0-9]+"));
        }
    }
}
