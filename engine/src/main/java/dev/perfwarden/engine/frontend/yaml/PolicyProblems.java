package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.Diagnostic;
import dev.perfwarden.engine.yaml.YamlNode;
import dev.perfwarden.engine.yaml.YamlNode.Entry;
import dev.perfwarden.engine.yaml.YamlNode.YList;
import dev.perfwarden.engine.yaml.YamlNode.YMap;
import dev.perfwarden.engine.yaml.YamlNode.YScalar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What is wrong with one policy file, each problem at its line and column, and the checks of plain
 * values (text, one line, word lists, known keys) that report into it.
 */
final class PolicyProblems {
    private final String path;
    private final List<Diagnostic> problems = new ArrayList<>();

    PolicyProblems(String path) {
        this.path = path;
    }

    List<Diagnostic> all() {
        return List.copyOf(problems);
    }

    /** Problems reported so far (to tell whether a part was read cleanly). */
    int count() {
        return problems.size();
    }

    boolean none() {
        return problems.isEmpty();
    }

    void error(YamlNode at, String msg) {
        error(at.line(), at.col(), msg);
    }

    void error(Entry at, String msg) {
        error(at.line(), at.col(), msg);
    }

    void error(int line, int col, String msg) {
        problems.add(new Diagnostic(path, line, col, msg));
    }

    /** The entry for {@code key}; an error (and null) when it is missing. */
    Entry required(YMap m, String key, String what) {
        Entry e = m.entries().get(key);
        if (e == null) {
            error(m, "missing '" + key + ":' (" + what + ")");
        }
        return e;
    }

    /** The entry's value as text; an error (and null) when it is not a plain value. */
    String text(Entry e, String what) {
        YamlNode v = e.value();
        if (v instanceof YScalar s && s.value() != null && !(s.value() instanceof Boolean)) {
            return s.value().toString();
        }
        error(v, e.key() + ": expected " + what + ", found " + v.describe());
        return null;
    }

    /** The entry's value as one non-empty line of text without control characters, stripped; else an error and null. */
    String oneLine(Entry e, String what) {
        String s = text(e, "one line of text");
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.isEmpty()) {
            error(e.value(), what + " is empty");
            return null;
        }
        if (t.contains("\n")) {
            error(e.value(), what + " must be one line");
            return null;
        }
        return checkedText(t, e.value()) == null ? null : t;
    }

    /** {@code s} as a DRL/Java string literal; an error (and null) for control characters that cannot be written. */
    String checkedText(String s, YamlNode at) {
        for (char ch : s.toCharArray()) {
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
                error(at, "control character U+" + String.format("%04X", (int) ch) + " is not allowed here");
                return null;
            }
        }
        return PolicySyntax.literal(s);
    }

    /** A list of words (or one comma-separated value), each of {@code shape} when given. */
    List<String> words(Entry e, String what, Pattern shape) {
        if (e == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        List<YamlNode> items = e.value() instanceof YList l ? l.items() : List.of(e.value());
        for (YamlNode i : items) {
            if (!(i instanceof YScalar s) || !(s.value() instanceof String str)) {
                error(i, e.key() + ": expected a list of " + what + "s, found " + i.describe());
                continue;
            }
            for (String w : str.split(",")) {
                String t = w.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (shape != null && !shape.matcher(t).matches()) {
                    error(i, what + " '" + t + "' must be lower-case letters, digits, dots and dashes");
                    continue;
                }
                out.add(t);
            }
        }
        return out;
    }

    void unknownKeys(YMap m, Collection<String> allowed, String where) {
        for (Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) {
                error(e, "unknown key '" + e.key() + "' " + where + PolicySyntax.suggest(e.key(), allowed)
                        + " (expected: " + String.join(", ", allowed) + ")");
            }
        }
    }
}
