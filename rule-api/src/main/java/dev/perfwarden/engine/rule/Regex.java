package dev.perfwarden.engine.rule;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final int CACHE_LIMIT = 4096;
    private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

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
        try {
            Pattern.compile(regex);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    private static Pattern compile(String regex) {
        Pattern p = CACHE.get(regex);
        if (p == null) {
            p = Pattern.compile(regex);
            if (CACHE.size() < CACHE_LIMIT) {
                CACHE.putIfAbsent(regex, p);
            }
        }
        return p;
    }
}
