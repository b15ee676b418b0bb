package dev.perfwarden.facts.objdump;

import dev.perfwarden.facts.asm.AsmFunction;
import dev.perfwarden.facts.asm.AsmInstruction;
import dev.perfwarden.facts.asm.AsmOptions;
import dev.perfwarden.facts.asm.Captures;
import dev.perfwarden.facts.asm.Captures.Parsed;
import dev.perfwarden.facts.asm.DirectCall;
import dev.perfwarden.facts.asm.IndirectCall;
import dev.perfwarden.facts.asm.LoopLine;
import dev.perfwarden.facts.asm.RuntimeCall;
import dev.perfwarden.facts.asm.WriteBarrierCheck;
import dev.perfwarden.facts.core.ParseException;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjdumpParserTest {
    private static final Pattern INSTRUCTION = Pattern.compile("^  [^\\t]*:-?\\d+\\t+0x[0-9a-f]+\\t+[0-9a-f]+\\t+\\S");
    private static final Pattern S_INSTRUCTION = Pattern.compile("^  0x[0-9a-f]+\\t+[0-9a-f]+\\t+\\S");
    private static final Pattern RUNTIME_CALL = Pattern.compile("\\tCALL ((?:runtime|internal/runtime/[\\w/]+)\\.[^\\t]*?)(?:\\+0x[0-9a-f]+)?\\(SB\\)");
    private static final Pattern WB_CHECK = Pattern.compile("\\t(?:CMP|TEST)[BLWQ] [^\\t]*runtime\\.writeBarrier\\(SB\\)");

    private final ObjdumpParser parser = new ObjdumpParser(new AsmOptions(true, true));

    static List<Path> objdumps() {
        List<Path> all = new ArrayList<>(Captures.all("objdump.txt"));
        all.addAll(Captures.all("objdump-gnu.txt"));
        assertThat(all).hasSizeGreaterThanOrEqualTo(18);
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureParsesWithNothingUnparsed() {
        return objdumps().stream().map(f -> DynamicTest.dynamicTest(Captures.rel(f), () -> {
            Parsed p = Captures.parse(parser, f);
            List<String> lines = Captures.lines(f);
            assertThat(p.ctx().unparsedSamples()).extracting(Unparsed::format).isEmpty();
            assertThat(p.ctx().records()).isEqualTo(lines.size());
            long texts = lines.stream().filter(l -> l.startsWith("TEXT")).count();
            assertThat(p.of(AsmFunction.class)).hasSize((int) texts);
            long insns = Captures.count(lines, INSTRUCTION);
            assertThat(p.of(AsmInstruction.class)).hasSize((int) insns);
            assertThat(p.of(AsmFunction.class).stream().mapToLong(AsmFunction::instructions).sum()).isEqualTo(insns);
            Map<String, Long> calls = Captures.histogram(lines, RUNTIME_CALL);
            assertThat(histogram(p.of(RuntimeCall.class))).isEqualTo(calls);
            assertThat(p.of(WriteBarrierCheck.class)).hasSize((int) Captures.count(lines, WB_CHECK));
        }));
    }

    private static Map<String, Long> histogram(List<RuntimeCall> calls) {
        return calls.stream().collect(Collectors.groupingBy(RuntimeCall::callee, TreeMap::new, Collectors.counting()));
    }

    @Test
    void sniffsPlainGnuAndSourceFormsButNotOthers() throws IOException {
        for (Path f : List.of(own("t2/objdump.txt"), own("t2/objdump-gnu.txt"), own("t2/objdump-S.txt"),
                corpus("go1.19/t2/objdump.txt"))) {
            assertThat(parser.sniff(head(f))).as(f.toString()).isTrue();
        }
        for (Path f : List.of(own("t2/S.txt"), own("t2/ssa-sum.txt"), own("t2/bce.txt"), corpus("go1.19/t1/m2.txt"))) {
            assertThat(parser.sniff(head(f))).as(f.toString()).isFalse();
        }
    }

    @Test
    void writeBarrierCheckIsFoundInBothOperandOrders() {
        // Go 1.19 objdump prints the immediate first, 1.23+ prints Go operand order
        WriteBarrierCheck old = only(Captures.parse(parser, corpus("go1.19/t2/objdump.txt")).of(WriteBarrierCheck.class),
                "main.link");
        assertThat(old.evidence().text()).contains("CMPL $0x0, runtime.writeBarrier(SB)");
        assertThat(old.form()).isEqualTo(WriteBarrierCheck.CMP);
        assertThat(old.line()).isEqualTo(25);
        assertThat(old.file()).isEqualTo("/home/gopher/src/t2/main.go");
        List<Path> newer = new ArrayList<>(List.of(corpus("go1.23/t2/objdump.txt")));
        Captures.OWN_VERSIONS.forEach(v -> newer.add(Captures.own(v).resolve("t2/objdump.txt")));
        for (Path f : newer) {
            WriteBarrierCheck now = only(Captures.parse(parser, f).of(WriteBarrierCheck.class), "main.link");
            assertThat(now.evidence().text()).as(f.toString()).contains("CMPL runtime.writeBarrier(SB), $0x0");
            assertThat(now.line()).isEqualTo(25);
        }
        // the barrier itself: gcWriteBarrier (1.19) vs gcWriteBarrier2 (1.21+)
        assertThat(callees(corpus("go1.19/t2/objdump.txt"), "main.link")).contains("runtime.gcWriteBarrier");
        for (String v : Captures.OWN_VERSIONS) {
            assertThat(callees(Captures.own(v).resolve("t2/objdump.txt"), "main.link")).as(v)
                    .contains("runtime.gcWriteBarrier2");
        }
    }

    @Test
    void ownProgramsAreCapturedByEveryVersion() {
        // the dynamic tests above only see what exists: pin that every compiler's capture is complete
        for (String v : Captures.OWN_VERSIONS) {
            for (String t : List.of("t1", "t2", "t3", "t4", "t5")) {
                for (String f : List.of("objdump.txt", "objdump-gnu.txt", "S.txt")) {
                    assertThat(Captures.own(v).resolve(t).resolve(f)).as(v).isNotEmptyFile();
                }
                assertThat(Captures.own(v).resolve(t).resolve("bce.txt")).as(v).isRegularFile(); // t3 has no checks
                assertThat(Captures.lines(Captures.own(v).resolve(t).resolve("go-version.txt")))
                        .containsExactly("go version " + v + " linux/amd64");
            }
            for (String f : List.of("t2/ssa-sum.txt", "t2/ssa-sum.html", "t2/sum_01__prove.dump", "t2/objdump-S.txt",
                    "t5/ssa-sumLoop.txt", "t5/ssa-sumLoop.html", "t5/sumLoop_01__prove.dump", "t5/prove.txt",
                    "t5/objdump-S.txt")) {
                assertThat(Captures.own(v).resolve(f)).as(v).isNotEmptyFile();
            }
        }
    }

    @Test
    void runtimeCallsAreCategorised() {
        Parsed p = Captures.parse(parser, own("t2/objdump.txt"));
        Map<String, String> byCallee = p.of(RuntimeCall.class).stream()
                .collect(Collectors.toMap(RuntimeCall::callee, RuntimeCall::category, (a, b) -> a, TreeMap::new));
        assertThat(byCallee).containsEntry("runtime.newobject", RuntimeCall.ALLOC)
                .containsEntry("runtime.convT64", RuntimeCall.BOXING)
                .containsEntry("runtime.convTstring", RuntimeCall.BOXING)
                .containsEntry("runtime.growslice", RuntimeCall.GROWSLICE)
                .containsEntry("runtime.gcWriteBarrier2", RuntimeCall.WRITE_BARRIER)
                .containsEntry("runtime.panicBounds", RuntimeCall.BOUNDS_PANIC)
                .containsEntry("runtime.morestack_noctxt", RuntimeCall.MORESTACK);
        Map<String, String> old = Captures.parse(parser, corpus("go1.19/t1/objdump.txt")).of(RuntimeCall.class).stream()
                .collect(Collectors.toMap(RuntimeCall::callee, RuntimeCall::category, (a, b) -> a, TreeMap::new));
        assertThat(old).containsEntry("runtime.deferreturn", RuntimeCall.DEFER)
                .containsEntry("runtime.gorecover", RuntimeCall.RECOVER);
        assertThat(Captures.parse(parser, corpus("go1.19/t2/objdump.txt")).of(RuntimeCall.class))
                .anySatisfy(c -> assertThat(c.callee()).isEqualTo("runtime.panicIndex"));
    }

    @Test
    void itabAndClosureCallsAreToldApart() {
        Parsed t5 = Captures.parse(parser, own("t5/objdump.txt"));
        IndirectCall iface = only(t5.of(IndirectCall.class), "main.ifaceLoop");
        assertThat(iface.kind()).isEqualTo(IndirectCall.ITAB);
        assertThat(iface.slot()).isZero();
        assertThat(iface.register()).isEqualTo("CX");
        assertThat(iface.load()).contains("MOVQ 0x18(CX), CX");
        // Go 1.26.8: loops.go:54  0x49e396  MOVQ 0x18(CX), CX / 0x49e39a  CALL CX: the call's and the load's addresses
        assertThat(iface.address()).isEqualTo(0x49e39aL);
        assertThat(iface.loadAddress()).isEqualTo(0x49e396L);
        assertThat(iface.line()).isEqualTo(54);
        assertThat(iface.inLoop()).isTrue();
        IndirectCall closure = only(t5.of(IndirectCall.class), "main.closureLoop");
        assertThat(closure.kind()).isEqualTo(IndirectCall.CLOSURE);
        assertThat(closure.load()).contains("MOVQ 0(DX), BX");
        // MOVQ 0(DX), BX at 0x49e42c, then MOVQ CX, AX (not a write of BX) and CALL BX
        assertThat(closure.address()).isEqualTo(0x49e432L);
        assertThat(closure.loadAddress()).isEqualTo(0x49e42cL);
        assertThat(closure.inLoop()).isTrue();
        IndirectCall old = only(Captures.parse(parser, corpus("go1.19/t2/objdump.txt")).of(IndirectCall.class),
                "main.callIface");
        assertThat(old.kind()).isEqualTo(IndirectCall.ITAB);
        assertThat(old.load()).contains("MOVQ 0x18(AX), CX");
        assertThat(old.inLoop()).isFalse();
    }

    @Test
    void loopMembershipFollowsBackEdges() {
        Parsed t5 = Captures.parse(parser, own("t5/objdump.txt"));
        String file = "/home/gopher/src/t5/loops.go";
        assertThat(loopLines(t5, "main.sumLoop")).containsExactlyInAnyOrder(file + ":26", file + ":27");
        AsmFunction sumLoop = function(t5, "main.sumLoop");
        assertThat(sumLoop.backEdges()).isEqualTo(1);
        // the bounds panic sits after the loop, but the check of s[i] that branches to it is inside: a call
        // that never returns counts as in the loop its failing branch leaves; the growslice is inside it
        assertThat(calls(t5, "main.sumLoop", "runtime.panicBounds")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.inLoop()).isTrue());
        assertThat(loopLines(t5, "main.sumLoop")).doesNotContain(file + ":" + 0);
        assertThat(calls(t5, "main.growLoop", "runtime.growslice")).singleElement()
                .satisfies(c -> assertThat(c.inLoop()).isTrue());
        assertThat(calls(t5, "main.growLoop", "runtime.moveSliceNoCapNoScan")).singleElement()
                .satisfies(c -> assertThat(c.inLoop()).isFalse());
        assertThat(calls(t5, "main.concatLoop", "runtime.concatstring3")).singleElement()
                .satisfies(c -> assertThat(c.inLoop()).isTrue());
        assertThat(t5.of(WriteBarrierCheck.class)).filteredOn(w -> w.symbol().equals("main.linkLoop"))
                .isNotEmpty().allSatisfy(w -> assertThat(w.inLoop()).isTrue());
        // the morestack retry (JMP main.f(SB)) is not a loop
        Parsed t2 = Captures.parse(parser, own("t2/objdump.txt"));
        assertThat(function(t2, "main.alloc").backEdges()).isZero();
        assertThat(t2.of(LoopLine.class)).noneMatch(l -> l.symbol().equals("main.alloc"));
        assertThat(function(Captures.parse(parser, corpus("go1.19/t2/objdump.txt")), "main.link").backEdges()).isZero();
    }

    @Test
    void filesMapToTheHeaderDirectoryOnlyForTheHeaderBaseName() {
        Parsed t1 = Captures.parse(parser, own("t1/objdump.txt"));
        List<AsmInstruction> main = t1.of(AsmInstruction.class).stream().filter(i -> i.symbol().equals("main.main"))
                .collect(Collectors.toList());
        assertThat(main).extracting(AsmInstruction::file).contains("/home/gopher/src/t1/esc.go")
                .allSatisfy(f -> assertThat(f.equals("/home/gopher/src/t1/esc.go") || !f.contains("/")).isTrue());
        assertThat(function(t1, "main.main").file()).isEqualTo("/home/gopher/src/t1/esc.go");
    }

    @Test
    void inlinedCodeKeepsTheCallerSymbolAndTheCalleeLine() {
        // t4: main (c.go:47) inlines closureBig (c.go:17-21), f1..f5 (c.go:34-38) and fmt.Println (print.go)
        Parsed t4 = Captures.parse(parser, own("t4/objdump.txt"));
        List<String> lines = t4.of(AsmInstruction.class).stream().filter(i -> i.symbol().equals("main.main"))
                .map(i -> i.file() + ":" + i.line()).distinct().collect(Collectors.toList());
        assertThat(lines).contains("/home/gopher/src/t4/c.go:47", "/home/gopher/src/t4/c.go:18",
                "/home/gopher/src/t4/c.go:34", "/home/gopher/src/t4/c.go:38", "print.go:315");
        assertThat(t4.of(AsmFunction.class)).noneMatch(f -> f.symbol().equals("main.f1"));
    }

    @Test
    void sourceFormParsesWithoutLines() {
        Path f = own("t5/objdump-S.txt");
        Parsed p = Captures.parse(parser, f);
        List<String> lines = Captures.lines(f);
        assertThat(p.ctx().unparsedCount()).isZero();
        assertThat(p.of(AsmFunction.class)).hasSize((int) lines.stream().filter(l -> l.startsWith("TEXT")).count());
        assertThat(p.of(AsmInstruction.class)).hasSize((int) Captures.count(lines, S_INSTRUCTION))
                .allSatisfy(i -> assertThat(i.line()).isZero());
        assertThat(p.of(IndirectCall.class)).extracting(IndirectCall::kind).contains(IndirectCall.CLOSURE);
        assertThat(p.of(LoopLine.class)).isEmpty();
        assertThat(function(p, "main.sumLoop").backEdges()).isEqualTo(1);
    }

    @Test
    void instructionsAreOffByDefault() {
        Parsed p = Captures.parse(new ObjdumpParser(new AsmOptions(false, false)), own("t2/objdump.txt"));
        assertThat(p.of(AsmInstruction.class)).isEmpty();
        assertThat(p.of(DirectCall.class)).isEmpty();
        assertThat(p.of(RuntimeCall.class)).isNotEmpty();
    }

    @Test
    void badLinesAreReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, String.join("\n",
                "  main.go:3\t\t0x401000\t\t90\t\tNOPL\t",                           // 1 before any TEXT
                "TEXT main.f(SB) /src/main.go",                                    // 2
                "  main.go:4\t\t0x401000\t\t493b6610\t\tCMPQ SP, 0x10(R14)\t\t",    // 3 ok
                "  main.go:4\t\t0x401004\t\t7632",                                 // 4 truncated
                "  main.go:x\t\t0x401006\t\t90\t\tNOPL\t",                         // 5 bad line number
                "  main.go:5\t\tzz\t\t90\t\tNOPL\t",                               // 6 bad address
                "hello world",                                                     // 7 junk
                "  main.go:5\t\t0x401007\t\tc3\t\tRET\t",                          // 8 ok
                ""), StandardCharsets.UTF_8);
        List<Object> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext("bad.txt", parser.kind(), facts::add);
        parser.parse(InputSource.of(f), ctx);
        assertThat(ctx.unparsedSamples()).extracting(Unparsed::format).containsExactly(
                "bad.txt:1: instruction line before any TEXT header: \"  main.go:3\\t\\t0x401000\\t\\t90\\t\\tNOPL\\t\"",
                "bad.txt:4: truncated instruction line: no code bytes and text: \"  main.go:4\\t\\t0x401004\\t\\t7632\"",
                "bad.txt:5: malformed instruction line: bad line number: \"  main.go:x\\t\\t0x401006\\t\\t90\\t\\tNOPL\\t\"",
                "bad.txt:6: malformed instruction line: bad address: \"  main.go:5\\t\\tzz\\t\\t90\\t\\tNOPL\\t\"",
                "bad.txt:7: not an objdump line: \"hello world\"");
        assertThat(facts).filteredOn(AsmFunction.class::isInstance).singleElement()
                .satisfies(fn -> assertThat(((AsmFunction) fn).instructions()).isEqualTo(2));
    }

    @Test
    void binaryJunkStopsTheParseWithItsPosition(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("junk.bin");
        Files.write(f, new byte[] {'T', 'E', 'X', 'T', ' ', 'x', '\n', 0, 1, 2, 3, '\n'});
        ParseContext ctx = new ParseContext("junk.bin", parser.kind(), x -> { });
        assertThatThrownBy(() -> parser.parse(InputSource.of(f), ctx)).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("junk.bin:2: binary data in objdump output");
    }

    // ---------------------------------------------------------------- helpers

    static Path own(String rel) {
        return Captures.own126().resolve(rel);
    }

    static Path corpus(String rel) {
        return Captures.root().resolve("testdata/corpus").resolve(rel);
    }

    static InputHead head(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        byte[] head = java.util.Arrays.copyOf(all, Math.min(all.length, InputHead.SIZE));
        return new InputHead(f.getFileName().toString(), false, head);
    }

    static <T extends dev.perfwarden.facts.core.Located> T only(List<T> facts, String symbol) {
        List<T> mine = facts.stream().filter(f -> f.symbol().equals(symbol)).collect(Collectors.toList());
        assertThat(mine).as(symbol).hasSize(1);
        return mine.get(0);
    }

    static AsmFunction function(Parsed p, String symbol) {
        return only(p.of(AsmFunction.class), symbol);
    }

    static List<RuntimeCall> calls(Parsed p, String symbol, String callee) {
        return p.of(RuntimeCall.class).stream().filter(c -> c.symbol().equals(symbol) && c.callee().equals(callee))
                .collect(Collectors.toList());
    }

    private List<String> callees(Path f, String symbol) {
        return Captures.parse(parser, f).of(RuntimeCall.class).stream().filter(c -> c.symbol().equals(symbol))
                .map(RuntimeCall::callee).collect(Collectors.toList());
    }

    static List<String> loopLines(Parsed p, String symbol) {
        return p.of(LoopLine.class).stream().filter(l -> l.symbol().equals(symbol)).map(l -> l.file() + ":" + l.line())
                .collect(Collectors.toList());
    }
}
