package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.asm.Captures.Parsed;
import dev.perfwarden.facts.asmlisting.AsmListingParser;
import dev.perfwarden.facts.objdump.ObjdumpParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loop membership from dominators (LoopFinder) on real captures, including code the compiler laid out
 * between a loop's head and its back edge that is not in the loop: the layout interval the analysis
 * replaced counted it in.
 */
class LoopFinderTest {
    private final ObjdumpParser objdump = new ObjdumpParser(new AsmOptions(true, true));

    /**
     * Go 1.23 lays BenchmarkWork out as: loop head, exit test, RET, inner loop, JMP back to the head.
     * The RET (b_test.go:9, the closing brace after the loop) sits inside the address interval of the
     * back edge, but no path leads from it back into the loop.
     */
    @Test
    void returnLaidOutInsideTheLoopIntervalIsNotInTheLoop() {
        Parsed p = Captures.parse(objdump, Captures.root().resolve("testdata/corpus/go1.23/t3/objdump.txt"));
        List<AsmInstruction> work = p.of(AsmInstruction.class).stream()
                .filter(i -> i.symbol().equals("example.com/t3.BenchmarkWork")).toList();
        AsmInstruction ret = work.stream().filter(i -> i.op().equals("RET")).findFirst().orElseThrow();
        assertThat(ret.line()).isEqualTo(9);
        // the layout interval [target, jump] of the outer back edge holds the RET
        AsmInstruction back = work.get(work.size() - 1);
        assertThat(back.op()).isEqualTo("JMP");
        long head = Long.parseLong(back.args().substring(2), 16);
        assertThat(ret.address()).isBetween(head, back.address());
        assertThat(ret.inLoop()).isFalse();
        assertThat(loopLines(p, "example.com/t3.BenchmarkWork")).containsExactlyInAnyOrder(
                "/home/gopher/src/t3/b_test.go:6", "/home/gopher/src/t3/b_test.go:7", "b.go:7");
        assertThat(function(p, "example.com/t3.BenchmarkWork").backEdges()).isEqualTo(2);
    }

    /**
     * bitset (*BitSet).InPlaceIntersection, Go 1.26.8: the first loop's exit jumps backwards to the second
     * loop's test, so the layout interval of that jump covered the code after both loops (lines 792–797,
     * the extendSet call and the return).
     */
    @Test
    void straightLineCodeAfterTwoLoopsIsNotInALoop() {
        Parsed p = Captures.parse(objdump, Captures.root().resolve("testdata/modules/bitset/objdump.txt"));
        String f = "github.com/bits-and-blooms/bitset.(*BitSet).InPlaceIntersection";
        Set<Integer> lines = p.of(LoopLine.class).stream().filter(l -> l.symbol().equals(f)).map(LoopLine::line)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(lines).contains(783, 784, 788, 789).noneMatch(l -> l >= 792);
        assertThat(p.of(DirectCall.class)).filteredOn(c -> c.symbol().equals(f))
                .singleElement().satisfies(c -> {
                    assertThat(c.callee()).isEqualTo("github.com/bits-and-blooms/bitset.(*BitSet).extendSet");
                    assertThat(c.line()).isEqualTo(794);
                    assertThat(c.inLoop()).isFalse();
                });
        // the JMP from the first loop's exit to the second loop's test goes backwards but closes no loop
        List<AsmInstruction> code = p.of(AsmInstruction.class).stream().filter(i -> i.symbol().equals(f)).toList();
        assertThat(code).anySatisfy(i -> {
            assertThat(i.op()).isEqualTo("JMP");
            assertThat(i.line()).isEqualTo(783);
            assertThat(Long.parseLong(i.args().substring(2), 16)).isLessThan(i.address());
        });
        assertThat(function(p, f).backEdges()).isEqualTo(2);
    }

    /**
     * bitset (*BitSet).NextSetMany, Go 1.26.8: {@code for idx, word := range b.set[x:]} (line 510) checks
     * {@code b.set[x:]} once before the loop ({@code JB} to its panicBounds call), while the range increment and
     * compare on the same line are in the loop. {@code myanswer[size] = ...} (lines 502 and 514) is checked
     * on every iteration. A bounds-panic call counts as in a loop only when the branch to it is.
     */
    @Test
    void boundsPanicIsInTheLoopOnlyWhenItsCheckIs() {
        Parsed p = Captures.parse(objdump, Captures.root().resolve("testdata/modules/bitset/objdump.txt"));
        String f = "github.com/bits-and-blooms/bitset.(*BitSet).NextSetMany";
        Map<Integer, Boolean> panics = new TreeMap<>();
        p.of(RuntimeCall.class).stream().filter(c -> c.symbol().equals(f) && c.category().equals(RuntimeCall.BOUNDS_PANIC))
                .forEach(c -> panics.merge(c.line(), c.inLoop(), Boolean::logicalOr));
        assertThat(panics).containsEntry(510, false).containsEntry(502, true).containsEntry(514, true);
        // the line itself is still a loop line (the range header's increment)
        assertThat(loopLines(p, f)).contains("github.com/bits-and-blooms/bitset/bitset.go:510");
    }

    /**
     * The check's own machine code ({@link CheckBranch}): NextSetMany's {@code myanswer[size]} checks jump to their
     * panicBounds call when out of range ({@code CMPQ SI, R9} / {@code JBE 0x5665e6}, line 514), so the instruction
     * run when the check passes is the fall-through (the store {@code MOVQ R12, 0(DI)(R9*8)}); murmur3's block loop
     * jumps back into the loop when in range ({@code CMPQ R8, R9} / {@code JA 0x52e89d}, then {@code JMP} to the
     * failure), so it is the branch's target. The range header's check of line 510, before the loop, has none.
     */
    @Test
    void aCheckBranchNamesItsCompareAndTheInstructionRunWhenItPasses() {
        Parsed p = Captures.parse(objdump, Captures.root().resolve("testdata/modules/bitset/objdump.txt"));
        String f = "github.com/bits-and-blooms/bitset.(*BitSet).NextSetMany";
        List<CheckBranch> b = p.of(CheckBranch.class).stream().filter(c -> c.symbol().equals(f)).toList();
        assertThat(b).extracting(CheckBranch::line).containsExactlyInAnyOrder(502, 514);
        assertThat(b).filteredOn(c -> c.line() == 514).singleElement().satisfies(c -> {
            assertThat(c.call()).isEqualTo(0x5665e6L);
            assertThat(c.compare()).isEqualTo(0x5665a8L);
            assertThat(c.address()).isEqualTo(0x5665abL);
            assertThat(c.next()).isEqualTo(0x5665adL);
            assertThat(c.evidence().text()).contains("JBE 0x5665e6");
        });
        Parsed m = Captures.parse(objdump, Captures.root().resolve("testdata/modules/murmur3/objdump.txt"));
        assertThat(m.of(CheckBranch.class)).filteredOn(c -> c.call() == 0x52e965L).singleElement().satisfies(c -> {
            assertThat(c.compare()).isEqualTo(0x52e920L);
            assertThat(c.address()).isEqualTo(0x52e923L);
            assertThat(c.next()).isEqualTo(0x52e89dL);
        });
    }

    /** An error return inside a loop body leaves the loop: it runs once, not per iteration. */
    @Test
    void errorExitFromALoopBodyIsNotInTheLoop() {
        Parsed p = Captures.parse(objdump, Captures.root().resolve("examples/captured/orders/objdump.txt"));
        Set<Integer> lines = p.of(LoopLine.class).stream().filter(l -> l.symbol().equals("main.ParseOrder"))
                .filter(l -> l.file().endsWith("order.go")).map(LoopLine::line)
                .collect(Collectors.toCollection(TreeSet::new));
        // 30 for, 31 strings.Cut, 36 case "id", 42 case "customer", 47 items loop, 48 parseItem
        assertThat(lines).contains(30, 31, 47, 48);
        // 33 return nil, errSyntax; 39 and 50 return nil, err
        assertThat(lines).doesNotContain(33, 39, 50);
        // the prologue and the morestack retry are not a loop
        assertThat(lines).doesNotContain(28);
    }

    /**
     * fastjson (*cache).parseObject, Go 1.26.8: the key loop (parser.go:234-262) runs getKV inlined, whose
     * {@code &o.kvs[len(o.kvs)-1]} (line 508) keeps a check, and calls skipWS, parseRawKey and parseValue out of
     * line on every iteration. The error returns inside the loop (fmt.errorf, errors.New's newobject) leave it:
     * their calls are not the loop's. The check's panicBounds call names this loop as its innermost.
     */
    @Test
    void theCallsOfALoopAreThoseOnItsIteratingPath() {
        Parsed p = Captures.parse(objdump, Captures.root().resolve("testdata/modules/fastjson/objdump.txt"));
        String f = "github.com/valyala/fastjson.(*cache).parseObject";
        RuntimeCall check = p.of(RuntimeCall.class).stream()
                .filter(c -> c.symbol().equals(f) && c.line() == 508 && c.category().equals(RuntimeCall.BOUNDS_PANIC))
                .findFirst().orElseThrow();
        assertThat(check.address()).isEqualTo(0x561d0cL);
        List<LoopCall> calls = p.of(LoopCall.class).stream()
                .filter(c -> c.symbol().equals(f) && c.checks().contains(check.address())).toList();
        assertThat(calls).extracting(c -> c.callee().replace("github.com/valyala/fastjson.", "") + ":" + c.line())
                .contains("skipWS:237", "parseRawKey:241", "skipWS:245", "skipWS:252", "(*cache).parseValue:253",
                        "skipWS:257", "runtime.growslice:506", "runtime.gcWriteBarrier2:241")
                .noneMatch(c -> c.startsWith("fmt.errorf") || c.startsWith("runtime.newobject")
                        || c.startsWith("runtime.panicBounds") || c.startsWith("runtime.morestack"));
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.loop()).isEqualTo(calls.get(0).loop());
            assertThat(c.category()).isEqualTo(c.callee().startsWith("runtime.") ? c.category() : LoopCall.DIRECT);
        });
        assertThat(calls).filteredOn(c -> c.callee().equals("runtime.growslice")).allSatisfy(c ->
                assertThat(c.category()).isEqualTo(RuntimeCall.GROWSLICE));
        // the calls before the loop (skipWS at 217, the first key's growslice at parser.go:71) are in no loop
        assertThat(p.of(LoopCall.class)).filteredOn(c -> c.symbol().equals(f)).noneMatch(c -> c.line() == 217 || c.line() == 71);
    }

    /**
     * The -S listing and objdump of the same fixture build agree on which lines of each function are in a
     * loop (the two syntaxes write branch targets differently: PCs versus addresses), up to an instruction
     * that -S prints without a line and objdump under the line before it.
     */
    @TestFactory
    Stream<DynamicTest> listingAndObjdumpAgree() {
        List<Path> dirs = Captures.all("S.txt").stream().map(Path::getParent)
                .filter(d -> Files.exists(d.resolve("objdump.txt")) && d.toString().contains("rules/packs/"))
                .toList();
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(20);
        AsmListingParser listing = new AsmListingParser(new AsmOptions(false, false));
        return dirs.stream().map(d -> DynamicTest.dynamicTest(Captures.rel(d), () -> {
            Map<String, Set<Integer>> s = byFunction(Captures.parse(listing, d.resolve("S.txt")));
            Map<String, Set<Integer>> o = byFunction(Captures.parse(objdump, d.resolve("objdump.txt")));
            for (Map.Entry<String, Set<Integer>> e : o.entrySet()) {
                if (s.containsKey(e.getKey())) {
                    // -S prints some instructions at "<unknown line number>" where objdump repeats the line
                    // before them: objdump may have one loop line more, never one fewer
                    assertThat(e.getValue()).as(e.getKey()).containsAll(s.get(e.getKey()));
                    assertThat(e.getValue().size() - s.get(e.getKey()).size()).as(e.getKey()).isLessThanOrEqualTo(1);
                }
            }
        }));
    }

    private static Map<String, Set<Integer>> byFunction(Parsed p) {
        Map<String, Set<Integer>> m = new TreeMap<>();
        for (AsmFunction f : p.of(AsmFunction.class)) {
            if (f.symbol().startsWith("main.") && !f.file().contains("autogenerated")) {
                m.put(f.symbol(), new TreeSet<>());
            }
        }
        for (LoopLine l : p.of(LoopLine.class)) {
            Set<Integer> s = m.get(l.symbol());
            if (s != null && l.file().endsWith("main.go")) {
                s.add(l.line());
            }
        }
        return m;
    }

    private static AsmFunction function(Parsed p, String symbol) {
        return p.of(AsmFunction.class).stream().filter(f -> f.symbol().equals(symbol)).findFirst().orElseThrow();
    }

    private static List<String> loopLines(Parsed p, String symbol) {
        return p.of(LoopLine.class).stream().filter(l -> l.symbol().equals(symbol))
                .map(l -> l.file() + ":" + l.line()).collect(Collectors.toList());
    }
}
