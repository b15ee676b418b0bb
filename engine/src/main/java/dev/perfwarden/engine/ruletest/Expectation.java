package dev.perfwarden.engine.ruletest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fixture annotation: {@code // want "rule-id"} (must be reported on this line),
 * {@code // ok "rule-id"} (a near miss: must not be reported), {@code // todo "rule-id"} (a known
 * false negative: reported if found, never fails). A version constraint may precede the ids:
 * {@code // want go<1.25 "inline-recursive"} (operators &lt;, &lt;=, &gt;, &gt;=, ==). A {@code want} may also
 * say what the finding must read like, as error-prone's "Diagnostic contains": a quoted text that is not a
 * rule id ({@code // want "alloc-in-loop" "moved to the heap"}: the message contains it) and a severity
 * in brackets ({@code // want "alloc-in-loop" [warning]}: the weighed severity).
 *
 * @param message  text the finding's message must contain, or null
 * @param severity the finding's severity id, or null
 */
public record Expectation(Kind kind, String rule, String file, int line, String constraint, String message,
                          String severity) {
    public enum Kind { WANT, OK, TODO }

    public Expectation(Kind kind, String rule, String file, int line, String constraint) {
        this(kind, rule, file, line, constraint, null, null);
    }

    /** This expectation with the message text it must contain. */
    Expectation withMessage(String text) {
        return new Expectation(kind, rule, file, line, constraint, text, severity);
    }

    /** This expectation with the severity it must have. */
    Expectation withSeverity(String id) {
        return new Expectation(kind, rule, file, line, constraint, message, id);
    }

    private static final Pattern CONSTRAINT = Pattern.compile("go(<=|>=|<|>|==)?(\\d{1,9}\\.\\d{1,9}(?:\\.\\d{1,9})?)");

    /** Whether the annotation applies to captures of {@code version}. */
    public boolean appliesTo(GoVersion version) {
        if (constraint == null) {
            return true;
        }
        Matcher m = CONSTRAINT.matcher(constraint);
        if (!m.matches()) {
            return false;
        }
        String op = m.group(1) == null ? "==" : m.group(1);
        GoVersion bound = GoVersion.parse(m.group(2)).orElseThrow();
        // "go<1.25" compares minor releases: 1.24.9 < 1.25, 1.25.0 is not.
        int c = m.group(2).chars().filter(ch -> ch == '.').count() == 1
                ? compareMinor(version, bound) : version.compareTo(bound);
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> c == 0;
        };
    }

    private static int compareMinor(GoVersion v, GoVersion bound) {
        int c = Integer.compare(v.major(), bound.major());
        return c == 0 ? Integer.compare(v.minor(), bound.minor()) : c;
    }

    static Optional<String> badConstraint(String token) {
        return CONSTRAINT.matcher(token).matches() ? Optional.empty() : Optional.of(token);
    }

    public String where() {
        return file + ":" + line;
    }
}
