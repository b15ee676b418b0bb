package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.core.Unparsed;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.parse.TextRange;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link EscapeTextParser#parseRange}: an input parsed as several ranges cut at its {@code # pkg} lines gives the
 * facts one parse of the whole input gives, in the same order, with the same line numbers and evidence offsets.
 */
class EscapeTextRangeTest {
    private final EscapeTextParser parser = new EscapeTextParser();

    /** Facts, unparsed samples and counts of one or several parses. */
    private record Outcome(List<Fact> facts, List<Unparsed> unparsed, long records, long unparsedCount, long repeated) {
    }

    private Outcome whole(InputSource src) throws IOException {
        List<Fact> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext(src.displayPath(), parser.kind(), facts::add);
        try {
            parser.parse(src, ctx);
        } catch (ParseException e) {
            // the facts of the lines before stay, as for a range
        }
        return new Outcome(facts, ctx.unparsedSamples(), ctx.records(), ctx.unparsedCount(), ctx.repeatedCount());
    }

    private Outcome ranges(InputSource src, List<TextRange> ranges) throws IOException {
        List<Fact> facts = new ArrayList<>();
        List<Unparsed> unparsed = new ArrayList<>();
        long records = 0;
        long unparsedCount = 0;
        long repeated = 0;
        for (TextRange r : ranges) {
            ParseContext ctx = new ParseContext(src.displayPath(), parser.kind(), facts::add);
            try {
                parser.parseRange(src, r, ctx);
            } catch (ParseException e) {
                // a range of unknown lines only is UNRECOGNIZED; its lines are still counted and kept
            }
            unparsed.addAll(ctx.unparsedSamples());
            records += ctx.records();
            unparsedCount += ctx.unparsedCount();
            repeated += ctx.repeatedCount();
        }
        return new Outcome(facts, unparsed.subList(0, Math.min(unparsed.size(), ParseContext.KEPT_UNPARSED)),
                records, unparsedCount, repeated);
    }

    /** Ranges cut before every line that starts with {@code "# "}, each holding {@code perRange} sections. */
    static List<TextRange> sections(byte[] bytes, int skip, int perRange) {
        List<TextRange> out = new ArrayList<>();
        long from = skip;
        long firstLine = 1;
        long line = 1;
        int seen = 0;
        for (int i = skip; i < bytes.length; i++) {
            boolean lineStart = i == skip || bytes[i - 1] == '\n';
            if (lineStart && i > skip && bytes[i] == '#' && i + 1 < bytes.length && bytes[i + 1] == ' '
                    && ++seen % perRange == 0) {
                out.add(new TextRange(from, i, firstLine));
                from = i;
                firstLine = line;
            }
            if (bytes[i] == '\n') {
                line++;
            }
        }
        out.add(new TextRange(from, bytes.length, firstLine));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureCutAtItsSectionsGivesTheFactsOfOneParse() {
        Path root = Captures.root();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
                    .filter(f -> f.getFileName().toString().matches("m[12]\\.txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).hasSizeGreaterThan(200);
        return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> {
            InputSource src = new InputSource(f.toString(), f);
            byte[] bytes = Files.readAllBytes(f);
            Outcome one = whole(src);
            assertThat(one.facts()).isNotEmpty();
            if (one.repeated() > 0) {
                return; // a section printed again in another range is the caller's to drop
            }
            for (int per : new int[] {1, 3}) {
                assertThat(ranges(src, sections(bytes, 0, per))).as("%d section(s) a range", per).isEqualTo(one);
            }
        }));
    }

    @Test
    void aRangeNumbersLinesAndOffsetsAsTheWholeFileAfterAByteOrderMark(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m2.txt");
        String text = String.join("\n",
                "# example.com/a",
                "./a.go:3:6: can inline f with cost 2 as: func() { }",
                "./a.go:4:2: x escapes to heap:",
                "./a.go:4:2:   flow: {heap} ← &x:",
                "./a.go:4:2:     from &x (address-of) at ./a.go:4:2",
                "./a.go:4:2: moved to heap: x",
                "# example.com/b",
                "./b.go:7:6: cannot inline g: recursive",
                "./b.go:8:10: y does not escape",
                "weird line",
                "");
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xef;
        bytes[1] = (byte) 0xbb;
        bytes[2] = (byte) 0xbf;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(f, bytes);
        InputSource src = new InputSource(f.toString(), f).skipping(3);
        List<TextRange> cut = sections(bytes, 3, 1);
        assertThat(cut).hasSize(2);
        assertThat(cut.get(1).firstLine()).isEqualTo(7);
        Outcome one = whole(src);
        assertThat(one.facts()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(one.unparsedCount()).isEqualTo(1);
        assertThat(ranges(src, cut)).isEqualTo(one);
        assertThat(one.unparsed().get(0).at().line()).isEqualTo(10);
    }

    @Test
    void aRangeThatDoesNotStartOrEndAtALineIsRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m2.txt");
        Files.writeString(f, "# example.com/a\n./a.go:8:10: y does not escape\n");
        InputSource src = new InputSource(f.toString(), f);
        ParseContext ctx = new ParseContext(f.toString(), parser.kind(), fact -> { });
        assertThatThrownBy(() -> parser.parseRange(src, new TextRange(3, 16, 1), ctx))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line boundaries");
        assertThatThrownBy(() -> parser.parseRange(src, new TextRange(0, 20, 1), ctx))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line boundaries");
        assertThatThrownBy(() -> parser.parseRange(src, new TextRange(16, 500, 2), ctx))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
    }
}
