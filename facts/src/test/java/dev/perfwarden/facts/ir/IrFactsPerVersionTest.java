package dev.perfwarden.facts.ir;

import dev.perfwarden.facts.core.SourcePos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.perfwarden.facts.ir.IrDumpParserTest.capture;
import static dev.perfwarden.facts.ir.IrDumpParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same IR facts read from the -m=3 output of three Go versions: 1.19.13 (the corpus' version: positions
 * innermost first and comma-separated, inliner substitution records), 1.23.5 and 1.26.8 (positions outermost
 * first, space-separated). Each expected value was read in the capture's text, quoted in the comments; the
 * program is {@code testdata/go/naming} (and the itab-dispatch-hot fixture for interface calls).
 */
class IrFactsPerVersionTest {
    private static final String NAMING = "testdata/captured/%s/naming/m3.txt";

    private static List<String> text(String rel) throws Exception {
        return Files.readAllLines(capture(rel));
    }

    /**
     * main.go:21 {@code fmt.Sprintf("(%d,%d)", p.X, p.Y)} in (*Point).String, inlined at main.go:101:18:
     * 1.19.13 prints {@code CONVIFACE Implicit any tc(1) # main.go:21:66,main.go:101:18} over
     * {@code DOTPTR main.X int}; 1.23.5 and 1.26.8 print {@code # main.go:101:18 main.go:21:66}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"go1.19.13", "go1.23.5", "go1.26.8"})
    void anImplicitConversionInAnInlinedBodyLandsAtTheCallSite(String version) throws Exception {
        String rel = NAMING.formatted(version);
        String printed = version.equals("go1.19.13") ? "# main.go:21:66,main.go:101:18" : "# main.go:101:18 main.go:21:66";
        assertThat(text(rel)).anyMatch(l -> l.endsWith("CONVIFACE Implicit any tc(1) " + printed));
        var p = parse(capture(rel));
        assertThat(p.ctx().unparsedCount()).isZero();
        assertThat(p.of(IrConversion.class)).filteredOn(c -> c.source().line() == 21 && c.source().col() == 66)
                .isNotEmpty().allSatisfy(c -> {
                    assertThat(c.file()).isEqualTo("main.go");
                    assertThat(c.line()).isEqualTo(101);
                    assertThat(c.col()).isEqualTo(18);
                    assertThat(c.chain()).containsExactly(new SourcePos("main.go", 101, 18),
                            new SourcePos("main.go", 21, 66));
                    assertThat(c.implicit()).isTrue();
                    assertThat(c.toType()).isEqualTo("any");
                    assertThat(c.fromType()).isEqualTo("int");
                    assertThat(c.dump()).isEqualTo(IrDump.AFTER_INLINING);
                });
    }

    /** {@code ./main.go:101:18: inlining call to (*Point).String}, then its After inlining tree (every version). */
    @ParameterizedTest
    @ValueSource(strings = {"go1.19.13", "go1.23.5", "go1.26.8"})
    void theInlinedBodyOfPointStringLandsAtItsCall(String version) throws Exception {
        String rel = NAMING.formatted(version);
        assertThat(text(rel)).contains("./main.go:101:18: inlining call to (*Point).String",
                "./main.go:101:18: After inlining ");
        assertThat(parse(capture(rel)).of(InlinedBody.class)).filteredOn(b -> b.line() == 101 && b.col() == 18)
                .singleElement().satisfies(b -> {
                    assertThat(b.callee()).isEqualTo("(*Point).String");
                    assertThat(b.file()).isEqualTo("main.go");
                    assertThat(b.nested()).isFalse();
                });
    }

    /**
     * counter's {@code n} (main.go:35), captured by the closure at main.go:37, in the After inlining tree of
     * {@code next := counter(sq)} (main.go:92:17): {@code NAME-main.n Class:PAUTOHEAP … IsClosureVar … # main.go:37:3}
     * in 1.19.13 (the reference keeps only its own position), {@code # main.go:92:17 main.go:37:3} later.
     */
    @ParameterizedTest
    @ValueSource(strings = {"go1.19.13", "go1.23.5", "go1.26.8"})
    void aCapturedVariableIsPautoheap(String version) throws Exception {
        String rel = NAMING.formatted(version);
        boolean old = version.equals("go1.19.13");
        assertThat(text(rel)).anyMatch(l -> l.contains("NAME-main.n Class:PAUTOHEAP Offset:0 IsClosureVar Used int tc(1) # "
                + (old ? "main.go:37:3" : "main.go:92:17 main.go:37:3")));
        assertThat(parse(capture(rel)).of(IrVariable.class))
                .filteredOn(v -> v.name().equals("main.n") && v.source().equals(new SourcePos("main.go", 37, 3))
                        && v.dump().equals(IrDump.AFTER_INLINING))
                .isNotEmpty().allSatisfy(v -> {
                    assertThat(v.storageClass()).isEqualTo("PAUTOHEAP");
                    assertThat(v.closureVar()).isTrue();
                    assertThat(v.onStack()).isFalse();
                    assertThat(v.type()).isEqualTo("int");
                    assertThat(v.line()).isEqualTo(old ? 37 : 92);
                });
    }

    /**
     * itab-dispatch-hot's {@code shapes[i] = s.scale(1.5)} (main.go:32:22 in grow, inlined into main at
     * main.go:68:6): 1.19.13 prints {@code CALLINTER main.shape tc(1) # main.go:32:22,main.go:68:6} with
     * {@code DOTINTER main.scale …} as its direct child (the field is X, no list line); 1.23.5 and 1.26.8 print
     * {@code # main.go:68:6 main.go:32:22} and the DOTINTER under a {@code CALLINTER-Fun} line.
     */
    @ParameterizedTest
    @ValueSource(strings = {"go1.19.13", "go1.23.5", "go1.26.8"})
    void anInterfaceCallNamesItsMethodAndLandsWhereItsFunctionWasInlined(String version) throws Exception {
        boolean old = version.equals("go1.19.13");
        String rel = old ? "testdata/captured/go1.19.13/itab-dispatch-hot/m3.txt"
                : "rules/packs/go-perf/itab-dispatch-hot/captures/" + version + "/m3.txt";
        List<String> t = text(rel);
        int at = t.indexOf(".   .   .   .   CALLINTER main.shape tc(1) # "
                + (old ? "main.go:32:22,main.go:68:6" : "main.go:68:6 main.go:32:22"));
        assertThat(at).as("the CALLINTER line in %s", rel).isNotNegative();
        assertThat(t.get(at + (old ? 1 : 2))).contains("DOTINTER main.scale ");
        var p = parse(capture(rel));
        assertThat(p.ctx().unparsedCount()).isZero();
        assertThat(p.of(IrCall.class)).filteredOn(c -> c.kind().equals("CALLINTER")
                        && c.source().equals(new SourcePos("main.go", 32, 22)))
                .isNotEmpty().allSatisfy(c -> {
                    assertThat(c.callee()).isEqualTo("main.scale");
                    assertThat(c.resultType()).isEqualTo("main.shape");
                    assertThat(c.file()).isEqualTo("main.go");
                    assertThat(c.line()).isEqualTo(68);
                    assertThat(c.col()).isEqualTo(6);
                    assertThat(c.dump()).isEqualTo(IrDump.AFTER_INLINING);
                });
    }

    /**
     * The 1.19 substitution records: each {@code substituting name} holds the callee's name then the caller's
     * (here glob..func3.1's parameter y inlined at main.go:29:21, lines 15-17 of the capture); they are records,
     * and their names are not facts of their own (the After inlining tree has the caller's variable, landed).
     */
    @Test
    void go119SubstitutionRecordsAreReadAndMakeNoFacts() throws Exception {
        String rel = NAMING.formatted("go1.19.13");
        List<String> t = text(rel);
        assertThat(t.subList(14, 17)).containsExactly("substituting name ",
                ".   NAME-main.y Class:PPARAM Offset:0 OnStack int tc(1) # main.go:28:17  ->  ",
                ".   NAME-main.y Class:PAUTO Offset:0 InlFormal OnStack Used int tc(1) # main.go:28:17");
        var p = parse(capture(rel));
        assertThat(p.ctx().unparsedCount()).isZero();
        assertThat(p.of(IrVariable.class)).extracting(IrVariable::dump)
                .doesNotContain(IrDump.SUBSTITUTION, IrDump.INLINE_VARIABLE);
        // the caller's y, as the After inlining tree shows it: "# main.go:28:17,main.go:29:21"
        assertThat(p.of(IrVariable.class)).filteredOn(v -> v.name().equals("main.y") && v.line() == 29)
                .isNotEmpty().allSatisfy(v -> {
                    assertThat(v.storageClass()).isEqualTo("PAUTO");
                    assertThat(v.inlined()).isTrue();
                    assertThat(v.source()).isEqualTo(new SourcePos("main.go", 28, 17));
                });
    }

    @Test
    void inlinerRecordsOutOfShapeAreCountedUnparsed(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("m3.txt");
        Files.writeString(f, String.join("\n",
                "# example.com/naming",
                "./main.go:29:21: Before inlining: ",
                ".   CALLFUNC int tc(1) # main.go:29:21",
                ".   NAME-main.y Class:PPARAM Offset:0 OnStack int tc(1) # main.go:28:17  ->  ",
                "substituting name ",
                ".   NAME-main.y Class:PPARAM Offset:0 OnStack int tc(1) # main.go:28:17  ->  ",
                "not substituting name ",
                ".   NAME-main.x Class:PPARAM Offset:0 OnStack Used int tc(1) # main.go:27:17  ->  ",
                "inlvar ",
                ".   NAME-main.y Class:PPARAM Offset:0 OnStack int tc(1) # main.go:28:17",
                ".   NAME-main.y Class:PPARAM Offset:0 OnStack int tc(1) # main.go:28:17",
                "./main.go:29:21:[1] main stmt: x := 1",
                "") + "\n");
        var p = parse(f);
        assertThat(p.ctx().unparsedSamples()).extracting(u -> u.at().line() + " " + u.reason()).containsExactly(
                "4 " + IrDumpParser.STRAY_ARROW,
                "6 " + IrDumpParser.SHAPE,
                "8 " + IrDumpParser.SHAPE,
                "11 " + IrDumpParser.SHAPE);
        assertThat(p.ctx().records()).as("one record per non-blank line").isEqualTo(12);
    }
}
