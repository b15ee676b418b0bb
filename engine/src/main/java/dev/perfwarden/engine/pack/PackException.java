package dev.perfwarden.engine.pack;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A pack was refused: it could not be read, failed validation, or did not compile. Carries every
 * problem found (not only the first). The CLI maps it to exit code 2 ({@code ExitCodes.USAGE}).
 */
public final class PackException extends Exception {
    private final List<Problem> problems;

    public PackException(List<Problem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a PackException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public PackException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        return problems.stream().map(Problem::format).collect(Collectors.joining("\n"));
    }
}
