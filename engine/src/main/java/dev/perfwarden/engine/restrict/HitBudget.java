package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.rule.Hit;
import dev.perfwarden.facts.core.Evidence;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the hits of packs loaded from a path or archive may carry in one rule session, so that the reports written
 * from them stay small (attack probe 05: four findings sharing a 64-million-character message made the JSON, SARIF
 * and HTML reporters run out of memory outside the guarded session, exit 70). {@link Hit} cuts each message and
 * evidence text already; this bounds their number and their sum. Breaking it stops the session with a
 * {@link SessionLimitException} of limit {@link #FINDINGS} naming the pack and rule (exit 2). Built-in packs are not
 * counted. One budget serves all the sessions of a run (a partitioned run has one per Go package), so it is
 * thread-safe.
 */
public final class HitBudget {
    /** The limit's name in the breach. */
    static final String FINDINGS = "findings";
    /** Hits one rule may report in a session. */
    static final int HITS_PER_RULE = 10_000;
    /** Evidence items one hit may carry. */
    static final int EVIDENCE_PER_HIT = 100;
    /** Characters of message and evidence text (that the rules wrote) all bounded hits of a session may carry. */
    static final long TEXT = 8L << 20;

    private final Predicate<String> bounded;
    private final Map<String, Integer> perRule = new HashMap<>();
    private long text;

    /** @param bounded whether a hit of this DRL package (a pack's) is counted */
    public HitBudget(Predicate<String> bounded) {
        this.bounded = bounded;
    }

    /** Counts {@code h}; what it broke, or null. */
    synchronized String add(Hit h) {
        return add(h, h.pkg());
    }

    /**
     * Counts {@code h}, inserted by a rule of DRL package {@code firing}: counted when either that package or the one
     * the hit names is bounded. The hit's own package is a value the rule chose (attack2 probe 07: hits that named
     * go-perf's package were not counted, 60,000 of them ran the JSON reporter out of memory).
     */
    synchronized String add(Hit h, String firing) {
        if (!bounded.test(h.pkg()) && (firing == null || !bounded.test(firing))) {
            return null;
        }
        int n = perRule.merge(h.rule(), 1, Integer::sum);
        if (n > HITS_PER_RULE) {
            return "rule " + h.rule() + " reported more than " + HITS_PER_RULE + " findings";
        }
        if (h.evidence().size() > EVIDENCE_PER_HIT) {
            return "a finding of rule " + h.rule() + " carries " + h.evidence().size() + " evidence items (at most "
                    + EVIDENCE_PER_HIT + ")";
        }
        text += h.message().length();
        for (Evidence e : h.evidence()) {
            text += e.ref() == null ? e.text().length() : 0;
        }
        if (text > TEXT) {
            return "the findings of packs loaded from a path or archive carry more than " + (TEXT >> 20)
                    + " Mi characters of message and evidence text in this run";
        }
        return null;
    }
}
