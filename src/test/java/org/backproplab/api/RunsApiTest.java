package org.backproplab.api;

import static org.backproplab.api.ApiTestSupport.assertShape;
import static org.backproplab.api.ApiTestSupport.get;
import static org.backproplab.api.ApiTestSupport.matrix;
import static org.backproplab.api.ApiTestSupport.patient;
import static org.backproplab.api.ApiTestSupport.post;
import static org.backproplab.api.ApiTestSupport.read;
import static org.backproplab.api.ApiTestSupport.runToEnd;
import static org.backproplab.api.ApiTestSupport.smallRun;
import static org.backproplab.api.ApiTestSupport.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backproplab.config.RunConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Each endpoint's happy path against the running application (Tomcat on a random port, Vaadin included). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"backprop.limits.wait-timeout=4s", "backprop.limits.runs-total=6"})
@AutoConfigureWebTestClient
class RunsApiTest {

    @Autowired
    WebTestClient client;

    /** Run JSON grows with every epoch; long runs answer megabytes. */
    @org.junit.jupiter.api.BeforeEach
    void allowLargeBodies() {
        client = client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(256 * 1024 * 1024)).build();
    }

    @LocalServerPort
    int port;

    @TempDir
    Path temp;

    @Test
    void datasetsListsTheCatalogueWithTasksAndSizes() {
        JsonNode datasets = get(client, "/api/datasets");
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        datasets.forEach(d -> byName.put(d.get("name").asString(), d));
        assertTrue(byName.keySet().containsAll(List.of("circle", "xor", "gauss", "spiral", "moons", "plane",
                "multi-gauss", "iris", "digits")), byName.keySet().toString());
        assertEquals("binary", byName.get("spiral").get("task").asString());
        assertEquals(2, byName.get("spiral").get("inputDimension").asInt());
        assertEquals("multiclass", byName.get("iris").get("task").asString());
        assertEquals(3, byName.get("iris").get("classes").asInt());
        assertEquals("regression", byName.get("plane").get("task").asString());
        assertTrue(byName.get("digits").get("rows").asInt() > 100);
    }

    @Test
    void presetsListEveryWalkthroughStepsPresetWithACompleteConfig() {
        JsonNode presets = get(client, "/api/presets");
        assertTrue(presets.size() >= 5, presets.toString());
        List<String> ids = new ArrayList<>();
        for (JsonNode preset : presets) {
            assertEquals(List.of("id", "title", "config"), List.copyOf(preset.propertyNames()));
            assertTrue(preset.at("/config/training").has("learningRate"), "defaults are filled in");
            assertFalse(preset.at("/config/dataset").has("inline"));
            ids.add(preset.get("id").asString());
        }
        assertTrue(ids.stream().anyMatch(id -> id.startsWith("vanishing-gradients-")), ids.toString());
        // A preset's configuration is a valid request body as it stands.
        ObjectNode config = (ObjectNode) presets.get(0).get("config");
        ((ObjectNode) config.get("training")).put("epochs", 2);
        assertEquals("COMPLETED", runToEnd(client, config.toString()).get("state").asString());
    }

    @Test
    void createAnswers201WithLocationAndTheRunInTheContractShape() {
        EntityExchangeResult<byte[]> created = client.post().uri("/api/runs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(smallRun(30)).exchange().expectStatus().isCreated()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult();
        JsonNode run = read(created.getResponseBody());
        String id = run.get("id").asString();
        assertTrue(id.length() >= 16, "ids are long enough not to be guessed: " + id);
        assertTrue(created.getResponseHeaders().getLocation().toString().endsWith("/api/runs/" + id));
        assertEquals(List.of("id", "state", "config", "epochs", "findings"), List.copyOf(run.propertyNames()));
        // Defaults are filled in.
        assertEquals("sgd", run.at("/config/training/optimizer").asString());
        assertEquals(0.5, run.at("/config/dataset/testFraction").asDouble());

        patient(client).get().uri("/api/runs/" + id + "/events").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .returnResult(String.class).getResponseBody().blockLast(Duration.ofSeconds(60));
        JsonNode ended = get(client, "/api/runs/" + id);
        assertFalse(ended.at("/config/dataset").has("inline"), "only the contract's fields");
        // The run's own configuration posts back unchanged.
        assertEquals(ended.get("config"), runToEnd(client, ended.get("config").toString()).get("config"));
        assertEquals(List.of("id", "state", "config", "epochs", "findings"), List.copyOf(ended.propertyNames()));
        assertEquals("COMPLETED", ended.get("state").asString());
        assertEquals(30, ended.get("epochs").size());
        JsonNode epoch = ended.get("epochs").get(29);
        assertEquals(30, epoch.get("epoch").asInt());
        for (String field : List.of("trainLoss", "testLoss", "trainAccuracy", "testAccuracy", "layers", "nonFinite")) {
            assertTrue(epoch.has(field), field);
        }
        assertEquals(3, epoch.get("layers").size(), "two hidden layers, then the output layer");
        assertTrue(epoch.at("/layers/0").has("gradientNorm"));
    }

    @Test
    void waitTrueAnswersTheEndedRun() {
        JsonNode run = runToEnd(client, smallRun(25));
        assertEquals("COMPLETED", run.get("state").asString());
        assertEquals(25, run.get("epochs").size());
    }

    @Test
    void waitTrueAnswers202WithTheRunSoFarWhenTheWaitTimesOut() throws Exception {
        // Plain HttpClient: the run so far is large (thousands of epoch reports) for a buffering test client.
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/runs?wait=true"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(longRun())).build();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(202, response.statusCode());
        JsonNode run = read(response.body());
        String id = run.get("id").asString();
        try {
            assertTrue(response.headers().firstValue("Location").orElseThrow().endsWith("/api/runs/" + id));
            assertEquals("RUNNING", run.get("state").asString());
            assertTrue(run.get("epochs").size() < 100000);
        } finally {
            post(client, "/api/runs/" + id + "/stop", "");
        }
    }

    @Test
    void eventStreamDeliversEveryEpochInOrderThenTheFinalStateAndEnds() {
        JsonNode run = start(client, smallRun(40));
        String id = run.get("id").asString();
        List<ServerSentEvent<String>> events = stream(id);

        List<Integer> epochs = new ArrayList<>();
        for (ServerSentEvent<String> event : events) {
            if ("epoch".equals(event.event())) {
                JsonNode report = ApiTestSupport.JSON.readTree(event.data());
                epochs.add(report.get("epoch").asInt());
                assertEquals(report.get("epoch").asString(), event.id());
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int e = 1; e <= 40; e++) {
            expected.add(e);
        }
        assertEquals(expected, epochs);
        ServerSentEvent<String> last = events.getLast();
        assertEquals("state", last.event());
        assertEquals("COMPLETED", ApiTestSupport.JSON.readTree(last.data()).get("state").asString());

        // Reconnecting after the end replays the history and still ends with the final state.
        List<ServerSentEvent<String>> replay = stream(id);
        assertEquals(40, replay.stream().filter(e -> "epoch".equals(e.event())).count());
        assertEquals("COMPLETED", ApiTestSupport.JSON.readTree(replay.getLast().data()).get("state").asString());
        assertEquals(1, replay.stream().filter(e -> "state".equals(e.event())).count());
    }

    @Test
    void liveEventStreamStartsWithTheStateAndEndsWhenTheRunIsStopped() throws Exception {
        String id = start(client, longRun()).get("id").asString();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/runs/" + id + "/events"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<String[]> events = new ArrayList<>();
        String name = null;
        boolean stopped = false;
        // Reads the raw stream: "event:" and "data:" lines, a blank line ends an event. Ends when the server closes.
        for (var lines = response.body().iterator(); lines.hasNext(); ) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                name = line.substring("event:".length()).trim();
            } else if (line.startsWith("data:")) {
                events.add(new String[] {name, line.substring("data:".length())});
                if ("epoch".equals(name) && !stopped) {
                    post(client, "/api/runs/" + id + "/stop", "");
                    stopped = true;
                }
            }
        }
        assertTrue(stopped, "saw an epoch before the end");
        assertEquals("state", events.getFirst()[0]);
        JsonNode first = ApiTestSupport.JSON.readTree(events.getFirst()[1]);
        assertEquals(List.of("id", "state", "epoch"), List.copyOf(first.propertyNames()));
        assertEquals("RUNNING", first.get("state").asString());
        String[] last = events.getLast();
        assertEquals("state", last[0]);
        assertEquals("STOPPED", ApiTestSupport.JSON.readTree(last[1]).get("state").asString());
        int previous = 0;
        for (String[] event : events) {
            if ("epoch".equals(event[0])) {
                int epoch = ApiTestSupport.JSON.readTree(event[1]).get("epoch").asInt();
                assertEquals(previous + 1, epoch, "epochs arrive in order without gaps");
                previous = epoch;
            }
        }
    }

    @Test
    void eventStreamCarriesFindings() {
        // A learning rate far too high: the diagnosis speaks up (and the run may diverge).
        String config = """
                {"dataset": {"name": "circle", "samples": 200, "seed": 2},
                 "network": {"hiddenLayers": [8, 8], "activation": "relu"},
                 "training": {"learningRate": 10, "batchSize": 4, "epochs": 60, "seed": 2}}""";
        String id = start(client, config).get("id").asString();
        List<ServerSentEvent<String>> events = stream(id);
        List<ServerSentEvent<String>> findings = events.stream().filter(e -> "finding".equals(e.event())).toList();
        assertFalse(findings.isEmpty(), "expected at least one finding event");
        JsonNode finding = ApiTestSupport.JSON.readTree(findings.getFirst().data());
        for (String field : List.of("kind", "epoch", "layer", "evidence", "message", "remedies")) {
            assertTrue(finding.has(field), field);
        }
        assertFalse(finding.has("chart"));
        JsonNode run = get(client, "/api/runs/" + id);
        assertEquals(findings.size(), run.get("findings").size());
        // A remedy's configuration is a complete request body: one POST runs the fix.
        JsonNode remedy = run.at("/findings/0/remedies/0/config");
        assertFalse(remedy.isMissingNode(), "the first finding offers a remedy");
        String fixed = start(client, remedy.toString()).get("id").asString();
        post(client, "/api/runs/" + fixed + "/stop", "");
        assertTrue(List.of("COMPLETED", "DIVERGED").contains(run.get("state").asString()));
    }

    @Test
    void pauseResumeAndStopSteerARun() {
        String id = start(client, longRun()).get("id").asString();
        assertEquals("PAUSED", post(client, "/api/runs/" + id + "/pause", "").get("state").asString());
        assertEquals("PAUSED", get(client, "/api/runs/" + id).get("state").asString());
        assertEquals("RUNNING", post(client, "/api/runs/" + id + "/resume", "").get("state").asString());
        assertEquals("STOPPED", post(client, "/api/runs/" + id + "/stop", "").get("state").asString());
        // An ended run cannot be paused or resumed; stopping it again changes nothing.
        JsonNode conflict = read(client.post().uri("/api/runs/" + id + "/resume").exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody());
        assertTrue(conflict.get("detail").asString().contains("STOPPED"));
        assertEquals("STOPPED", post(client, "/api/runs/" + id + "/stop", "").get("state").asString());
    }

    @Test
    void modelAndPredictAgreeWithAForwardPassComputedHere() {
        JsonNode run = runToEnd(client, smallRun(20));
        String id = run.get("id").asString();
        JsonNode weights = get(client, "/api/runs/" + id + "/model").get("weights");
        assertEquals(3, weights.size());
        assertShape(matrix(weights.get(0).get("kernel")), 2, 5);
        assertShape(matrix(weights.get(1).get("kernel")), 5, 4);
        assertShape(matrix(weights.get(2).get("kernel")), 4, 1);
        assertFalse(weights.get(0).has("gamma"), "no batch-norm fields without batch norm");

        double[][] x = {{0.1, -0.4}, {2.5, 1.0}, {-3, 4}};
        double[][] y = matrix(post(client, "/api/runs/" + id + "/predict",
                "{\"x\": " + ApiTestSupport.JSON.writeValueAsString(x) + "}").get("y"));
        assertShape(y, 3, 1);
        for (int r = 0; r < x.length; r++) {
            double[] h = x[r];
            for (int layer = 0; layer < 3; layer++) {
                double[][] kernel = matrix(weights.get(layer).get("kernel"));
                double[] bias = ApiTestSupport.vector(weights.get(layer).get("bias"));
                double[] next = bias.clone();
                for (int i = 0; i < h.length; i++) {
                    for (int j = 0; j < next.length; j++) {
                        next[j] += h[i] * kernel[i][j];
                    }
                }
                for (int j = 0; j < next.length; j++) {
                    next[j] = layer < 2 ? Math.tanh(next[j]) : 1 / (1 + Math.exp(-next[j]));
                }
                h = next;
            }
            assertEquals(h[0], y[r][0], 1e-12, "row " + r);
        }
    }

    @Test
    void modelFedBackAsNetworkWeightsWithATinyLearningRateReproducesThePredictions() {
        JsonNode first = runToEnd(client, smallRun(30));
        String id = first.get("id").asString();
        JsonNode model = get(client, "/api/runs/" + id + "/model");
        ObjectNode restart = (ObjectNode) ApiTestSupport.JSON.readTree(smallRun(1));
        ((ObjectNode) restart.get("network")).set("weights", model.get("weights"));
        ((ObjectNode) restart.get("training")).put("learningRate", 1e-9);
        JsonNode second = runToEnd(client, ApiTestSupport.JSON.writeValueAsString(restart));
        assertEquals("COMPLETED", second.get("state").asString());

        String x = "{\"x\": [[0.3, 0.2], [-1.5, 0.7], [2.0, -2.0], [0, 0]]}";
        double[][] before = matrix(post(client, "/api/runs/" + id + "/predict", x).get("y"));
        double[][] after = matrix(post(client, "/api/runs/" + second.get("id").asString() + "/predict", x).get("y"));
        for (int r = 0; r < before.length; r++) {
            assertArrayEquals(before[r], after[r], 1e-6, "row " + r);
        }
    }

    @Test
    void batchNormModelFedBackReproducesThePredictions() {
        String config = """
                {"dataset": {"name": "gauss", "samples": 100, "seed": 4},
                 "network": {"hiddenLayers": [4], "activation": "relu", "batchNorm": true},
                 "training": {"optimizer": "adam", "learningRate": 0.01, "batchSize": 10, "epochs": %d}}""";
        JsonNode first = runToEnd(client, config.formatted(20));
        String id = first.get("id").asString();
        JsonNode model = get(client, "/api/runs/" + id + "/model");
        assertTrue(model.at("/weights/0").has("movingVariance"));
        ObjectNode restart = (ObjectNode) ApiTestSupport.JSON.readTree(config.formatted(1));
        ((ObjectNode) restart.get("network")).set("weights", model.get("weights"));
        ((ObjectNode) restart.get("training")).put("learningRate", 1e-9);
        ((ObjectNode) restart.get("training")).put("optimizer", "sgd");
        JsonNode second = runToEnd(client, ApiTestSupport.JSON.writeValueAsString(restart));
        // The same dense weights without the batch-norm parameters: fresh running averages.
        for (JsonNode layer : restart.get("network").get("weights")) {
            ((ObjectNode) layer).remove(List.of("gamma", "beta", "movingMean", "movingVariance"));
        }
        JsonNode withoutNorm = runToEnd(client, ApiTestSupport.JSON.writeValueAsString(restart));
        String x = "{\"x\": [[0.3, 0.2], [-1.5, 0.7]]}";
        double[][] before = matrix(post(client, "/api/runs/" + id + "/predict", x).get("y"));
        double[][] after = matrix(post(client, "/api/runs/" + second.get("id").asString() + "/predict", x).get("y"));
        double[][] fresh = matrix(post(client, "/api/runs/" + withoutNorm.get("id").asString() + "/predict", x).get("y"));
        // The restart's one epoch leaves the weights as they were (lr 1e-9) but, as in Keras, still moves the
        // running averages by 1 % per batch towards the batch statistics: close, not bit-equal (the engine's
        // NetworkTest checks the restart itself is exact).
        double restartedGap = 0;
        double freshGap = 0;
        for (int r = 0; r < before.length; r++) {
            assertArrayEquals(before[r], after[r], 5e-3, "row " + r);
            restartedGap += Math.abs(before[r][0] - after[r][0]);
            freshGap += Math.abs(before[r][0] - fresh[r][0]);
        }
        assertTrue(restartedGap * 10 < freshGap, "restored batch norm is far closer than fresh running averages: "
                + restartedGap + " vs " + freshGap);
    }

    @Test
    void tensorFlowJsExportHasTheTopologyAndWeightsAndPredictsWhatPredictDoes() throws Exception {
        String config = """
                {"dataset": {"name": "iris", "seed": 5},
                 "network": {"hiddenLayers": [6, 5], "activations": ["leaky_relu", "elu"], "batchNorm": true},
                 "training": {"optimizer": "adam", "learningRate": 0.01, "batchSize": 16, "epochs": 15, "seed": 5}}""";
        JsonNode run = runToEnd(client, config);
        String id = run.get("id").asString();
        EntityExchangeResult<byte[]> download = client.get().uri("/api/runs/" + id + "/model.tfjs.zip").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/zip")
                .expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=.*\\.zip\"?")
                .expectBody().returnResult();
        Map<String, byte[]> files = TfjsModelExportTest.unzip(download.getResponseBody());
        JsonNode model = read(files.get("model.json"));
        List<String> classes = new ArrayList<>();
        model.at("/modelTopology/config/layers").forEach(l -> classes.add(l.get("class_name").asString()));
        assertEquals(List.of("InputLayer", "Dense", "BatchNormalization", "LeakyReLU", "Dense",
                "BatchNormalization", "Activation", "Dense"), classes);
        JsonNode output = model.at("/modelTopology/config/layers/7/config");
        assertEquals("softmax", output.get("activation").asString());
        assertEquals(3, output.get("units").asInt());
        List<String> shapes = new ArrayList<>();
        int floats = 0;
        for (JsonNode spec : model.at("/weightsManifest/0/weights")) {
            shapes.add(spec.get("name").asString() + spec.get("shape"));
            int size = 1;
            for (JsonNode d : spec.get("shape")) {
                size *= d.asInt();
            }
            floats += size;
        }
        assertEquals(List.of("dense_1/kernel[4,6]", "dense_1/bias[6]", "batch_normalization_1/gamma[6]",
                "batch_normalization_1/beta[6]", "batch_normalization_1/moving_mean[6]",
                "batch_normalization_1/moving_variance[6]", "dense_2/kernel[6,5]", "dense_2/bias[5]",
                "batch_normalization_2/gamma[5]", "batch_normalization_2/beta[5]",
                "batch_normalization_2/moving_mean[5]", "batch_normalization_2/moving_variance[5]",
                "dense_3/kernel[5,3]", "dense_3/bias[3]"), shapes);
        assertEquals(4 * 6 + 6 + 4 * 6 + 6 * 5 + 5 + 4 * 5 + 5 * 3 + 3, floats);
        assertEquals(4L * floats, files.get(TfjsModelExport.WEIGHTS_FILE).length);

        double[][] x = TfjsModelExportTest.randomRows(4, 12, 17);
        double[][] expected = matrix(post(client, "/api/runs/" + id + "/predict",
                "{\"x\": " + ApiTestSupport.JSON.writeValueAsString(x) + "}").get("y"));
        var node = NodeTfjs.find();
        if (node.isEmpty()) {
            System.out.println("SKIPPED tfjs-in-Node comparison with /predict: " + NodeTfjs.unavailableReason());
        }
        Assumptions.assumeTrue(node.isPresent(), () -> "tfjs in Node unavailable: " + NodeTfjs.unavailableReason());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(temp.resolve(file.getKey()), file.getValue());
        }
        double[][] actual = node.get().predict(temp, x);
        for (int r = 0; r < x.length; r++) {
            assertArrayEquals(expected[r], actual[r], 1e-5, "row " + r);
        }
    }

    @Test
    void epochsCsvHasOneRowPerEpochAndEmptyCellsForNulls() {
        String config = """
                {"dataset": {"name": "plane", "samples": 100, "seed": 1},
                 "network": {"hiddenLayers": [3], "activation": "relu"},
                 "training": {"learningRate": 0.01, "epochs": 12}}""";
        String id = runToEnd(client, config).get("id").asString();
        EntityExchangeResult<byte[]> result = client.get().uri("/api/runs/" + id + "/epochs.csv").exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody().returnResult();
        String[] lines = new String(result.getResponseBody(), StandardCharsets.UTF_8).split("\r\n");
        assertEquals(13, lines.length);
        List<String> header = List.of(lines[0].split(",", -1));
        assertEquals(List.of("epoch", "trainLoss", "testLoss", "trainAccuracy", "testAccuracy",
                "layer1.gradientNorm"), header.subList(0, 6));
        assertTrue(header.contains("layer2.saturatedFraction"));
        assertEquals("nonFinite", header.getLast());
        assertEquals(5 + 2 * 7 + 1, header.size());
        for (int e = 1; e <= 12; e++) {
            String[] cells = lines[e].split(",", -1);
            assertEquals(header.size(), cells.length);
            assertEquals(Integer.toString(e), cells[0]);
            assertFalse(cells[1].isEmpty());
            assertEquals("", cells[header.indexOf("trainAccuracy")], "regression has no accuracy");
            assertEquals("", cells[header.indexOf("layer1.saturatedFraction")], "ReLU does not saturate");
            Double.parseDouble(cells[header.indexOf("layer1.gradientNorm")]);
        }
    }

    @Test
    void theCurlCommandForTheLabsMenuReproducesTheExperiment() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")),
                "curl is not installed");
        RunConfig config = ApiTestSupport.JSON.readValue(smallRun(7), RunConfig.class);
        String command = CurlCommand.of(config, baseUrl() + "/");
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertEquals(0, process.waitFor());
        JsonNode run = read(output);
        assertEquals("COMPLETED", run.get("state").asString());
        assertEquals(7, run.get("epochs").size());
        assertEquals(config.withDefaults(), ApiTestSupport.JSON.treeToValue(run.get("config"), RunConfig.class));
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        JsonNode spec = get(patient(client), "/v3/api-docs");
        JsonNode paths = spec.get("paths");
        for (String path : List.of("/api/datasets", "/api/runs", "/api/runs/{id}", "/api/runs/{id}/events",
                "/api/runs/{id}/pause", "/api/runs/{id}/resume", "/api/runs/{id}/stop", "/api/runs/{id}/model",
                "/api/runs/{id}/predict", "/api/runs/{id}/model.tfjs.zip", "/api/runs/{id}/epochs.csv")) {
            assertTrue(paths.has(path), "OpenAPI documents " + path);
        }
        assertNotNull(spec.at("/paths/~1api~1runs/post/summary").asString());
        assertTrue(spec.at("/components/schemas").has("Run"));
        assertTrue(spec.at("/components/schemas/DatasetConfig/properties").has("name"));
        assertFalse(spec.at("/components/schemas/DatasetConfig/properties").has("inline"), "only contract fields");
        String page = new String(client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertTrue(page.contains("swagger-ui"), "the Swagger UI page, not the lab");
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void unknownRunsAndPathsAre404ProblemDetails() {
        for (String path : List.of("/api/runs/nope", "/api/runs/nope/model", "/api/runs/nope/epochs.csv",
                "/api/runs/nope/model.tfjs.zip", "/api/nothing/here")) {
            JsonNode problem = read(client.get().uri(path).exchange().expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().returnResult().getResponseBody());
            assertEquals(404, problem.get("status").asInt(), path);
            assertTrue(problem.get("errors").isArray(), path);
        }
        for (String action : List.of("pause", "resume", "stop")) {
            client.post().uri("/api/runs/nope/" + action).exchange().expectStatus().isNotFound();
        }
        client.post().uri("/api/runs/nope/predict").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"x\": [[1, 2]]}")
                .exchange().expectStatus().isNotFound();
        client.get().uri("/api/runs/nope/events").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isNotFound();
    }

    private List<ServerSentEvent<String>> stream(String id) {
        List<ServerSentEvent<String>> events = patient(client).get().uri("/api/runs/" + id + "/events")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .getResponseBody()
                .collectList()
                .block(Duration.ofSeconds(60));
        assertNotNull(events, "the stream ended");
        return events;
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A run that would take far longer than any test: it must be stopped. */
    static String longRun() {
        return """
                {"dataset": {"name": "spiral", "samples": 400},
                 "network": {"hiddenLayers": [16, 16]},
                 "training": {"batchSize": 4, "epochs": 100000}}""";
    }
}
