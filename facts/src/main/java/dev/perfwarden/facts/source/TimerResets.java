package dev.perfwarden.facts.source;

import dev.perfwarden.facts.source.GoScanner.Kind;
import dev.perfwarden.facts.source.GoScanner.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the untimed setup of a block of a function with a {@code *testing.B} ({@code recv}) ends: at its last
 * statement of its own (not one inside a loop, a {@code switch}, a bare block or a function literal) that resets the
 * timer, read from the tokens of {@link GoScanner}. A statement resets it when it is
 * <ul>
 *   <li>{@code recv.ResetTimer()}: the setup runs to its line, included;</li>
 *   <li>{@code for recv.Loop() {…}} (Go 1.24+: the first call resets the timer): the setup ends before its line;</li>
 *   <li>a call of a resetting helper of the package ({@code helpers}: a function whose own body resets the timer of
 *       its {@code *testing.B} parameter, by these same rules) with {@code recv} as that argument: the setup ends
 *       before the line of the call (a line the call starts on also runs the helper's timed loop);</li>
 *   <li>an {@code if} whose every branch, down to a final {@code else}, resets: the setup is the lines before the
 *       {@code if} and, in each branch, those before its own reset point.</li>
 * </ul>
 * An {@code if} without a final {@code else}, a loop, a {@code go} or {@code defer} statement resets nothing (the
 * timer may run over the code before them).
 */
record TimerResets(String recv, List<Token> t, int[] match, Map<String, Integer> helpers) {
    /**
     * The untimed setup of a block: its line ranges, what ends it and the line of that.
     *
     * @param ranges {@code {from, to}} line ranges, in order, none empty
     * @param what   {@code before b.ResetTimer}, {@code before b.Loop} or {@code before benchEncode(b) resets the timer}
     * @param line   the line of the call that ends the setup (the first branch's for an {@code if})
     */
    record Reset(List<int[]> ranges, String what, int line) {
    }

    /** The setup of the block {@code open..close} (tokens of its braces) from line {@code from}, or null. */
    Reset find(int open, int close, int from) {
        Reset last = null;
        for (int j = open + 1; j < close; j++) {
            Token k = t.get(j);
            Reset r = null;
            if (k.is("if") && !t.get(j - 1).is("else")) {
                int[] end = {close};
                r = ifChain(j, close, from, end);
                j = end[0] - 1;
            } else if (k.is("for") && loop(j + 1)) {
                r = reset(from, k.line() - 1, "before " + recv + ".Loop", k.line());
            } else if (!t.get(j - 1).is("go") && !t.get(j - 1).is("defer")) {
                r = call(j, from);
            }
            if (r != null) {
                last = r;
            }
            if (k.kind() == Kind.OP && (k.is("(") || k.is("[") || k.is("{")) && match[j] > j) {
                j = match[j];
            }
        }
        return last;
    }

    /** A reset by the call starting at token {@code j} (ResetTimer on recv, or a resetting helper's), or null. */
    private Reset call(int j, int from) {
        Token k = t.get(j);
        if (!k.isIdent() || t.get(j - 1).is(".")) {
            return null;
        }
        if (k.text().equals(recv) && j + 4 < t.size() && t.get(j + 1).is(".") && t.get(j + 2).is("ResetTimer")
                && t.get(j + 3).is("(") && t.get(j + 4).is(")")) {
            return reset(from, k.line(), "before " + recv + ".ResetTimer", k.line());
        }
        Integer param = helpers.get(k.text());
        if (param == null || j + 1 >= t.size() || !t.get(j + 1).is("(") || match[j + 1] < 0
                || !argument(j + 1, param)) {
            return null;
        }
        return reset(from, k.line() - 1, "before " + k.text() + "(" + recv + ") resets the timer", k.line());
    }

    /** Whether argument {@code index} of the call whose parentheses open at {@code paren} is {@code recv} alone. */
    private boolean argument(int paren, int index) {
        int arg = 0;
        int first = paren + 1;
        for (int m = paren + 1; m <= match[paren]; m++) {
            Token k = t.get(m);
            if (k.is(",") || m == match[paren]) {
                if (arg == index) {
                    return m == first + 1 && t.get(first).kind() == Kind.IDENT && t.get(first).text().equals(recv);
                }
                arg++;
                first = m + 1;
            } else if (k.kind() == Kind.OP && (k.is("(") || k.is("[") || k.is("{")) && match[m] > m) {
                m = match[m];
            }
        }
        return false;
    }

    /**
     * The reset of the {@code if} chain at token {@code j} when every branch resets, else null; {@code end[0]} is set
     * to the token after the chain.
     */
    private Reset ifChain(int j, int limit, int from, int[] end) {
        List<int[]> ranges = new ArrayList<>();
        add(ranges, from, t.get(j).line() - 1);
        Reset first = null;
        boolean all = true;
        int branchLine = t.get(j).line();
        int at = j;
        while (true) {
            int open = blockOpen(at + 1, limit);
            if (open < 0) {
                end[0] = limit;
                return null;
            }
            Reset r = find(open, match[open], branchLine);
            all &= r != null;
            if (r != null) {
                ranges.addAll(r.ranges());
                first = first == null ? r : first;
            }
            int next = match[open] + 1;
            end[0] = next;
            if (next + 1 >= limit || !t.get(next).is("else")) {
                return null; // no final else: the timer may run over everything before
            }
            branchLine = t.get(next).line();
            if (t.get(next + 1).is("if")) {
                at = next + 1;
                continue;
            }
            if (!t.get(next + 1).is("{") || match[next + 1] < 0) {
                return null;
            }
            Reset last = find(next + 1, match[next + 1], branchLine);
            end[0] = match[next + 1] + 1;
            if (!all || last == null) {
                return null;
            }
            ranges.addAll(last.ranges());
            return new Reset(merged(ranges), first.what(), first.line());
        }
    }

    /** The first {@code {} at or after {@code m} outside brackets (an {@code if}'s block), or -1. */
    private int blockOpen(int m, int limit) {
        for (; m < limit; m++) {
            Token k = t.get(m);
            if (k.is("{")) {
                return match[m] > m ? m : -1;
            }
            if (k.kind() == Kind.OP && (k.is("(") || k.is("[")) && match[m] > m) {
                m = match[m];
            }
        }
        return -1;
    }

    /** Whether tokens at {@code j} are {@code recv . Loop ( ) {} with a matched brace. */
    boolean loop(int j) {
        return j + 5 < t.size() && t.get(j).kind() == Kind.IDENT && t.get(j).text().equals(recv)
                && t.get(j + 1).is(".") && t.get(j + 2).is("Loop") && t.get(j + 3).is("(") && t.get(j + 4).is(")")
                && t.get(j + 5).is("{") && match[j + 5] > j + 5;
    }

    private static Reset reset(int from, int to, String what, int line) {
        List<int[]> ranges = new ArrayList<>();
        add(ranges, from, to);
        return new Reset(ranges, what, line);
    }

    private static void add(List<int[]> ranges, int from, int to) {
        if (to >= from) {
            ranges.add(new int[]{from, to});
        }
    }

    /** Ranges in order with touching or overlapping ones joined. */
    private static List<int[]> merged(List<int[]> ranges) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : ranges) {
            int[] prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (prev != null && r[0] <= prev[1] + 1) {
                prev[1] = Math.max(prev[1], r[1]);
            } else {
                out.add(new int[]{r[0], r[1]});
            }
        }
        return out;
    }
}
