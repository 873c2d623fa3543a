package org.backproplab.api;

import static org.backproplab.api.ApiTestSupport.fields;
import static org.backproplab.api.ApiTestSupport.post;
import static org.backproplab.api.ApiTestSupport.read;
import static org.backproplab.api.ApiTestSupport.runToEnd;
import static org.backproplab.api.ApiTestSupport.smallRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Bad input at the edge: every one is a 400 problem detail naming the field; nothing, not even random bytes, gets a
 * 5xx; a full server answers 429 with Retry-After. Same context settings as {@link RunsApiTest}, so Spring reuses
 * the running application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"backprop.limits.wait-timeout=4s", "backprop.limits.runs-total=6"})
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiErrorsTest {

    private static final String INLINE = """
            {"dataset": {"name": "inline", "task": "binary", "train": {"x": %s, "y": %s}}}""";

    private static final String MUTATIONS = "{}[]\",:0123456789eE.-ntfx ";

    @Autowired
    WebTestClient client;

    private String finishedRunId;

    @BeforeAll
    void oneFinishedRun() {
        finishedRunId = runToEnd(client, smallRun(3)).get("id").asString();
    }

    static Stream<Arguments> badRunConfigurations() {
        String thirteenLayers = "[" + String.join(",", Collections.nCopies(13, "4")) + "]";
        String hugeLayers = "[" + String.join(",", Collections.nCopies(12, "256")) + "]";
        return Stream.of(
                // Ranges and names (the shared validator).
                Arguments.of("{\"training\": {\"learningRate\": 50}}", "training.learningRate"),
                Arguments.of("{\"training\": {\"learningRate\": 0}}", "training.learningRate"),
                Arguments.of("{\"training\": {\"batchSize\": 0}}", "training.batchSize"),
                Arguments.of("{\"training\": {\"batchSize\": 2000}}", "training.batchSize"),
                Arguments.of("{\"training\": {\"epochs\": 0}}", "training.epochs"),
                Arguments.of("{\"training\": {\"optimizer\": \"rmsprop\"}}", "training.optimizer"),
                Arguments.of("{\"training\": {\"momentum\": 1.5}}", "training.momentum"),
                Arguments.of("{\"training\": {\"l1\": -0.1}}", "training.l1"),
                Arguments.of("{\"training\": {\"l2\": 11}}", "training.l2"),
                Arguments.of("{\"training\": {\"clipNorm\": -1}}", "training.clipNorm"),
                Arguments.of("{\"network\": {\"activation\": \"swish\"}}", "network.activation"),
                Arguments.of("{\"network\": {\"initializer\": \"orthogonal\"}}", "network.initializer"),
                Arguments.of("{\"network\": {\"initScale\": 0}}", "network.initScale"),
                Arguments.of("{\"network\": {\"hiddenLayers\": [8, 0]}}", "network.hiddenLayers[1]"),
                Arguments.of("{\"network\": {\"hiddenLayers\": " + thirteenLayers + "}}", "network.hiddenLayers"),
                Arguments.of("{\"network\": {\"hiddenLayers\": " + hugeLayers + "}}", "network.hiddenLayers"),
                Arguments.of("{\"network\": {\"dropout\": 1.5}}", "network.dropout"),
                Arguments.of("{\"network\": {\"hiddenLayers\": [3], \"activations\": [\"relu\", \"tanh\"]}}",
                        "network.activations"),
                Arguments.of("{\"dataset\": {\"name\": \"mnist\"}}", "dataset.name"),
                Arguments.of("{\"dataset\": {\"samples\": 5}}", "dataset.samples"),
                Arguments.of("{\"dataset\": {\"noise\": 0.9}}", "dataset.noise"),
                Arguments.of("{\"dataset\": {\"testFraction\": 0.95}}", "dataset.testFraction"),
                Arguments.of("{\"dataset\": {\"features\": [\"x3\"]}}", "dataset.features"),
                Arguments.of("{\"dataset\": {\"features\": []}}", "dataset.features"),
                // Wrong JSON types, unknown fields (strict reading at the edge).
                Arguments.of("{\"training\": {\"learningRate\": \"fast\"}}", "training.learningRate"),
                Arguments.of("{\"training\": {\"batchSize\": 2.5}}", "training.batchSize"),
                Arguments.of("{\"training\": {\"epochs\": 100000000000}}", "training.epochs"),
                Arguments.of("{\"training\": {\"epochs\": \"10\"}}", "training.epochs"),
                Arguments.of("{\"network\": {\"hiddenLayers\": [8, \"x\"]}}", "network.hiddenLayers[1]"),
                Arguments.of("{\"network\": {\"hiddenLayers\": 8}}", "network.hiddenLayers"),
                Arguments.of("{\"network\": {\"batchNorm\": \"yes\"}}", "network.batchNorm"),
                Arguments.of("{\"network\": {\"batchNorm\": 1}}", "network.batchNorm"),
                Arguments.of("{\"colour\": \"red\"}", "colour"),
                Arguments.of("{\"training\": {\"learningRat\": 0.1}}", "training.learningRat"),
                Arguments.of("{\"dataset\": \"spiral\"}", "dataset"),
                // Inline data (the datasets package's checks, reported through the training service).
                Arguments.of(INLINE.formatted("[[0, 0], [1]]", "[0, 1]"), "dataset.train.x[1]"),
                Arguments.of(INLINE.formatted("[[0, 0], [1, 1]]", "[0, 2]"), "dataset.train.y[1]"),
                Arguments.of(INLINE.formatted("[[0, 0], [1, 1], [1, 0]]", "[0, 1]"), "dataset.train.y"),
                Arguments.of(INLINE.formatted("[[0, \"a\"], [1, 1]]", "[0, 1]"), "dataset.train.x[0][1]"),
                Arguments.of(INLINE.formatted("[[0, 1e999], [1, 1]]", "[0, 1]"), "dataset.train.x[0][1]"),
                Arguments.of("{\"dataset\": {\"name\": \"inline\", \"train\": {\"x\": [[0], [1]], \"y\": [0, 1]}}}",
                        "dataset.task"),
                // Weight shapes.
                Arguments.of("{\"network\": {\"hiddenLayers\": [2], \"weights\": [{\"kernel\": [[1, 1], [1, 1]], "
                        + "\"bias\": [0, 0]}]}}", "network.weights"),
                Arguments.of("{\"network\": {\"hiddenLayers\": [2], \"weights\": [{\"kernel\": [[1, 1]], "
                        + "\"bias\": [0, 0]}, {\"kernel\": [[1], [1]], \"bias\": [0]}]}}", "network.weights[0].kernel"),
                Arguments.of("{\"network\": {\"hiddenLayers\": [2], \"weights\": [{\"kernel\": [[1, 1], [1, 1]], "
                        + "\"bias\": [0, 0], \"gamma\": [1, 1], \"beta\": [0, 0], \"movingMean\": [0, 0], "
                        + "\"movingVariance\": [1, 1]}, {\"kernel\": [[1], [1]], \"bias\": [0]}]}}",
                        "network.weights[0]"),
                Arguments.of("{\"network\": {\"hiddenLayers\": [2], \"batchNorm\": true, \"weights\": [{\"kernel\": "
                        + "[[1, 1], [1, 1]], \"bias\": [0, 0], \"gamma\": [1], \"beta\": [0, 0], \"movingMean\": [0, 0], "
                        + "\"movingVariance\": [1, 1]}, {\"kernel\": [[1], [1]], \"bias\": [0]}]}}",
                        "network.weights[0].gamma"),
                // Not a configuration at all.
                Arguments.of("{\"training\": ", "(body)"),
                Arguments.of("[]", "(body)"),
                Arguments.of("", "(body)"),
                Arguments.of("null", "(body)"),
                Arguments.of("{} {}", "(body)"));
    }

    @ParameterizedTest(name = "[{index}] {1} <- {0}")
    @MethodSource("badRunConfigurations")
    void badConfigurationIs400NamingTheField(String body, String field) {
        JsonNode problem = problem(client.post().uri("/api/runs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange(), 400);
        assertTrue(fields(problem).contains(field), "expected " + field + " in " + problem);
        for (JsonNode error : problem.get("errors")) {
            assertFalse(error.get("message").asString().isBlank(), "every error explains itself");
        }
        assertFalse(problem.toString().contains("at org."), "no stack trace");
        assertFalse(problem.toString().contains("tools.jackson"), "no internals");
    }

    @Test
    void malformedJsonSaysSo() {
        JsonNode problem = problem(client.post().uri("/api/runs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"training\": {\"epochs\": 5,}}").exchange(), 400);
        assertTrue(problem.get("detail").asString().startsWith("malformed JSON: "), problem.toString());
        assertEquals("/api/runs", problem.get("instance").asString());
        assertEquals("Bad Request", problem.get("title").asString());
    }

    @Test
    void everyBadFieldIsReportedNotJustTheFirst() {
        JsonNode problem = problem(client.post().uri("/api/runs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"training\": {\"learningRate\": 50, \"batchSize\": 0}, \"network\": {\"dropout\": 2}}")
                .exchange(), 400);
        assertTrue(fields(problem).containsAll(List.of("training.learningRate", "training.batchSize",
                "network.dropout")), problem.toString());
        for (JsonNode error : problem.get("errors")) {
            if (error.get("field").asString().equals("training.learningRate")) {
                String message = error.get("message").asString();
                assertTrue(message.contains("10"), "the message names the allowed range: " + message);
            }
        }
    }

    static Stream<Arguments> badPredictions() {
        return Stream.of(
                Arguments.of("{\"x\": [[1, 2, 3]]}", "x[0]"),
                Arguments.of("{\"x\": [[1, 2], [1]]}", "x[1]"),
                Arguments.of("{\"x\": [[1, 1e999]]}", "x[0][1]"),
                Arguments.of("{\"x\": [[1, \"a\"]]}", "x[0][1]"),
                Arguments.of("{\"x\": \"rows\"}", "x"),
                Arguments.of("{}", "x"),
                Arguments.of("{\"y\": [[1, 2]]}", "y"),
                Arguments.of("{\"x\": [[1, 2]]", "(body)"));
    }

    @ParameterizedTest(name = "[{index}] {1} <- {0}")
    @MethodSource("badPredictions")
    void badPredictInputIs400NamingTheField(String body, String field) {
        JsonNode problem = problem(client.post().uri("/api/runs/" + finishedRunId + "/predict")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(), 400);
        assertTrue(fields(problem).contains(field), "expected " + field + " in " + problem);
    }

    @Test
    void badQueryParameterIs400() {
        JsonNode problem = problem(client.post().uri("/api/runs?wait=maybe").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange(), 400);
        assertEquals(List.of("wait"), fields(problem));
    }

    @Test
    void formPostIs415AskingForJson() {
        JsonNode problem = problem(client.post().uri("/api/runs").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("{\"training\":{}}").exchange(), 415);
        assertTrue(problem.get("detail").asString().contains("application/json"));
    }

    @Test
    void wrongMethodIsAProblemDetailToo() {
        client.delete().uri("/api/runs/" + finishedRunId).exchange().expectStatus().is4xxClientError()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void randomBodiesNeverCauseA5xx() {
        Random random = new Random(20261124);
        List<String> bodies = new ArrayList<>();
        String valid = smallRun(2);
        for (int i = 0; i < 40; i++) {
            // Mutations of a valid configuration: a character dropped, replaced or duplicated.
            StringBuilder mutated = new StringBuilder(valid);
            for (int m = 0; m < 1 + random.nextInt(3); m++) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.setCharAt(at, MUTATIONS.charAt(random.nextInt(MUTATIONS.length())));
                    default -> mutated.insert(at, mutated.charAt(at));
                }
            }
            bodies.add(mutated.toString());
        }
        for (int i = 0; i < 10; i++) {
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            bodies.add(new String(noise, StandardCharsets.ISO_8859_1));
        }
        bodies.addAll(List.of("{\"network\": {\"weights\": [null, null, null, null, null]}}",
                "{\"network\": {\"hiddenLayers\": [2], \"weights\": [{\"kernel\": [null], \"bias\": [0, 0]}, {}]}}",
                "{\"network\": {\"hiddenLayers\": null, \"activations\": [null]}}",
                "{\"dataset\": {\"name\": \"inline\", \"task\": \"multiclass\", \"train\": {\"x\": [], \"y\": []}}}",
                "{\"dataset\": {\"name\": \"inline\", \"task\": \"regression\", \"train\": {\"x\": [null, [1]], \"y\": [1, 2]},"
                        + " \"test\": {\"x\": [[1]]}}}",
                "{\"dataset\": {\"name\": null, \"features\": [null]}}",
                "{\"training\": {\"seed\": -9223372036854775808, \"clipNorm\": 1e308}}",
                "{\"dataset\": {\"seed\": 1e400}}",
                "\"just a string\"", "42", "true", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        List<String> failures = new ArrayList<>();
        List<String> started = new ArrayList<>();
        for (String body : bodies) {
            EntityExchangeResult<byte[]> result = client.post().uri("/api/runs")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body.getBytes(StandardCharsets.ISO_8859_1))
                    .exchange().expectBody().returnResult();
            int status = result.getStatus().value();
            if (status >= 500) {
                failures.add(status + " for " + body);
            } else if (status == 201) {
                started.add(read(result.getResponseBody()).get("id").asString());
            } else if (status != 400 && status != 429) {
                failures.add("unexpected " + status + " for " + body);
            }
        }
        started.forEach(id -> post(client, "/api/runs/" + id + "/stop", ""));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(bodies.size() >= 60);
    }

    @Test
    void aFullServerAnswers429WithRetryAfter() {
        List<String> running = new ArrayList<>();
        try {
            EntityExchangeResult<byte[]> refused = null;
            for (int attempt = 0; attempt < 10 && refused == null; attempt++) {
                EntityExchangeResult<byte[]> result = client.post().uri("/api/runs")
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(RunsApiTest.longRun())
                        .exchange().expectBody().returnResult();
                if (result.getStatus().value() == 201) {
                    running.add(read(result.getResponseBody()).get("id").asString());
                } else {
                    refused = result;
                }
            }
            assertNotNull(refused, "the 7th concurrent run (runs-total=6) is refused");
            assertEquals(429, refused.getStatus().value());
            assertEquals(6, running.size());
            String retryAfter = refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
            assertNotNull(retryAfter);
            assertTrue(Long.parseLong(retryAfter) >= 1);
            JsonNode problem = read(refused.getResponseBody());
            assertEquals(429, problem.get("status").asInt());
            assertEquals(List.of("backprop.limits.runs-total"), fields(problem));
        } finally {
            running.forEach(id -> post(client, "/api/runs/" + id + "/stop", ""));
        }
        // Stopped runs free their slots at once.
        assertEquals("COMPLETED", runToEnd(client, smallRun(2)).get("state").asString());
    }

    private static JsonNode problem(WebTestClient.ResponseSpec response, int status) {
        EntityExchangeResult<byte[]> result = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult();
        JsonNode problem = read(result.getResponseBody());
        assertEquals(status, problem.get("status").asInt());
        assertTrue(problem.has("title") && problem.has("detail") && problem.get("errors").isArray(), problem.toString());
        return problem;
    }
}
