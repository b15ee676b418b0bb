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
    private final int size;

    @SafeVarargs
    public MessageTable(MessageForm<S>... forms) {
        this(List.of(forms));
    }

    public MessageTable(List<MessageForm<S>> forms) {
        for (int i = 0; i < 128; i++) {
            byFirstChar.add(List.of());
        }
        for (MessageForm<S> f : forms) {
            if (!f.anchored()) {
                unanchored.add(f);
                continue;
            }
            char c = f.head().charAt(0);
            if (c < 128) {
                List<MessageForm<S>> l = new ArrayList<>(byFirstChar.get(c));
                l.add(f);
                byFirstChar.set(c, l);
            } else {
                anchoredOther.add(f);
            }
        }
        this.size = forms.size();
    }

    /** The number of forms. */
    public int size() {
        return size;
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
