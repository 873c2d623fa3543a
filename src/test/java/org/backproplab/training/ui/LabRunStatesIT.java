package org.backproplab.training.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backproplab.testsupport.OneBrowserPerClass;
import org.backproplab.testsupport.ProductionServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

/**
 * The lab's less common run states in headless Chromium against the packaged production jar: a run that diverges
 * (and what play does then), a run that waits QUEUED while the server is full and starts when a slot frees, and
 * CSV data uploaded through the real upload widget, good and bad. Screenshots go to {@code target/screenshots/}.
 */
@ExtendWith(ProductionServer.class)
class LabRunStatesIT extends OneBrowserPerClass {

    private static final Path UPLOADS = Paths.get("target", "it-uploads");
    private static final Pattern RUN_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    /** A small API run that trains far longer than the test: it holds one of the server's slots until stopped. */
    private static final String SLOT_HOLDER = """
            {"dataset": {"name": "spiral", "samples": 1000}, "network": {"hiddenLayers": [16, 16]},
             "training": {"epochs": 100000}}""";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void divergedRunNamesTheLayerAndKindAndPlayRestartsIt(ProductionServer.App app) {
        chromium.open(app.url("/?" + LabViewTest.EXPLODING));
        chromium.waitForVaadin();
        chromium.click("play");
        chromium.waitForScript("return document.getElementById('run-state').textContent.trim().startsWith('Diverged');");
        chromium.waitForVaadin();
        // Fixed seeds: the first non-finite value is always an activation of hidden layer 6, in epoch 1.
        assertThat(chromium.text("run-state")).isEqualTo("Diverged: NaN/∞ activation in hidden layer 6");
        assertThat(chromium.script("return document.getElementById('run-state').getAttribute('theme');"))
                .asString().contains("error");
        assertThat(buttonLabel("play")).isEqualTo("Restart");
        assertThat(chromium.script("return document.getElementById('step').hasAttribute('disabled');")).isEqualTo(false);
        chromium.waitForScript("return document.getElementById('findings').textContent.includes('Training diverged');");
        chromium.screenshot("lab-7-diverged");
        // What the learner reads next: the finding with its remedies, and the layer settings that caused it.
        chromium.script("document.getElementById('findings').scrollIntoView();");
        chromium.screenshot("lab-7b-diverged-findings");
        chromium.script("document.getElementById('layer-activation-1').scrollIntoView();");
        assertThat(chromium.selectedLabel("layer-activation-1")).isEqualTo("(relu)");
        chromium.screenshot("lab-7c-diverged-settings");

        // Restart: a fresh run of the same settings, which diverges the same way (its findings are new ones).
        String firstRun = String.valueOf(chromium.script("return location.search;"));
        chromium.click("play");
        chromium.waitForScript("return document.getElementById('run-state').textContent.trim().startsWith('Diverged');");
        chromium.waitForVaadin();
        assertThat(chromium.text("run-state")).isEqualTo("Diverged: NaN/∞ activation in hidden layer 6");
        assertThat(String.valueOf(chromium.script("return location.search;"))).isEqualTo(firstRun);
        chromium.click("reset");
        chromium.waitForScript("return document.getElementById('run-state').textContent.trim() === 'Ready';");
        assertThat(buttonLabel("play")).isEqualTo("Play");
    }

    @Test
    void aLabRunWaitsQueuedWhileTheServerIsFullAndStartsWhenASlotFrees(ProductionServer.App app) throws Exception {
        List<String> holders = new ArrayList<>();
        try {
            // Fill every slot of the server-wide limit with API runs: the first refusal (429) means it is full.
            for (int attempt = 0; attempt < 64; attempt++) {
                HttpResponse<String> response = post(app.url("/api/runs"), SLOT_HOLDER);
                if (response.statusCode() == 429) {
                    break;
                }
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                Matcher id = RUN_ID.matcher(response.body());
                assertThat(id.find()).as(response.body()).isTrue();
                holders.add(id.group(1));
            }
            assertThat(holders).as("API runs holding the slots").isNotEmpty().hasSizeLessThan(64);

            chromium.open(app.url("/?dataset=xor&layers=4,4&lr=0.1&epochs=300&seed=3"));
            chromium.waitForVaadin();
            chromium.click("play");
            chromium.waitForScript("return document.getElementById('run-state').textContent.trim() === arguments[0];",
                    LabView.QUEUED_TEXT);
            chromium.waitForVaadin();
            assertThat(chromium.text("epoch")).isEqualTo("0");
            assertThat(buttonLabel("play")).isEqualTo("Pause");
            chromium.screenshot("lab-8-queued");

            // One slot frees: the queued run starts by itself and trains to its limit.
            assertThat(post(app.url("/api/runs/" + holders.removeFirst() + "/stop"), "").statusCode()).isEqualTo(200);
            chromium.waitForScript("return Number(document.getElementById('epoch').textContent) >= 1;");
            chromium.waitForScript("return document.getElementById('run-state').textContent.trim() === 'Completed';");
            assertThat(chromium.text("epoch")).isEqualTo("300");
            chromium.screenshot("lab-9-started-after-queue");
        } finally {
            for (String id : holders) {
                post(app.url("/api/runs/" + id + "/stop"), "");
            }
        }
    }

    @Test
    void csvUploadedThroughTheUploadWidgetTrainsAndABadOneNamesRowAndColumn(ProductionServer.App app)
            throws IOException {
        Files.createDirectories(UPLOADS);
        StringBuilder good = new StringBuilder("height,weight,label\n");
        for (int i = 0; i < 60; i++) {
            double height = -3 + 6 * ((i * 37) % 60) / 60.0;
            double weight = -3 + 6 * ((i * 11) % 60) / 60.0;
            good.append(String.format(Locale.ROOT, "%.3f,%.3f,%d%n", height, weight, height + weight > 0 ? 1 : 0));
        }
        Path goodFile = Files.writeString(UPLOADS.resolve("two-blobs.csv"), good);
        Path badFile = Files.writeString(UPLOADS.resolve("broken.csv"), "x1,x2,label\n1,2,0\n3,abc,1\n0,1,1\n");

        chromium.open(app.url("/?layers=4&lr=0.1&epochs=40&seed=2"));
        chromium.waitForVaadin();
        upload(goodFile);
        chromium.waitForScript("""
                return [...document.querySelectorAll('vaadin-notification-card')]
                    .some(card => card.textContent.includes('Loaded two-blobs.csv: 60 rows, 2 inputs'));""");
        chromium.waitForScript("return decodeURIComponent(location.search).includes('dataset=inline');");
        assertThat(chromium.selectedLabel("dataset")).isEqualTo("Uploaded: two-blobs.csv");
        chromium.screenshot("lab-10-csv-loaded");

        chromium.click("play");
        chromium.waitForScript("return document.getElementById('run-state').textContent.trim() === 'Completed';");
        assertThat(chromium.text("epoch")).isEqualTo("40");
        chromium.waitForScript("return (document.getElementById('" + LabCharts.LOSS
                + "').chart.data.datasets[0]?.data.length ?? 0) === 40;");
        // The network has one input per feature column of the upload.
        assertThat(chromium.script("return document.getElementById('network-diagram').structure.columns[0].units;"))
                .isEqualTo(2L);
        chromium.screenshot("lab-11-csv-trained");

        upload(badFile);
        chromium.waitForScript("""
                return [...document.querySelectorAll('vaadin-notification-card')].some(card => {
                    const text = card.textContent.toLowerCase();
                    return text.includes('could not load broken.csv: row 3, column 2');
                });""");
        // The message is on screen (not still sliding in) for the screenshot.
        chromium.waitForScript("""
                return [...document.querySelectorAll('vaadin-notification-card')].some(card =>
                    card.textContent.toLowerCase().includes('row 3') && !card.hasAttribute('opening')
                    && card.getBoundingClientRect().bottom <= window.innerHeight
                    && card.getBoundingClientRect().top >= 0);""");
        // The rejected file changes nothing: the earlier upload is still the dataset.
        assertThat(chromium.selectedLabel("dataset")).isEqualTo("Uploaded: two-blobs.csv");
        chromium.screenshot("lab-12-csv-rejected");
    }

    /** Hands a file to the upload widget's file input, as choosing it in the file dialog does. */
    private void upload(Path file) {
        String fileInput = """
                const upload = document.getElementById('upload');
                return upload && (upload.querySelector('input[type=file]')
                    || (upload.shadowRoot && upload.shadowRoot.querySelector('input[type=file]')));""";
        // The widget may still be upgrading right after the page settles: wait for its input instead of racing it.
        chromium.waitForScript(fileInput);
        WebElement input = (WebElement) chromium.script(fileInput);
        assertThat(input).as("the upload widget's file input").isNotNull();
        input.sendKeys(file.toAbsolutePath().toString());
    }

    private HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A button's own label (its text nodes; the tooltip element inside it has text too). */
    private String buttonLabel(String id) {
        return String.valueOf(chromium.script("""
                return [...document.getElementById(arguments[0]).childNodes]
                    .filter(node => node.nodeType === Node.TEXT_NODE).map(node => node.textContent).join('').trim();""",
                id));
    }
}
