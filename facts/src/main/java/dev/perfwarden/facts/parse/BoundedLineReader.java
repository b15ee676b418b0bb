package dev.perfwarden.facts.parse;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines of UTF-8 text from a stream without ever holding more than {@code maxLine} bytes of
 * one line: a 50 MB line costs {@code maxLine} bytes of memory, not 50 MB. Accepts {@code \n} and
 * {@code \r\n} endings. Not thread-safe; one reader per input.
 */
public final class BoundedLineReader implements AutoCloseable {
    /** The default limit: lines longer than 1 MiB are not compiler output. */
    public static final int MAX_LINE = 1 << 20;

    /** A line did not end within the limit; {@link #lineNumber()} is the 1-based number of that line. */
    public static final class LineTooLongException extends IOException {
        private final long lineNumber;
        private final String head;

        LineTooLongException(long lineNumber, int limit, String head) {
            super("line " + lineNumber + " is longer than " + limit + " bytes");
            this.lineNumber = lineNumber;
            this.head = head;
        }

        public long lineNumber() {
            return lineNumber;
        }

        /** The first bytes of the line, decoded, for the error message. */
        public String head() {
            return head;
        }
    }

    /** Eight bytes of the buffer read as one long (the scan for line ends skips printable words at once). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final InputStream in;
    private final int maxLine;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;
    /** Bytes of the stream before {@code buf}'s contents. */
    private long base;
    private long lineStart;
    private boolean eof;
    private boolean sawNul;
    private boolean sawControl;
    private boolean nonAscii;
    private int lineLength;

    public BoundedLineReader(InputStream in) {
        this(in, MAX_LINE);
    }

    public BoundedLineReader(InputStream in, int maxLine) {
        this(in, maxLine, 0, 1);
    }

    /**
     * A reader of a stream that starts inside a larger one, at a line start: {@link #lineOffset()} counts from
     * {@code startOffset} and the first line read is numbered {@code firstLine}, as a reader of the whole stream
     * would number them.
     */
    public BoundedLineReader(InputStream in, int maxLine, long startOffset, long firstLine) {
        if (startOffset < 0 || firstLine < 1) {
            throw new IllegalArgumentException("startOffset " + startOffset + ", firstLine " + firstLine);
        }
        this.in = in;
        this.maxLine = maxLine;
        this.base = startOffset;
        this.lineNumber = firstLine - 1;
    }

    /** The byte offset, in the stream, where the line last returned by {@link #readLine()} starts. */
    public long lineOffset() {
        return lineStart;
    }

    /** 1-based number of the line last returned by {@link #readLine()}. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Whether the line last returned held a NUL byte (binary data, not text). */
    public boolean lastLineHadNul() {
        return sawNul;
    }

    /**
     * Whether the line last returned held a control byte other than tab (and a final CR), or DEL:
     * binary data, not compiler output.
     */
    public boolean lastLineHadControl() {
        return sawControl;
    }

    /**
     * The next line without its ending, or {@code null} at the end of input.
     *
     * @throws LineTooLongException when a line exceeds the limit; the rest of the input is not read
     */
    public String readLine() throws IOException {
        int len = readLineBytes();
        return len < 0 ? null : decode(len);
    }

    /**
     * Reads the next line without making a String of it: its bytes (without the ending and a final {@code \r})
     * are {@code lineBytes()[0, returned length)} until the next read; -1 at the end of input.
     * {@link #decodeLine()} makes the String {@link #readLine()} would have returned.
     *
     * @throws LineTooLongException when a line exceeds the limit; the rest of the input is not read
     */
    public int readLineBytes() throws IOException {
        if (eof) {
            return -1;
        }
        if (line.length > 1 << 16 && lineLength < 1 << 12) {
            line = new byte[256]; // give back a buffer grown by one long line
        }
        int len = 0;
        boolean any = false;
        sawNul = false;
        sawControl = false;
        nonAscii = false;
        lineStart = base + pos;
        while (true) {
            if (pos >= limit) {
                base += limit;
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    eof = true;
                    if (!any) {
                        return -1;
                    }
                    lineNumber++;
                    return ended(len);
                }
            }
            any = true;
            int start = pos;
            int end = limit;
            int nl = scan(start, end);
            int chunkEnd = nl >= 0 ? nl : end;
            len = append(start, chunkEnd - start, len);
            if (nl >= 0) {
                pos = nl + 1;
                lineNumber++;
                return ended(len);
            }
            pos = end;
        }
    }

    /** The index of the first {@code '\n'} in {@code buf[start, end)}, or -1; notes NUL, control and non-ASCII bytes. */
    private int scan(int start, int end) {
        for (int i = start; i < end; ) {
            if (i + 8 <= end && printable((long) LONGS.get(buf, i))) {
                i += 8; // eight printable ASCII bytes: no line end, nothing to note
                continue;
            }
            for (int stop = Math.min(i + 8, end); i < stop; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    return i;
                }
                if (b < 0x20 || b == 0x7f) { // bytes >= 0x80 are negative
                    if (b < 0) {
                        nonAscii = true;
                    } else if (b == 0) {
                        sawNul = true;
                        sawControl = true;
                    } else if (b != '\t' && !(b == '\r' && (i + 1 == end || buf[i + 1] == '\n'))) {
                        sawControl = true;
                    }
                }
            }
        }
        return -1;
    }

    /** Appends {@code buf[start, start + n)} to the line's first {@code len} bytes; the new length. */
    private int append(int start, int n, int len) throws LineTooLongException {
        if ((long) len + n > maxLine) {
            lineNumber++;
            int keep = Math.min(len, 80);
            String head = new String(line, 0, keep, StandardCharsets.UTF_8);
            eof = true;
            throw new LineTooLongException(lineNumber, maxLine, head);
        }
        if (len + n > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLine + 1, Math.max(line.length * 2, len + n)));
        }
        System.arraycopy(buf, start, line, len, n);
        return len + n;
    }

    /**
     * Whether all eight bytes of {@code x} are printable ASCII (0x20 to 0x7e): no byte has its high bit set, none
     * borrows when 0x20 is taken from it (below 0x20), none is 0x7f (its xor with 0x7f borrows when 1 is taken).
     */
    private static boolean printable(long x) {
        return ((x | (x - 0x2020202020202020L) | ((x ^ 0x7f7f7f7f7f7f7f7fL) - 0x0101010101010101L))
                & 0x8080808080808080L) == 0;
    }

    /** The buffer holding the bytes of the line last read by {@link #readLineBytes()}. */
    public byte[] lineBytes() {
        return line;
    }

    /** Whether the line last read held a byte above 0x7f (UTF-8 beyond ASCII). */
    public boolean lastLineNonAscii() {
        return nonAscii;
    }

    /** The line last read by {@link #readLineBytes()} as a String, as {@link #readLine()} returns it. */
    public String decodeLine() {
        return decode(lineLength);
    }

    /** Records the length of the line just read, without a final {@code \r}. */
    private int ended(int len) {
        lineLength = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        return lineLength;
    }

    private String decode(int len) {
        return new String(line, 0, len, nonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
