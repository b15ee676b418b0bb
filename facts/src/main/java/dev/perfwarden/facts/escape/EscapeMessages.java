package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Origin;
import dev.perfwarden.facts.core.CompilerNames;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.inline.Devirtualization;
import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.inline.InlineReasons;
import dev.perfwarden.facts.logopt.BoundsCheck;
import dev.perfwarden.facts.parse.CompilerLine;
import dev.perfwarden.facts.parse.MessageForm;
import dev.perfwarden.facts.parse.MessageTable;

import java.util.List;

import static dev.perfwarden.facts.parse.MessageForm.enclosed;
import static dev.perfwarden.facts.parse.MessageForm.exact;
import static dev.perfwarden.facts.parse.MessageForm.firstInfix;
import static dev.perfwarden.facts.parse.MessageForm.lastInfix;
import static dev.perfwarden.facts.parse.MessageForm.prefix;
import static dev.perfwarden.facts.parse.MessageForm.suffix;

/**
 * The message decoder of {@code -gcflags=-m} output: the vocabulary of the compiler's inlining,
 * devirtualization, escape-analysis and debug messages as a table of {@link MessageForm}s, each with the
 * handler that turns its body into a record of the {@link EscapeSection}. A message no form has is an
 * {@code unknown compiler message}.
 */
final class EscapeMessages {
    private EscapeMessages() {
    }

    private static final String BIG = " considered 'big'; reducing max cost of inlinees";
    private static final String WITH_COST = " with cost ";
    private static final String WITH_SCORE = " with score ";
    private static final String INTO = " into ";
    private static final String TO = " to ";
    private static final String SHAPED = ": shaped ";
    private static final String TO_RESULT = " to result ";
    private static final String LEVEL = " level=";
    private static final String DEREFS = " derefs=";
    private static final String WITH_DEREFS = " with derefs=";
    private static final String LEAKS_TO = " leaks to ";
    private static final String AS_ESCAPING = " as escaping ";
    private static final String SELF_ASSIGNMENT = " ignoring self-assignment in ";
    private static final String NIL_CHECK = " nil check";

    /** The forms, anchored ones first by their first character as the compiler's wording groups them. */
    static final MessageTable<EscapeSection> TABLE = new MessageTable<EscapeSection>(List.of(
            // inlining
            prefix("can inline ", EscapeMessages::canInline),
            prefix("cannot inline ", EscapeMessages::cannotInline),
            prefix("inlining call to ", EscapeMessages::inlinedCall),
            enclosed("function ", BIG, (s, l, name) -> {
                String n = s.in(name);
                s.inline(l, InlineFact.KIND_BIG_FUNCTION, n, "", "", -1, -1, InlineFact.NO_SCORE, n, true);
                return true;
            }),
            prefix("skip inlining within testing.B.loop for ", (s, l, name) -> {
                s.inline(l, InlineFact.KIND_SKIP_INLINE, s.in(name), "", "", -1, -1, InlineFact.NO_SCORE, "", false);
                return true;
            }),
            // devirtualization
            prefix("cannot devirtualize ", EscapeMessages::cannotDevirtualize),
            prefix("devirtualizing ", devirtualizing(Devirtualization.KIND_STATIC)),
            prefix("partially devirtualizing ", devirtualizing(Devirtualization.KIND_PARTIAL)),
            prefix("PGO devirtualizing interface call ", devirtualizing(Devirtualization.KIND_PGO_INTERFACE)),
            prefix("PGO devirtualizing function call ", devirtualizing(Devirtualization.KIND_PGO_FUNCTION)),
            prefix("PGO devirtualizing ", devirtualizing(Devirtualization.KIND_PGO)),
            prefix("failed to devirtualize ", EscapeMessages::failedToDevirtualize),
            // escape analysis: summaries, explanation headers, parameter tags
            prefix("moved to heap: ", (s, l, name) -> {
                String n = s.in(name);
                s.summary(l, EscapeFact.KIND_MOVED_TO_HEAP, n, "", -1, EscapeSection.escKey(l, n));
                return true;
            }),
            prefix("leaking param content: ", (s, l, param) -> {
                String p = s.in(param);
                s.summary(l, EscapeFact.KIND_LEAKING_PARAM_CONTENT, p, "", -1, EscapeSection.leakKey(l, p));
                return true;
            }),
            prefix("leaking param: ", EscapeMessages::leakingParam),
            enclosed("parameter ", ":", EscapeMessages::leakHeader).where(m -> m.contains(LEAKS_TO)),
            prefix("calls param: ", paramDerefs(EscapeFact.KIND_CALLS_PARAM)),
            prefix("mutates param: ", paramDerefs(EscapeFact.KIND_MUTATES_PARAM)),
            enclosed("marking ", "uintptr", EscapeMessages::marking),
            enclosed("assuming ", " is unsafe uintptr", (s, l, p) -> {
                s.escSimple(l, EscapeFact.KIND_UNSAFE_UINTPTR, s.in(p), "", -1);
                return true;
            }),
            // remarks
            exact("index bounds check elided", remark(CompilerRemark.KIND_BOUNDS_CHECK_ELIDED)),
            exact("imprecise interface call", remark(CompilerRemark.KIND_IMPRECISE_INTERFACE_CALL)),
            exact("zero-copy string->[]byte conversion", remark(CompilerRemark.KIND_ZERO_COPY)),
            exact("Found IsInBounds", boundsCheck(BoundsCheck.KIND_INDEX)),
            exact("Found IsSliceInBounds", boundsCheck(BoundsCheck.KIND_SLICE)),
            // -d=ssa/prove/debug, -d=nil and similar debug output
            prefix("Proved ", remark(CompilerRemark.KIND_SSA_DEBUG)),
            prefix("Disproved ", remark(CompilerRemark.KIND_SSA_DEBUG)),
            prefix("Induction variable", remark(CompilerRemark.KIND_SSA_DEBUG)),
            exact("Inverted loop iteration", remark(CompilerRemark.KIND_SSA_DEBUG)),
            prefix("removed nil check", remark(CompilerRemark.KIND_SSA_DEBUG)),
            prefix("generated nil check", remark(CompilerRemark.KIND_SSA_DEBUG)),
            enclosed("D", NIL_CHECK, remark(CompilerRemark.KIND_SSA_DEBUG)),
            enclosed("I", NIL_CHECK, remark(CompilerRemark.KIND_SSA_DEBUG)),
            enclosed("r", NIL_CHECK, remark(CompilerRemark.KIND_SSA_DEBUG)),
            enclosed("g", NIL_CHECK, remark(CompilerRemark.KIND_SSA_DEBUG)),
            // Go 1.26's bloop pass (what a b.Loop() body keeps alive)
            exact("expr is unknown to bloop pass", remark(CompilerRemark.KIND_BLOOP)),
            exact("unrecognized shape for assign list stmt for blank assignment", remark(CompilerRemark.KIND_BLOOP)),
            // messages that start with an expression or a name: recognised by their ending or a separator
            suffix(" does not escape", (s, l, subject) -> {
                s.escSimple(l, EscapeFact.KIND_DOES_NOT_ESCAPE, s.in(subject), "", -1);
                return true;
            }),
            suffix(" does not escape, mutate, or call", (s, l, subject) -> {
                s.escSimple(l, EscapeFact.KIND_NO_ESCAPE_MUTATE_CALL, s.in(subject), "", -1);
                return true;
            }),
            suffix(" will be kept alive", remark(CompilerRemark.KIND_BLOOP)),
            lastInfix(" escapes to heap", EscapeMessages::escapes),
            firstInfix(" capturing by ", EscapeMessages::capturing),
            firstInfix(SELF_ASSIGNMENT, (s, l, fn, after) -> {
                String f = s.in(fn);
                s.local(f);
                s.remark(l, CompilerRemark.KIND_SELF_ASSIGNMENT, SELF_ASSIGNMENT.substring(1) + after, f);
                return true;
            })));

    // ---- inlining

    /** {@code can inline F[ with cost N as: BODY]}. */
    private static boolean canInline(EscapeSection s, CompilerLine l, String rest) {
        int w = CompilerNames.indexAtDepth0(rest, WITH_COST, 0);
        String name;
        int cost = InlineFact.ABSENT;
        if (w > 0) {
            name = rest.substring(0, w);
            int i = w + WITH_COST.length();
            int v = 0;
            int d = 0;
            while (i < rest.length() && Character.isDigit(rest.charAt(i)) && d < 10) {
                v = v * 10 + (rest.charAt(i) - '0');
                i++;
                d++;
            }
            if (d == 0 || !rest.startsWith(" as: ", i)) {
                return false;
            }
            cost = v;
        } else {
            name = rest;
        }
        if (name.isEmpty()) {
            return false;
        }
        name = s.in(name);
        s.declaredHere(name, l.file());
        s.inline(l, InlineFact.KIND_CAN_INLINE, name, "", "", cost, InlineFact.ABSENT, InlineFact.NO_SCORE, name, true);
        return true;
    }

    /** {@code cannot inline F: REASON} or {@code cannot inline CALLEE into CALLER: REASON}. */
    private static boolean cannotInline(EscapeSection s, CompilerLine l, String rest) {
        int colon = CompilerNames.indexAtDepth0(rest, ": ", 0);
        if (colon <= 0) {
            return false;
        }
        String name = rest.substring(0, colon);
        String reason = s.in(rest.substring(colon + 2));
        String kindOfReason = InlineReasons.classify(reason);
        int[] cb = InlineReasons.costAndBudget(reason);
        int into = CompilerNames.indexAtDepth0(name, INTO, 0);
        if (into > 0) {
            String callee = s.in(name.substring(0, into));
            String caller = s.in(name.substring(into + INTO.length()));
            s.local(caller);
            s.inline(l, InlineFact.KIND_CANNOT_INLINE_CALL, callee, reason, kindOfReason, cb[0], cb[1],
                    InlineFact.NO_SCORE, caller, false);
            return true;
        }
        name = s.in(name);
        s.declaredHere(name, l.file());
        s.inline(l, InlineFact.KIND_CANNOT_INLINE, name, reason, kindOfReason, cb[0], cb[1], InlineFact.NO_SCORE,
                name, true);
        return true;
    }

    /** {@code inlining call to F[ with score N]} (the score is PGO's). */
    private static boolean inlinedCall(EscapeSection s, CompilerLine l, String rest) {
        String name = rest;
        int score = InlineFact.NO_SCORE;
        int w = rest.lastIndexOf(WITH_SCORE);
        if (w > 0) {
            try {
                score = Integer.parseInt(rest.substring(w + WITH_SCORE.length()));
                name = rest.substring(0, w);
            } catch (NumberFormatException e) {
                name = rest;
            }
        }
        if (name.isEmpty()) {
            return false;
        }
        s.inline(l, InlineFact.KIND_INLINED_CALL, s.in(name), "", "", InlineFact.ABSENT, InlineFact.ABSENT, score,
                "", false);
        return true;
    }

    // ---- devirtualization

    /** {@code [partially |PGO ]devirtualizing CALL to TYPE}. */
    private static MessageForm.BodyHandler<EscapeSection> devirtualizing(String kind) {
        return (s, l, rest) -> {
            int to = rest.lastIndexOf(TO);
            if (to <= 0) {
                return false;
            }
            devirt(s, l, kind, s.in(rest.substring(0, to)), s.in(rest.substring(to + TO.length())), "");
            return true;
        };
    }

    /** {@code cannot devirtualize CALL: shaped receiver TYPE}. */
    private static boolean cannotDevirtualize(EscapeSection s, CompilerLine l, String rest) {
        int sh = rest.lastIndexOf(SHAPED);
        if (sh <= 0) {
            return false;
        }
        String reason = rest.substring(sh + 2); // "shaped WORD TYPE"
        int sp = reason.indexOf(' ', "shaped ".length());
        String type = sp > 0 && sp + 1 < reason.length() ? reason.substring(sp + 1) : "";
        devirt(s, l, Devirtualization.KIND_CANNOT, s.in(rest.substring(0, sh)), s.in(type), s.in(reason));
        return true;
    }

    /** {@code failed to devirtualize CALL[ (TYPE)]}. */
    private static boolean failedToDevirtualize(EscapeSection s, CompilerLine l, String body) {
        int open = body.lastIndexOf(" (");
        String call = open > 0 ? body.substring(0, open) : body;
        String type = open > 0 && body.endsWith(")") ? body.substring(open + 2, body.length() - 1) : "";
        devirt(s, l, Devirtualization.KIND_FAILED, call, type, "");
        return true;
    }

    private static void devirt(EscapeSection s, CompilerLine l, String kind, String call, String type,
                               String reason) {
        String file = l.file();
        int line = l.line();
        int col = l.col();
        s.simple(l, (nm, ev) -> new Devirtualization(kind, call, type, reason, nm.pkg, "", "", file, line, col,
                Attributable.NONE, ev));
    }

    // ---- escape analysis

    /** {@code X escapes to heap} (a summary), {@code X escapes to heap:} / {@code … in F:} (a block header). */
    private static boolean escapes(EscapeSection s, CompilerLine l, String subject, String after) {
        String subj = s.in(subject);
        if (after.isEmpty()) {
            s.summary(l, EscapeFact.KIND_ESCAPES, subj, "", -1, EscapeSection.escKey(l, subj));
            return true;
        }
        if (after.equals(":")) {
            s.block(l, false, subj, "", -1, "");
            return true;
        }
        if (after.startsWith(" in ") && after.endsWith(":")) {
            s.block(l, false, subj, "", -1, s.in(after.substring(" in ".length(), after.length() - 1)));
            return true;
        }
        return false; // e.g. "x escapes to heap, not allowed in runtime" (an error)
    }

    /** {@code leaking param: P} or {@code leaking param: P to result R level=N}. */
    private static boolean leakingParam(EscapeSection s, CompilerLine l, String rest) {
        int to = rest.indexOf(TO_RESULT);
        if (to > 0) {
            int lv = rest.lastIndexOf(LEVEL);
            if (lv > to) {
                try {
                    int level = Integer.parseInt(rest.substring(lv + LEVEL.length()));
                    String p = s.in(rest.substring(0, to));
                    String res = s.in(rest.substring(to + TO_RESULT.length(), lv));
                    s.summary(l, EscapeFact.KIND_LEAKING_PARAM_TO_RESULT, p, res, level, EscapeSection.leakKey(l, p));
                    return true;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        String p = s.in(rest);
        s.summary(l, EscapeFact.KIND_LEAKING_PARAM, p, "", -1, EscapeSection.leakKey(l, p));
        return true;
    }

    /** Block header {@code parameter P leaks to DST[ for F] with derefs=N:}; DST may be {@code {heap}}. */
    private static boolean leakHeader(EscapeSection s, CompilerLine l, String body) {
        int lt = body.indexOf(LEAKS_TO);
        if (lt < 0) {
            return false;
        }
        int d0 = lt + LEAKS_TO.length();
        int dEnd = d0 < body.length() && body.charAt(d0) == '{' ? closingBrace(body, d0) : body.indexOf(' ', d0);
        if (dEnd < 0) {
            return false;
        }
        String dst = body.substring(d0, dEnd);
        int wd = body.lastIndexOf(WITH_DEREFS);
        if (wd < dEnd) {
            return false;
        }
        int derefs;
        try {
            derefs = Integer.parseInt(body.substring(wd + WITH_DEREFS.length()));
        } catch (NumberFormatException e) {
            return false;
        }
        String fn = "";
        if (wd > dEnd) {
            String mid = body.substring(dEnd, wd);
            if (!mid.startsWith(" for ")) {
                return false;
            }
            fn = s.in(mid.substring(" for ".length()));
        }
        s.block(l, true, s.in(body.substring(0, lt)), s.in(dst), derefs, fn);
        return true;
    }

    /** The index after the brace closing the one at {@code open}, or -1. */
    private static int closingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** {@code calls param: P derefs=N}, {@code mutates param: P derefs=N} (Go 1.22+ parameter tags). */
    private static MessageForm.BodyHandler<EscapeSection> paramDerefs(String kind) {
        return (s, l, rest) -> {
            int d = rest.lastIndexOf(DEREFS);
            if (d <= 0) {
                return false;
            }
            try {
                int derefs = Integer.parseInt(rest.substring(d + DEREFS.length()));
                s.escSimple(l, kind, s.in(rest.substring(0, d)), "", derefs);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }

    /** {@code marking X as escaping uintptr} / {@code … as escaping ...uintptr}; body is without {@code uintptr}. */
    private static boolean marking(EscapeSection s, CompilerLine l, String body) {
        int as = body.indexOf(AS_ESCAPING);
        if (as <= 0) {
            return false;
        }
        String dots = body.substring(as + AS_ESCAPING.length());
        if (!dots.isEmpty() && !dots.equals("...")) {
            return false;
        }
        s.escSimple(l, EscapeFact.KIND_ESCAPING_UINTPTR, s.in(body.substring(0, as)), dots + "uintptr", -1);
        return true;
    }

    /** {@code F capturing by ref: V (addr=B assign=B width=N)} (or {@code by value}). */
    private static boolean capturing(EscapeSection s, CompilerLine l, String fn, String rest) {
        boolean byRef;
        if (rest.startsWith("ref: ")) {
            byRef = true;
            rest = rest.substring("ref: ".length());
        } else if (rest.startsWith("value: ")) {
            byRef = false;
            rest = rest.substring("value: ".length());
        } else {
            return false;
        }
        int paren = rest.lastIndexOf(" (addr=");
        if (paren <= 0 || !rest.endsWith(")")) {
            return false;
        }
        String var = rest.substring(0, paren);
        String[] kv = rest.substring(paren + 2, rest.length() - 1).split(" ");
        if (kv.length != 3 || !kv[0].startsWith("addr=") || !kv[1].startsWith("assign=")
                || !kv[2].startsWith("width=")) {
            return false;
        }
        boolean addr = Boolean.parseBoolean(kv[0].substring("addr=".length()));
        boolean assign = Boolean.parseBoolean(kv[1].substring("assign=".length()));
        long width;
        try {
            width = Long.parseLong(kv[2].substring("width=".length()));
        } catch (NumberFormatException e) {
            return false;
        }
        String f = s.in(fn);
        String v = s.in(var);
        s.local(f);
        String file = l.file();
        int line = l.line();
        int col = l.col();
        s.simple(l, (nm, ev) -> new ClosureCapture(v, byRef, addr, assign, width,
                new Origin(nm.pkg, f, nm.declared(f, file), file, line, col, Attributable.BY_COMPILER), ev));
        return true;
    }

    // ---- remarks

    private static MessageForm.BodyHandler<EscapeSection> remark(String kind) {
        return (s, l, body) -> {
            s.remark(l, kind, l.message(), "");
            return true;
        };
    }

    private static MessageForm.BodyHandler<EscapeSection> boundsCheck(String kind) {
        return (s, l, body) -> {
            String file = l.file();
            int line = l.line();
            int col = l.col();
            s.simple(l, (nm, ev) -> new BoundsCheck(kind, InputKind.ESCAPE_TEXT.id(), List.of(), nm.pkg, "", "",
                    file, line, col, Attributable.NONE, ev));
            return true;
        };
    }
}
