package org.backproplab.walkthroughs;

import org.backproplab.config.RunConfig;

/** A named configuration the lab offers (GET /api/presets); {@code config} has its defaults filled in. */
public record Preset(String id, String title, RunConfig config) {
}
