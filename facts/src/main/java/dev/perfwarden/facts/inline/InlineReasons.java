package dev.perfwarden.facts.inline;

import dev.perfwarden.facts.parse.CompilerLine;
import dev.perfwarden.facts.parse.MessageForm;
import dev.perfwarden.facts.parse.MessageTable;

import java.util.List;

import static dev.perfwarden.facts.parse.MessageForm.exact;
import static dev.perfwarden.facts.parse.MessageForm.prefix;
import static dev.perfwarden.facts.parse.MessageForm.suffix;

/**
 * Classes of "cannot inline" reasons (function level, §2.2 of the format reference) and call-site
 * refusals. The reason text itself stays in {@link InlineFact#reason()}; rules match on the class.
 */
public final class InlineReasons {
    private InlineReasons() {
    }

    /** {@code function too complex: cost N exceeds budget M}. */
    public static final String TOO_COMPLEX = "too-complex";
    /** {@code too expensive} (internal early exit; not printed by released compilers). */
    public static final String TOO_EXPENSIVE = "too-expensive";
    /** {@code unhandled op DEFER}. */
    public static final String DEFER = "defer";
    /** {@code unhandled op GO}. */
    public static final String GO = "go";
    /** {@code unhandled op TAILCALL}. */
    public static final String TAILCALL = "tailcall";
    /** {@code unhandled op DCLTYPE} (local type declaration, ≤1.21). */
    public static final String LOCAL_TYPE = "local-type";
    /** Any other {@code unhandled op X}. */
    public static final String UNHANDLED_OP = "unhandled-op";
    /** {@code call to recover}. */
    public static final String RECOVER = "recover";
    /** {@code call to getcallerpc|getcallersp|GetCallerPC|GetCallerSP}. */
    public static final String CALLER_PC = "caller-pc";
    /** {@code recursive} (≤1.24). */
    public static final String RECURSIVE = "recursive";
    /** {@code marked go:noinline}. */
    public static final String NOINLINE = "noinline";
    /** Any other {@code marked …} pragma ({@code go:norace}, {@code go:cgo_unsafe_args}, {@code go:yeswritebarrierrec}, uintptr keep-alive/escapes, …). */
    public static final String MARKED_PRAGMA = "marked-pragma";
    /** {@code no function body} (assembly or external function). */
    public static final String NO_BODY = "no-body";
    /** {@code no name} (1.21+). */
    public static final String NO_NAME = "no-name";
    /** {@code type eq/hash function}. */
    public static final String TYPE_EQ = "type-eq";
    /** {@code not inlining functions with closures} ({@code -d=inlfuncswithclosures=0}). */
    public static final String CLOSURES = "closures";
    /** Call site: {@code repeated recursive cycle} / {@code repeated recursive cycle to F}. */
    public static final String RECURSIVE_CYCLE = "recursive-cycle";
    /** Call site: {@code recursive call to F} (-json prints it with an empty message). */
    public static final String RECURSIVE_CALL = "recursive-call";
    /** Call site: {@code F cannot be inlined} (the callee has no inline body). */
    public static final String CALLEE_NOT_INLINABLE = "callee-not-inlinable";
    /** Call site: {@code cost N of F exceeds max caller cost M} / {@code max large caller cost 20}. */
    public static final String CALLER_BUDGET = "caller-budget";
    /** Call site: runtime/no-race/checkptr calls in instrumented builds. */
    public static final String INSTRUMENTED = "instrumented";
    /** Call site (1.19–1.20): shape params with no-shape args or the reverse. */
    public static final String SHAPE_MISMATCH = "shape-mismatch";
    /** Anything else: vocabulary we do not know yet (the text is kept in {@code reason}). */
    public static final String OTHER = "other";

    /** The reason classes as message forms; a form's handler stores its class in the one-element sink. */
    private static final MessageTable<String[]> FORMS = new MessageTable<String[]>(List.of(
            prefix("function too complex", is(TOO_COMPLEX)),
            prefix("unhandled op ", new Is(UNHANDLED_OP, true)),
            exact("call to recover", is(RECOVER)),
            prefix("call to getcaller", is(CALLER_PC)),
            prefix("call to GetCaller", is(CALLER_PC)),
            prefix("call to runtime function ", is(INSTRUMENTED)),
            prefix("call to into ", is(INSTRUMENTED)),
            prefix("cost ", is(CALLER_BUDGET)).where(MessageForm.containing(" exceeds max ")),
            exact("recursive", is(RECURSIVE)),
            prefix("repeated recursive cycle", is(RECURSIVE_CYCLE)),
            prefix("recursive call to ", is(RECURSIVE_CALL)),
            exact("marked go:noinline", is(NOINLINE)),
            prefix("marked ", is(MARKED_PRAGMA)),
            exact("no function body", is(NO_BODY)),
            exact("no name", is(NO_NAME)),
            exact("not inlining functions with closures", is(CLOSURES)),
            exact("too expensive", is(TOO_EXPENSIVE)),
            exact("type eq/hash function", is(TYPE_EQ)),
            prefix("inlining function ", is(SHAPE_MISMATCH)).where(MessageForm.containing("shape")),
            suffix(" cannot be inlined", is(CALLEE_NOT_INLINABLE))));

    private static MessageForm.BodyHandler<String[]> is(String reasonClass) {
        return new Is(reasonClass, false);
    }

    /**
     * Stores its reason class (a class, not a lambda: a lambda call site is linked at its first use, in every cold
     * parse); for {@code unhandled op OP}, the class of the op.
     */
    private static final class Is implements MessageForm.BodyHandler<String[]> {
        private final String reasonClass;
        /** Whether the body is an op with a class of its own ({@code unhandled op DEFER}). */
        private final boolean op;

        Is(String reasonClass, boolean op) {
            this.reasonClass = reasonClass;
            this.op = op;
        }

        @Override
        public boolean decode(String[] out, CompilerLine line, String body) {
            out[0] = !op ? reasonClass : switch (body) {
                case "DEFER" -> DEFER;
                case "GO" -> GO;
                case "TAILCALL" -> TAILCALL;
                case "DCLTYPE" -> LOCAL_TYPE;
                default -> UNHANDLED_OP;
            };
            return true;
        }
    }

    /** The class of a function-level or call-site reason text. */
    public static String classify(String reason) {
        if (reason.isEmpty()) {
            return RECURSIVE_CALL; // the -json quirk: code cannotInlineCall, message ""
        }
        String[] out = {OTHER};
        FORMS.decode(out, new CompilerLine(0, reason, "", 0, 0, "", reason));
        return out[0];
    }

    /**
     * {@code [cost, budget]} from {@code function too complex: cost N exceeds budget M} or
     * {@code cost N of F exceeds max (large )caller cost M}; {@link InlineFact#ABSENT} where missing.
     */
    public static int[] costAndBudget(String reason) {
        int[] out = {InlineFact.ABSENT, InlineFact.ABSENT};
        int c = reason.indexOf("cost ");
        if (c < 0) {
            return out;
        }
        out[0] = leadingInt(reason, c + 5);
        int b = reason.lastIndexOf(" budget ");
        if (b >= 0) {
            out[1] = leadingInt(reason, b + 8);
        } else {
            int m = reason.lastIndexOf(" caller cost ");
            if (m >= 0) {
                out[1] = leadingInt(reason, m + 13);
            }
        }
        return out;
    }

    /** The function a call-site reason names ({@code cost N of F exceeds…}, {@code repeated recursive cycle to F}, …), or "". */
    public static String calleeOf(String reason) {
        if (reason.startsWith("repeated recursive cycle to ")) {
            return reason.substring("repeated recursive cycle to ".length());
        }
        if (reason.startsWith("recursive call to ")) {
            return reason.substring("recursive call to ".length());
        }
        if (reason.endsWith(" cannot be inlined")) {
            return reason.substring(0, reason.length() - " cannot be inlined".length());
        }
        if (reason.startsWith("cost ")) {
            int of = reason.indexOf(" of ");
            int ex = reason.lastIndexOf(" exceeds max ");
            if (of > 0 && ex > of) {
                return reason.substring(of + 4, ex);
            }
        }
        for (String p : new String[] {"call to runtime function ", "call to into \"no-race\" package function ",
                "call to into runtime package function "}) {
            if (reason.startsWith(p)) {
                int in = reason.lastIndexOf(" in ");
                return in > p.length() ? reason.substring(p.length(), in) : "";
            }
        }
        return "";
    }

    private static int leadingInt(String s, int from) {
        int i = from;
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE) {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        return i == from ? InlineFact.ABSENT : (int) Math.min(v, Integer.MAX_VALUE);
    }
}
