package dev.perfwarden.engine.pack;

import java.util.Objects;

/**
 * One reason a pack was refused, positioned like a compiler error so editors can jump to it.
 *
 * @param pack    pack id (or the folder name when the id is not known yet)
 * @param origin  where the pack was loaded from: a folder path, or {@code classpath:packs/<id>}
 * @param file    file relative to the pack root, e.g. {@code interface-escape/rule.dslr}; empty for the pack itself
 * @param line    1-based line in that file (for {@code .dslr}: the DSLR line, not the expanded DRL's); 0 if unknown
 * @param column  1-based column; 0 if unknown
 * @param message what is wrong
 */
public record Problem(String pack, String origin, String file, int line, int column, String message) {
    public Problem {
        Objects.requireNonNull(pack, "pack");
        origin = origin == null ? "" : origin;
        file = file == null ? "" : file;
        Objects.requireNonNull(message, "message");
    }

    /** {@code origin/file:line:col: error: message (pack id)}. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        String path = origin.isEmpty() ? file : file.isEmpty() ? origin : origin + "/" + file;
        sb.append(path.isEmpty() ? pack : path);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": error: ").append(message.strip().replace("\n", "\n    "));
        sb.append(" (pack ").append(pack).append(')');
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    /**
     * The 1-based line of {@code text} with the most opening parentheses: where a file that overflowed a parser's
     * stack nests deepest (a lexical guess for the message's position only; the refusal does not depend on it).
     */
    public static int mostNestedLine(String text) {
        String[] lines = text.split("\n", -1);
        int best = 0;
        long most = -1;
        for (int i = 0; i < lines.length; i++) {
            long n = lines[i].chars().filter(c -> c == '(').count();
            if (n > most) {
                most = n;
                best = i;
            }
        }
        return best + 1;
    }
}
