package dev.perfwarden.engine.kie;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools reports a Java compile error in a rule's consequence ({@code then} block) at the {@code rule} line,
 * with the compiler's message ("Rule Compilation error The method foo() is undefined ..."). The message names
 * what is wrong; this finds the line of the block that holds that name, so the error points where the author
 * has to look. When the message names nothing, or the name is on several lines of the block, the rule line
 * stays.
 */
final class ConsequenceErrors {
    /** ecj messages that name the offending method, variable or type, the name as group 1. */
    private static final List<Pattern> NAMED = List.of(
            Pattern.compile("The method (\\w+)\\(.*?\\) is undefined"),
            Pattern.compile("The method (\\w+)\\(.*?\\) in the type \\S+ is not applicable"),
            Pattern.compile("Cannot invoke (\\w+)\\(.*?\\) on"),
            Pattern.compile("The constructor (\\w+)\\(.*?\\) is undefined"),
            Pattern.compile("(\\w+) cannot be resolved"),
            Pattern.compile("Duplicate local variable (\\w+)"),
            Pattern.compile("The local variable (\\w+) may not have been initialized"),
            Pattern.compile("Syntax error on token \"([^\"]+)\""));

    private ConsequenceErrors() {
    }

    /**
     * The 1-based line of {@code drl} that the consequence error {@code message} of the rule starting at
     * {@code ruleLine} is about, or {@code ruleLine}.
     */
    static int line(String drl, int ruleLine, String message) {
        if (message == null || !message.contains("Rule Compilation error") || ruleLine < 1) {
            return ruleLine;
        }
        String[] lines = drl.split("\n", -1);
        int then = -1;
        int end = lines.length;
        for (int i = ruleLine - 1; i < lines.length; i++) {
            String t = lines[i].strip();
            if (then < 0 && (t.equals("then") || t.startsWith("then ") || t.startsWith("then\t"))) {
                then = i;
            } else if (then >= 0 && t.equals("end")) {
                end = i;
                break;
            }
        }
        if (then < 0) {
            return ruleLine;
        }
        for (Pattern p : NAMED) {
            Matcher m = p.matcher(message);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1);
            Pattern word = Pattern.compile((Character.isJavaIdentifierStart(name.charAt(0)) ? "\\b" : "")
                    + Pattern.quote(name) + (Character.isJavaIdentifierPart(name.charAt(name.length() - 1)) ? "\\b" : ""));
            List<Integer> hits = new ArrayList<>();
            for (int i = then; i < end; i++) {
                if (word.matcher(i == then ? lines[i].strip().substring(4) : lines[i]).find()) {
                    hits.add(i + 1);
                }
            }
            if (hits.size() == 1) {
                return hits.get(0);
            }
        }
        return ruleLine;
    }
}
