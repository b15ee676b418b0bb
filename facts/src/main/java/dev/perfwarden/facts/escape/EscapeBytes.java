package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.inline.InlineReasons;
import dev.perfwarden.facts.parse.ByteText;
import dev.perfwarden.facts.parse.CompilerLine;
import dev.perfwarden.facts.parse.MessageForm;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static dev.perfwarden.facts.parse.ByteText.ascii;

/**
 * The byte-level twin of {@link EscapeMessages}' most frequent summary forms ({@code inlining call to},
 * {@code parameter … leaks to …:}, {@code … escapes to heap[ in F][:]}, {@code … does not escape},
 * {@code can inline}, {@code cannot inline}, {@code leaking param:}): each handler reads the message from the line's
 * ASCII bytes, names interned straight from them, and writes to the section exactly what its String handler writes.
 * A line whose form is not here, or whose body a handler does not read exactly as the String handler would
 * (a PGO score, a leak to a result, a sign before a number), is left untouched for {@link EscapeMessages#TABLE}.
 * Which form a message has is decided by the String table itself ({@code MessageTable.formOf}), in its order.
 */
final class EscapeBytes {
    private EscapeBytes() {
    }

    /** Reads the message {@code b[m, len)} of line {@code l}; false, with nothing written, to leave it to the table. */
    @FunctionalInterface
    interface Handler {
        boolean decode(EscapeSection s, CompilerLine l, byte[] b, int m, int len);
    }

    private record Row(MessageForm.Shape shape, String text, Handler handler) {
    }

    private static final byte[] WITH_SCORE = ascii(" with score ");
    private static final byte[] ESCAPES = ascii(" escapes to heap");
    private static final byte[] IN = ascii(" in ");
    private static final byte[] LEAKS_TO = ascii(" leaks to ");
    private static final byte[] WITH_DEREFS = ascii(" with derefs=");
    private static final byte[] FOR = ascii(" for ");
    private static final byte[] WITH_COST = ascii(" with cost ");
    private static final byte[] AS = ascii(" as: ");
    private static final byte[] COLON_SPACE = ascii(": ");
    private static final byte[] INTO = ascii(" into ");
    private static final byte[] TO_RESULT = ascii(" to result ");
    private static final byte[] LEVEL = ascii(" level=");
    private static final byte[] SPACE = ascii(" ");

    private static final List<Row> ROWS = List.of(
            new Row(MessageForm.Shape.PREFIX, "inlining call to ", By.INLINED_CALL),
            new Row(MessageForm.Shape.ENCLOSED, "parameter ", By.LEAK_HEADER),
            new Row(MessageForm.Shape.LAST_INFIX, " escapes to heap", By.ESCAPES),
            new Row(MessageForm.Shape.SUFFIX, " does not escape", By.DOES_NOT_ESCAPE),
            new Row(MessageForm.Shape.PREFIX, "can inline ", By.CAN_INLINE),
            new Row(MessageForm.Shape.PREFIX, "cannot inline ", By.CANNOT_INLINE),
            new Row(MessageForm.Shape.PREFIX, "leaking param: ", By.LEAKING_PARAM));

    /**
     * The rows' handlers, dispatched by a switch (a method reference per row was linked at its first use, a class
     * spun by the lambda metafactory, in every cold parse).
     */
    private enum By implements Handler {
        INLINED_CALL, LEAK_HEADER, ESCAPES, DOES_NOT_ESCAPE, CAN_INLINE, CANNOT_INLINE, LEAKING_PARAM;

        @Override
        public boolean decode(EscapeSection s, CompilerLine l, byte[] b, int m, int len) {
            switch (this) {
                case INLINED_CALL: return inlinedCall(s, l, b, m, len);
                case LEAK_HEADER: return leakHeader(s, l, b, m, len);
                case ESCAPES: return escapes(s, l, b, m, len);
                case DOES_NOT_ESCAPE: return doesNotEscape(s, l, b, m, len);
                case CAN_INLINE: return canInline(s, l, b, m, len);
                case CANNOT_INLINE: return cannotInline(s, l, b, m, len);
                default: return leakingParam(s, l, b, m, len);
            }
        }
    }

    /** The handlers by the table's own form objects (a row that names no form of the table is a bug). */
    private static final Map<MessageForm<EscapeSection>, Handler> BY_FORM = new IdentityHashMap<>();

    static {
        for (Row r : ROWS) {
            BY_FORM.put(formOf(r), r.handler);
        }
    }

    /** The table's form of row {@code r} (a loop, not a stream: nothing to link at the first parse). */
    private static MessageForm<EscapeSection> formOf(Row r) {
        for (MessageForm<EscapeSection> f : EscapeMessages.TABLE.forms()) {
            if (f.shape() == r.shape && (f.head().isEmpty() ? f.tail() : f.head()).equals(r.text)) {
                return f;
            }
        }
        throw new IllegalStateException("no form " + r.shape + " " + r.text);
    }

    /** The handler of the form {@code b[m, len)} has in the String table, or null when it has none here. */
    static Handler handler(byte[] b, int m, int len) {
        MessageForm<EscapeSection> f = EscapeMessages.TABLE.formOf(b, m, len);
        return f == null ? null : BY_FORM.get(f);
    }

    /** {@code inlining call to F}; a PGO score ({@code with score N}) is left to the String handler. */
    private static boolean inlinedCall(EscapeSection s, CompilerLine l, byte[] b, int m, int len) {
        int from = m + "inlining call to ".length();
        if (from >= len || ByteText.lastIndexOf(b, WITH_SCORE, from, len) > from) {
            return false;
        }
        s.inline(l, InlineFact.KIND_INLINED_CALL, s.input.in.intern(b, from, len), "", "", InlineFact.ABSENT,
                InlineFact.ABSENT, InlineFact.NO_SCORE, "", false);
        return true;
    }

    /** {@code X escapes to heap} (a summary), {@code X escapes to heap:} / {@code … in F:} (a block header). */
    private static boolean escapes(EscapeSection s, CompilerLine l, byte[] b, int m, int len) {
        int at = ByteText.lastIndexOf(b, ESCAPES, m, len);
        int after = at + ESCAPES.length;
        if (after == len) {
            String subj = s.input.in.intern(b, m, at);
            s.summary(l, EscapeFact.KIND_ESCAPES, subj, "", -1, EscapeSection.escKey(l, subj));
        } else if (after == len - 1 && b[after] == ':') {
            s.block(l, false, s.input.in.intern(b, m, at), "", -1, "");
        } else if (ByteText.startsWith(b, after, len, IN) && b[len - 1] == ':') {
            String subj = s.input.in.intern(b, m, at);
            s.block(l, false, subj, "", -1, s.input.in.intern(b, after + IN.length, len - 1));
        } else {
            return false;
        }
        return true;
    }

    /** {@code X does not escape}. */
    private static boolean doesNotEscape(EscapeSection s, CompilerLine l, byte[] b, int m, int len) {
        s.escSimple(l, EscapeFact.KIND_DOES_NOT_ESCAPE, s.input.in.intern(b, m, len - " does not escape".length()),
                "", -1);
        return true;
    }

    /** {@code leaking param: P}; {@code … to result R level=N} is left to the String handler. */
    private static boolean leakingParam(EscapeSection s, CompilerLine l, byte[] b, int m, int len) {
        int from = m + "leaking param: ".length();
        int to = ByteText.indexOf(b, TO_RESULT, from, len);
        if (to > from && ByteText.lastIndexOf(b, LEVEL, from, len) > to) {
            return false;
        }
        String p = s.input.in.intern(b, from, len);
        s.summary(l, EscapeFact.KIND_LEAKING_PARAM, p, "", -1, EscapeSection.leakKey(l, p));
        return true;
    }

    /** Block header {@code parameter P leaks to DST[ for F] with derefs=N:}; DST may be {@code {heap}}. */
    private static boolean leakHeader(EscapeSection s, CompilerLine l, byte[] b, int m, int len) {
        int from = m + "parameter ".length();
        int end = len - 1; // the body ends before the final colon
        int lt = ByteText.indexOf(b, LEAKS_TO, from, end);
        if (lt < 0) {
            return false;
        }
        int d0 = lt + LEAKS_TO.length;
        int dEnd = d0 < end && b[d0] == '{' ? closingBrace(b, d0, end) : ByteText.indexOf(b, SPACE, d0, end);
        if (dEnd < 0) {
            return false;
        }
        int wd = ByteText.lastIndexOf(b, WITH_DEREFS, from, end);
        int derefs = wd < dEnd ? -1 : ByteText.digits(b, wd + WITH_DEREFS.length, end);
        if (derefs < 0 || wd > dEnd && !ByteText.startsWith(b, dEnd, wd, FOR)) {
            return false; // malformed, or a number Integer.parseInt reads otherwise: the String handler decides
        }
        String fn = wd > dEnd ? s.input.in.intern(b, dEnd + FOR.length, wd) : "";
        s.block(l, true, s.input.in.intern(b, from, lt), s.input.in.intern(b, d0, dEnd), derefs, fn);
        return true;
    }

    /** The index after the brace closing the one at {@code open} in {@code b[open, end)}, or -1. */
    private static int closingBrace(byte[] b, int open, int end) {
        int depth = 0;
        for (int i = open; i < end; i++) {
            if (b[i] == '{') {
                depth++;
            } else if (b[i] == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** {@code can inline F[ with cost N as: BODY]}. */
    private static boolean canInline(EscapeSection s, CompilerLine l, byte[] b, int m, int len) {
        int from = m + "can inline ".length();
        int w = ByteText.indexAtDepth0(b, WITH_COST, from, len);
        int nameEnd = len;
        int cost = InlineFact.ABSENT;
        if (w > from) {
            int i = w + WITH_COST.length;
            int d = i;
            while (d < len && d - i < 10 && b[d] >= '0' && b[d] <= '9') {
                d++;
            }
            cost = ByteText.digits(b, i, d);
            if (cost < 0 || !ByteText.startsWith(b, d, len, AS)) {
                return false; // no cost, or ten digits: the String handler decides
            }
            nameEnd = w;
        }
        if (nameEnd == from) {
            return false;
        }
        String name = s.input.in.intern(b, from, nameEnd);
        s.declaredHere(name, l.file());
        s.inline(l, InlineFact.KIND_CAN_INLINE, name, "", "", cost, InlineFact.ABSENT, InlineFact.NO_SCORE, name, true);
        return true;
    }

    /** {@code cannot inline F: REASON} or {@code cannot inline CALLEE into CALLER: REASON}. */
    private static boolean cannotInline(EscapeSection s, CompilerLine l, byte[] b, int m, int len) {
        int from = m + "cannot inline ".length();
        int colon = ByteText.indexAtDepth0(b, COLON_SPACE, from, len);
        if (colon <= from) {
            return false;
        }
        String reason = s.input.in.intern(b, colon + 2, len);
        String kindOfReason = InlineReasons.classify(reason);
        int[] cb = InlineReasons.costAndBudget(reason);
        int into = ByteText.indexAtDepth0(b, INTO, from, colon);
        if (into > from) {
            String callee = s.input.in.intern(b, from, into);
            String caller = s.input.in.intern(b, into + INTO.length, colon);
            s.local(caller);
            s.inline(l, InlineFact.KIND_CANNOT_INLINE_CALL, callee, reason, kindOfReason, cb[0], cb[1],
                    InlineFact.NO_SCORE, caller, false);
            return true;
        }
        String name = s.input.in.intern(b, from, colon);
        s.declaredHere(name, l.file());
        s.inline(l, InlineFact.KIND_CANNOT_INLINE, name, reason, kindOfReason, cb[0], cb[1], InlineFact.NO_SCORE,
                name, true);
        return true;
    }
}
