package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.escape.Captures.Parsed;
import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.parse.InputSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A package's output printed again later in the same input (two logs put together; README's 160 MB input, the
 * example's m2.txt repeated) adds no facts: each site stays one fact, its first copy's, so that a rule joining two
 * facts of a site makes one match, not k². Copies the compiler itself prints inside one section are kept.
 */
class RepeatedSectionsTest {
    private final EscapeTextParser parser = new EscapeTextParser();

    @Test
    void aCaptureRepeatedThreeTimesGivesTheFactsOfOneCopy(@TempDir Path dir) throws IOException {
        Path one = Captures.root().resolve("examples/captured/orders/m2.txt");
        Path three = dir.resolve("m2.txt");
        byte[] bytes = Files.readAllBytes(one);
        Files.write(three, bytes);
        Files.write(three, bytes, java.nio.file.StandardOpenOption.APPEND);
        Files.write(three, bytes, java.nio.file.StandardOpenOption.APPEND);

        Parsed once = Captures.parse(parser, one, "m2.txt");
        Parsed thrice = Captures.parse(parser, three, "m2.txt");
        assertThat(once.facts()).hasSizeGreaterThan(200);
        assertThat(Captures.dump(thrice.facts())).isEqualTo(Captures.dump(once.facts()));
        assertThat(thrice.ctx().repeatedCount()).isEqualTo(2L * once.facts().size());
        assertThat(thrice.ctx().records()).isEqualTo(3 * once.ctx().records());
        assertThat(once.ctx().repeatedCount()).isZero();

        var stats = InputReader.parse(new InputSource("m2.txt", three), parser).stats();
        assertThat(stats.note()).isEqualTo(2L * once.facts().size()
                + " facts repeat a package's output printed earlier in this input (same # header, same lines):"
                + " merged into their first copy");
    }

    @Test
    void copiesInsideOneSectionAndUnderAnotherVariantAreKept(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.txt");
        String section = String.join("\n",
                "./a.go:5:9: inlining call to strconv.Itoa",
                "./a.go:5:9: inlining call to strconv.Itoa", "");
        Files.writeString(f, "# example.com/a\n" + section + "# example.com/a [example.com/a.test]\n" + section
                + "# example.com/a\n" + section + "./a.go:7:2: inlining call to strconv.Itoa\n");
        Parsed p = Captures.parse(parser, f);
        List<Fact> inlined = p.facts().stream().filter(x -> x instanceof InlineFact).toList();
        // 2 in the first section, 2 in the test variant, 1 new site in the third section (its copies are repeats)
        assertThat(inlined).extracting(x -> ((InlineFact) x).line()).containsExactly(5, 5, 5, 5, 7);
        assertThat(p.ctx().repeatedCount()).isEqualTo(3); // the third header and its two lines at a.go:5
    }

    @Test
    void aRepeatedSectionWhoseFlowNamesOtherValuesIsNotMergedEvenWhenTheirJavaHashCodesAreEqual(@TempDir Path dir)
            throws IOException {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode()); // the old key mixed String.hashCode of flow steps
        Path f = dir.resolve("m.txt");
        String section = String.join("\n",
                "./a.go:5:2: x escapes to heap in f:",
                "./a.go:5:2:   flow: {heap} \u2190 VAR:",
                "./a.go:5:2:     from VAR (spill) at ./a.go:5:2",
                "./a.go:5:2: x escapes to heap", "");
        Files.writeString(f, "# example.com/a\n" + section.replace("VAR", "Aa")
                + "# example.com/a\n" + section.replace("VAR", "BB"));
        Parsed p = Captures.parse(parser, f);
        List<EscapeFact> escapes = p.facts().stream().filter(x -> x instanceof EscapeFact)
                .map(x -> (EscapeFact) x).toList();
        assertThat(escapes).hasSize(2);
        assertThat(Captures.dump(escapes)).contains("Aa").contains("BB");
        assertThat(p.ctx().repeatedCount()).isEqualTo(1); // the second header only
    }
}
