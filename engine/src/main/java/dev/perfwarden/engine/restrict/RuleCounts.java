package dev.perfwarden.engine.restrict;

import org.kie.api.definition.rule.Rule;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How much of a session-wide count (firings, inserted facts) each rule used, so that a breach names the rule and pack
 * that used the most, not the one that happened to run when the count passed its limit: a pack loaded from a path
 * that inserted 2,000,000 facts of its own, one under the limit, had the built-in pack's next finding break it, and
 * the breach blamed go-perf (attack4 probe 05). Counted on the session's own thread only.
 */
final class RuleCounts {
    private final Map<Rule, long[]> counts = new HashMap<>();

    void add(Rule r) {
        counts.computeIfAbsent(r, k -> new long[1])[0]++;
    }

    /** The rule that used the most ({@code [pack, rule]}), with its count in {@code what}'s words; null if none. */
    String[] top(Function<String, String> packOfRule) {
        Rule best = null;
        long most = -1;
        for (Map.Entry<Rule, long[]> e : counts.entrySet()) {
            long n = e.getValue()[0];
            if (n > most || n == most && key(e.getKey()).compareTo(key(best)) < 0) {
                best = e.getKey();
                most = n;
            }
        }
        return best == null ? null
                : new String[] {packOfRule.apply(best.getPackageName()), best.getName(), Long.toString(most)};
    }

    private static String key(Rule r) {
        return r.getPackageName() + " " + r.getName();
    }
}
