package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser reads the explanation lines of an open {@code -m=2} block from their bytes, without a String of the
 * line (its fast path); a caller's {@code foreign} predicate turns that path off, so every line then takes the
 * String path. Both must give the same facts, in the same order, and the same unparsed lines.
 */
class EscapeTextFastPathTest {
    private final EscapeTextParser parser = new EscapeTextParser();

    /** What one parse gave: facts in order, unparsed samples and counts, the error if any. */
    private record Outcome(List<Fact> facts, List<?> unparsed, long records, long unparsedCount, String error) {
    }

    private Outcome parse(Path f, boolean stringPathOnly) throws IOException {
        List<Fact> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext(f.toString(), parser.kind(), facts::add);
        String error = null;
        try {
            InputSource src = new InputSource(f.toString(), f);
            if (stringPathOnly) {
                parser.parse(src, ctx, line -> false); // a predicate of the caller's: no fast path
            } else {
                parser.parse(src, ctx);
            }
        } catch (ParseException e) {
            error = e.getMessage();
        }
        return new Outcome(facts, ctx.unparsedSamples(), ctx.records(), ctx.unparsedCount(), error);
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureGivesTheSameFactsOnBothPaths() {
        Path root = Captures.root();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) { // every committed -m/-m=2 capture: corpus, fixtures, modules
            files = walk.filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
                    .filter(f -> f.getFileName().toString().matches("m[12]\\.txt")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(files).hasSizeGreaterThan(200);
        return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> {
            Outcome fast = parse(f, false);
            Outcome slow = parse(f, true);
            assertThat(fast.facts()).isNotEmpty();
            assertThat(fast).isEqualTo(slow);
        }));
    }

    /** The lines the fast path leaves to the String path, or must read exactly as it does. */
    @Test
    void oddExplanationLinesGiveTheSameFactsOnBothPaths(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m2.txt");
        Files.writeString(f, String.join("\r\n",
                "# example.com/odd",
                "./odd.go:10:2: x escapes to heap in f:",
                "./odd.go:10:2:   flow: {heap} ← &{storage for x}:",
                "./odd.go:10:2:     from &T{...} (spill) at ./odd.go:10:2",
                "./odd.go:10:2:     from y ← &T{...} (assign) at ./odd.go:11:4",
                "./odd.go:10:2:   flow: ~r0 = *p:",
                "./odd.go:10:2:     from \"é\"\u2003(interface-converted) at ./odd.go:12:9",
                "./odd.go:10:2:     from no parenthesis at ./odd.go:12:9",
                "./odd.go:10:2:     from z (assign) at ./my dir/odd.go:13:2",
                "./odd.go:10:2:     from w (at) at ./odd.go:14:2 at",
                "./odd.go:10:2:   flow: no separator:",
                "./odd.go:10:2:   flow: x ← y",
                "./odd.go:10:2: x escapes to heap",
                "./ödd.go:3:7: y escapes to heap in g:",
                "./ödd.go:3:7:   flow: {heap} ← y:",
                "./ödd.go:3:7:     from y (interface-converted) at ./ödd.go:3:7",
                "./ödd.go:3:7: y escapes to heap",
                "./odd.go:20:5:     from stray (assign) at ./odd.go:20:5",
                ""), StandardCharsets.UTF_8);
        Outcome fast = parse(f, false);
        assertThat(fast.facts()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(fast.unparsedCount()).isPositive();
        assertThat(fast).isEqualTo(parse(f, true));
    }

    /** Summary lines the byte forms (EscapeBytes) leave to the String table, or must read exactly as it does. */
    @Test
    void oddSummaryLinesGiveTheSameFactsOnBothPaths(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m2.txt");
        Files.writeString(f, String.join("\n",
                "# example.com/odd",
                "./odd.go:3:6: can inline f with cost 12 as: func() { }",
                "./odd.go:4:6: can inline g with cost 12345678901 as: func() { }",
                "./odd.go:5:6: can inline h with cost as: func() { }",
                "./odd.go:5:7: can inline (*T[go.shape.int]).m with cost 3 as: func() { }",
                "./odd.go:6:6: cannot inline k: function too complex: cost 95 exceeds budget 80",
                "./odd.go:7:6: cannot inline a into b: recursive",
                "./odd.go:8:6: cannot inline nocolon",
                "./odd.go:9:2: inlining call to f",
                "./odd.go:9:3: inlining call to g with score 40",
                "./odd.go:9:4: inlining call to ",
                "./odd.go:10:2: leaking param: p",
                "./odd.go:10:3: leaking param: q to result ~r0 level=0",
                "./odd.go:10:4: leaking param: r to result ~r0 level=+1",
                "./odd.go:11:2: parameter p leaks to {heap} with derefs=0:",
                "./odd.go:11:2:   flow: {heap} ← p:",
                "./odd.go:11:2:     from p (assign) at ./odd.go:11:2",
                "./odd.go:11:3: parameter q leaks to ~r0 for h with derefs=-1:",
                "./odd.go:11:4: parameter r leaks to ~r0 with derefs=+2:",
                "./odd.go:11:5: parameter s leaks to ~r0 by way of t with derefs=1:",
                "./odd.go:11:6: parameter t escapes to heap:",
                "./odd.go:11:7: parameter u leaks to {storage for u with derefs=1:",
                "./odd.go:12:2: x escapes to heap",
                "./odd.go:12:3: x escapes to heap in f:",
                "./odd.go:12:4: x escapes to heap, not allowed in runtime",
                "./odd.go:12:5: &T{...} escapes to heap in :",
                "./odd.go:12:6: y does not escape",
                "./odd.go:12:7: z does not escape, mutate, or call",
                "./odd.go:12:8: can inline w escapes to heap",
                "./ödd.go:13:2: x escapes to heap",
                "./odd.go:13:3: é does not escape",
                "<unknown line number>: ~r0 does not escape",
                ""), StandardCharsets.UTF_8);
        Outcome fast = parse(f, false);
        assertThat(fast.facts()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(fast.unparsedCount()).isPositive();
        assertThat(fast).isEqualTo(parse(f, true));
    }
}
