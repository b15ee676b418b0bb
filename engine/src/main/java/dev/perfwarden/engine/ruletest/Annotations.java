package dev.perfwarden.engine.ruletest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads {@code // want}, {@code // ok} and {@code // todo} annotations from a fixture's Go files. */
public final class Annotations {
    private Annotations() {
    }

    private static final Pattern COMMENT = Pattern.compile("//\\s*(want|ok|todo)\\s+(.*)$");
    private static final Pattern TOKEN = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)+)\"|(\\S+)");
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9]+(?:[-.][a-z0-9]+)*");
    private static final Pattern SEVERITY = Pattern.compile("\\[(error|warning|note)]");

    /** Every annotation under {@code fixtureDir}; files are named relative to it. */
    public static List<Expectation> read(Path fixtureDir) throws IOException {
        List<Expectation> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(fixtureDir)) {
            files = s.filter(p -> p.toString().endsWith(".go")).sorted().toList();
        }
        for (Path f : files) {
            String rel = fixtureDir.relativize(f).toString().replace('\\', '/');
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                out.addAll(parseLine(rel, i + 1, lines.get(i)));
            }
        }
        return out;
    }

    /** The annotations on one line; a malformed one is an error naming file:line. */
    static List<Expectation> parseLine(String file, int line, String text) {
        Matcher m = COMMENT.matcher(text);
        if (!m.find()) {
            return List.of();
        }
        Expectation.Kind kind = Expectation.Kind.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
        String constraint = null;
        List<Expectation> out = new ArrayList<>();
        Matcher t = TOKEN.matcher(m.group(2));
        while (t.find()) {
            if (t.group(1) != null && !RULE_ID.matcher(t.group(1)).matches() && !out.isEmpty()
                    && kind == Expectation.Kind.WANT) {
                // "text" after an id: what its message must contain
                out.set(out.size() - 1, out.get(out.size() - 1).withMessage(t.group(1).replaceAll("\\\\(.)", "$1")));
            } else if (t.group(1) != null) {
                if (!RULE_ID.matcher(t.group(1)).matches()) {
                    throw new IllegalArgumentException(file + ":" + line + ": '// " + m.group(1) + " \"" + t.group(1)
                            + "\"': not a rule id (expected // want \"rule-id\" [\"message text\"] [[severity]])");
                }
                out.add(new Expectation(kind, t.group(1), file, line, constraint));
            } else if (SEVERITY.matcher(t.group(2)).matches() && !out.isEmpty() && kind == Expectation.Kind.WANT) {
                out.set(out.size() - 1, out.get(out.size() - 1).withSeverity(t.group(2).substring(1,
                        t.group(2).length() - 1)));
            } else if (t.group(2).startsWith("go") && out.isEmpty()) {
                if (Expectation.badConstraint(t.group(2)).isPresent()) {
                    throw new IllegalArgumentException(file + ":" + line + ": bad Go version constraint '"
                            + t.group(2) + "' (expected e.g. go<1.25, go>=1.22)");
                }
                constraint = t.group(2);
            } else {
                break; // prose after the ids
            }
        }
        if (out.isEmpty() && kind == Expectation.Kind.OK) {
            return List.of(); // "// ok, ..." in prose
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ":" + line + ": '// " + m.group(1)
                    + "' names no rule id (expected // " + m.group(1) + " \"rule-id\")");
        }
        return out;
    }
}
