package org.backproplab.walkthroughs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backproplab.config.FieldError;
import org.backproplab.config.RunConfigUrl;
import org.backproplab.config.RunConfigValidator;

/**
 * The named configurations: a few healthy showcase runs ({@code walkthroughs/showcase-presets.txt}, one
 * {@code id | title | lab query} per line) followed by every walkthrough step's preset (id
 * {@code <walkthrough>-<step number>}).
 */
public final class PresetCatalog {

    public static final String SHOWCASE_RESOURCE = WalkthroughLibrary.CLASSPATH_FOLDER + "showcase-presets.txt";

    private final List<Preset> all;
    private final Map<String, Preset> byId;

    /** @throws WalkthroughFormatException when a showcase line is malformed, invalid or reuses an id */
    public PresetCatalog(WalkthroughLibrary library, RunConfigValidator validator) {
        List<WalkthroughFormatException.Problem> problems = new ArrayList<>();
        Map<String, Preset> presets = new LinkedHashMap<>();
        List<String> lines = readShowcase().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|");
            if (parts.length != 3) {
                problems.add(problem(i + 1, "expected 'id | title | query', was '" + line + "'"));
                continue;
            }
            RunConfigUrl.Parsed parsed = RunConfigUrl.parse(parts[2].strip(), validator);
            for (FieldError error : parsed.errors()) {
                problems.add(problem(i + 1, "bad preset: " + error));
            }
            put(presets, new Preset(parts[0].strip(), parts[1].strip(), parsed.config()), i + 1, problems);
        }
        for (Walkthrough walkthrough : library.all()) {
            for (Step step : walkthrough.steps()) {
                if (step.hasPreset()) {
                    put(presets, new Preset(step.presetId(), walkthrough.title() + ": " + step.title(), step.preset()),
                            0, problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new WalkthroughFormatException(problems);
        }
        this.all = List.copyOf(presets.values());
        this.byId = Map.copyOf(presets);
    }

    public List<Preset> all() {
        return all;
    }

    public Optional<Preset> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    private static void put(Map<String, Preset> presets, Preset preset, int line,
                            List<WalkthroughFormatException.Problem> problems) {
        if (presets.putIfAbsent(preset.id(), preset) != null) {
            problems.add(problem(line, "preset id '" + preset.id() + "' is used twice"));
        }
    }

    private static WalkthroughFormatException.Problem problem(int line, String message) {
        return new WalkthroughFormatException.Problem(SHOWCASE_RESOURCE, line, message);
    }

    private static String readShowcase() {
        try (InputStream in = PresetCatalog.class.getClassLoader().getResourceAsStream(SHOWCASE_RESOURCE)) {
            if (in == null) {
                throw new WalkthroughFormatException(List.of(problem(0, "missing from the classpath")));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SHOWCASE_RESOURCE, e);
        }
    }
}
