package org.backproplab.config;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The configuration as the lab's query string ({@code ?dataset=spiral&layers=8,8&lr=0.03...}), both ways.
 * Parsing is forgiving by design: a bad parameter is reported by name and replaced by its default, so a mistyped
 * link still opens a working lab. Parameter names are the contract's (see {@code run-config.md}); {@code activations}
 * (per-layer activations) is our addition.
 */
public final class RunConfigUrl {

    /** The URL parameter names, in the order {@link #toQuery} writes them. */
    public static final List<String> PARAMETERS = List.of("dataset", "samples", "noise", "testFraction", "features",
            "dataSeed", "layers", "activation", "activations", "init", "initScale", "batchNorm", "dropout", "optimizer",
            "lr", "momentum", "batch", "epochs", "l1", "l2", "clipNorm", "seed");

    /** The outcome of parsing: a configuration (defaults where a parameter was missing or bad) and what was bad. */
    public record Parsed(RunConfig config, List<FieldError> errors) {
    }

    private RunConfigUrl() {
    }

    /** Parses a raw query string such as {@code dataset=xor&lr=0.1} (leading '?' allowed). */
    public static Parsed parse(String query, RunConfigValidator validator) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            String q = query.startsWith("?") ? query.substring(1) : query;
            for (String pair : q.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.put(key, value);
            }
        }
        return parse(params, validator);
    }

    /** Parses parameters (first value of each); unknown parameters are ignored (other features own them). */
    public static Parsed parse(Map<String, String> params, RunConfigValidator validator) {
        List<FieldError> errors = new ArrayList<>();
        Reader r = new Reader(params, errors);
        DatasetConfig d = new DatasetConfig(r.text("dataset"), r.number("samples", Integer::parseInt),
                r.number("noise", Double::parseDouble), r.number("testFraction", Double::parseDouble),
                r.list("features"), r.number("dataSeed", Long::parseLong), null, null, null);
        NetworkConfig n = new NetworkConfig(r.layers(), r.text("activation"),
                r.list("activations"), r.text("init"), r.number("initScale", Double::parseDouble),
                r.number("batchNorm", RunConfigUrl::parseBoolean), r.number("dropout", Double::parseDouble), null);
        TrainingConfig t = new TrainingConfig(r.text("optimizer"), r.number("lr", Double::parseDouble),
                r.number("momentum", Double::parseDouble), r.number("batch", Integer::parseInt),
                r.number("epochs", Integer::parseInt), r.number("l1", Double::parseDouble),
                r.number("l2", Double::parseDouble), r.optionalNumber("clipNorm"), r.number("seed", Long::parseLong));
        RunConfig config = new RunConfig(d, n, t);
        // Range and name checks: each bad field falls back to its default, reported under its URL name.
        for (FieldError error : validator.validate(config)) {
            String parameter = parameterOf(error.field());
            errors.add(new FieldError(parameter, error.message() + "; using the default"));
            config = resetToDefault(config, parameter);
        }
        // A reset can still leave an inconsistent pair (e.g. per-layer activations vs. layers): drop the extras.
        if (!validator.validate(config).isEmpty()) {
            config = new RunConfig(config.dataset(), config.network().withActivation(config.network().activation()), config.training());
        }
        if (!validator.validate(config).isEmpty()) {
            config = RunConfig.defaults();
        }
        return new Parsed(config.withDefaults(), List.copyOf(errors));
    }

    /** The full query string (without '?') for a configuration; inline data and weights are not URL material. */
    public static String toQuery(RunConfig config) {
        RunConfig c = config.withDefaults();
        DatasetConfig d = c.dataset();
        NetworkConfig n = c.network();
        TrainingConfig t = c.training();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("dataset", d.name());
        values.put("samples", d.samples().toString());
        values.put("noise", number(d.noise()));
        values.put("testFraction", number(d.testFraction()));
        values.put("features", String.join(",", d.features()));
        values.put("dataSeed", d.seed().toString());
        values.put("layers", String.join(",", n.hiddenLayers().stream().map(String::valueOf).toList()));
        values.put("activation", n.activation());
        if (n.activations() != null) {
            values.put("activations", String.join(",", n.activations()));
        }
        values.put("init", n.initializer());
        values.put("initScale", number(n.initScale()));
        values.put("batchNorm", n.batchNorm().toString());
        values.put("dropout", number(n.dropout()));
        values.put("optimizer", t.optimizer());
        values.put("lr", number(t.learningRate()));
        values.put("momentum", number(t.momentum()));
        values.put("batch", t.batchSize().toString());
        values.put("epochs", t.epochs().toString());
        values.put("l1", number(t.l1()));
        values.put("l2", number(t.l2()));
        values.put("clipNorm", t.clipNorm() == null ? "" : number(t.clipNorm()));
        values.put("seed", t.seed().toString());
        StringBuilder query = new StringBuilder();
        values.forEach((key, value) -> {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(key).append('=').append(encode(value));
        });
        return query.toString();
    }

    /** The URL parameter that carries a contract field (for messages about URL input). */
    static String parameterOf(String field) {
        String path = field.replaceAll("\\[\\d+]", "");
        return switch (path) {
            case "dataset.name" -> "dataset";
            case "dataset.seed" -> "dataSeed";
            case "network.hiddenLayers" -> "layers";
            case "network.initializer" -> "init";
            case "training.learningRate" -> "lr";
            case "training.batchSize" -> "batch";
            default -> path.substring(path.indexOf('.') + 1);
        };
    }

    private static RunConfig resetToDefault(RunConfig c, String parameter) {
        DatasetConfig d = c.dataset();
        NetworkConfig n = c.network();
        TrainingConfig t = c.training();
        return switch (parameter) {
            case "dataset" -> c.withDataset(d.withName(null));
            case "samples" -> c.withDataset(new DatasetConfig(d.name(), null, d.noise(), d.testFraction(), d.features(), d.seed(), null, null, null));
            case "noise" -> c.withDataset(new DatasetConfig(d.name(), d.samples(), null, d.testFraction(), d.features(), d.seed(), null, null, null));
            case "testFraction" -> c.withDataset(new DatasetConfig(d.name(), d.samples(), d.noise(), null, d.features(), d.seed(), null, null, null));
            case "features" -> c.withDataset(new DatasetConfig(d.name(), d.samples(), d.noise(), d.testFraction(), null, d.seed(), null, null, null));
            case "layers" -> c.withNetwork(new NetworkConfig(null, n.activation(), null, n.initializer(), n.initScale(), n.batchNorm(), n.dropout(), null));
            case "activation" -> c.withNetwork(new NetworkConfig(n.hiddenLayers(), null, n.activations(), n.initializer(), n.initScale(), n.batchNorm(), n.dropout(), null));
            case "activations" -> c.withNetwork(new NetworkConfig(n.hiddenLayers(), n.activation(), null, n.initializer(), n.initScale(), n.batchNorm(), n.dropout(), null));
            case "init" -> c.withNetwork(new NetworkConfig(n.hiddenLayers(), n.activation(), n.activations(), null, n.initScale(), n.batchNorm(), n.dropout(), null));
            case "initScale" -> c.withNetwork(new NetworkConfig(n.hiddenLayers(), n.activation(), n.activations(), n.initializer(), null, n.batchNorm(), n.dropout(), null));
            case "dropout" -> c.withNetwork(new NetworkConfig(n.hiddenLayers(), n.activation(), n.activations(), n.initializer(), n.initScale(), n.batchNorm(), null, null));
            case "optimizer" -> c.withTraining(t.withOptimizer(null));
            case "lr" -> c.withTraining(new TrainingConfig(t.optimizer(), null, t.momentum(), t.batchSize(), t.epochs(), t.l1(), t.l2(), t.clipNorm(), t.seed()));
            case "momentum" -> c.withTraining(new TrainingConfig(t.optimizer(), t.learningRate(), null, t.batchSize(), t.epochs(), t.l1(), t.l2(), t.clipNorm(), t.seed()));
            case "batch" -> c.withTraining(new TrainingConfig(t.optimizer(), t.learningRate(), t.momentum(), null, t.epochs(), t.l1(), t.l2(), t.clipNorm(), t.seed()));
            case "epochs" -> c.withTraining(new TrainingConfig(t.optimizer(), t.learningRate(), t.momentum(), t.batchSize(), null, t.l1(), t.l2(), t.clipNorm(), t.seed()));
            case "l1" -> c.withTraining(new TrainingConfig(t.optimizer(), t.learningRate(), t.momentum(), t.batchSize(), t.epochs(), null, t.l2(), t.clipNorm(), t.seed()));
            case "l2" -> c.withTraining(new TrainingConfig(t.optimizer(), t.learningRate(), t.momentum(), t.batchSize(), t.epochs(), t.l1(), null, t.clipNorm(), t.seed()));
            case "clipNorm" -> c.withTraining(t.withClipNorm(null));
            default -> c;
        };
    }

    private static List<Integer> parseLayers(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase()) {
            case "true", "1", "on" -> Boolean.TRUE;
            case "false", "0", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static String number(double value) {
        return RunConfigValidator.format(value);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2C", ",").replace("%5E", "^");
    }

    /** Reads typed values; a value that does not parse is reported and left out (so its default applies). */
    private record Reader(Map<String, String> params, List<FieldError> errors) {

        String text(String name) {
            String value = params.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        List<String> list(String name) {
            String value = text(name);
            return value == null ? null : Arrays.stream(value.split(",")).map(String::trim).toList();
        }

        <T> T number(String name, Function<String, T> parser) {
            String value = text(name);
            if (value == null) {
                return null;
            }
            try {
                T parsed = parser.apply(value);
                if (parsed instanceof Double dbl && !Double.isFinite(dbl)) {
                    throw new NumberFormatException(value);
                }
                return parsed;
            } catch (RuntimeException e) {
                errors.add(new FieldError(name, "'" + value + "' is not a valid value; using the default"));
                return null;
            }
        }

        /** Hidden layers: a present but empty {@code layers=} means no hidden layer at all. */
        List<Integer> layers() {
            String value = params.get("layers");
            if (value != null && value.isBlank()) {
                return List.of();
            }
            return number("layers", RunConfigUrl::parseLayers);
        }

        Double optionalNumber(String name) {
            return number(name, Double::parseDouble);
        }
    }
}
