package dev.perfwarden.facts.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Whole lines of an input file: the bytes {@code [from, to)}, offsets in the file (as {@link
 * dev.perfwarden.facts.core.TextRef} holds them, so at least {@link InputSource#skip()}), whose first line is line
 * {@code firstLine} of the file as a parse of the whole input numbers it. {@code from} is the file's start (after
 * the skipped bytes) or follows a {@code \n}; {@code to} is the file's end or follows a {@code \n}
 * ({@link #open(InputSource)} checks both).
 */
public record TextRange(long from, long to, long firstLine) {
    public TextRange {
        if (from < 0 || to < from || firstLine < 1) {
            throw new IllegalArgumentException("bad range [" + from + ", " + to + ") from line " + firstLine);
        }
    }

    /**
     * A stream of the range's bytes, read through its own file channel (ranges of one file may be read at once on
     * several threads).
     *
     * @throws IllegalArgumentException when the range does not start and end at line boundaries of the file
     */
    public InputStream open(InputSource source) throws IOException {
        FileChannel ch = FileChannel.open(source.path(), StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (from < source.skip() || to > size) {
                throw new IllegalArgumentException(source.displayPath() + ": range [" + from + ", " + to
                        + ") is outside the input's " + (size - source.skip()) + " bytes after " + source.skip());
            }
            if (from > source.skip() && byteAt(ch, from - 1) != '\n' || to > from && to < size
                    && byteAt(ch, to - 1) != '\n') {
                throw new IllegalArgumentException(source.displayPath() + ": range [" + from + ", " + to
                        + ") does not start and end at line boundaries");
            }
            return new RangeStream(ch, from, to);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static byte byteAt(FileChannel ch, long at) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        if (ch.read(one, at) != 1) {
            throw new IOException("cannot read byte " + at);
        }
        return one.get(0);
    }

    /** The bytes {@code [pos, end)} of a channel, read at absolute positions. */
    private static final class RangeStream extends InputStream {
        private final FileChannel ch;
        private long pos;
        private final long end;

        RangeStream(FileChannel ch, long pos, long end) {
            this.ch = ch;
            this.pos = pos;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
