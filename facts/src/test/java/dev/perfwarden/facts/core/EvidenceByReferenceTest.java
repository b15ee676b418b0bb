package dev.perfwarden.facts.core;

import dev.perfwarden.facts.escape.EscapeTextParser;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.logopt.json.LogoptJsonParser;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The -m text and -json parsers keep evidence by reference (file and byte offset) instead of its text; what
 * a report reads back must be exactly the input line the evidence names.
 */
class EvidenceByReferenceTest {
    private static final Path ORDERS = Path.of("..", "examples", "captured", "orders");

    @Test
    void exampleTextEvidenceReadsBackItsLine() throws IOException {
        int n = checkAll(new InputSource("m2.txt", ORDERS.resolve("m2.txt")), new EscapeTextParser());
        assertThat(n).isGreaterThan(200);
    }

    @Test
    void exampleJsonEvidenceReadsBackItsRecord() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(ORDERS.resolve("json"))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        int n = 0;
        for (Path f : files) {
            n += checkAll(new InputSource(f.toString(), f), new LogoptJsonParser());
        }
        assertThat(n).isGreaterThan(100);
    }

    @Test
    void crlfMultiByteAndByteOrderMark(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m2.txt");
        String text = "# example.com/m\r\n./a.go:3:6: can inline f with cost 4 as: func() { «x» }\r\n"
                + "./a.go:5:2: moved to heap: x\r\n./a.go:9:13: ... argument does not escape\n";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(f, all);
        int n = checkAll(new InputSource("m2.txt", f).skipping(3), new EscapeTextParser());
        assertThat(n).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aVanishedInputIsSaidNotThrown(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("gone.txt");
        Files.writeString(f, "x\n");
        Evidence e = Evidence.of(InputKind.ESCAPE_TEXT, new TextRef(f, 0), InputPos.line("gone.txt", 1));
        assertThat(e.text()).isEqualTo("x");
        Files.delete(f);
        assertThat(e.text()).startsWith("(input line no longer readable: ");
    }

    /** Every evidence of the facts of {@code src} is by reference and reads back as line {@code at.line} of the file. */
    private static int checkAll(InputSource src, InputParser parser) throws IOException {
        InputReader.ParsedInput p = InputReader.parse(src, parser);
        assertThat(p.stats().error()).isNull();
        String content = new String(Files.readAllBytes(src.path()), StandardCharsets.UTF_8);
        if (src.skip() > 0) {
            content = content.substring(1); // the byte order mark is one char
        }
        List<String> lines = content.lines().toList();
        int byRef = 0;
        for (Object fact : p.facts()) {
            for (Evidence e : evidenceOf(fact)) {
                assertThat(e.ref()).as("evidence held as text: %s", e).isNotNull();
                byRef++;
                assertThat(e.text()).as("%s", e.at()).isEqualTo(lines.get((int) e.at().line() - 1));
            }
        }
        return byRef;
    }

    private static List<Evidence> evidenceOf(Object fact) {
        List<Evidence> out = new ArrayList<>();
        for (Method m : fact.getClass().getMethods()) {
            if (m.getParameterCount() == 0 && m.getReturnType() == Evidence.class) {
                try {
                    out.add((Evidence) m.invoke(fact));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }
}
