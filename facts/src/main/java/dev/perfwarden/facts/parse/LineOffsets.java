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
    /** Offsets are kept in pages of this many lines: a long input adds pages, it never copies the ones it has. */
    private static final int PAGE_BITS = 10;
    private static final int PAGE = 1 << PAGE_BITS;

    private final InputSource source;
    private long[][] pages = new long[16][];
    /** The number of lines recorded so far (1-based line numbers up to it have an offset). */
    private long count;

    public LineOffsets(InputSource source) {
        this.source = source;
    }

    /** Records where 1-based line {@code line} starts in the stream. */
    public void put(long line, long streamOffset) {
        long i = line - 1;
        int p = Math.toIntExact(i >>> PAGE_BITS);
        if (p >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
        }
        if (pages[p] == null) {
            pages[p] = new long[PAGE];
        }
        pages[p][(int) (i & (PAGE - 1))] = streamOffset;
        count = Math.max(count, line);
    }

    /** Evidence for a line read earlier: by reference when its offset is known, else by {@code text}. */
    public Evidence evidence(InputKind kind, String text, InputPos at, long line) {
        if (source == null || line < 1 || line > count) {
            return Evidence.of(kind, text, at);
        }
        long[] page = pages[(int) ((line - 1) >>> PAGE_BITS)];
        long offset = page == null ? 0 : page[(int) ((line - 1) & (PAGE - 1))];
        if (line > 1 && offset == 0) {
            return Evidence.of(kind, text, at);
        }
        return Evidence.of(kind, source.lineAt(offset), at);
    }
}
