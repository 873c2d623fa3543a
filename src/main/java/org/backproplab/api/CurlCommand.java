package org.backproplab.api;

import org.backproplab.config.RunConfig;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shell command that reproduces an experiment through the HTTP API, for the lab's "copy API call" menu entry.
 * It posts the full configuration (defaults written out, so the call keeps meaning the same experiment if defaults
 * ever change) and waits for the run to end.
 */
public final class CurlCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CurlCommand() {
    }

    /**
     * @param config  the experiment
     * @param baseUrl where the lab is served, for example {@code http://localhost:8080} (a trailing slash is fine)
     * @return a POSIX-shell command line
     */
    public static String of(RunConfig config, String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String body = JSON.writeValueAsString(config.withDefaults());
        return "curl -sS -X POST " + shellQuote(base + "/api/runs?wait=true")
                + " -H 'Content-Type: application/json' -d " + shellQuote(body);
    }

    /** Single-quotes a word for a POSIX shell; an embedded quote becomes {@code '\''}. */
    static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
