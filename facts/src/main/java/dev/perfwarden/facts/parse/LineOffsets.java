package dev.perfwarden.facts.parse;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.InputPos;

import java.util.Arrays;

/**
 * The byte offset of every line of one input, filled as a {@link BoundedLineReader} reads it, so that a
 * parser that makes its evidence after reading on (a section of {@code -m} output is joined when it ends)
 * can still keep that evidence by reference ({@link Evidence#of(InputKind, dev.perfwarden.facts.core.TextRef,
 * InputPos)}) rather than by text. Eight bytes a line.
 */
public final class LineOffsets {
    private final InputSource source;
    private long[] offsets = new long[1024];

    public LineOffsets(InputSource source) {
        this.source = source;
    }

    /** Records where 1-based line {@code line} starts in the stream. */
    public void put(long line, long streamOffset) {
        int i = Math.toIntExact(line - 1);
        if (i >= offsets.length) {
            offsets = Arrays.copyOf(offsets, Math.max(i + 1, offsets.length * 2));
        }
        offsets[i] = streamOffset;
    }

    /** Evidence for a line read earlier: by reference when its offset is known, else by {@code text}. */
    public Evidence evidence(InputKind kind, String text, InputPos at, long line) {
        if (source == null || line < 1 || line > offsets.length || (line > 1 && offsets[(int) line - 1] == 0)) {
            return Evidence.of(kind, text, at);
        }
        return Evidence.of(kind, source.lineAt(offsets[(int) line - 1]), at);
    }
}
