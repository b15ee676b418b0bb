package dev.perfwarden.facts.input;

/**
 * A parser failed on one input in a way that is not a documented input error (a bug in the
 * parser, or the JVM ran out of memory or stack). It names the input and the parser; the CLI maps
 * it to exit code 70 ("internal error"), never to an input error or a gate result.
 */
public final class ParserFailure extends RuntimeException {
    private final String input;

    public ParserFailure(String input, String kind, Throwable cause) {
        super("the " + kind + " parser failed on " + input + ": " + describe(cause), cause);
        this.input = input;
    }

    /** The input being read when the parser failed. */
    public String input() {
        return input;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }
}
