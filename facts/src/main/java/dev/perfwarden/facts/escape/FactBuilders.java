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
 * The {@link Item.Builder}s of {@link EscapeSection}'s most frequent lines, as classes rather than lambdas: each lambda
 * call site is linked at its first use (a class spun through the lambda metafactory, run interpreted in a cold JVM),
 * a cost every parse of a first input pays; a class is only loaded.
 */
final class FactBuilders {
    private FactBuilders() {
    }

    /** A {@link CompilerRemark} of the function {@code fn} ("" none). */
    static final class Remark implements Item.Builder {
        private final String kind;
        private final String text;
        private final String fn;
        private final String file;
        private final int line;
        private final int col;

        Remark(String kind, String text, String fn, String file, int line, int col) {
            this.kind = kind;
            this.text = text;
            this.fn = fn;
            this.file = file;
            this.line = line;
            this.col = col;
        }

        @Override
        public Fact build(SectionNaming nm, Evidence ev) {
            return new CompilerRemark(kind, text, nm.pkg, fn, fn.isEmpty() ? "" : nm.declared(fn, file), file, line,
                    col, fn.isEmpty() ? Attributable.NONE : Attributable.BY_COMPILER, ev);
        }
    }

    /** An {@link EscapeFact} no block explains ({@code does not escape}, {@code assuming … unsafe uintptr} …). */
    static final class EscSimple implements Item.Builder {
        private final String kind;
        private final String subject;
        private final String result;
        private final int level;
        private final String file;
        private final int line;
        private final int col;

        EscSimple(String kind, String subject, String result, int level, String file, int line, int col) {
            this.kind = kind;
            this.subject = subject;
            this.result = result;
            this.level = level;
            this.file = file;
            this.line = line;
            this.col = col;
        }

        @Override
        public Fact build(SectionNaming nm, Evidence ev) {
            return EscapeFact.of(kind, subject, result, level, false, List.of(), List.of(), nm.pkg, "", "", file, line,
                    col, Attributable.NONE, ev);
        }
    }

    /** An {@link InlineFact}; {@code declared}: whether {@code target} is declared at this position. */
    static final class Inline implements Item.Builder {
        private final String kind;
        private final String target;
        private final String reason;
        private final String reasonKind;
        private final int cost;
        private final int budget;
        private final int score;
        private final String fn;
        private final boolean declared;
        private final String file;
        private final int line;
        private final int col;

        Inline(String kind, String target, String reason, String reasonKind, int cost, int budget, int score,
               String fn, boolean declared, String file, int line, int col) {
            this.kind = kind;
            this.target = target;
            this.reason = reason;
            this.reasonKind = reasonKind;
            this.cost = cost;
            this.budget = budget;
            this.score = score;
            this.fn = fn;
            this.declared = declared;
            this.file = file;
            this.line = line;
            this.col = col;
        }

        @Override
        public Fact build(SectionNaming nm, Evidence ev) {
            String t = declared ? nm.declared(target, file) : nm.called(target);
            String sym = fn.isEmpty() ? "" : (declared ? t : nm.declared(fn, file));
            return new InlineFact(kind, t, target, reason, reasonKind, cost, budget, score, List.of(), nm.pkg, fn,
                    sym, file, line, col, sym.isEmpty() ? Attributable.NONE : Attributable.BY_COMPILER, ev);
        }
    }

    /** A {@link Devirtualization}. */
    static final class Devirt implements Item.Builder {
        private final String kind;
        private final String call;
        private final String type;
        private final String reason;
        private final String file;
        private final int line;
        private final int col;

        Devirt(String kind, String call, String type, String reason, String file, int line, int col) {
            this.kind = kind;
            this.call = call;
            this.type = type;
            this.reason = reason;
            this.file = file;
            this.line = line;
            this.col = col;
        }

        @Override
        public Fact build(SectionNaming nm, Evidence ev) {
            return new Devirtualization(kind, call, type, reason, nm.pkg, "", "", file, line, col, Attributable.NONE, ev);
        }
    }

    /** A {@link ClosureCapture} of variable {@code v} by function {@code fn}. */
    static final class Capture implements Item.Builder {
        private final String v;
        private final boolean byRef;
        private final boolean addr;
        private final boolean assign;
        private final long width;
        private final String fn;
        private final String file;
        private final int line;
        private final int col;

        Capture(String v, boolean byRef, boolean addr, boolean assign, long width, String fn, String file, int line,
                int col) {
            this.v = v;
            this.byRef = byRef;
            this.addr = addr;
            this.assign = assign;
            this.width = width;
            this.fn = fn;
            this.file = file;
            this.line = line;
            this.col = col;
        }

        @Override
        public Fact build(SectionNaming nm, Evidence ev) {
            return new ClosureCapture(v, byRef, addr, assign, width,
                    new Origin(nm.pkg, fn, nm.declared(fn, file), file, line, col, Attributable.BY_COMPILER), ev);
        }
    }

    /** A {@link BoundsCheck} ({@code Found IsInBounds}, {@code Found IsSliceInBounds}). */
    static final class Bounds implements Item.Builder {
        private final String kind;
        private final String file;
        private final int line;
        private final int col;

        Bounds(String kind, String file, int line, int col) {
            this.kind = kind;
            this.file = file;
            this.line = line;
            this.col = col;
        }

        @Override
        public Fact build(SectionNaming nm, Evidence ev) {
            return new BoundsCheck(kind, InputKind.ESCAPE_TEXT.id(), List.of(), nm.pkg, "", "", file, line, col,
                    Attributable.NONE, ev);
        }
    }
}
