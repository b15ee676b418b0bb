package dev.perfwarden.facts.contract;

import com.google.re2j.Pattern;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The regular expressions of contract clauses ({@code symbol}, {@code benchmark}, {@code package}, a bench
 * selector, a {@code series} glob), in linear time: RE2 syntax and semantics (RE2/J), as for YAML policies and
 * restricted packs. A contract comes from a repository's {@code .perfwarden.yaml}: with Java's backtracking engine
 * {@code (.|.){1,200}!} took the session's whole time limit over the function symbols (attack5 probe 03). Each
 * pattern is compiled once, when the fact that holds it is made (the contract is read); the loader has refused an
 * invalid one with its file, line and column.
 */
public final class ContractRegex {
    private static final int CACHE_LIMIT = 4096;
    private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private ContractRegex() {
    }

    /** Compiles {@code regex} (throws RE2/J's PatternSyntaxException when it is not valid) and keeps it. */
    public static Pattern compile(String regex) {
        Pattern p = CACHE.get(regex);
        if (p == null) {
            p = Pattern.compile(regex);
            if (CACHE.size() < CACHE_LIMIT) {
                CACHE.putIfAbsent(regex, p);
            }
        }
        return p;
    }

    /** Whether some part of {@code value} matches {@code regex} (as {@code go test -bench} does); null is no match. */
    public static boolean find(String regex, String value) {
        return value != null && compile(regex).matcher(value).find();
    }

    /** Whether all of {@code name} matches {@code glob} ({@code *} any run of characters, {@code ?} one). */
    public static boolean glob(String glob, String name) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return name != null && compile(re.toString()).matches(name);
    }
}
