package dev.perfwarden.engine.project;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A project file ({@code .perfwarden.yaml}, {@code perfwarden.lock}, a baseline) is wrong: every problem
 * with its file, line and column, in compiler style. The CLI maps it to exit code 2.
 */
public final class ConfigException extends Exception {
    /** One problem at {@code file:line:col} (line and column 1-based, 0 when unknown). */
    public record Issue(String file, int line, int col, String message) {
        public String format() {
            StringBuilder sb = new StringBuilder(file);
            if (line > 0) {
                sb.append(':').append(line);
                if (col > 0) {
                    sb.append(':').append(col);
                }
            }
            return sb.append(": error: ").append(message).toString();
        }
    }

    private final List<Issue> issues;

    public ConfigException(List<Issue> issues) {
        super(issues.stream().map(Issue::format).collect(Collectors.joining("\n")));
        if (issues.isEmpty()) {
            throw new IllegalArgumentException("no issues");
        }
        this.issues = List.copyOf(issues);
    }

    public ConfigException(String file, int line, int col, String message) {
        this(List.of(new Issue(file, line, col, message)));
    }

    public List<Issue> issues() {
        return issues;
    }
}
