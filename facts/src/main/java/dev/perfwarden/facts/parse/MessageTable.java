package dev.perfwarden.facts.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A parser's vocabulary of compiler messages: a table of {@link MessageForm}s tried in order.
 * Forms whose fixed text starts the message ({@code EXACT}, {@code PREFIX}, {@code ENCLOSED}) are tried
 * first, only those whose text starts with the message's first character; then the forms recognised by
 * their ending or a separator ({@code SUFFIX}, {@code *_INFIX}), in table order. The first form a message
 * has decides: its handler's {@code false} (a malformed body) makes the message unknown, without trying
 * later forms, so that {@code "x escapes to heap, not allowed"} is not read as some other message.
 *
 * @param <S> the sink the handlers write to
 */
public final class MessageTable<S> {
    private final List<List<MessageForm<S>>> byFirstChar = new ArrayList<>(128);
    private final List<MessageForm<S>> anchoredOther = new ArrayList<>();
    private final List<MessageForm<S>> unanchored = new ArrayList<>();
    /** The same forms with their fixed text as ASCII bytes, for {@link #formOf(byte[], int, int)}. */
    private final List<List<Row<S>>> rowsByFirstChar = new ArrayList<>(128);
    private final List<Row<S>> unanchoredRows = new ArrayList<>();
    private final List<MessageForm<S>> forms;

    private record Row<S>(MessageForm<S> form, byte[] head, byte[] tail) {
        Row(MessageForm<S> form) {
            this(form, ByteText.ascii(form.head()), ByteText.ascii(form.tail()));
        }
    }

    @SafeVarargs
    public MessageTable(MessageForm<S>... forms) {
        this(List.of(forms));
    }

    public MessageTable(List<MessageForm<S>> forms) {
        for (int i = 0; i < 128; i++) {
            byFirstChar.add(List.of());
            rowsByFirstChar.add(List.of());
        }
        for (MessageForm<S> f : forms) {
            if (!f.anchored()) {
                unanchored.add(f);
                unanchoredRows.add(new Row<>(f));
                continue;
            }
            char c = f.head().charAt(0);
            if (c < 128) {
                List<MessageForm<S>> l = new ArrayList<>(byFirstChar.get(c));
                l.add(f);
                byFirstChar.set(c, l);
                List<Row<S>> r = new ArrayList<>(rowsByFirstChar.get(c));
                r.add(new Row<>(f));
                rowsByFirstChar.set(c, r);
            } else {
                anchoredOther.add(f);
            }
        }
        this.forms = List.copyOf(forms);
    }

    /** The number of forms. */
    public int size() {
        return forms.size();
    }

    /** The forms in table order. */
    public List<MessageForm<S>> forms() {
        return forms;
    }

    /** Decodes {@code line}'s message; false when no form has it or its form's handler rejects it. */
    public boolean decode(S sink, CompilerLine line) {
        String msg = line.message();
        if (msg.isEmpty()) {
            return false;
        }
        char c = msg.charAt(0);
        Boolean r = first(c < 128 ? byFirstChar.get(c) : anchoredOther, sink, line, msg);
        if (r == null) {
            r = first(unanchored, sink, line, msg);
        }
        return r != null && r;
    }

    /**
     * The form {@link #decode} would hand the message to, for a message given as the ASCII bytes {@code b[from, to)}:
     * the first form, in decode's order, whose fixed text the message has (its guard is not tried); null when none.
     * A byte-level decoder takes the lines of the forms it knows and leaves the others to {@link #decode}.
     */
    public MessageForm<S> formOf(byte[] b, int from, int to) {
        if (from >= to || b[from] < 0) {
            return null;
        }
        for (Row<S> r : rowsByFirstChar.get(b[from])) {
            if (has(r, b, from, to)) {
                return r.form;
            }
        }
        for (Row<S> r : unanchoredRows) {
            if (has(r, b, from, to)) {
                return r.form;
            }
        }
        return null;
    }

    /** Whether the message {@code b[from, to)} has the fixed text of {@code r} where its shape puts it. */
    private static boolean has(Row<?> r, byte[] b, int from, int to) {
        switch (r.form.shape()) {
            case EXACT:
                return to - from == r.head.length && ByteText.startsWith(b, from, to, r.head);
            case PREFIX:
                return ByteText.startsWith(b, from, to, r.head);
            case ENCLOSED:
                return to - from >= r.head.length + r.tail.length && ByteText.startsWith(b, from, to, r.head)
                        && ByteText.endsWith(b, from, to, r.tail);
            case SUFFIX:
                return ByteText.endsWith(b, from, to, r.tail);
            case FIRST_INFIX:
                return ByteText.indexOf(b, r.tail, from, to) > from;
            default:
                return ByteText.lastIndexOf(b, r.tail, from, to) > from;
        }
    }

    private Boolean first(List<MessageForm<S>> forms, S sink, CompilerLine line, String msg) {
        for (MessageForm<S> f : forms) {
            Boolean r = f.decode(sink, line, msg);
            if (r != null) {
                return r;
            }
        }
        return null;
    }
}
