package dev.perfwarden.engine.rule;

import dev.perfwarden.engine.model.CostSpec;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputPos;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a pattern rule inserts when it matches: the raw, unweighed finding. Build it with
 * {@link Hits#hit}; the engine's prelude turns each hit into a {@code Finding}, weighing it against the
 * CPU profile.
 *
 * @param rule        rule id (the DRL rule name)
 * @param pkg         DRL package of the rule (identifies the pack)
 * @param severity    the rule's {@code @severity}
 * @param hotSeverity the rule's {@code @hotSeverity}, or null (one level above {@code severity})
 * @param scope       what the hit is weighed against
 * @param symbol      Go function symbol; empty if unknown
 * @param file        source file; empty if unknown
 * @param line        1-based line; 0 if unknown
 * @param col         1-based column; 0 if unknown
 * @param message     what was found (the hotness note is appended by the prelude)
 * @param evidence    toolchain lines that support it
 * @param cost        the rule's {@code @cost}: how the hit is weighed ({@link CostSpec#DEFAULT} when not given)
 * @param instructions the addresses of the machine instructions the hit is about, in {@code symbol}'s machine code
 *                    (objdump): when the CPU profile is joined to that code ({@code HotInstruction}), a line-scoped
 *                    hit is weighed by the samples at these instructions instead of its whole line's
 *                    ({@link #weighedOn}); empty (the default) for a hit weighed by its line or function
 * @param binaries    the binary of each address in {@code instructions}, in the same order: the objdump input the
 *                    machine-code fact that gave it was read from ({@code HotInstruction.binaryOf} of its evidence,
 *                    {@code objdump-4.txt}), as {@code HotInstruction.binary} names it. A module's test binaries share
 *                    addresses, so the samples at an address count only in the binary it was named in. Empty: not
 *                    known, and the samples at the address count whatever binary they are of (one binary's inputs)
 * @param profiles    the profile files ({@code ProfileSummary.input}) the rule judged the hit by ({@link #weighedBy}):
 *                    with several profiles of a sample type, its cost is measured in those of them it names; empty
 *                    (the default): in the profile where its site weighs most
 */
public record Hit(String rule, String pkg, Severity severity, Severity hotSeverity, Scope scope, String symbol,
                  String file, int line, int col, String message, List<Evidence> evidence, CostSpec cost,
                  List<Long> instructions, List<String> binaries, List<String> profiles) {
    /**
     * The longest message a hit keeps, in characters; a longer one is cut and ends with {@link #CUT} and how much was
     * cut. A rule's message says what was found and why in a sentence or a few (the built-in rules: under 1,000); a
     * pack's 64-million-character message (attack probe 05) made every reporter run out of memory.
     */
    public static final int MAX_MESSAGE = 8_192;
    /** The longest evidence text a hit keeps (a toolchain line a rule wrote itself; quoted input lines are not cut). */
    public static final int MAX_EVIDENCE_TEXT = 8_192;
    /** The most instruction addresses a hit names (a line's checks: a compare, a branch and the next instruction each). */
    public static final int MAX_INSTRUCTIONS = 64;
    /** The longest function symbol, file name, evidence input kind or evidence position's input name a hit keeps. */
    public static final int MAX_NAME = 1_024;
    /** What ends a cut text: {@code " [cut: 12345 more characters]"} follows it. */
    public static final String CUT = " [cut: ";

    /** A hit weighed the default way ({@link CostSpec#DEFAULT}). */
    public Hit(String rule, String pkg, Severity severity, Severity hotSeverity, Scope scope, String symbol,
               String file, int line, int col, String message, List<Evidence> evidence) {
        this(rule, pkg, severity, hotSeverity, scope, symbol, file, line, col, message, evidence, CostSpec.DEFAULT);
    }

    /** A hit weighed by its line or function (no instructions named). */
    public Hit(String rule, String pkg, Severity severity, Severity hotSeverity, Scope scope, String symbol,
               String file, int line, int col, String message, List<Evidence> evidence, CostSpec cost) {
        this(rule, pkg, severity, hotSeverity, scope, symbol, file, line, col, message, evidence, cost, List.of());
    }

    /**
     * A hit whose instructions' binary is not known (any binary's samples at the addresses count), weighed in any
     * profile ({@link #profiles} empty).
     */
    public Hit(String rule, String pkg, Severity severity, Severity hotSeverity, Scope scope, String symbol,
               String file, int line, int col, String message, List<Evidence> evidence, CostSpec cost,
               List<Long> instructions) {
        this(rule, pkg, severity, hotSeverity, scope, symbol, file, line, col, message, evidence, cost, instructions,
                List.of(), List.of());
    }

    public Hit {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(scope, "scope");
        symbol = cut(symbol == null ? "" : symbol, MAX_NAME);
        file = cut(file == null ? "" : file, MAX_NAME);
        line = Math.max(0, line);
        col = Math.max(0, col);
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("rule " + rule + ": a hit needs a message");
        }
        message = cut(message, MAX_MESSAGE);
        evidence = capped(evidence);
        cost = cost == null ? CostSpec.DEFAULT : cost;
        binaries = binaries == null ? List.of() : binaries;
        if (!binaries.isEmpty() && (instructions == null || binaries.size() != instructions.size())) {
            throw new IllegalArgumentException("rule " + rule + ": a hit names " + binaries.size() + " binaries for "
                    + (instructions == null ? 0 : instructions.size()) + " instruction addresses (one per address)");
        }
        instructions = instructions == null ? List.of()
                : List.copyOf(instructions.subList(0, Math.min(instructions.size(), MAX_INSTRUCTIONS)));
        binaries = List.copyOf(binaries.subList(0, Math.min(binaries.size(), MAX_INSTRUCTIONS)).stream()
                .map(b -> cut(b == null ? "" : b, MAX_NAME)).toList());
        profiles = profiles == null ? List.of()
                : profiles.stream().limit(MAX_INSTRUCTIONS).map(p -> cut(p == null ? "" : p, MAX_NAME)).toList();
    }

    /**
     * Whether this hit names the instruction at {@code address} of {@code binary} (a {@code HotInstruction}'s): the
     * address is among {@link #instructions()}, named in that binary (or in an unknown one, or the instruction's
     * binary is not known).
     */
    public boolean namesInstruction(long address, String binary) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i) == address && (binaries.isEmpty() || binary == null || binary.isEmpty()
                    || binaries.get(i).isEmpty() || binaries.get(i).equals(binary))) {
                return true;
            }
        }
        return false;
    }

    /** {@code s} when at most {@code max} characters long, else its first {@code max} and {@link #CUT}. */
    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + CUT + (s.length() - max) + " more characters]";
    }

    /** The evidence with every text the rule wrote and every name cut to its maximum (quoted input lines as they are). */
    private static List<Evidence> capped(List<Evidence> evidence) {
        List<Evidence> out = null;
        for (int i = 0; i < evidence.size(); i++) {
            Evidence e = evidence.get(i);
            Evidence c = e;
            if (e != null && (e.input().length() > MAX_NAME || e.at() != null && e.at().input().length() > MAX_NAME
                    || e.ref() == null && e.text().length() > MAX_EVIDENCE_TEXT)) {
                InputPos at = e.at() == null ? null : e.at().byteOffset()
                        ? InputPos.offset(cut(e.at().input(), MAX_NAME), e.at().line())
                        : InputPos.line(cut(e.at().input(), MAX_NAME), e.at().line());
                c = e.ref() == null ? new Evidence(cut(e.input(), MAX_NAME), cut(e.text(), MAX_EVIDENCE_TEXT), at)
                        : new Evidence(cut(e.input(), MAX_NAME), null, at, e.ref());
            }
            if (c != e && out == null) {
                out = new ArrayList<>(evidence.subList(0, i));
            }
            if (out != null) {
                out.add(c);
            }
        }
        return List.copyOf(out != null ? out : evidence);
    }

    /**
     * This hit at {@code severity} (e.g. a note when a supporting fact is missing); its hot severity goes back
     * to the default, one level above {@code severity}. Rule id, pack, position, message, evidence and cost stay:
     * a rule cannot make a hit pass for another rule's.
     */
    public Hit withSeverity(Severity severity) {
        return new Hit(rule, pkg, severity, null, scope, symbol, file, line, col, message, evidence, cost, instructions,
                binaries, profiles);
    }

    /**
     * This hit kept at its own severity when its site is hot too: the rule has measured that the cost is not
     * the finding's (a callee far over the budget, a call amortised by the loop it runs). The engine still
     * measures and ranks it, and without a hot profile it is weighed as before.
     */
    public Hit notRaised() {
        return new Hit(rule, pkg, severity, severity, scope, symbol, file, line, col, message, evidence, cost,
                instructions, binaries, profiles);
    }

    /**
     * This hit weighed by the CPU samples at {@code addresses}, instructions of {@code symbol}'s machine code (a
     * bounds check's compare and branch; a call's {@code CALL} and the load of its code pointer), when the CPU profile
     * is joined to that machine code: their flat samples, and for a {@code @cost(cum)} rule a {@code CALL}'s cum (what
     * the call reached); the line's own share (self or cum) is then shown as context. Without the join (no objdump of the profiled binary) it is weighed by its line as
     * before. Rule id, pack, position, message, evidence, severities and cost spec stay.
     */
    public Hit weighedOn(List<Long> addresses) {
        return new Hit(rule, pkg, severity, hotSeverity, scope, symbol, file, line, col, message, evidence, cost,
                addresses, List.of(), profiles);
    }

    /**
     * As {@link #weighedOn(List)}, all the addresses of one binary: the objdump input of the machine-code fact they
     * come from ({@code HotInstruction.binaryOf(fact.evidence())}). Only that binary's samples at them count.
     */
    public Hit weighedOn(List<Long> addresses, String binary) {
        return weighedOn(addresses, java.util.Collections.nCopies(addresses.size(), binary == null ? "" : binary));
    }

    /** As {@link #weighedOn(List)}, each address of the binary at the same place in {@code binaries}. */
    public Hit weighedOn(List<Long> addresses, List<String> binaries) {
        return new Hit(rule, pkg, severity, hotSeverity, scope, symbol, file, line, col, message, evidence, cost,
                addresses, binaries, profiles);
    }

    /**
     * This hit's rule reporting at another position with another message and evidence: rule id, pack,
     * severities, scope and cost stay, so a shared function (a pack's {@code lib/*.drl}) can turn one hit its
     * rule made with {@link Hits#at} into several, and a rule still cannot report under another rule's id.
     * Empty {@code symbol}/{@code file} and 0 {@code line}/{@code col} mean "unknown".
     */
    public Hit at(String symbol, String file, int line, int col, String message, List<Evidence> evidence) {
        return new Hit(rule, pkg, severity, hotSeverity, scope, symbol, file, line, col, message, evidence, cost,
                instructions, binaries, profiles);
    }

    /**
     * This hit measured, for its cost, in the profiles named ({@code ProfileSummary.input}: the heap profile whose
     * bytes its message states, the CPU profile it was judged by) when several profiles of their sample type were
     * given: its cost is then the share of its site in them, as its message says, not in the profile where the site
     * weighs most. Everything else stays.
     */
    public Hit weighedBy(List<String> inputs) {
        return new Hit(rule, pkg, severity, hotSeverity, scope, symbol, file, line, col, message, evidence, cost,
                instructions, binaries, inputs);
    }
}
