package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.CompilerNames;
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
            prefix("can inline ", On.CAN_INLINE),
            prefix("cannot inline ", On.CANNOT_INLINE),
            prefix("inlining call to ", On.INLINED_CALL),
            enclosed("function ", BIG, On.BIG_FUNCTION),
            prefix("skip inlining within testing.B.loop for ", On.SKIP_INLINE),
            // devirtualization
            prefix("cannot devirtualize ", On.CANNOT_DEVIRTUALIZE),
            prefix("devirtualizing ", On.DEVIRTUALIZING),
            prefix("partially devirtualizing ", On.PARTIALLY_DEVIRTUALIZING),
            prefix("PGO devirtualizing interface call ", On.PGO_DEVIRTUALIZING_INTERFACE),
            prefix("PGO devirtualizing function call ", On.PGO_DEVIRTUALIZING_FUNCTION),
            prefix("PGO devirtualizing ", On.PGO_DEVIRTUALIZING),
            prefix("failed to devirtualize ", On.FAILED_TO_DEVIRTUALIZE),
            // escape analysis: summaries, explanation headers, parameter tags
            prefix("moved to heap: ", On.MOVED_TO_HEAP),
            prefix("leaking param content: ", On.LEAKING_PARAM_CONTENT),
            prefix("leaking param: ", On.LEAKING_PARAM),
            enclosed("parameter ", ":", On.LEAK_HEADER).where(MessageForm.containing(LEAKS_TO)),
            prefix("calls param: ", On.CALLS_PARAM),
            prefix("mutates param: ", On.MUTATES_PARAM),
            enclosed("marking ", "uintptr", On.MARKING),
            enclosed("assuming ", " is unsafe uintptr", On.UNSAFE_UINTPTR),
            // remarks
            exact("index bounds check elided", On.BOUNDS_CHECK_ELIDED),
            exact("imprecise interface call", On.IMPRECISE_INTERFACE_CALL),
            exact("zero-copy string->[]byte conversion", On.ZERO_COPY),
            exact("Found IsInBounds", On.FOUND_IS_IN_BOUNDS),
            exact("Found IsSliceInBounds", On.FOUND_IS_SLICE_IN_BOUNDS),
            // -d=ssa/prove/debug, -d=nil and similar debug output
            prefix("Proved ", On.SSA_DEBUG),
            prefix("Disproved ", On.SSA_DEBUG),
            prefix("Induction variable", On.SSA_DEBUG),
            exact("Inverted loop iteration", On.SSA_DEBUG),
            prefix("removed nil check", On.SSA_DEBUG),
            prefix("generated nil check", On.SSA_DEBUG),
            enclosed("D", NIL_CHECK, On.SSA_DEBUG),
            enclosed("I", NIL_CHECK, On.SSA_DEBUG),
            enclosed("r", NIL_CHECK, On.SSA_DEBUG),
            enclosed("g", NIL_CHECK, On.SSA_DEBUG),
            // Go 1.26's bloop pass (what a b.Loop() body keeps alive)
            exact("expr is unknown to bloop pass", On.BLOOP),
            exact("unrecognized shape for assign list stmt for blank assignment", On.BLOOP),
            // messages that start with an expression or a name: recognised by their ending or a separator
            suffix(" does not escape", On.DOES_NOT_ESCAPE),
            suffix(" does not escape, mutate, or call", On.NO_ESCAPE_MUTATE_CALL),
            suffix(" will be kept alive", On.BLOOP),
            lastInfix(" escapes to heap", On.ESCAPES),
            firstInfix(" capturing by ", On.CAPTURING),
            firstInfix(SELF_ASSIGNMENT, On.SELF_ASSIGNMENT)));

    /**
     * The handlers of the table's forms, one constant per message (with the kind of fact it makes, where several
     * messages share a handler), dispatched by a switch: a lambda per form was linked at its first use, a class spun
     * by the lambda metafactory and run interpreted, in every cold parse.
     */
    private enum On implements MessageForm.BodyHandler<EscapeSection>, MessageForm.Handler<EscapeSection> {
        CAN_INLINE(""), CANNOT_INLINE(""), INLINED_CALL(""), BIG_FUNCTION(InlineFact.KIND_BIG_FUNCTION),
        SKIP_INLINE(InlineFact.KIND_SKIP_INLINE), CANNOT_DEVIRTUALIZE(""),
        DEVIRTUALIZING(Devirtualization.KIND_STATIC), PARTIALLY_DEVIRTUALIZING(Devirtualization.KIND_PARTIAL),
        PGO_DEVIRTUALIZING_INTERFACE(Devirtualization.KIND_PGO_INTERFACE),
        PGO_DEVIRTUALIZING_FUNCTION(Devirtualization.KIND_PGO_FUNCTION), PGO_DEVIRTUALIZING(Devirtualization.KIND_PGO),
        FAILED_TO_DEVIRTUALIZE(""), MOVED_TO_HEAP(EscapeFact.KIND_MOVED_TO_HEAP),
        LEAKING_PARAM_CONTENT(EscapeFact.KIND_LEAKING_PARAM_CONTENT), LEAKING_PARAM(""), LEAK_HEADER(""),
        CALLS_PARAM(EscapeFact.KIND_CALLS_PARAM), MUTATES_PARAM(EscapeFact.KIND_MUTATES_PARAM), MARKING(""),
        UNSAFE_UINTPTR(EscapeFact.KIND_UNSAFE_UINTPTR), BOUNDS_CHECK_ELIDED(CompilerRemark.KIND_BOUNDS_CHECK_ELIDED),
        IMPRECISE_INTERFACE_CALL(CompilerRemark.KIND_IMPRECISE_INTERFACE_CALL), ZERO_COPY(CompilerRemark.KIND_ZERO_COPY),
        FOUND_IS_IN_BOUNDS(BoundsCheck.KIND_INDEX), FOUND_IS_SLICE_IN_BOUNDS(BoundsCheck.KIND_SLICE),
        SSA_DEBUG(CompilerRemark.KIND_SSA_DEBUG), BLOOP(CompilerRemark.KIND_BLOOP),
        DOES_NOT_ESCAPE(EscapeFact.KIND_DOES_NOT_ESCAPE), NO_ESCAPE_MUTATE_CALL(EscapeFact.KIND_NO_ESCAPE_MUTATE_CALL),
        ESCAPES(""), CAPTURING(""), SELF_ASSIGNMENT(CompilerRemark.KIND_SELF_ASSIGNMENT);

        /** The kind of fact the message makes, for a handler several messages share. */
        private final String kind;

        On(String kind) {
            this.kind = kind;
        }

        @Override
        public boolean decode(EscapeSection s, CompilerLine l, String body) {
            switch (this) {
                case CAN_INLINE: return canInline(s, l, body);
                case CANNOT_INLINE: return cannotInline(s, l, body);
                case INLINED_CALL: return inlinedCall(s, l, body);
                case BIG_FUNCTION: return declaredInline(s, l, kind, body);
                case SKIP_INLINE: return skipInline(s, l, body);
                case CANNOT_DEVIRTUALIZE: return cannotDevirtualize(s, l, body);
                case DEVIRTUALIZING: case PARTIALLY_DEVIRTUALIZING: case PGO_DEVIRTUALIZING_INTERFACE:
                case PGO_DEVIRTUALIZING_FUNCTION: case PGO_DEVIRTUALIZING: return devirtualizing(s, l, kind, body);
                case FAILED_TO_DEVIRTUALIZE: return failedToDevirtualize(s, l, body);
                case MOVED_TO_HEAP: return escapeSummary(s, l, kind, body);
                case LEAKING_PARAM_CONTENT: return leakSummary(s, l, kind, body);
                case LEAKING_PARAM: return leakingParam(s, l, body);
                case LEAK_HEADER: return leakHeader(s, l, body);
                case CALLS_PARAM: case MUTATES_PARAM: return paramDerefs(s, l, kind, body);
                case MARKING: return marking(s, l, body);
                case UNSAFE_UINTPTR: case DOES_NOT_ESCAPE: case NO_ESCAPE_MUTATE_CALL: return escSimple(s, l, kind, body);
                case FOUND_IS_IN_BOUNDS: case FOUND_IS_SLICE_IN_BOUNDS: return boundsCheck(s, l, kind);
                default: return remark(s, l, kind);
            }
        }

        @Override
        public boolean decode(EscapeSection s, CompilerLine l, String body, String after) {
            switch (this) {
                case ESCAPES: return escapes(s, l, body, after);
                case CAPTURING: return capturing(s, l, body, after);
                case SELF_ASSIGNMENT: return selfAssignment(s, l, kind, body, after);
                default: return decode(s, l, body);
            }
        }
    }

    /** {@code function F considered 'big'; …}: a fact of the function declared here. */
    private static boolean declaredInline(EscapeSection s, CompilerLine l, String kind, String name) {
        String n = s.in(name);
        s.inline(l, kind, n, "", "", -1, -1, InlineFact.NO_SCORE, n, true);
        return true;
    }

    /** {@code skip inlining within testing.B.loop for F}. */
    private static boolean skipInline(EscapeSection s, CompilerLine l, String name) {
        s.inline(l, InlineFact.KIND_SKIP_INLINE, s.in(name), "", "", -1, -1, InlineFact.NO_SCORE, "", false);
        return true;
    }

    /** {@code moved to heap: X}. */
    private static boolean escapeSummary(EscapeSection s, CompilerLine l, String kind, String name) {
        String n = s.in(name);
        s.summary(l, kind, n, "", -1, EscapeSection.escKey(l, n));
        return true;
    }

    /** {@code leaking param content: P}. */
    private static boolean leakSummary(EscapeSection s, CompilerLine l, String kind, String param) {
        String p = s.in(param);
        s.summary(l, kind, p, "", -1, EscapeSection.leakKey(l, p));
        return true;
    }

    /** {@code assuming P is unsafe uintptr}, {@code X does not escape[, mutate, or call]}. */
    private static boolean escSimple(EscapeSection s, CompilerLine l, String kind, String subject) {
        s.escSimple(l, kind, s.in(subject), "", -1);
        return true;
    }

    /** {@code F ignoring self-assignment in …}. */
    private static boolean selfAssignment(EscapeSection s, CompilerLine l, String kind, String fn, String after) {
        String f = s.in(fn);
        s.local(f);
        s.remark(l, kind, SELF_ASSIGNMENT.substring(1) + after, f);
        return true;
    }

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
    private static boolean devirtualizing(EscapeSection s, CompilerLine l, String kind, String rest) {
        int to = rest.lastIndexOf(TO);
        if (to <= 0) {
            return false;
        }
        devirt(s, l, kind, s.in(rest.substring(0, to)), s.in(rest.substring(to + TO.length())), "");
        return true;
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
        s.simple(l, new FactBuilders.Devirt(kind, call, type, reason, l.file(), l.line(), l.col()));
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
    private static boolean paramDerefs(EscapeSection s, CompilerLine l, String kind, String rest) {
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
        s.simple(l, new FactBuilders.Capture(v, byRef, addr, assign, width, f, l.file(), l.line(), l.col()));
        return true;
    }

    // ---- remarks

    private static boolean remark(EscapeSection s, CompilerLine l, String kind) {
        s.remark(l, kind, l.message(), "");
        return true;
    }

    private static boolean boundsCheck(EscapeSection s, CompilerLine l, String kind) {
        s.simple(l, new FactBuilders.Bounds(kind, l.file(), l.line(), l.col()));
        return true;
    }
}
