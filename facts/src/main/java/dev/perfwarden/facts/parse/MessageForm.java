package dev.perfwarden.facts.parse;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One shape of compiler message and the handler that decodes it: the rows of a {@link MessageTable}.
 * A form is fixed text around a variable body ({@code "can inline " + NAME}, {@code SUBJECT + " does not
 * escape"}, {@code "assuming " + P + " is unsafe uintptr"}) or a separator inside the message
 * ({@code FN + " capturing by " + REST}); an optional guard on the whole message narrows it further.
 * The handler receives the body (and for an infix form the text after the separator) instead of
 * counting offsets into the message.
 *
 * @param <S> the sink the handler writes decoded records to
 */
public record MessageForm<S>(Shape shape, String head, String tail, Predicate<String> guard, Handler<S> handler) {

    /** Where a form's fixed text sits. */
    public enum Shape {
        /** The whole message is {@code head}. */
        EXACT,
        /** The message starts with {@code head}; body = the rest. */
        PREFIX,
        /** The message starts with {@code head} and ends with {@code tail}; body = what lies between. */
        ENCLOSED,
        /** The message ends with {@code tail}; body = what comes before. */
        SUFFIX,
        /** {@code tail} occurs after the message's first character; split at its first occurrence. */
        FIRST_INFIX,
        /** {@code tail} occurs after the message's first character; split at its last occurrence. */
        LAST_INFIX
    }

    /** Decodes a message of this form; false when the message is malformed (no other form is tried then). */
    @FunctionalInterface
    public interface Handler<S> {
        boolean decode(S sink, CompilerLine line, String body, String after);
    }

    /** A handler of a form with no separator: it needs only the body. */
    @FunctionalInterface
    public interface BodyHandler<S> {
        boolean decode(S sink, CompilerLine line, String body);
    }

    public MessageForm {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(tail, "tail");
        Objects.requireNonNull(handler, "handler");
        boolean hasHead = shape == Shape.EXACT || shape == Shape.PREFIX || shape == Shape.ENCLOSED;
        if (hasHead == head.isEmpty() || (shape == Shape.EXACT || shape == Shape.PREFIX) != tail.isEmpty()) {
            throw new IllegalArgumentException(shape + " form with head '" + head + "' and tail '" + tail + "'");
        }
    }

    public static <S> MessageForm<S> exact(String text, BodyHandler<S> h) {
        return new MessageForm<>(Shape.EXACT, text, "", null, body(h));
    }

    public static <S> MessageForm<S> prefix(String head, BodyHandler<S> h) {
        return new MessageForm<>(Shape.PREFIX, head, "", null, body(h));
    }

    public static <S> MessageForm<S> enclosed(String head, String tail, BodyHandler<S> h) {
        return new MessageForm<>(Shape.ENCLOSED, head, tail, null, body(h));
    }

    public static <S> MessageForm<S> suffix(String tail, BodyHandler<S> h) {
        return new MessageForm<>(Shape.SUFFIX, "", tail, null, body(h));
    }

    /** {@code BEFORE + separator + AFTER}, split at the first separator; the handler gets both sides. */
    public static <S> MessageForm<S> firstInfix(String separator, Handler<S> h) {
        return new MessageForm<>(Shape.FIRST_INFIX, "", separator, null, h);
    }

    /** {@code BEFORE + separator + AFTER}, split at the last separator; the handler gets both sides. */
    public static <S> MessageForm<S> lastInfix(String separator, Handler<S> h) {
        return new MessageForm<>(Shape.LAST_INFIX, "", separator, null, h);
    }

    /** The guard of messages that contain {@code text} (a class, not a lambda: nothing to link at a table's first use). */
    public static Predicate<String> containing(String text) {
        return new Containing(Objects.requireNonNull(text, "text"));
    }

    private static final class Containing implements Predicate<String> {
        private final String text;

        Containing(String text) {
            this.text = text;
        }

        @Override
        public boolean test(String msg) {
            return msg.contains(text);
        }
    }

    /** This form, matching only messages that also pass {@code test}. */
    public MessageForm<S> where(Predicate<String> test) {
        return new MessageForm<>(shape, head, tail, guard == null ? test : guard.and(test), handler);
    }

    /** Whether the form's fixed text starts the message (such forms are indexed by their first character). */
    boolean anchored() {
        return !head.isEmpty();
    }

    /**
     * Decodes {@code msg} when it has this form.
     *
     * @return null when the message is not of this form, else the handler's verdict
     */
    Boolean decode(S sink, CompilerLine line, String msg) {
        String body;
        String after = "";
        switch (shape) {
            case EXACT:
                body = msg.equals(head) ? msg : null;
                break;
            case PREFIX:
                body = msg.startsWith(head) ? msg.substring(head.length()) : null;
                break;
            case ENCLOSED:
                body = msg.length() >= head.length() + tail.length() && msg.startsWith(head) && msg.endsWith(tail)
                        ? msg.substring(head.length(), msg.length() - tail.length()) : null;
                break;
            case SUFFIX:
                body = msg.endsWith(tail) ? msg.substring(0, msg.length() - tail.length()) : null;
                break;
            default:
                int at = shape == Shape.FIRST_INFIX ? msg.indexOf(tail) : msg.lastIndexOf(tail);
                if (at > 0) {
                    body = msg.substring(0, at);
                    after = msg.substring(at + tail.length());
                } else {
                    body = null;
                }
                break;
        }
        if (body == null || guard != null && !guard.test(msg)) {
            return null;
        }
        return handler.decode(sink, line, body, after);
    }

    private static <S> Handler<S> body(BodyHandler<S> h) {
        return new Body<>(Objects.requireNonNull(h, "handler"));
    }

    /** A {@link BodyHandler} as a {@link Handler} (a class, not a lambda: nothing to link at a table's first use). */
    private static final class Body<S> implements Handler<S> {
        private final BodyHandler<S> h;

        Body(BodyHandler<S> h) {
            this.h = h;
        }

        @Override
        public boolean decode(S sink, CompilerLine line, String body, String after) {
            return h.decode(sink, line, body);
        }
    }
}
