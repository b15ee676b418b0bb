package dev.perfwarden.facts.ssa;

import dev.perfwarden.facts.asm.Captures;
import dev.perfwarden.facts.asm.Captures.Parsed;
import dev.perfwarden.facts.core.Unparsed;
import dev.perfwarden.facts.parse.InputHead;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SsaParserTest {
    private static final Pattern VALUE = Pattern.compile("^    \\((?:\\?|[+-]?\\d+)\\) v\\d+ = ");
    private static final Pattern BLOCK = Pattern.compile("^  b\\d+:");
    private static final Pattern PASS_END = Pattern.compile("^  pass .* end \\[\\d+ ns\\]$");
    private static final Pattern FOUND = Pattern.compile(": Found Is(?:Slice)?InBounds$");

    private final SsaParser parser = new SsaParser();

    static List<Path> texts() {
        List<Path> all = new ArrayList<>();
        all.addAll(Captures.all("ssa-*.txt"));
        all.addAll(Captures.all("*.dump"));
        all.addAll(Captures.all("bce.txt"));
        all.addAll(Captures.all("prove.txt"));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyTextCaptureParsesWithNothingUnparsed() {
        List<Path> all = texts();
        assertThat(all).hasSizeGreaterThanOrEqualTo(20);
        return all.stream().map(f -> DynamicTest.dynamicTest(Captures.rel(f), () -> {
            Parsed p = Captures.parse(parser, f);
            List<String> lines = Captures.lines(f);
            assertThat(p.ctx().unparsedSamples()).extracting(Unparsed::format).isEmpty();
            assertThat(p.ctx().records()).isEqualTo(lines.size());
            assertThat(p.of(SsaValue.class)).hasSize((int) Captures.count(lines, VALUE));
            assertThat(p.of(SsaBlock.class)).hasSize((int) Captures.count(lines, BLOCK));
            assertThat(p.of(SsaPass.class)).hasSize((int) Captures.count(lines, PASS_END));
            assertThat(p.of(BceCheck.class)).hasSize((int) Captures.count(lines, FOUND));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyHtmlCaptureGivesTheSameFinalDumpAsTheText() {
        List<Path> all = Captures.all("ssa-*.html");
        assertThat(all).hasSizeGreaterThanOrEqualTo(4);
        return all.stream().map(f -> DynamicTest.dynamicTest(Captures.rel(f), () -> {
            Parsed h = Captures.parse(parser, f);
            String html = Files.readString(f);
            assertThat(h.ctx().unparsedSamples()).extracting(Unparsed::format).isEmpty();
            assertThat(h.ctx().records()).isEqualTo(Captures.lines(f).size());
            assertThat(h.of(SsaValue.class)).hasSize(occurrences(html, "<li class=\"ssa-long-value"));
            assertThat(h.of(SsaBlock.class)).hasSize(occurrences(html, "<li class=\"ssa-end-block\">"));
            assertThat(h.of(SsaValue.class)).allSatisfy(v -> assertThat(v.symbol()).startsWith("main."));
            Path txt = f.resolveSibling(f.getFileName().toString().replace(".html", ".txt"));
            if (Files.exists(txt)) {
                Parsed t = Captures.parse(parser, txt);
                assertThat(t.of(SsaValue.class)).extracting(SsaValue::symbol).containsOnly(
                        h.of(SsaValue.class).get(0).symbol());
                // the html's last column ("… + trim") shows the same function as the text after "trim"
                assertThat(dump(h, "trim")).isNotEmpty().isEqualTo(dump(t, "trim"));
                assertThat(blocks(h, "trim")).isEqualTo(blocks(t, "trim"));
            }
        }));
    }

    private static List<String> dump(Parsed p, String phase) {
        return p.of(SsaValue.class).stream().filter(v -> v.phase().equals(phase))
                .map(v -> v.block() + " v" + v.id() + " " + v.line() + " " + v.stmt() + " " + v.op() + " <" + v.type()
                        + "> " + v.aux() + " | " + v.args() + " : " + v.reg() + (v.dead() ? " DEAD" : ""))
                .collect(Collectors.toList());
    }

    private static List<String> blocks(Parsed p, String phase) {
        return p.of(SsaBlock.class).stream().filter(b -> b.phase().equals(phase))
                .map(b -> "b" + b.id() + " <- " + b.preds() + " " + b.kind() + " " + b.controls() + " -> " + b.succs()
                        + " " + b.likely() + " " + b.values())
                .collect(Collectors.toList());
    }

    private static int occurrences(String s, String what) {
        int k = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            k++;
        }
        return k;
    }

    @Test
    void gossafuncTextNamesTheFunctionAndItsPhases() {
        Parsed p = Captures.parse(parser, Captures.own126().resolve("t2/ssa-sum.txt"));
        assertThat(p.of(SsaValue.class)).extracting(SsaValue::symbol).containsOnly("main.sum");
        assertThat(p.of(SsaValue.class)).extracting(SsaValue::file).containsOnly("main.go");
        List<String> phases = p.of(SsaPass.class).stream().map(SsaPass::phase).collect(Collectors.toList());
        assertThat(phases).startsWith("number lines", "early phielim and copyelim").contains("prove", "regalloc")
                .endsWith("trim");
        SsaValue bounds = p.of(SsaValue.class).stream()
                .filter(v -> v.phase().equals("start") && v.op().equals("IsInBounds")).findFirst().orElseThrow();
        assertThat(bounds.id()).isEqualTo(11);
        assertThat(bounds.args()).isEqualTo("v8 v10");
        assertThat(bounds.type()).isEqualTo("bool");
        assertThat(bounds.line()).isEqualTo(19);
        assertThat(bounds.block()).isEqualTo("b1");
        SsaValue reg = p.of(SsaValue.class).stream()
                .filter(v -> v.phase().equals("regalloc") && v.op().equals("ArgIntReg") && v.id() == 8).findFirst()
                .orElseThrow();
        assertThat(reg.aux()).isEqualTo("{i+0} [3]");
        assertThat(reg.reg()).isEqualTo("DI");
        SsaBlock b1 = p.of(SsaBlock.class).stream().filter(b -> b.phase().equals("start") && b.id() == 1).findFirst()
                .orElseThrow();
        assertThat(b1.kind()).isEqualTo("If");
        assertThat(b1.controls()).isEqualTo("v11");
        assertThat(b1.succs()).isEqualTo("b2 b3");
        assertThat(b1.likely()).isEqualTo(SsaBlock.LIKELY);
        SsaPass prove = p.of(SsaPass.class).stream().filter(x -> x.phase().equals("prove")).findFirst().orElseThrow();
        assertThat(prove.nanos()).isPositive();
        assertThat(prove.values()).isPositive();
        // 1.19 and 1.23 print the same shapes
        Parsed old = Captures.parse(parser, Captures.root().resolve("testdata/corpus/go1.19/t2/ssa-sum.txt"));
        assertThat(old.of(SsaValue.class)).extracting(SsaValue::symbol).containsOnly("main.sum");
    }

    @Test
    void dumpFilesTakeThePhaseFromTheFileName() {
        Parsed p = Captures.parse(parser, Captures.own126().resolve("t5/sumLoop_01__prove.dump"));
        assertThat(p.of(SsaValue.class)).isNotEmpty().allSatisfy(v -> {
            assertThat(v.phase()).isEqualTo("prove");
            assertThat(v.symbol()).isEqualTo("sumLoop");
        });
        assertThat(p.of(SsaBlock.class)).anySatisfy(b -> assertThat(b.preds()).contains(" "));
    }

    @Test
    void boundsChecksAndProveRemarks() {
        Parsed bce = Captures.parse(parser, Captures.own126().resolve("t2/bce.txt"));
        assertThat(bce.of(BceCheck.class)).singleElement().satisfies(b -> {
            assertThat(b.file()).isEqualTo("main.go");
            assertThat(b.line()).isEqualTo(19);
            assertThat(b.col()).isEqualTo(40);
            assertThat(b.kind()).isEqualTo(BceCheck.INDEX);
            assertThat(b.symbol()).isEmpty();
            assertThat(b.evidence().text()).isEqualTo("./main.go:19:40: Found IsInBounds");
        });
        Parsed prove = Captures.parse(parser, Captures.own126().resolve("t5/prove.txt"));
        assertThat(prove.of(SsaRemark.class)).extracting(SsaRemark::kind)
                .contains(SsaRemark.INDUCTION_VARIABLE, SsaRemark.PROVED);
        assertThat(prove.of(SsaRemark.class)).filteredOn(r -> r.file().equals("<autogenerated>"))
                .allSatisfy(r -> assertThat(r.col()).isZero());
    }

    @Test
    void invertedLoopIterationIsAGo124ProveRemark() {
        // t5 built with -d=ssa/prove/debug=1: of 1.24.13, 1.25.14, 1.26.8 only 1.24 prints this (three range loops)
        for (String v : Captures.OWN_VERSIONS) {
            Parsed prove = Captures.parse(parser, Captures.own(v).resolve("t5/prove.txt"));
            assertThat(prove.ctx().unparsedCount()).as(v).isZero();
            List<Integer> lines = prove.of(SsaRemark.class).stream().filter(r -> r.kind().equals(SsaRemark.INVERTED_LOOP))
                    .map(SsaRemark::line).collect(java.util.stream.Collectors.toList());
            assertThat(lines).as(v).isEqualTo(v.equals("go1.24.13") ? List.of(44, 53, 85) : List.of());
        }
    }

    @Test
    void sliceBoundsChecks(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bce.txt");
        Files.writeString(f, "# example.com/m\n./a.go:7:12: Found IsSliceInBounds\n<autogenerated>:1: Found IsInBounds\n");
        Parsed p = Captures.parse(parser, f);
        assertThat(p.of(BceCheck.class)).extracting(BceCheck::kind).containsExactly(BceCheck.SLICE, BceCheck.INDEX);
    }

    @Test
    void sniffs() throws IOException {
        for (String f : List.of("t2/ssa-sum.txt", "t2/ssa-sum.html", "t2/sum_01__prove.dump", "t2/bce.txt", "t5/prove.txt")) {
            assertThat(parser.sniff(head(Captures.own126().resolve(f)))).as(f).isTrue();
        }
        for (String f : List.of("t2/S.txt", "t2/objdump.txt")) {
            assertThat(parser.sniff(head(Captures.own126().resolve(f)))).as(f).isFalse();
        }
        assertThat(parser.sniff(head(Captures.root().resolve("testdata/corpus/go1.19/t1/m2.txt")))).isFalse();
    }

    @Test
    void badLinesAreReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, String.join("\n",
                "sum func([]int, int) int",                 // 1
                "  b1:",                                    // 2
                "    (?) v1 = InitMem <mem>",               // 3
                "    (19) v2 = Add64 <int v1",              // 4 truncated type
                "    (19) v3 Add64",                        // 5
                "    If v1 -> ",                            // 6
                "./main.go:3:4: x escapes to heap",         // 7 not SSA
                "what is this",                             // 8
                "    Ret v1",                               // 9
                ""), StandardCharsets.UTF_8);
        List<Object> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext("bad.txt", parser.kind(), facts::add);
        parser.parse(InputSource.of(f), ctx);
        assertThat(ctx.unparsedSamples()).extracting(Unparsed::format).containsExactly(
                "bad.txt:4: malformed SSA value: \"    (19) v2 = Add64 <int v1\"",
                "bad.txt:5: malformed SSA value: \"    (19) v3 Add64\"",
                "bad.txt:6: malformed SSA block control line: \"    If v1 -> \"",
                "bad.txt:7: not an SSA debug message: \"./main.go:3:4: x escapes to heap\"",
                "bad.txt:8: not an SSA line: \"what is this\"");
        assertThat(facts).filteredOn(SsaValue.class::isInstance).hasSize(1);
        assertThat(facts).filteredOn(SsaBlock.class::isInstance).hasSize(1);
    }

    static InputHead head(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        return new InputHead(f.getFileName().toString(), false,
                java.util.Arrays.copyOf(all, Math.min(all.length, InputHead.SIZE)));
    }

    @SuppressWarnings("unused")
    private static String group(Matcher m, String g) {
        return m.group(g);
    }
}
