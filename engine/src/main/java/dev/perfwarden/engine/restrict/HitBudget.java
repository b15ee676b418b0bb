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
 * counted by those bounds, but the number of hits of all packs, built-in ones included, is bounded by {@link #TOTAL}
 * (attack5 probe 09: a capture of 120,000 {@code leaking param} lines made 120,000 go-perf findings, and their report
 * ran a batch out of memory, exit 70). One budget serves all the sessions of a run (a partitioned run has one per Go
 * package), so it is thread-safe.
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
    /**
     * Hits all the packs of a run may report, built-in ones included: far above a real module's (Go's whole standard
     * library gives about 19,000 before filters), and low enough that a report of them can be written.
     */
    static final int TOTAL = 100_000;

    private final Predicate<String> bounded;
    private final Map<String, Integer> perRule = new HashMap<>();
    /** Text per rule ({@code package + " " + rule}) of the packs counted. */
    private final Map<String, Long> textPerRule = new HashMap<>();
    private long text;
    /** Hits of every pack, per rule ({@code package + " " + rule}), and their sum. */
    private final Map<String, Integer> allPerRule = new HashMap<>();
    private int total;

    /** What broke the budget, blamed on the rule ({@code pkg}, {@code rule}) that used the most of it. */
    record Breach(String pkg, String rule, String why) {
    }

    /** @param bounded whether a hit of this DRL package (a pack's) is counted */
    public HitBudget(Predicate<String> bounded) {
        this.bounded = bounded;
    }

    /** Counts {@code h}; what it broke, or null. */
    synchronized Breach add(Hit h) {
        return add(h, h.pkg());
    }

    /**
     * Counts {@code h}, inserted by a rule of DRL package {@code firing}: counted when either that package or the one
     * the hit names is bounded. The hit's own package is a value the rule chose (attack2 probe 07: hits that named
     * go-perf's package were not counted, 60,000 of them ran the JSON reporter out of memory), so the hit is booked
     * to the firing rule's package when that is bounded. The text bound is the run's, but its breach is blamed on the
     * rule that carried the most text, not on the one whose hit came last (attack4 probe 04: a pack filled the
     * budget to one character short and another pack's one finding was named as the culprit).
     */
    synchronized Breach add(Hit h, String firing) {
        boolean byFiring = firing != null && bounded.test(firing);
        Breach all = total(firing != null ? firing : h.pkg(), h.rule());
        if (all != null) {
            return all;
        }
        if (!bounded.test(h.pkg()) && !byFiring) {
            return null;
        }
        String pkg = byFiring ? firing : h.pkg();
        int n = perRule.merge(pkg + " " + h.rule(), 1, Integer::sum);
        if (n > HITS_PER_RULE) {
            return new Breach(pkg, h.rule(), "rule " + h.rule() + " reported more than " + HITS_PER_RULE
                    + " findings");
        }
        if (h.evidence().size() > EVIDENCE_PER_HIT) {
            return new Breach(pkg, h.rule(), "a finding of rule " + h.rule() + " carries " + h.evidence().size()
                    + " evidence items (at most " + EVIDENCE_PER_HIT + ")");
        }
        long t = h.message().length();
        for (Evidence e : h.evidence()) {
            t += e.ref() == null ? e.text().length() : 0;
        }
        text += t;
        textPerRule.merge(pkg + " " + h.rule(), t, Long::sum);
        if (text > TEXT) {
            Map.Entry<String, Long> top = textPerRule.entrySet().stream()
                    .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                            java.util.Comparator.reverseOrder())))
                    .orElseThrow();
            int sp = top.getKey().indexOf(' ');
            return new Breach(top.getKey().substring(0, sp), top.getKey().substring(sp + 1),
                    "the findings of packs loaded from a path or archive carry more than " + (TEXT >> 20)
                            + " Mi characters of message and evidence text in this run (rule "
                            + top.getKey().substring(sp + 1) + " carried " + top.getValue() + " of them)");
        }
        return null;
    }

    /**
     * Counts a hit of any pack against {@link #TOTAL}, booked to the inserting rule's package ({@code pkg}); over it,
     * the breach blames the rule that reported the most hits.
     */
    private Breach total(String pkg, String rule) {
        allPerRule.merge(pkg + " " + rule, 1, Integer::sum);
        if (++total <= TOTAL) {
            return null;
        }
        Map.Entry<String, Integer> top = allPerRule.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                        java.util.Comparator.reverseOrder())))
                .orElseThrow();
        int sp = top.getKey().indexOf(' ');
        return new Breach(top.getKey().substring(0, sp), top.getKey().substring(sp + 1),
                "the rules of this run reported more than " + TOTAL + " findings (rule " + top.getKey().substring(sp + 1)
                        + " reported " + top.getValue() + " of them)");
    }
}
