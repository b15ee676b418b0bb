package dev.perfwarden.facts.asmlisting;

import dev.perfwarden.facts.asm.AsmFunction;
import dev.perfwarden.facts.asm.AsmInstruction;
import dev.perfwarden.facts.asm.AsmOptions;
import dev.perfwarden.facts.asm.Captures;
import dev.perfwarden.facts.asm.Captures.Parsed;
import dev.perfwarden.facts.asm.IndirectCall;
import dev.perfwarden.facts.asm.LoopLine;
import dev.perfwarden.facts.asm.RuntimeCall;
import dev.perfwarden.facts.asm.WriteBarrierCheck;
import dev.perfwarden.facts.core.Located;
import dev.perfwarden.facts.core.Unparsed;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.objdump.ObjdumpParser;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AsmListingParserTest {
    private static final Pattern STEXT = Pattern.compile("^[^\\t#].* STEXT(?: [a-z]+)* size=\\d+");
    private static final Pattern INSTRUCTION = Pattern.compile("^\\t0x[0-9a-f]{4,} \\d{5,} \\(");
    private static final Pattern RUNTIME_CALL = Pattern.compile("\\tCALL\\t((?:runtime|internal/runtime/[\\w/]+)\\.[^\\t]*?)(?:\\+\\d+)?\\(SB\\)");
    private static final Pattern DUFF = Pattern.compile("\\t(DUFFZERO|DUFFCOPY)\\t");
    private static final Pattern WB_CHECK = Pattern.compile("\\t(?:CMP|TEST)[BLWQ]\\t[^\\t]*runtime\\.writeBarrier\\(SB\\)");

    private final AsmListingParser parser = new AsmListingParser(new AsmOptions(true, true));

    @TestFactory
    Stream<DynamicTest> everyListingParsesWithNothingUnparsed() {
        List<Path> all = Captures.all("S.txt");
        assertThat(all).hasSizeGreaterThanOrEqualTo(13);
        return all.stream().map(f -> DynamicTest.dynamicTest(Captures.rel(f), () -> {
            Parsed p = Captures.parse(parser, f);
            List<String> lines = Captures.lines(f);
            assertThat(p.ctx().unparsedSamples()).extracting(Unparsed::format).isEmpty();
            assertThat(p.ctx().records()).isEqualTo(lines.size());
            assertThat(p.of(AsmFunction.class)).hasSize((int) Captures.count(lines, STEXT));
            long insns = Captures.count(lines, INSTRUCTION);
            assertThat(p.of(AsmInstruction.class)).hasSize((int) insns);
            assertThat(p.of(AsmFunction.class).stream().mapToLong(AsmFunction::instructions).sum()).isEqualTo(insns);
            Map<String, Long> calls = p.of(RuntimeCall.class).stream()
                    .collect(Collectors.groupingBy(RuntimeCall::callee, TreeMap::new, Collectors.counting()));
            Map<String, Long> expected = Captures.histogram(lines, RUNTIME_CALL);
            Captures.histogram(lines, DUFF).forEach((op, k) -> expected.merge("runtime." + op.toLowerCase(), k, Long::sum));
            assertThat(calls).isEqualTo(expected);
            assertThat(p.of(WriteBarrierCheck.class)).hasSize((int) Captures.count(lines, WB_CHECK));
        }));
    }

    /** The listing and objdump see the same machine code: same loops, same runtime calls, same indirect calls. */
    @TestFactory
    Stream<DynamicTest> listingAndObjdumpAgreeOnDerivedFacts() {
        ObjdumpParser objdump = new ObjdumpParser(new AsmOptions(false, false));
        return Captures.all("S.txt").stream().filter(f -> Files.exists(f.resolveSibling("objdump.txt")))
                .map(f -> DynamicTest.dynamicTest(Captures.rel(f), () -> {
                    Parsed s = Captures.parse(parser, f);
                    Parsed o = Captures.parse(objdump, f.resolveSibling("objdump.txt"));
                    Set<String> common = s.of(AsmFunction.class).stream().map(AsmFunction::symbol)
                            .collect(Collectors.toSet());
                    common.retainAll(o.of(AsmFunction.class).stream().map(AsmFunction::symbol).collect(Collectors.toSet()));
                    if (common.isEmpty()) {
                        return; // e.g. t3: objdump of the test binary, -S of the package alone
                    }
                    // -S prints some instructions at "<unknown line number>" where objdump repeats the line
                    // before them: objdump may have a loop line more (one per function), never one fewer
                    var sLoops = keys(s.of(LoopLine.class), common, x -> "");
                    var oLoops = keys(o.of(LoopLine.class), common, x -> "");
                    assertThat(oLoops).containsAll(sLoops);
                    assertThat(oLoops.stream().filter(k -> !sLoops.contains(k)).map(k -> k.substring(0, k.indexOf(' '))))
                            .doesNotHaveDuplicates();
                    // objdump prints a call into the middle of Duff's device as CALL 0x46c0cb (no symbol)
                    Set<String> sc = Set.of("runtime.duffzero", "runtime.duffcopy");
                    var sCalls = keys(s.of(RuntimeCall.class).stream().filter(c -> !sc.contains(c.callee()))
                            .collect(Collectors.toList()), common, c -> c.callee() + " " + c.inLoop());
                    var oCalls = keys(o.of(RuntimeCall.class).stream().filter(c -> !sc.contains(c.callee()))
                            .collect(Collectors.toList()), common, c -> c.callee() + " " + c.inLoop());
                    if (dropsGenericFunctions(f, f.resolveSibling("objdump.txt"))) {
                        // the linker dropped instances -S compiled (testdata/go/shapes: the dictionary wrappers
                        // Index[int], Index[string], Index[main.Named], whose every call was inlined); their calls share
                        // the shape bodies' site key, so only which calls are made is compared, not how many
                        sCalls = sCalls.stream().distinct().toList();
                        oCalls = oCalls.stream().distinct().toList();
                    }
                    assertThat(sCalls).isEqualTo(oCalls);
                    assertThat(keys(s.of(IndirectCall.class), common, c -> c.kind() + " " + c.slot() + " " + c.inLoop()))
                            .isEqualTo(keys(o.of(IndirectCall.class), common, c -> c.kind() + " " + c.slot() + " " + c.inLoop()));
                    assertThat(keys(s.of(WriteBarrierCheck.class), common, c -> "" + c.inLoop()))
                            .isEqualTo(keys(o.of(WriteBarrierCheck.class), common, c -> "" + c.inLoop()));
                    assertThat(backEdges(s, common)).isEqualTo(backEdges(o, common));
                }));
    }

    /** Whether -S printed an instance of a generic function ({@code NAME STEXT}) that objdump has no TEXT of. */
    private static boolean dropsGenericFunctions(Path listing, Path objdump) throws java.io.IOException {
        Set<String> text = new java.util.HashSet<>();
        for (String l : Files.readAllLines(objdump)) {
            if (l.startsWith("TEXT ") && l.indexOf("(SB)") > 0) {
                text.add(l.substring(5, l.indexOf("(SB)")));
            }
        }
        for (String l : Files.readAllLines(listing)) {
            int at = l.indexOf(" STEXT");
            if (at > 0 && !l.startsWith("\t") && l.indexOf('[') >= 0 && l.indexOf('[') < at
                    && !text.contains(l.substring(0, at))) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Located> List<String> keys(List<T> facts, Set<String> symbols,
                                                         java.util.function.Function<T, String> extra) {
        return facts.stream().filter(f -> symbols.contains(f.symbol()))
                .map(f -> f.symbol() + " " + f.file().substring(f.file().lastIndexOf('/') + 1) + ":" + f.line() + " "
                        + extra.apply(f))
                .sorted().collect(Collectors.toList());
    }

    private static Map<String, Integer> backEdges(Parsed p, Set<String> symbols) {
        return p.of(AsmFunction.class).stream().filter(f -> symbols.contains(f.symbol()))
                .collect(Collectors.toMap(AsmFunction::symbol, AsmFunction::backEdges, Integer::sum, TreeMap::new));
    }

    @Test
    void headerValuesAndPositions() {
        Parsed p = Captures.parse(parser, Captures.root().resolve("testdata/corpus/go1.19/t2/S.txt"));
        AsmFunction link = p.of(AsmFunction.class).stream().filter(f -> f.symbol().equals("main.link")).findFirst()
                .orElseThrow();
        assertThat(link.size()).isEqualTo(76);
        assertThat(link.frameSize()).isEqualTo(8);
        assertThat(link.argsSize()).isEqualTo(8);
        assertThat(link.file()).isEqualTo("/home/gopher/src/t2/main.go");
        assertThat(link.line()).isEqualTo(25);
        assertThat(link.backEdges()).isZero(); // JMP 0 after morestack
        WriteBarrierCheck wb = p.of(WriteBarrierCheck.class).stream().filter(w -> w.symbol().equals("main.link"))
                .findFirst().orElseThrow();
        assertThat(wb.evidence().text()).isEqualTo("\t0x0012 00018 (/home/gopher/src/t2/main.go:25)\tCMPL\truntime.writeBarrier(SB), $0");
        assertThat(wb.address()).isEqualTo(18);
        assertThat(wb.evidence().at().format()).isEqualTo("testdata/corpus/go1.19/t2/S.txt:" + wb.evidence().at().line());
        AsmFunction sum = p.of(AsmFunction.class).stream().filter(f -> f.symbol().equals("main.sum")).findFirst()
                .orElseThrow();
        assertThat(sum.flags()).isEqualTo("nosplit");
    }

    @Test
    void itabCallsInTheListing() {
        Parsed p = Captures.parse(parser, Captures.own126().resolve("t5/S.txt"));
        IndirectCall iface = p.of(IndirectCall.class).stream().filter(c -> c.symbol().equals("main.ifaceLoop"))
                .findFirst().orElseThrow();
        assertThat(iface.kind()).isEqualTo(IndirectCall.ITAB);
        assertThat(iface.load()).contains("MOVQ\t24(CX), CX");
        assertThat(iface.inLoop()).isTrue();
        IndirectCall closure = p.of(IndirectCall.class).stream().filter(c -> c.symbol().equals("main.closureLoop"))
                .findFirst().orElseThrow();
        assertThat(closure.kind()).isEqualTo(IndirectCall.CLOSURE);
        assertThat(closure.load()).contains("MOVQ\t(DX), BX");
        // the stack-allocated deferred closure of t1's withDefer: LEAQ slot(SP), DX … MOVQ slot(SP), AX; CALL AX
        Parsed t1 = Captures.parse(parser, Captures.own126().resolve("t1/S.txt"));
        assertThat(t1.of(IndirectCall.class)).filteredOn(c -> c.symbol().equals("main.withDefer"))
                .extracting(IndirectCall::kind).containsOnly(IndirectCall.CLOSURE);
    }

    @Test
    void sniffs() throws IOException {
        for (String f : List.of("t2/S.txt", "t5/S.txt")) {
            assertThat(parser.sniff(head(Captures.own126().resolve(f)))).as(f).isTrue();
        }
        for (String f : List.of("t2/objdump.txt", "t2/ssa-sum.txt", "t2/bce.txt", "t2/sum_01__prove.dump")) {
            assertThat(parser.sniff(head(Captures.own126().resolve(f)))).as(f).isFalse();
        }
    }

    @Test
    void badLinesAreReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.S");
        Files.writeString(f, String.join("\n",
                "# example.com/m",                                                                  // 1
                "\t0x0000 00000 (/m/x.go:3)\tRET",                                                  // 2 outside symbol
                "main.f STEXT size=1 args=0x0 locals=0x0 funcid=0x0 align=0x0",                     // 3
                "\t0x0000 00000 (/m/x.go:3)\tTEXT\tmain.f(SB), ABIInternal, $0-0",                 // 4
                "\t0x0000 00000 (/m/x.go:3",                                                        // 5 truncated
                "\t0x0000 00000 (/m/x.go:3)\tRET",                                                  // 6
                "\t0x0000 c3                                               .",                      // 7 dump
                "\trel 1+4 t=R_CALL",                                                               // 8 truncated rel
                "garbage here",                                                                     // 9
                ""), StandardCharsets.UTF_8);
        List<Object> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext("bad.S", parser.kind(), facts::add);
        parser.parse(InputSource.of(f), ctx);
        assertThat(ctx.unparsedSamples()).extracting(Unparsed::format).containsExactly(
                "bad.S:2: instruction line outside a STEXT symbol: \"\\t0x0000 00000 (/m/x.go:3)\\tRET\"",
                "bad.S:5: truncated instruction line: unterminated position: \"\\t0x0000 00000 (/m/x.go:3\"",
                "bad.S:8: truncated relocation line: \"\\trel 1+4 t=R_CALL\"",
                "bad.S:9: not an assembly-listing line: \"garbage here\"");
        assertThat(facts).filteredOn(AsmFunction.class::isInstance).hasSize(1);
    }

    static InputHead head(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        return new InputHead(f.getFileName().toString(), false,
                java.util.Arrays.copyOf(all, Math.min(all.length, InputHead.SIZE)));
    }
}
