package org.backproplab.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads a TensorFlow.js export with the real {@code @tensorflow/tfjs} package in Node and predicts with it. The
 * package is installed once into {@code target/tfjs-node} (never into the source tree). When Node, npm or the
 * package cannot be had, {@link #find()} is empty and says why, so tests can skip visibly.
 */
final class NodeTfjs {

    static final String TFJS_VERSION = "4.22.0";
    private static final Path HOME = Path.of("target", "tfjs-node").toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static String unavailableReason;
    private static NodeTfjs instance;

    private final String node;

    private NodeTfjs(String node) {
        this.node = node;
    }

    /** Why {@link #find()} came back empty. */
    static synchronized String unavailableReason() {
        return unavailableReason;
    }

    /** Node with tfjs installed, or empty (see {@link #unavailableReason()}). Installs on first call. */
    static synchronized Optional<NodeTfjs> find() {
        if (instance != null || unavailableReason != null) {
            return Optional.ofNullable(instance);
        }
        try {
            String node = executable("node");
            if (node == null) {
                unavailableReason = "node is not on the PATH";
                return Optional.empty();
            }
            if (!Files.isDirectory(HOME.resolve("node_modules/@tensorflow/tfjs"))) {
                String npm = executable("npm");
                if (npm == null) {
                    unavailableReason = "npm is not on the PATH";
                    return Optional.empty();
                }
                Files.createDirectories(HOME);
                // Without a package.json of its own, npm would climb to the project's and install there.
                Files.writeString(HOME.resolve("package.json"), "{\"name\": \"tfjs-check\", \"private\": true}\n");
                Result install = run(HOME, Duration.ofMinutes(4), npm, "install", "--no-audit", "--no-fund",
                        "--silent", "--no-save", "@tensorflow/tfjs@" + TFJS_VERSION);
                if (install.exit() != 0 || !Files.isDirectory(HOME.resolve("node_modules/@tensorflow/tfjs"))) {
                    unavailableReason = "npm install @tensorflow/tfjs@" + TFJS_VERSION + " failed (exit "
                            + install.exit() + "): " + tail(install.output());
                    return Optional.empty();
                }
            }
            Files.writeString(HOME.resolve("predict.js"), SCRIPT);
            instance = new NodeTfjs(node);
            return Optional.of(instance);
        } catch (IOException | InterruptedException e) {
            unavailableReason = "could not prepare Node with tfjs: " + e;
            return Optional.empty();
        }
    }

    /**
     * Loads the export in {@code modelDirectory} with {@code tf.loadLayersModel} and predicts {@code x}.
     *
     * @throws AssertionError with Node's output when loading or predicting fails
     */
    double[][] predict(Path modelDirectory, double[][] x) throws IOException, InterruptedException {
        Path inputs = modelDirectory.resolve("inputs.json");
        Files.writeString(inputs, JSON.writeValueAsString(x));
        Result result = run(HOME, Duration.ofMinutes(2), node, HOME.resolve("predict.js").toString(),
                modelDirectory.toAbsolutePath().toString(), inputs.toAbsolutePath().toString());
        String marker = "PREDICTIONS ";
        for (String line : result.output().split("\n")) {
            if (line.startsWith(marker)) {
                return JSON.readValue(line.substring(marker.length()), double[][].class);
            }
        }
        throw new AssertionError("tfjs failed (exit " + result.exit() + "):\n" + result.output());
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path directory, Duration timeout, String... command)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        // Read everything first: the process may block on a full pipe otherwise.
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out after " + timeout);
        }
        return new Result(process.exitValue(), new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String executable(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        List<String> dirs = new ArrayList<>(List.of(path.split(java.io.File.pathSeparator)));
        for (String dir : dirs) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static String tail(String text) {
        return text.length() <= 600 ? text : "..." + text.substring(text.length() - 600);
    }

    /** Reads model.json + weight files the way tfjs' browser loader does, then loadLayersModel and predict. */
    private static final String SCRIPT = """
            const tf = require('@tensorflow/tfjs');
            const fs = require('fs');
            const path = require('path');
            const [dir, inputsFile] = process.argv.slice(2);
            const model = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
            const handler = {
              load: async () => {
                const weightSpecs = [];
                const buffers = [];
                for (const group of model.weightsManifest) {
                  weightSpecs.push(...group.weights);
                  for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
                }
                const all = Buffer.concat(buffers);
                return {
                  modelTopology: model.modelTopology,
                  weightSpecs,
                  weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
                  format: model.format,
                  generatedBy: model.generatedBy,
                  convertedBy: model.convertedBy,
                };
              },
            };
            (async () => {
              const loaded = await tf.loadLayersModel(handler);
              const x = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
              const y = loaded.predict(tf.tensor2d(x, [x.length, x[0].length], 'float32'));
              console.log('PREDICTIONS ' + JSON.stringify(await y.array()));
            })().catch((e) => { console.error(e && e.stack ? e.stack : e); process.exit(1); });
            """;
}
