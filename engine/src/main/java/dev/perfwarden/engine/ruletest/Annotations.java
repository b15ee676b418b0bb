package dev.perfwarden.engine.ruletest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code // want}, {@code // ok} and {@code // todo} annotations from a fixture's Go files. A fixture comes with
 * a pack, which may be untrusted: only regular files are read (a symbolic link to {@code /dev/zero} ran the heap out,
 * a FIFO blocked {@code test} and {@code rules lint} forever: attack4 probe 03), at most {@link #MAX_FILE} bytes each
 * and {@link #MAX_FILES} in all, and an annotation is at most {@link #MAX_LINE} characters (a 50,000-character
 * message overflowed the regular expression's stack). Whatever is wrong is a {@link FixtureException} naming the file
 * (and line).
 */
public final class Annotations {
    private Annotations() {
    }

    private static final Pattern COMMENT = Pattern.compile("//\\s*(want|ok|todo)\\s+(.*)$");
    private static final Pattern TOKEN = Pattern.compile("\"((?:[^\"\\\\]++|\\\\.)++)\"|(\\S+)");
    /** The largest fixture file read, in bytes (a pack's own files may be 4 MiB). */
    static final long MAX_FILE = 4L << 20;
    /** The most {@code .go} files a fixture may have. */
    static final int MAX_FILES = 10_000;
    /** The longest line an annotation may be on. */
    static final int MAX_LINE = 4096;
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9]+(?:[-.][a-z0-9]+)*");
    private static final Pattern SEVERITY = Pattern.compile("\\[(error|warning|note)]");

    /** Every annotation under {@code fixtureDir}; files are named relative to it. */
    public static List<Expectation> read(Path fixtureDir) throws IOException {
        List<Expectation> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(fixtureDir)) {
            files = s.filter(p -> p.toString().endsWith(".go")).limit(MAX_FILES + 1L).sorted().toList();
        }
        if (files.size() > MAX_FILES) {
            throw new FixtureException(".", 0, "more than " + MAX_FILES + " .go files");
        }
        for (Path f : files) {
            String rel = fixtureDir.relativize(f).toString().replace('\\', '/');
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new FixtureException(rel, 0, "not a regular file ("
                        + (Files.isSymbolicLink(f) ? "a symbolic link" : "a device, pipe or folder")
                        + "); a fixture is read only from regular files");
            }
            if (Files.size(f) > MAX_FILE) {
                throw new FixtureException(rel, 0, Files.size(f) + " bytes, more than a fixture file may have ("
                        + MAX_FILE + ")");
            }
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
        if (text.length() > MAX_LINE) {
            throw new FixtureException(file, line, "an annotation line of " + text.length()
                    + " characters (at most " + MAX_LINE + ")");
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
                    throw new FixtureException(file, line, "'// " + m.group(1) + " \"" + t.group(1)
                            + "\"': not a rule id (expected // want \"rule-id\" [\"message text\"] [[severity]])");
                }
                out.add(new Expectation(kind, t.group(1), file, line, constraint));
            } else if (SEVERITY.matcher(t.group(2)).matches() && !out.isEmpty() && kind == Expectation.Kind.WANT) {
                out.set(out.size() - 1, out.get(out.size() - 1).withSeverity(t.group(2).substring(1,
                        t.group(2).length() - 1)));
            } else if (t.group(2).startsWith("go") && out.isEmpty()) {
                if (Expectation.badConstraint(t.group(2)).isPresent()) {
                    throw new FixtureException(file, line, "bad Go version constraint '"
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
            throw new FixtureException(file, line, "'// " + m.group(1)
                    + "' names no rule id (expected // " + m.group(1) + " \"rule-id\")");
        }
        return out;
    }
}
