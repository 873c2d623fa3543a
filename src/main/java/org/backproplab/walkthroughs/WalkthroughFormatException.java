package org.backproplab.walkthroughs;

import java.util.List;
import java.util.stream.Collectors;

/** One or more walkthrough files break the format; every problem names its file and line. */
public class WalkthroughFormatException extends RuntimeException {

    /** One problem: {@code dead-relu.md:12: unknown key 'colour'; allowed: ...}. Line 0 means the whole file. */
    public record Problem(String source, int line, String message) {

        @Override
        public String toString() {
            return source + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    private final List<Problem> problems;

    public WalkthroughFormatException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
