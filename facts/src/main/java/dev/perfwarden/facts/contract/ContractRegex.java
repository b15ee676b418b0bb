package dev.perfwarden.facts.contract;

import com.google.re2j.Pattern;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The regular expressions of contract clauses ({@code symbol}, {@code benchmark}, {@code package}, a bench
 * selector, a {@code series} glob), in linear time: RE2 syntax and semantics (RE2/J), as for YAML policies and
 * restricted packs. A contract comes from a repository's {@code .perfwarden.yaml}: with Java's backtracking engine
 * {@code (.|.){1,200}!} took the session's whole time limit over the function symbols (attack5 probe 03). Each
 * pattern is compiled once, when the fact that holds it is made (the contract is read); the loader has refused an
 * invalid one with its file, line and column. While a thread matches a clause's pattern, {@link #matching} names
 * the clause, so that a session's time limit broken there blames it (not the rule that fired last).
 */
public final class ContractRegex {
    private static final int CACHE_LIMIT = 4096;
    private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Thread, Usage> USAGE = new ConcurrentHashMap<>();

    /** What one thread's matching used: the clause it matches now (null: none), and the time spent per clause. */
    private static final class Usage {
        volatile ContractClause now;
        final ConcurrentHashMap<ContractClause, Long> nanos = new ConcurrentHashMap<>();
    }

    private ContractRegex() {
    }

    /**
     * Compiles {@code regex} (throws RE2/J's PatternSyntaxException when it is not valid) and keeps it: the one cache
     * of RE2/J patterns, which the packs' {@code Regex.matches}/{@code find} use too.
     */
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
    public static boolean find(String regex, String value, ContractClause clause) {
        if (value == null) {
            return false;
        }
        Usage u = USAGE.computeIfAbsent(Thread.currentThread(), t -> new Usage());
        long start = System.nanoTime();
        u.now = clause;
        try {
            return compile(regex).matcher(value).find();
        } finally {
            u.now = null;
            u.nanos.merge(clause, System.nanoTime() - start, Long::sum);
        }
    }

    /** Whether all of {@code name} matches {@code glob} ({@code *} any run of characters, {@code ?} one). */
    public static boolean glob(String glob, String name, ContractClause clause) {
        StringBuilder re = new StringBuilder("^");
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return find(re.append('$').toString(), name, clause);
    }

    /**
     * The clause to blame for the time thread {@code t} used, {@code nanos} in all: the one whose pattern it matches
     * now, else the one whose patterns took the most time when all the patterns took at least half of it.
     */
    public static Optional<ContractClause> blame(Thread t, long nanos) {
        Usage u = USAGE.get(t);
        if (u == null) {
            return Optional.empty();
        }
        ContractClause now = u.now;
        if (now != null) {
            return Optional.of(now);
        }
        long all = u.nanos.values().stream().mapToLong(Long::longValue).sum();
        return nanos < 0 || all * 2 < nanos ? Optional.empty()
                : u.nanos.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey);
    }

    /** Forgets what thread {@code t} matched (its session ended). */
    public static void forget(Thread t) {
        USAGE.remove(t);
    }
}
