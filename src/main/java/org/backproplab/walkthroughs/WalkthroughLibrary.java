package org.backproplab.walkthroughs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.backproplab.config.RunConfigValidator;

/**
 * Every walkthrough: the ones shipped on the classpath ({@code walkthroughs/*.md}, listed in
 * {@code walkthroughs/index.txt} because a packaged jar cannot be listed portably) plus the {@code *.md} files of an
 * optional extra folder (a self-hosted server's own lessons; property {@code backprop.walkthroughs.extra-folder}).
 * Everything is parsed and validated when the library is built: one broken file stops start-up with a message
 * naming every problem by file and line, rather than failing later in front of a learner.
 */
public final class WalkthroughLibrary {

    /** Classpath folder of the shipped walkthroughs. */
    public static final String CLASSPATH_FOLDER = "walkthroughs/";
    /** The shipped walkthroughs' file names, one per line ('#' starts a comment). */
    public static final String INDEX = CLASSPATH_FOLDER + "index.txt";

    private final List<Walkthrough> all;
    private final Map<String, Walkthrough> byId;

    /**
     * @param validator   checks every preset against the datasets the server knows
     * @param extraFolder a folder of additional {@code *.md} walkthroughs, or null for none
     * @throws WalkthroughFormatException listing every problem in every file (also a missing extra folder or a
     *                                    walkthrough id given twice)
     */
    public WalkthroughLibrary(RunConfigValidator validator, Path extraFolder) {
        WalkthroughParser parser = new WalkthroughParser(validator);
        List<WalkthroughFormatException.Problem> problems = new ArrayList<>();
        Map<String, Walkthrough> loaded = new LinkedHashMap<>();
        for (String name : classpathIndex()) {
            add(parser, CLASSPATH_FOLDER + name, readClasspath(CLASSPATH_FOLDER + name), loaded, problems);
        }
        if (extraFolder != null) {
            if (!Files.isDirectory(extraFolder)) {
                problems.add(new WalkthroughFormatException.Problem(extraFolder.toString(), 0,
                        "the extra walkthrough folder does not exist or is not a folder"));
            } else {
                for (Path file : markdownFiles(extraFolder)) {
                    add(parser, file.toString(), read(file), loaded, problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new WalkthroughFormatException(problems);
        }
        this.all = loaded.values().stream()
                .sorted(Comparator.comparingInt(Walkthrough::order).thenComparing(Walkthrough::id)).toList();
        this.byId = Map.copyOf(loaded);
    }

    /** All walkthroughs, by {@code order} then id. */
    public List<Walkthrough> all() {
        return all;
    }

    public Optional<Walkthrough> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    private static void add(WalkthroughParser parser, String source, String text, Map<String, Walkthrough> loaded,
                            List<WalkthroughFormatException.Problem> problems) {
        try {
            Walkthrough walkthrough = parser.parse(source, text);
            Walkthrough earlier = loaded.putIfAbsent(walkthrough.id(), walkthrough);
            if (earlier != null) {
                problems.add(new WalkthroughFormatException.Problem(source, 0, "walkthrough id '" + walkthrough.id()
                        + "' is already used by " + earlier.source()));
            }
        } catch (WalkthroughFormatException e) {
            problems.addAll(e.problems());
        }
    }

    private static List<String> classpathIndex() {
        return readClasspath(INDEX).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static String readClasspath(String resource) {
        try (InputStream in = WalkthroughLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new WalkthroughFormatException(List.of(new WalkthroughFormatException.Problem(resource, 0,
                        "listed in " + INDEX + " but not on the classpath")));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static List<Path> markdownFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".md") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
