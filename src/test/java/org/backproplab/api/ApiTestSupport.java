package org.backproplab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Small helpers shared by the API tests: JSON bodies in and out, run creation, numbers out of JSON. */
final class ApiTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A quick binary experiment: 2 inputs (x1, x2), 2 tanh layers, plain SGD. */
    static final String SMALL_RUN = """
            {"dataset": {"name": "circle", "samples": 120, "noise": 0.05, "seed": 3},
             "network": {"hiddenLayers": [5, 4], "activation": "tanh"},
             "training": {"learningRate": 0.05, "batchSize": 16, "epochs": %d, "seed": 3}}""";

    private ApiTestSupport() {
    }

    static WebTestClient patient(WebTestClient client) {
        return client.mutate().responseTimeout(Duration.ofSeconds(90)).build();
    }

    static String smallRun(int epochs) {
        return SMALL_RUN.formatted(epochs);
    }

    static JsonNode read(byte[] body) {
        assertNotNull(body, "response body");
        return JSON.readTree(body);
    }

    /** POSTs a run with ?wait=true and answers the ended run (asserting 201). */
    static JsonNode runToEnd(WebTestClient client, String config) {
        EntityExchangeResult<byte[]> result = patient(client).post().uri("/api/runs?wait=true")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(config)
                .exchange().expectStatus().isCreated().expectBody().returnResult();
        return read(result.getResponseBody());
    }

    /** POSTs a run without waiting and answers the run as created (asserting 201). */
    static JsonNode start(WebTestClient client, String config) {
        EntityExchangeResult<byte[]> result = client.post().uri("/api/runs")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(config)
                .exchange().expectStatus().isCreated().expectBody().returnResult();
        return read(result.getResponseBody());
    }

    static JsonNode get(WebTestClient client, String uri) {
        return read(client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody());
    }

    static JsonNode post(WebTestClient client, String uri, String body) {
        return read(client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int r = 0; r < node.size(); r++) {
            out[r] = vector(node.get(r));
        }
        return out;
    }

    static double[] vector(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < node.size(); i++) {
            out[i] = node.get(i).doubleValue();
        }
        return out;
    }

    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    static void assertShape(double[][] matrix, int rows, int columns) {
        assertEquals(rows, matrix.length);
        for (double[] row : matrix) {
            assertEquals(columns, row.length);
        }
    }
}
