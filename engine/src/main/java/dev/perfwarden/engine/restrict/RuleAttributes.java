package dev.perfwarden.engine.restrict;

import org.drools.drl.ast.descr.AttributeDescr;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A rule's attributes in restricted mode: which ones, and values that stay values in both builds. Drools'
 * executable model (which the pack cache compiles a pack to from its second run on) pastes them into Java source:
 * {@code agenda-group}, {@code activation-group} and {@code ruleflow-group} between quotes, {@code no-loop},
 * {@code auto-focus} and {@code lock-on-active} as they are, {@code salience} and {@code enabled} as expressions
 * (drools-model-codegen 10.1 {@code ModelGenerator.ruleAttributes}). Attack2 probe 08: {@code activation-group
 * "g\" + ((Supplier<String>) () -> { new ProcessBuilder(..).start() ... }).get() + \""} ran a process at every
 * KieBase build from the second run on. So every value is a literal of a fixed shape.
 */
final class RuleAttributes {
    static final Set<String> ALLOWED = Set.of("salience", "no-loop", "lock-on-active", "auto-focus", "enabled",
            "agenda-group", "activation-group");
    private static final Pattern INT = Pattern.compile("-?\\d{1,9}");
    /** A group name: a plain word (no quote, backslash, space or control character). */
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private RuleAttributes() {
    }

    static void check(RestrictedChecker c, String name, AttributeDescr a, int ruleLine) {
        int line = a.getLine() > 0 ? a.getLine() : ruleLine;
        String v = a.getValue() == null ? "" : a.getValue().strip();
        if (!ALLOWED.contains(name)) {
            c.problemAtLine(line, 0, "rule attribute '" + name + "' is not allowed (allowed: " + new TreeSet<>(ALLOWED)
                    + ")");
            return;
        }
        switch (name) {
            case "salience" -> {
                if (!INT.matcher(v).matches()) {
                    c.problemAtLine(line, 0, "salience must be an integer literal, not '" + v
                            + "': Drools evaluates an expression here as code");
                }
            }
            case "no-loop", "lock-on-active", "auto-focus", "enabled" -> {
                if (!v.isEmpty() && !v.equals("true") && !v.equals("false")) {
                    c.problemAtLine(line, 0, name + " must be true or false, not '" + v
                            + "': Drools evaluates an expression here as code");
                }
            }
            default -> {
                String g = v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
                if (!GROUP.matcher(g).matches()) {
                    c.problemAtLine(line, 0, name + " must be a plain name (at most 100 letters, digits, '_', '.' or"
                            + " '-'), not '" + shorten(v) + "': the executable model pastes it into Java source between"
                            + " quotes, so a quote in it would run code");
                }
            }
        }
    }

    private static String shorten(String v) {
        String s = v.replaceAll("\\s+", " ");
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
