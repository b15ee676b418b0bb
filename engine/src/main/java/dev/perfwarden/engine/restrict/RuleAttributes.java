package dev.perfwarden.engine.restrict;

import org.drools.drl.ast.descr.AttributeDescr;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rule attributes a restricted pack may give, and the values each may take. Drools turns attribute values into
 * code: {@code salience} and {@code enabled} may be expressions it compiles, and the executable model (the pack
 * cache's build) pastes a group's name between quotes into generated Java without escaping it, after the DRL parser
 * has unescaped it: a quote in {@code activation-group "g\" + code + \""} ends the literal and the rest runs at every
 * rule-base build. So each value is a literal of one plain form. A group's name begins with the pack's own id and a
 * dot: Drools' agenda and activation groups are shared by every pack of a run.
 */
final class RuleAttributes {
    static final Set<String> ALLOWED = Set.of("salience", "no-loop", "lock-on-active", "auto-focus", "enabled",
            "agenda-group", "activation-group");
    private static final Pattern INT = Pattern.compile("-?\\d{1,9}");
    /** An agenda or activation group's name: a plain word. */
    static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private RuleAttributes() {
    }

    private static String shortened(String v) {
        return v.length() <= 80 ? v : v.substring(0, 80) + "...";
    }

    /** Reports to {@code c} what is wrong with attribute {@code name} of a rule at {@code ruleLine}. */
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
            default -> { // agenda-group, activation-group
                if (!GROUP_NAME.matcher(v).matches()) {
                    c.problemAtLine(line, 0, name + " must be a plain name (a letter, then letters, digits, '_', '.' or"
                            + " '-', at most 64 characters), not '" + shortened(v) + "': Drools pastes it into generated Java"
                            + " unescaped");
                } else if (!v.startsWith(c.packId() + ".")) {
                    // groups are one namespace for every pack of a run: a rule of salience 1000 in another pack's
                    // activation group fired first and cancelled that pack's rules (attack3 probe 04: its error finding
                    // gone, the gate passed)
                    c.problemAtLine(line, 0, name + " '" + shortened(v) + "' must begin with the pack's id and a dot ('"
                            + c.packId() + ".'): every pack of a run shares one set of groups, so a group of another"
                            + " pack's name would let this pack cancel or hold back that pack's rules");
                }
            }
        }
    }
}
