package org.backproplab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backproplab.config.RunConfig;
import org.backproplab.config.TrainingConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CurlCommandTest {

    @Test
    void postsTheFullConfigurationAsJsonAndWaits() {
        RunConfig config = RunConfig.defaults().withTraining(RunConfig.defaults().training().withLearningRate(0.1));
        String command = CurlCommand.of(config, "http://lab.example:8080/");
        assertTrue(command.startsWith("curl -sS -X POST 'http://lab.example:8080/api/runs?wait=true' "
                + "-H 'Content-Type: application/json' -d '"), command);
        String body = command.substring(command.indexOf("-d '") + 4, command.length() - 1);
        RunConfig parsed = JsonMapper.builder().build().readValue(body, RunConfig.class);
        assertEquals(config.withDefaults(), parsed);
        assertEquals(0.1, parsed.training().learningRate());
    }

    @Test
    void fillsInDefaultsSoTheCallKeepsItsMeaning() {
        RunConfig sparse = new RunConfig(null, null, new TrainingConfig(null, 0.5, null, null, 20, null, null, null, null));
        String command = CurlCommand.of(sparse, "http://localhost:8080");
        assertTrue(command.contains("\"hiddenLayers\":[8,8,8,8]"), command);
        assertTrue(command.contains("\"epochs\":20"), command);
    }

    @Test
    void quotesSingleQuotesForTheShell() {
        assertEquals("'it'\\''s'", CurlCommand.shellQuote("it's"));
    }
}
