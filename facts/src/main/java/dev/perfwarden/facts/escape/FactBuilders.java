package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.Origin;
import dev.perfwarden.facts.inline.Devirtualization;
import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.logopt.BoundsCheck;

import java.util.List;

/**
 * The {@link Item.Builder}s of {@link EscapeSection}'s most frequent lines, as records rather than lambdas: each lambda
 * call site is linked at its first use (a class spun through the lambda metafactory, run interpreted in a cold JVM),
 * a cost every parse of a first input pays; a record is only loaded (its equals, hashCode and toString, which would
 * link a bootstrap of their own, are never called: builders are only built and run).
 */
final class FactBuilders {
    private FactBuilders() {
    }

    /** A {@link CompilerRemark} of the function {@code fn} ("" none). */
    record Remark(String kind, String text, String fn, String file, int line, int col) implements Item.Builder {
        @Override
        public Fact build(SectionNaming nm, Evidence ev) {
            return new CompilerRemark(kind, text, nm.pkg, fn, fn.isEmpty() ? "" : nm.declared(fn, file), file, line,
                    col, fn.isEmpty() ? Attributable.NONE : Attributable.BY_COMPILER, ev);
        }
    }

    /** An {@link EscapeFact} no block explains ({@code does not escape}, {@code assuming … unsafe uintptr} …). */
    record EscSimple(String kind, String subject, String result, int level, String file, int line, int col)
            implements Item.Builder {
        @Override
        public Fact build(SectionNaming nm, Evidence ev) {
            return EscapeFact.of(kind, subject, result, level, false, List.of(), List.of(), nm.pkg, "", "", file, line,
                    col, Attributable.NONE, ev);
        }
    }

    /** An {@link InlineFact}; {@code declared}: whether {@code target} is declared at this position. */
    record Inline(String kind, String target, String reason, String reasonKind, int cost, int budget, int score,
            String fn, boolean declared, String file, int line, int col) implements Item.Builder {
        @Override
        public Fact build(SectionNaming nm, Evidence ev) {
            String t = declared ? nm.declared(target, file) : nm.called(target);
            String sym = fn.isEmpty() ? "" : (declared ? t : nm.declared(fn, file));
            return new InlineFact(kind, t, target, reason, reasonKind, cost, budget, score, List.of(), nm.pkg, fn,
                    sym, file, line, col, sym.isEmpty() ? Attributable.NONE : Attributable.BY_COMPILER, ev);
        }
    }

    /** A {@link Devirtualization}. */
    record Devirt(String kind, String call, String type, String reason, String file, int line, int col)
            implements Item.Builder {
        @Override
        public Fact build(SectionNaming nm, Evidence ev) {
            return new Devirtualization(kind, call, type, reason, nm.pkg, "", "", file, line, col, Attributable.NONE, ev);
        }
    }

    /** A {@link ClosureCapture} of variable {@code v} by function {@code fn}. */
    record Capture(String v, boolean byRef, boolean addr, boolean assign, long width, String fn, String file, int line,
            int col) implements Item.Builder {
        @Override
        public Fact build(SectionNaming nm, Evidence ev) {
            return new ClosureCapture(v, byRef, addr, assign, width,
                    new Origin(nm.pkg, fn, nm.declared(fn, file), file, line, col, Attributable.BY_COMPILER), ev);
        }
    }

    /** A {@link BoundsCheck} ({@code Found IsInBounds}, {@code Found IsSliceInBounds}). */
    record Bounds(String kind, String file, int line, int col) implements Item.Builder {
        @Override
        public Fact build(SectionNaming nm, Evidence ev) {
            return new BoundsCheck(kind, InputKind.ESCAPE_TEXT.id(), List.of(), nm.pkg, "", "", file, line, col,
                    Attributable.NONE, ev);
        }
    }
}
