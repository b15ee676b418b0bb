package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.frontend.LineMap;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.pack.RuleSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems restricted mode finds in one rule source, at the position the author wrote: DRL offsets and
 * lines are mapped back through the source's {@link LineMap} (a DSLR line for expanded sentences). A refusal
 * says it is restricted mode's and names the rule, query or function being checked; a plain mistake (a
 * misspelt field) does not. At most 50 problems, each once per line.
 */
final class DrlProblems {
    private static final String SUFFIX = " (restricted mode; only a pack run with --trust=full may do this)";
    private static final int MAX = 50;

    private final Pack pack;
    private final RuleSource src;
    private final int[] lineStarts;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    /** {@code rule "x"}, {@code query "q"} or {@code function "f"} being checked, or null at package level. */
    private String unit;

    DrlProblems(Pack pack, RuleSource src) {
        this.pack = pack;
        this.src = src;
        this.lineStarts = lineStarts(src.drl());
    }

    /** Offsets at which the lines of {@code s} start. */
    static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    void unit(String label) {
        this.unit = label;
    }

    /** The offset of 1-based DRL line {@code line}, or 0 when out of range. */
    int lineStart(int line) {
        return line > 0 && line <= lineStarts.length ? lineStarts[line - 1] : 0;
    }

    private int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    void at(int offset, String msg, boolean refusal) {
        int line = lineOf(offset);
        atLine(line, offset - lineStarts[line - 1] + 1, msg, refusal);
    }

    /** A problem at a DRL line and column (0: unknown). */
    void atLine(int drlLine, int drlCol, String msg, boolean refusal) {
        LineMap map = src.lineMap();
        LineMap.Point at = map.source(Math.max(0, drlLine), drlCol);
        int line = at.line();
        int col = at.column();
        if (!seen.add(line + ":" + msg) || problems.size() >= MAX) {
            return;
        }
        String suffix = !refusal ? "" : unit == null ? SUFFIX
                : " (restricted mode, " + unit + "; only a pack run with --trust=full may do this)";
        problems.add(new Problem(pack.id(), pack.origin(), src.file(), line, col, msg + suffix));
    }

    /** The problems by line and column. */
    List<Problem> sorted() {
        List<Problem> out = new ArrayList<>(problems);
        out.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return out;
    }
}
