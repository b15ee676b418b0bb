package dev.perfwarden.facts.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * File-system checks shared by every reader and writer of inputs and reports: special files
 * (FIFOs, devices, sockets) are refused by name, because reading one may block forever or never
 * end; text encodings are told apart by their first bytes.
 */
public final class InputFiles {
    private static final int S_IFMT = 0170000;

    private InputFiles() {
    }

    /**
     * What kind of special file {@code p} is ("a FIFO", "a character device", ...), following
     * symbolic links; empty for a regular file, a directory or a missing path.
     */
    public static Optional<String> special(Path p) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (a.isRegularFile() || a.isDirectory()) {
            return Optional.empty();
        }
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            switch (mode & S_IFMT) {
                case 0010000:
                    return Optional.of("a FIFO (named pipe)");
                case 0020000:
                    return Optional.of("a character device");
                case 0060000:
                    return Optional.of("a block device");
                case 0140000:
                    return Optional.of("a socket");
                default:
                    break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // no unix view: fall through
        }
        return Optional.of("a special file");
    }

    /** The one-line refusal of a special file given as an input. */
    public static String refusal(String display, String what) {
        return display + ": " + what + ", not a regular file: refused (it could block or never end; "
                + "use - to read standard input)";
    }

    /** The encoding problem of a text head, or empty: UTF-16/32 inputs are refused by name. */
    public static Optional<String> encodingProblem(byte[] head) {
        int n = head.length;
        if (n >= 4 && ((head[0] == 0 && head[1] == 0 && (head[2] & 0xff) == 0xfe && (head[3] & 0xff) == 0xff)
                || ((head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe && head[2] == 0 && head[3] == 0))) {
            return Optional.of("UTF-32 input: re-encode as UTF-8 (e.g. iconv -f UTF-32 -t UTF-8)");
        }
        if (n >= 2 && (((head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe)
                || ((head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff))) {
            return Optional.of("UTF-16 input: re-encode as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
        }
        // UTF-16 without a byte order mark: ASCII text with a NUL in every other byte
        if (n >= 8) {
            int evenNul = 0;
            int oddNul = 0;
            int pairs = Math.min(n, 512) / 2;
            for (int i = 0; i < pairs * 2; i += 2) {
                evenNul += head[i] == 0 ? 1 : 0;
                oddNul += head[i + 1] == 0 ? 1 : 0;
            }
            if ((oddNul == pairs && evenNul == 0) || (evenNul == pairs && oddNul == 0)) {
                return Optional.of("UTF-16 input: re-encode as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
            }
        }
        return Optional.empty();
    }

    /** Whether a head starts with the UTF-8 byte order mark. */
    public static boolean utf8Bom(byte[] head) {
        return head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf;
    }

    /** True when the head holds nothing but ASCII white space (an empty capture). */
    public static boolean blank(byte[] head) {
        for (byte b : head) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Copies {@code head} and then the rest of {@code in} to a new temporary file. */
    static Path spool(byte[] head, InputStream in) throws IOException {
        Path tmp = Files.createTempFile("perfwarden-stdin", ".txt");
        tmp.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
            out.write(head);
            in.transferTo(out);
        }
        return tmp;
    }

}
