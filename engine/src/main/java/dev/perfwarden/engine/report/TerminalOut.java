package dev.perfwarden.engine.report;

import java.io.IOException;

/**
 * The one place the text report writes to its output: every string appended is escaped whole by
 * {@link TerminalText#escape} (a line break inside it too), and a line break is written only as the single
 * character {@code '\n'} ({@link #append(char)}), which the report's own layout uses. So no field of a finding,
 * rule, pack or input (text a pack or an input controls) can reach the terminal raw, however a future report
 * line forgets to escape it.
 */
final class TerminalOut implements Appendable {
    private final Appendable out;

    TerminalOut(Appendable out) {
        this.out = out;
    }

    /** {@code out} itself when it is one already (escaping twice would show the backslashes). */
    static TerminalOut of(Appendable out) {
        return out instanceof TerminalOut t ? t : new TerminalOut(out);
    }

    @Override
    public TerminalOut append(CharSequence s) throws IOException {
        out.append(TerminalText.escape(s == null ? "null" : s.toString()));
        return this;
    }

    @Override
    public TerminalOut append(CharSequence s, int start, int end) throws IOException {
        return append(s == null ? "null" : s.subSequence(start, end));
    }

    /** A line break ({@code '\n'}) as it is: the report's layout; any other character escaped. */
    @Override
    public TerminalOut append(char c) throws IOException {
        if (c == '\n') {
            out.append(c);
        } else {
            out.append(TerminalText.escape(String.valueOf(c)));
        }
        return this;
    }
}
