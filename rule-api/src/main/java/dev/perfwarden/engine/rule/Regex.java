package dev.perfwarden.engine.rule;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.Optional;

/**
 * Regular expressions for rule packs, in linear time: RE2 syntax and semantics (RE2/J), so no pattern can
 * backtrack catastrophically ({@code (.*.){12}X} takes as long as any other). Restricted packs and YAML
 * policies match text with {@link #matches}; the DRL {@code matches} operator and
 * {@code String.matches} use Java's backtracking engine and are refused in restricted mode.
 * <pre>{@code
 * $e : EscapeFact(Regex.matches(subject, "[a-z]+Buf"))
 * }</pre>
 * RE2 has no backreferences and no lookaround; a pattern using them is an error when the pack is checked.
 */
public final class Regex {

    private Regex() {
    }

    /** Whether all of {@code value} matches {@code regex} (as {@code String.matches}, but in linear time); null is no match. */
    public static boolean matches(String value, String regex) {
        return value != null && compile(regex).matches(value);
    }

    /** Whether some part of {@code value} matches {@code regex}; null is no match. */
    public static boolean find(String value, String regex) {
        return value != null && compile(regex).matcher(value).find();
    }

    /** Why {@code regex} is not a valid RE2 expression, or empty when it is. */
    public static Optional<String> problem(String regex) {
        long size = size(regex);
        if (size > MAX_SIZE) {
            return Optional.of("its repetitions multiply to about " + size + " copies of its parts (at most "
                    + MAX_SIZE + "): the compiled pattern would be too large");
        }
        try {
            Pattern.compile(regex);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    /**
     * An upper bound on the compiled size of {@code regex}: each literal, class or escape counts 1, a group the sum
     * of its parts, and a counted repetition {@code {n,m}} multiplies what it repeats by its largest count (RE2
     * copies the operand that many times; RE2/J limits each count to 1000 but not their nesting,
     * {@code ((a{100}){100}){100}} is a million copies).
     */
    static long size(String regex) {
        java.util.ArrayDeque<long[]> frames = new java.util.ArrayDeque<>(); // {sum, last atom}
        long[] f = {0, 0};
        int n = regex.length();
        for (int i = 0; i < n; i++) {
            char c = regex.charAt(i);
            long atom = 1;
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                int j = i + 1;
                if (j < n && regex.charAt(j) == '^') {
                    j++;
                }
                if (j < n && regex.charAt(j) == ']') {
                    j++;
                }
                while (j < n && regex.charAt(j) != ']') {
                    j += regex.charAt(j) == '\\' ? 2 : 1;
                }
                i = j;
            } else if (c == '(') {
                frames.push(f);
                f = new long[] {0, 0};
                continue;
            } else if (c == ')' && !frames.isEmpty()) {
                atom = Math.max(1, f[0]);
                f = frames.pop();
            } else if (c == '{') {
                java.util.regex.Matcher m = COUNT.matcher(regex).region(i, n);
                if (m.lookingAt()) {
                    String most = m.group(2) != null && !m.group(2).isEmpty() ? m.group(2) : m.group(1);
                    long times = Long.parseLong(most.substring(0, Math.min(7, most.length())));
                    f[0] = sat(f[0] + sat(f[1] * Math.max(0, times - 1)));
                    f[1] = sat(f[1] * times);
                    i = m.end() - 1;
                    continue;
                }
            } else if (c == '*' || c == '+' || c == '?' || c == '|') {
                continue;
            }
            f[0] = sat(f[0] + atom);
            f[1] = atom;
        }
        while (!frames.isEmpty()) { // unbalanced: not a valid pattern, which compile reports
            long inner = f[0];
            f = frames.pop();
            f[0] = sat(f[0] + inner);
        }
        return f[0];
    }

    private static long sat(long v) {
        return v < 0 || v > Long.MAX_VALUE / 2048 ? Long.MAX_VALUE / 2048 : v;
    }

    private static final java.util.regex.Pattern COUNT = java.util.regex.Pattern.compile("\\{(\\d+)(?:,(\\d*))?}");
    /** The largest {@link #size} of a pattern a pack may use: far above any real rule's, far below a heap's worth. */
    static final long MAX_SIZE = 20_000;

    /** The compiled pattern, from the one cache of RE2/J patterns that contracts use too. */
    private static Pattern compile(String regex) {
        return dev.perfwarden.facts.contract.ContractRegex.compile(regex);
    }
}
