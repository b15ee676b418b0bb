package dev.perfwarden.facts.parse;

import java.io.IOException;
import java.io.InputStream;
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

    public BoundedLineReader(InputStream in) {
        this(in, MAX_LINE);
    }

    public BoundedLineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
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
        if (eof) {
            return null;
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
                        return null;
                    }
                    lineNumber++;
                    return decode(len);
                }
            }
            any = true;
            int start = pos;
            int end = limit;
            int nl = -1;
            for (int i = start; i < end; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    nl = i;
                    break;
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
            int chunkEnd = nl >= 0 ? nl : end;
            int n = chunkEnd - start;
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
            len += n;
            if (nl >= 0) {
                pos = nl + 1;
                lineNumber++;
                return decode(len);
            }
            pos = end;
        }
    }

    private String decode(int len) {
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        String s = new String(line, 0, len, nonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        if (line.length > 1 << 16 && len < 1 << 12) {
            line = new byte[256]; // give back a buffer grown by one long line
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
