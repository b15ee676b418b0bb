package dev.perfwarden.facts.parse;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The line reader skips printable ASCII eight bytes at a time and looks at the other bytes one by one: its lines,
 * offsets and the control, NUL and non-ASCII flags must be those of a plain byte-by-byte split of the same input.
 */
class BoundedLineReaderTest {

    /** One line as a byte-by-byte reference split sees it. */
    private record Line(String text, long offset, boolean control, boolean nul) {
    }

    private static List<Line> reference(byte[] in) {
        List<Line> out = new ArrayList<>();
        int start = 0;
        while (start < in.length) {
            int nl = start;
            while (nl < in.length && in[nl] != '\n') {
                nl++;
            }
            int end = nl > start && in[nl - 1] == '\r' ? nl - 1 : nl;
            boolean control = false;
            boolean nul = false;
            for (int i = start; i < nl; i++) {
                int b = in[i] & 0xff;
                if (b == 0) {
                    nul = true;
                    control = true;
                } else if ((b < 0x20 || b == 0x7f) && b != '\t' && !(b == '\r' && i + 1 == nl)) {
                    control = true;
                }
            }
            out.add(new Line(new String(in, start, end - start, StandardCharsets.UTF_8), start, control, nul));
            start = nl + 1;
        }
        return out;
    }

    private static List<Line> read(byte[] in, boolean bytes) throws IOException {
        List<Line> out = new ArrayList<>();
        try (BoundedLineReader r = new BoundedLineReader(new ByteArrayInputStream(in))) {
            while (true) {
                String s;
                if (bytes) {
                    int len = r.readLineBytes();
                    if (len < 0) {
                        break;
                    }
                    s = r.decodeLine();
                    assertThat(s.getBytes(StandardCharsets.UTF_8).length == len || r.lastLineNonAscii()).isTrue();
                } else {
                    s = r.readLine();
                    if (s == null) {
                        break;
                    }
                }
                out.add(new Line(s, r.lineOffset(), r.lastLineHadControl(), r.lastLineHadNul()));
                assertThat(r.lineNumber()).isEqualTo(out.size());
            }
        }
        return out;
    }

    @Test
    void randomLinesAreSplitAndFlaggedAsByteByByte() throws IOException {
        Random rnd = new Random(17);
        byte[] alphabet = "abc:./ 0123456789\t\r\u007f\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
        byte[] arrow = "\u2190".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 200; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int lines = 1 + rnd.nextInt(40);
            for (int l = 0; l < lines; l++) {
                int len = rnd.nextInt(10) == 0 ? rnd.nextInt(70_000) : rnd.nextInt(120); // some cross the 64 KiB buffer
                for (int i = 0; i < len; i++) {
                    int k = rnd.nextInt(100);
                    if (k < 90) {
                        out.write('a' + rnd.nextInt(26));
                    } else if (k < 97) {
                        out.write(alphabet[rnd.nextInt(alphabet.length)]);
                    } else {
                        out.write(arrow, 0, arrow.length);
                    }
                }
                if (l < lines - 1 || rnd.nextBoolean()) {
                    out.write(rnd.nextInt(5) == 0 ? '\r' : 'z');
                    out.write('\n');
                }
            }
            byte[] in = out.toByteArray();
            List<Line> want = reference(in);
            assertThat(read(in, false)).as("round %d, readLine", round).isEqualTo(want);
            assertThat(read(in, true)).as("round %d, readLineBytes", round).isEqualTo(want);
        }
    }

    @Test
    void aLineOverTheLimitStopsTheInput() throws IOException {
        byte[] in = ("short\n" + "x".repeat(100) + "\nnever read\n").getBytes(StandardCharsets.US_ASCII);
        try (BoundedLineReader r = new BoundedLineReader(new ByteArrayInputStream(in), 50)) {
            assertThat(r.readLine()).isEqualTo("short");
            assertThatThrownBy(r::readLineBytes).isInstanceOf(BoundedLineReader.LineTooLongException.class)
                    .hasMessage("line 2 is longer than 50 bytes");
            assertThat(r.readLineBytes()).isEqualTo(-1);
        }
    }
}
