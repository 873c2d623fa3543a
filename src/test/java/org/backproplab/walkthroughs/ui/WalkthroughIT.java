package org.backproplab.walkthroughs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.backproplab.testsupport.OneBrowserPerClass;
import org.backproplab.testsupport.ProductionServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A walkthrough end to end in headless Chromium against the packaged production jar: the list, the dead-ReLU page,
 * its first Run button opening the lab with the preset, the lab training, and the DEAD_RELU finding appearing in
 * the findings panel; then a remedy run beside it, and the two explainer pages. Screenshots in
 * {@code target/screenshots/}.
 */
@ExtendWith(ProductionServer.class)
class WalkthroughIT extends OneBrowserPerClass {

    @BeforeAll
    void prepareBrowser() {
        chromium.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1366, 1000));
    }

    @Test
    void deadReluWalkthroughRunsInTheLabAndTheFindingAppears(ProductionServer.App app) {
        chromium.open(app.url("/walkthroughs"));
        chromium.waitForVaadin();
        chromium.waitForScript("return document.querySelectorAll('.walkthrough-card').length >= 5;");
        assertThat(chromium.script("return document.title;")).isEqualTo("Walkthroughs · Backprop Lab");
        chromium.screenshot("walkthrough-1-list");

        chromium.open(app.url("/walkthroughs/dead-relu"));
        chromium.waitForVaadin();
        chromium.waitForScript("return document.querySelector('.step-run') !== null;");
        assertThat(chromium.script("return document.title;")).isEqualTo("Dead ReLU units · Backprop Lab");
        String label = String.valueOf(chromium.script("return document.querySelector('.step-run').textContent.trim();"));
        assertThat(label).startsWith("Run");
        chromium.screenshot("walkthrough-2-dead-relu");

        chromium.script("document.querySelector('.step-run').click();");
        chromium.waitForScript("return document.getElementById('lab') !== null;");
        String search = String.valueOf(chromium.script("return decodeURIComponent(location.search);"));
        assertThat(search).contains("dataset=circle").contains("lr=1").contains("activation=relu");
        // The lab trains: the loss chart gains points over push.
        chromium.waitForScript("const el = document.getElementById('loss-chart');"
                + " return !!(el && el.chart && el.chart.data.datasets[0] && el.chart.data.datasets[0].data.length >= 3);");
        chromium.waitUntil(driver -> Boolean.TRUE.equals(chromium.script(
                "return document.querySelector('#findings [data-kind=\"DEAD_RELU\"]') !== null;")) ? true : null,
                Duration.ofSeconds(60));
        String finding = String.valueOf(chromium.script(
                "return document.querySelector('#findings [data-kind=\"DEAD_RELU\"]').textContent;"));
        assertThat(finding).contains("Dead ReLU units").contains("Evidence:");
        chromium.script("document.getElementById('findings').scrollIntoView({block: 'start'});");
        chromium.screenshot("walkthrough-3-lab-finding");

        // One click on the first remedy runs the fix beside it, overlaid on the charts.
        chromium.script("document.querySelector('#findings [data-kind=\"DEAD_RELU\"] .remedy').click();");
        chromium.waitForScript("const bar = document.getElementById('comparison');"
                + " return bar && !bar.hidden && bar.textContent.includes('B: ');");
        chromium.waitForScript("const el = document.getElementById('loss-chart');"
                + " return el.chart.data.datasets.some(d => d.label.startsWith('B: ') && d.data.length >= 3);");
        chromium.script("document.getElementById('comparison').scrollIntoView({block: 'start'});");
        chromium.screenshot("walkthrough-4-comparison");
    }

    @Test
    void explainerPagesShowTheStepThroughAndTheDropoutMask(ProductionServer.App app) {
        chromium.open(app.url("/walkthroughs/backpropagation"));
        chromium.waitForVaadin();
        chromium.waitForScript("return document.getElementById('trace-next') !== null;");
        for (int i = 0; i < 6; i++) {
            chromium.script("document.getElementById('trace-next').click();");
            chromium.waitForVaadin();
        }
        chromium.script("document.getElementById('backprop-stepper').scrollIntoView({block: 'start'});");
        assertThat(String.valueOf(chromium.script(
                "return document.querySelector('#backprop-stepper h4').textContent;"))).startsWith("Backward pass");
        assertThat(chromium.script("return document.querySelector('#backprop-stepper svg circle[data-focus]') !== null;"))
                .isEqualTo(true);
        chromium.screenshot("walkthrough-5-step-through");

        chromium.open(app.url("/walkthroughs/dropout"));
        chromium.waitForVaadin();
        chromium.waitForScript("return document.querySelector('#dropout-mask svg') !== null;");
        chromium.script("document.getElementById('dropout-mask').scrollIntoView({block: 'start'});");
        long crosses = ((Number) chromium.script(
                "return document.querySelectorAll('#dropout-mask .dropped-cross').length;")).longValue();
        assertThat(crosses).isPositive();
        chromium.screenshot("walkthrough-6-dropout");
    }
}
