package dev.perfwarden.facts.profile;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** The input streams ProfileReader reads a gzipped profile through. */
final class ProfileStreams {
    private ProfileStreams() {
    }

    /** Counts the compressed bytes the inflater consumed, to place gzip errors. */
    static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Keeps a copy of what passes through, up to a limit, so a second pass need not inflate again. */
    static final class Capture extends FilterInputStream {
        private final int limit;
        byte[] buf = new byte[1 << 16];
        int size;
        private boolean overflow;
        private boolean eof;

        Capture(InputStream in, int limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                eof = true;
            } else if (n > 0 && !overflow) {
                if (size + n > limit) {
                    overflow = true;
                    buf = null;
                } else {
                    if (size + n > buf.length) {
                        buf = Arrays.copyOf(buf, Math.min(limit, Math.max(size + n, buf.length * 2)));
                    }
                    System.arraycopy(b, off, buf, size, n);
                    size += n;
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] scratch = new byte[(int) Math.min(n, 8192)];
            long left = n;
            while (left > 0) {
                int r = read(scratch, 0, (int) Math.min(left, scratch.length));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
            return n - left;
        }

        boolean complete() {
            return eof && !overflow;
        }
    }
}
