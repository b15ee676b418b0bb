package dev.perfwarden.facts.ir;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.escape.EscapeFact;
import dev.perfwarden.facts.escape.EscapeTextParser;
import dev.perfwarden.facts.input.Parsers;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code -m=3}/{@code -m=4} parser on every real capture of the repository (Go 1.19.13, 1.23.5, 1.24.13, 1.25.14,
 * 1.26.8: {@code testdata/captured/go*}/{@code *}/m3.txt|m4.txt and the rule captures), and on facts checked
 * line by line against the capture's text.
 */
class IrDumpParserTest {
    static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    static List<Path> captures() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String base : List.of("testdata/captured", "rules/packs")) {
            try (Stream<Path> s = Files.walk(root().resolve(base))) {
                s.filter(p -> p.getFileName().toString().matches("m[34]\\.txt")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    record Parsed(List<Fact> facts, ParseContext ctx) {
        <T> List<T> of(Class<T> c) {
            return facts.stream().filter(c::isInstance).map(c::cast).toList();
        }
    }

    static Parsed parse(Path file) throws IOException, ParseException {
        List<Fact> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext(file.toString(), InputKind.IR_DUMP, facts::add);
        new IrDumpParser().parse(InputSource.of(file), ctx);
        return new Parsed(facts, ctx);
    }

    static Path capture(String rel) {
        return root().resolve(rel);
    }

    @Test
    void everyVersionIsCaptured() throws IOException {
        List<String> versions = captures().stream().map(p -> p.getParent().getParent().getFileName().toString())
                .distinct().sorted().toList();
        assertThat(versions).contains("go1.19.13", "go1.23.5", "go1.26.8");
    }

    @TestFactory
    Stream<DynamicTest> everyLineOfEveryRealCaptureIsARecord() throws IOException {
        List<Path> files = captures();
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        return files.stream().map(f -> DynamicTest.dynamicTest(root().relativize(f).toString(), () -> {
            byte[] bytes = Files.readAllBytes(f);
            InputHead head = new InputHead(f.getFileName().toString(), false,
                    Arrays.copyOf(bytes, Math.min(bytes.length, InputHead.SIZE)));
            assertThat(Parsers.sniff(head)).as("the parser sniffing picks for %s", f)
                    .get().isInstanceOf(IrDumpParser.class);
            Parsed p = parse(f);
            assertThat(p.ctx().unparsedSamples()).as("unparsed lines of %s", f).isEmpty();
            assertThat(p.ctx().unparsedCount()).isZero();
            long nonBlank = Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
            assertThat(p.ctx().records()).as("records of %s (one per non-blank line)", f).isEqualTo(nonBlank);
            assertThat(p.of(EscapeStmt.class)).as("escape statements of %s", f).isNotEmpty();
            // a program in which nothing is inlined has no trees at -m=3 (bounds-check-hot)
            boolean trees = Files.readAllLines(f).stream().anyMatch(l -> l.endsWith(": After inlining ")
                    || l.equals("escAnalyze"));
            assertThat(p.of(IrVariable.class).isEmpty()).as("no variables without trees in %s", f).isEqualTo(!trees);
        }));
    }

    @Test
    void anM3CaptureGivesTheSameEscapeFactsAsItsM2Capture() throws Exception {
        for (String v : List.of("go1.23.5", "go1.26.8")) {
            Path dir = capture("rules/packs/go-perf/interface-escape/captures/" + v);
            List<Fact> m2 = new ArrayList<>();
            new EscapeTextParser().parse(InputSource.of(dir.resolve("m2.txt")),
                    new ParseContext("m2.txt", InputKind.ESCAPE_TEXT, m2::add));
            List<String> fromM2 = m2.stream().filter(EscapeFact.class::isInstance)
                    .map(f -> ((EscapeFact) f).file() + ":" + ((EscapeFact) f).line() + " " + ((EscapeFact) f).kind())
                    .sorted().toList();
            List<String> fromM3 = parse(dir.resolve("m3.txt")).of(EscapeFact.class).stream()
                    .map(f -> f.file() + ":" + f.line() + " " + f.kind()).sorted().toList();
            assertThat(fromM3).as(v).isNotEmpty().isEqualTo(fromM2);
        }
    }

    @Test
    void implicitConversionsCarryTheirPositionAndBothTypes() throws Exception {
        // testdata/go/sites main.go:50:53: fmt.Errorf("bad digit %q …", c, …) with c a byte (Go 1.26.8 -m=3)
        Parsed p = parse(capture("testdata/captured/go1.26.8/sites/m3.txt"));
        List<String> text = Files.readAllLines(capture("testdata/captured/go1.26.8/sites/m3.txt"));
        assertThat(text).anyMatch(l -> l.equals(".   .   .   CONVIFACE Implicit any tc(1) # main.go:50:53"));
        assertThat(p.of(IrConversion.class)).filteredOn(c -> c.file().equals("main.go") && c.line() == 50
                        && c.col() == 53)
                .singleElement().satisfies(c -> {
                    assertThat(c.toType()).isEqualTo("any");
                    assertThat(c.fromType()).isEqualTo("byte");
                    assertThat(c.implicit()).isTrue();
                    assertThat(c.chain()).hasSize(1);
                });
    }

    @Test
    void inlinedCodeLandsAtTheCallSiteAndKeepsItsSourcePosition() throws Exception {
        // Go 1.26.8, interface-escape: os.(*File).WriteString inlined at main.go:80:24; its local b is
        // declared at file.go:320:2 ("NAME-os.b … # main.go:80:24 file.go:320:2")
        Parsed p = parse(capture("rules/packs/go-perf/interface-escape/captures/go1.26.8/m3.txt"));
        assertThat(p.of(InlinedBody.class)).filteredOn(b -> b.line() == 80 && b.col() == 24).singleElement()
                .satisfies(b -> {
                    assertThat(b.callee()).isEqualTo("os.(*File).WriteString");
                    assertThat(b.file()).isEqualTo("main.go");
                    assertThat(b.nested()).isFalse();
                });
        assertThat(p.of(IrVariable.class)).filteredOn(v -> v.name().equals("os.b")).first().satisfies(v -> {
            assertThat(v.storageClass()).isEqualTo("PAUTO");
            assertThat(v.inlined()).isTrue();
            assertThat(v.onStack()).isTrue();
            assertThat(v.type()).isEqualTo("SLICE-[]byte");
            assertThat(v.file()).isEqualTo("main.go");
            assertThat(v.line()).isEqualTo(80);
            assertThat(v.source().file()).isEqualTo("file.go");
            assertThat(v.source().line()).isEqualTo(320);
        });
    }

    @Test
    void callKindsAndTheirCallees() throws Exception {
        // itab-dispatch-hot (Go 1.26.8, -m=4): s.area() through the shape interface at main.go:25:14
        Parsed p = parse(capture("rules/packs/go-perf/itab-dispatch-hot/captures/go1.26.8/m4.txt"));
        assertThat(p.of(IrCall.class)).filteredOn(c -> c.kind().equals("CALLINTER") && c.line() == 25)
                .isNotEmpty().allSatisfy(c -> {
                    assertThat(c.callee()).isEqualTo("main.area");
                    assertThat(c.resultType()).isEqualTo("float64");
                });
        assertThat(p.of(IrCall.class)).extracting(IrCall::kind).contains("CALLFUNC", "CALLINTER");
    }

    @Test
    void closureVariablesShowAsHeapClassInTheDumps() throws Exception {
        Parsed p = parse(capture("testdata/captured/go1.26.8/sites/m3.txt"));
        assertThat(p.of(IrVariable.class)).filteredOn(v -> v.storageClass().equals("PAUTOHEAP")).isNotEmpty()
                .allSatisfy(v -> assertThat(v.closureVar()).isTrue());
    }

    @Test
    void theEscapeTraceNamesFunctionAndLoopDepth() throws Exception {
        Parsed p = parse(capture("testdata/captured/go1.26.8/naming/m3.txt"));
        List<String> text = Files.readAllLines(capture("testdata/captured/go1.26.8/naming/m3.txt"));
        String line = text.stream().filter(l -> l.contains(":[2] ") && l.contains(" stmt: ")).findFirst().orElseThrow();
        assertThat(p.of(EscapeStmt.class)).filteredOn(s -> s.evidence().text().equals(line)).singleElement()
                .satisfies(s -> {
                    assertThat(s.loopDepth()).isEqualTo(2);
                    assertThat(line).contains(s.compilerFunc() + " stmt: " + s.text());
                });
    }

    @Test
    void damagedDumpsAreCountedUnparsedWithTheirLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("m3.txt");
        Files.writeString(f, String.join("\n",
                "# example.com/x",
                ".   CALLFUNC int tc(1) # main.go:3:4",
                "./main.go:9:2: Before inlining: ",
                ".   CALLFUNC int tc(1) # main.go:9:2",
                ".   .   .   NAME-main.x Class:PAUTO Offset:0 OnStack Used int tc(1) # main.go:8:2",
                ".   lower case is no op",
                ".   NAME-main.y Class:PAUTO int tc(1) # main.go:8",
                "./main.go:9:2:[1] main stmt: x := 1",
                "") + "\n");
        Parsed p = parse(f);
        assertThat(p.ctx().unparsedSamples()).extracting(u -> u.at().line() + " " + u.reason()).containsExactly(
                "2 " + IrDumpParser.OUTSIDE,
                "5 " + IrDumpParser.TOO_DEEP,
                "6 tree line without an operation (expected an upper-case op such as CALLFUNC or NAME after the dots)",
                "7 tree line whose positions do not parse");
        assertThat(p.of(EscapeStmt.class)).singleElement().satisfies(s -> assertThat(s.line()).isEqualTo(9));
    }

    @Test
    void binaryBytesStopTheInputAtTheirLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("m3.txt");
        Files.write(f, "./main.go:9:2: Before inlining: \n.   CALLFUNC int tc(1) # main.go:9:2\n\u0001\u0002\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> parse(f)).isInstanceOf(ParseException.class).hasMessageContaining(":3")
                .hasMessageContaining("binary data");
    }
}
