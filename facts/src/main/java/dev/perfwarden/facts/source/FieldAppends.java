package dev.perfwarden.facts.source;

import dev.perfwarden.facts.asm.RuntimeCall;
import dev.perfwarden.facts.core.Fact;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@link FieldAppend}s of a run: on every line where a loop of the machine code calls
 * {@code runtime.growslice} ({@link RuntimeCall} of category {@code growslice}, {@code inLoop}) in a file of an
 * index, the statements {@code E = append(E, …)} whose {@code E} is a chain of at least two names
 * ({@code x.f}, {@code x.a.f}), the same on both sides. Only the files holding such lines are read
 * ({@link GoScanner}); a file that cannot be read gives no fact. A statement starts after a semicolon (written or
 * automatic), a brace or a colon ({@code case …:}).
 */
public final class FieldAppends {
    private FieldAppends() {
    }

    /** The facts for the in-loop growslice lines among {@code facts} (module-relative files), from {@code indexes}. */
    public static List<FieldAppend> of(List<? extends Fact> facts, List<GoSourceIndex> indexes) {
        List<FieldAppend> out = new ArrayList<>();
        RuntimeCallLines.read(RuntimeCallLines.of(facts, RuntimeCall.GROWSLICE, true), indexes, (file, idx, src, lines) -> {
            for (FieldAppend a : scan(file, src)) {
                if (lines.contains(a.line())) {
                    out.add(a);
                }
            }
        });
        return out;
    }

    /** Every {@code E = append(E, …)} of one file with E a chain of two or more names. */
    static List<FieldAppend> scan(String rel, byte[] src) {
        List<GoScanner.Token> t = GoScanner.scan(src);
        int[] match = GoScanner.brackets(t);
        List<FieldAppend> out = new ArrayList<>();
        for (int i = 0; i + 3 < t.size(); i++) {
            if (!(t.get(i).is("=") && t.get(i + 1).is("append") && t.get(i + 2).is("(") && match[i + 2] > 0)) {
                continue;
            }
            int start = chainStart(t, i - 1);
            if (start < 0 || start == i - 1 || start > 0 && !boundary(t.get(start - 1))) {
                continue;
            }
            int close = match[i + 2];
            int k = i + 3;
            int end = k + (i - start);
            if (end > close || !same(t, start, k, i - start) || !(t.get(end).is(",") || end == close)) {
                continue;
            }
            int values = 0;
            for (int j = end; j < close; j++) {
                if (t.get(j).is(",") && j + 1 < close) {
                    values++;
                }
                if (match[j] > j) {
                    j = match[j];
                }
            }
            boolean spread = t.get(close - 1).is("...");
            GoScanner.Token first = t.get(start);
            out.add(new FieldAppend(rel, t.get(i + 1).line(), first.col(), text(t, start, i), values, spread));
        }
        return out;
    }

    /** The first token of the chain {@code a.b.c} ending at token {@code last}, or -1. */
    static int chainStart(List<GoScanner.Token> t, int last) {
        if (last < 0 || !t.get(last).isIdent()) {
            return -1;
        }
        int j = last;
        while (j >= 2 && t.get(j - 1).is(".") && t.get(j - 2).isIdent()) {
            j -= 2;
        }
        return j;
    }

    private static boolean boundary(GoScanner.Token b) {
        return b.kind() == GoScanner.Kind.SEMI || b.is("{") || b.is("}") || b.is(":");
    }

    /** Tokens [a, a+n) and [b, b+n) spell the same names and dots. */
    private static boolean same(List<GoScanner.Token> t, int a, int b, int n) {
        for (int j = 0; j < n; j++) {
            GoScanner.Token x = t.get(a + j);
            GoScanner.Token y = t.get(b + j);
            if (x.kind() != y.kind() || !x.text().equals(y.text())) {
                return false;
            }
        }
        return true;
    }

    private static String text(List<GoScanner.Token> t, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int j = from; j < to; j++) {
            s.append(t.get(j).text());
        }
        return s.toString();
    }
}
