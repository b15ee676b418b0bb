package dev.perfwarden.facts.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Where one line of an input file starts, so that an {@link Evidence}'s text is read back from the file
 * when a report shows it instead of being held in memory for every fact (a Go std {@code -json} tree
 * holds about 300 MB of such text). The line ends at the next {@code \n} (a {@code \r} before it is
 * dropped), as {@code BoundedLineReader} split it. Not a record on purpose: rules see no path.
 */
public final class TextRef {
    /** Longest line read back (the line readers refuse longer ones). */
    private static final int MAX = 1 << 20;

    private final Path file;
    private final long offset;

    public TextRef(Path file, long offset) {
        this.file = Objects.requireNonNull(file, "file");
        if (offset < 0) {
            throw new IllegalArgumentException("offset < 0");
        }
        this.offset = offset;
    }

    /**
     * The line's text, read from the file now; if the file can no longer be read, a sentence saying so
     * (the finding is still reported).
     */
    public String read() {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            ByteBuffer buf = ByteBuffer.allocate(4096);
            long pos = offset;
            while (out.size() <= MAX) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    break;
                }
                byte[] a = buf.array();
                int nl = -1;
                for (int i = 0; i < n; i++) {
                    if (a[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                out.write(a, 0, nl >= 0 ? nl : n);
                if (nl >= 0) {
                    break;
                }
                pos += n;
            }
            byte[] b = out.toByteArray();
            int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
            return new String(b, 0, len, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(input line no longer readable: " + file + " at byte " + offset + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextRef r && r.offset == offset && r.file.equals(file);
    }

    @Override
    public int hashCode() {
        return file.hashCode() * 31 + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return file + "@" + offset;
    }
}
