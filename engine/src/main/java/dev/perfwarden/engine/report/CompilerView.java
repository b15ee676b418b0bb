package dev.perfwarden.engine.report;

import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.ir.EscapeStmt;
import dev.perfwarden.facts.ir.InlinedBody;
import dev.perfwarden.facts.ir.IrCall;
import dev.perfwarden.facts.ir.IrConversion;
import dev.perfwarden.facts.ir.IrVariable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the compiler printed about a finding's line, side by side (the {@code -m=2} vs {@code -m=3} comparison):
 * the {@code -m=2} text of that line, and the {@code -m=3}/{@code -m=4} IR lines written there (a position of
 * their chain is the finding's file and line: the function's own code, or a copy inlined elsewhere) or quoted
 * by the finding as evidence (an interface call at the flow's call position). Built from the facts of the run
 * that made the finding, for {@code explain --finding} and any report that shows a finding's compiler output.
 *
 * @param text the {@code -m=2} lines (escape and inlining text) of the finding's line, in input order
 * @param ir   the IR lines, in input order
 */
public record CompilerView(List<Line> text, List<Line> ir) {
    /**
     * One line of compiler output.
     *
     * @param evidence the line as written and where (input file and line)
     * @param dump     for an IR line, the dump it is in ({@link dev.perfwarden.facts.ir.IrDump}); "" for -m=2 text
     * @param in       the function being compiled (where an inlined copy landed), "" when unknown
     * @param at       the positions of the line: outermost (where it landed) first, innermost (where the code
     *                 is written) last
     */
    public record Line(Evidence evidence, String dump, String in, List<SourcePos> at) {
    }

    /** The view of {@code f} from {@code facts} (the resolved facts of the inputs it was found in). */
    public static CompilerView of(Finding f, List<? extends Fact> facts) {
        Set<Evidence> quoted = new HashSet<>(f.evidence());
        Set<Line> text = new LinkedHashSet<>();
        Set<Line> ir = new LinkedHashSet<>();
        for (Fact x : facts) {
            if (!(x instanceof Attributable<?> a) || a.evidence() == null) {
                continue;
            }
            Evidence e = a.evidence();
            List<SourcePos> chain = chain(x, a);
            boolean here = chain.stream().anyMatch(p -> p.line() == f.line() && sameFile(p.file(), f.file()));
            if (e.input().equals(InputKind.IR_DUMP.id())) {
                if (here || quoted.contains(e)) {
                    ir.add(new Line(e, dump(x), a.symbol(), chain));
                }
            } else if (e.input().equals(InputKind.ESCAPE_TEXT.id()) && a.line() == f.line() && sameFile(a.file(), f.file())) {
                text.add(new Line(e, "", a.symbol(), chain));
            }
        }
        return new CompilerView(sorted(text, true), sorted(ir, false));
    }

    /** Whether there is any IR to show (the inputs had -m=3 or -m=4 output about the line). */
    public boolean hasIr() {
        return !ir.isEmpty();
    }

    /** In input order, each line once; {@code byText}: the same text in several inputs (-m=2 lines repeated in -m=3 output) once. */
    private static List<Line> sorted(Set<Line> lines, boolean byText) {
        List<Line> out = new ArrayList<>(lines);
        out.sort(Comparator.comparing((Line l) -> l.evidence().at() == null ? "" : l.evidence().at().input())
                .thenComparingLong(l -> l.evidence().at() == null ? 0 : l.evidence().at().line()));
        // the same line of a file may back several facts (a call and its conversion): show it once
        List<Line> once = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Line l : out) {
            String key = (byText || l.evidence().at() == null ? ""
                    : l.evidence().at().input() + ":" + l.evidence().at().line()) + "\u0000" + l.evidence().text();
            if (seen.add(key)) {
                once.add(l);
            }
        }
        return once;
    }

    private static List<SourcePos> chain(Fact x, Attributable<?> a) {
        List<SourcePos> c = x instanceof IrCall k ? k.chain() : x instanceof IrConversion k ? k.chain()
                : x instanceof IrVariable k ? k.chain() : x instanceof InlinedBody k ? k.chain()
                : x instanceof EscapeStmt k ? k.chain() : List.of();
        return c.isEmpty() ? List.of(new SourcePos(a.file(), a.line(), a.col())) : c;
    }

    private static String dump(Fact x) {
        return x instanceof IrCall k ? k.dump() : x instanceof IrConversion k ? k.dump()
                : x instanceof IrVariable k ? k.dump() : x instanceof InlinedBody k ? k.dump()
                : x instanceof EscapeStmt k ? k.dump() : "";
    }

    private static boolean sameFile(String a, String b) {
        return a.equals(b) || a.endsWith("/" + b) || b.endsWith("/" + a);
    }
}
