package dev.perfwarden.facts.disasm;

import dev.perfwarden.facts.asm.Captures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.perfwarden.facts.disasm.DisasmListingTest.capture;
import static org.assertj.core.api.Assertions.assertThat;

/** The join of real CPU profiles to objdump of the same binary (testdata/hotasm, see regen.sh there). */
class HotInstructionJoinTest {
    static HotInstructionJoin.Result join(String profileVersion, String objdumpVersion) throws Exception {
        return HotInstructionJoin.join(
                new HotInstructionJoin.Input(capture(profileVersion).resolve("cpu.pprof"), "cpu.pprof"),
                List.of(new HotInstructionJoin.Input(capture(objdumpVersion).resolve("objdump.txt"), "objdump.txt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.26.8", "1.23.5"})
    void theInterfaceCallCarriesTheTimeOfWhatItCalls(String version) throws Exception {
        HotInstructionJoin.Result r = join(version, version);
        assertThat(r.note()).isNull();
        HotInstruction call = r.facts().stream()
                .filter(h -> h.symbol().equals("example.com/hotasm.sumAreas") && h.text().matches("CALL [A-Z0-9]+"))
                .findFirst().orElseThrow();
        assertThat(call.op()).isEqualTo("CALL");
        assertThat(call.cum()).isGreaterThan(call.flat());
        assertThat(call.sampleType()).isEqualTo("cpu");
        assertThat(call.unit()).isEqualTo("nanoseconds");
        assertThat(call.file()).isEqualTo("example.com/hotasm/hotasm.go");
        assertThat(call.line()).isEqualTo(22);
        assertThat(call.frames()).containsExactly("example.com/hotasm.sumAreas hotasm.go:22");
        assertThat(call.evidence().text()).contains(String.format("%#x %s", call.address(), call.text()));
    }

    /**
     * What the interface call reached, as pprof -peek lists sumAreas' callees: (*Rect).Area 0.03s; runtime.asyncPreempt
     * (0.50s, preemption at the call's own instructions) is no callee.
     */
    @Test
    void aCallNamesTheFunctionsItReachedWithoutPreemption() throws Exception {
        HotInstruction call = join("1.26.8", "1.26.8").facts().stream()
                .filter(h -> h.symbol().equals("example.com/hotasm.sumAreas") && h.op().equals("CALL") && h.cum() > 0)
                .findFirst().orElseThrow();
        assertThat(call.callees()).containsExactly("example.com/hotasm.(*Rect).Area hotasm.go:14");
        assertThat(call.reached()).singleElement().satisfies(c -> {
            assertThat(c.share()).isEqualTo(1.0);
            assertThat(c.value()).isEqualTo(30_000_000L);
        });
        HotInstruction leaf = join("1.26.8", "1.26.8").facts().stream()
                .filter(h -> h.symbol().equals("example.com/hotasm.gather") && h.line() == 28).findFirst().orElseThrow();
        assertThat(leaf.callees()).isEmpty();
    }

    /**
     * How an interface call's samples split over its targets (HotInstruction.reached), as {@code go tool pprof -peek
     * 'match\.BTree\.Match$'} lists BTree.Match's callees on gobwas/glob's capture (testdata/modules/glob): the CALL DI at
     * btree.go:82 (self.Value.Index) reached Text.Index 0.91s, Row.Index 0.57s and Range.Index 0.01s, the three Index
     * callees pprof lists (its other callees are reached from other lines); Text.Index holds 61.1 % of them.
     */
    @Test
    void aCallsTargetsCarryTheirShareOfTheSamplesBelowIt() throws Exception {
        Path glob = Captures.root().resolve("testdata/modules/glob");
        HotInstructionJoin.Result r = HotInstructionJoin.join(
                new HotInstructionJoin.Input(glob.resolve("cpu.pprof"), "cpu.pprof"),
                List.of(new HotInstructionJoin.Input(glob.resolve("objdump.txt"), "objdump.txt")));
        HotInstruction call = r.facts().stream()
                .filter(h -> h.op().equals("CALL") && h.file().endsWith("match/btree.go") && h.line() == 82 && h.cum() > 0)
                .max(java.util.Comparator.comparingLong(HotInstruction::cum)).orElseThrow();
        assertThat(call.reached()).extracting(ReachedCallee::function).containsExactly(
                "github.com/gobwas/glob/match.Text.Index", "github.com/gobwas/glob/match.Row.Index",
                "github.com/gobwas/glob/match.Range.Index");
        assertThat(call.reached()).extracting(ReachedCallee::value).containsExactly(910_000_000L, 570_000_000L, 10_000_000L);
        assertThat(call.reached().get(0).share()).isCloseTo(0.91 / 1.49, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(call.reached().get(0).file()).isEqualTo("text.go");
        assertThat(call.reached().get(0).line()).isEqualTo(34);
        assertThat(call.callees()).containsExactlyElementsOf(call.reached().stream().map(ReachedCallee::callee).toList());
    }

    @Test
    void anInlinedCalleeShowsInTheFrames() throws Exception {
        HotInstruction square = join("1.26.8", "1.26.8").facts().stream()
                .filter(h -> h.symbol().equals("example.com/hotasm.gather") && h.line() == 28)
                .findFirst().orElseThrow();
        assertThat(square.text()).isEqualTo("IMULQ R8, R8");
        assertThat(square.frames()).containsExactly("example.com/hotasm.square hotasm.go:28",
                "example.com/hotasm.gather hotasm.go:36");
        assertThat(square.inlined()).isTrue();
        assertThat(square.flatSamples()).isEqualTo(square.flat() / 10_000_000L);
    }

    @Test
    void flatSumsToTheSamplesInTheListedFunctions() throws Exception {
        // pprof -disasm prints 'gather 520ms flat' for this capture: the facts add up to the same
        List<HotInstruction> facts = join("1.26.8", "1.26.8").facts();
        long flat = facts.stream().filter(h -> h.symbol().equals("example.com/hotasm.gather"))
                .mapToLong(HotInstruction::flat).sum();
        String routine = Files.readString(capture("1.26.8").resolve("disasm.txt"))
                .split("ROUTINE ======================== example.com/hotasm.gather\n")[1].lines().findFirst().orElseThrow();
        assertThat(routine.strip()).startsWith(flat / 1_000_000 + "ms ");
    }

    @Test
    void aProfileOfAnotherBinaryIsNotJoined() throws Exception {
        HotInstructionJoin.Result r = join("1.26.8", "1.23.5");
        assertThat(r.facts()).isEmpty();
        assertThat(r.note()).startsWith("hot instructions not joined: the profile cpu.pprof is not of the binary objdump.txt shows: ")
                .contains("sampled addresses of its functions lie outside them (the profile samples example.com/hotasm.");
    }

    /**
     * scan objdumps one test binary per package; a package's functions are in the test binaries of the packages that
     * import it too, at other addresses. Summed over all texts, the profile's own binary was outvoted (toml v1.6.0:
     * 604 of 961 sampled addresses "outside", and no hot instruction joined at all).
     */
    @Test
    void amongSeveralBinariesTheProfilesOwnIsJoinedAndTheOthersAreNot() throws Exception {
        HotInstructionJoin.Result own = join("1.26.8", "1.26.8");
        Path other = capture("1.23.5").resolve("objdump.txt");
        HotInstructionJoin.Result r = HotInstructionJoin.join(
                new HotInstructionJoin.Input(capture("1.26.8").resolve("cpu.pprof"), "cpu.pprof"),
                List.of(new HotInstructionJoin.Input(other, "objdump-1.txt"),
                        new HotInstructionJoin.Input(capture("1.26.8").resolve("objdump.txt"), "objdump.txt"),
                        new HotInstructionJoin.Input(other, "objdump-3.txt")));
        assertThat(r.note()).isNull();
        assertThat(own.facts()).isNotEmpty();
        assertThat(r.facts()).containsExactlyElementsOf(own.facts());
    }

    /**
     * testdata/hotasm/abi-go1.26.8: an assembly function with an ABIInternal wrapper. objdump prints the body
     * sumBytes.abi0 and the wrapper sumBytes; the profile names the body's samples sumBytes (lz4's decodeBlock:
     * 84 % of a profile dropped as "of another binary").
     */
    @Test
    void anAssemblyBodyNamedAbi0InObjdumpIsTheProfilesFunction() throws Exception {
        Path dir = capture("1.26.8").resolveSibling("abi-go1.26.8");
        HotInstructionJoin.Result r = HotInstructionJoin.join(new HotInstructionJoin.Input(dir.resolve("cpu.pprof"),
                "cpu.pprof"), List.of(new HotInstructionJoin.Input(dir.resolve("objdump.txt"), "objdump.txt")));
        assertThat(r.note()).isNull();
        List<HotInstruction> body = r.facts().stream().filter(h -> h.file().endsWith("sum_amd64.s")).toList();
        assertThat(body).extracting(HotInstruction::text).contains("ADDQ DX, AX", "INCQ SI");
        // pprof -disasm: 550ms + 420ms flat in sumBytes.abi0, 980ms total
        assertThat(body.stream().mapToLong(HotInstruction::flat).sum()).isEqualTo(970_000_000L);
        assertThat(body).allMatch(h -> h.frames().get(0).startsWith("example.com/hotabi.sumBytes sum_amd64.s:"));
    }

    /**
     * When no objdump text is the profile's binary, the note cites the closest one (the most sampled addresses
     * inside their functions) with its example, then names the others (lz4: cpu-2's note cited objdump-1, the
     * root package's binary, not objdump-2 of its own package).
     */
    @Test
    void aRefusedJoinCitesTheClosestObjdumpText(@TempDir Path tmp) throws Exception {
        // the profile's own objdump text with sumAreas, gather and link moved 1 MiB up: the benchmarks' sampled
        // calls still lie inside, the hot loops outside
        List<String> lines = Files.readAllLines(capture("1.26.8").resolve("objdump.txt"));
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            boolean moved = i >= 9 && i < 105;
            if (moved && f.length > 2 && f[2].startsWith("0x")) {
                f[2] = String.format("%#x", Long.decode(f[2]) + 0x100000);
                lines.set(i, String.join("\t", f));
            }
        }
        Path near = tmp.resolve("near.txt");
        Files.write(near, lines);
        HotInstructionJoin.Result r = HotInstructionJoin.join(
                new HotInstructionJoin.Input(capture("1.26.8").resolve("cpu.pprof"), "cpu.pprof"),
                List.of(new HotInstructionJoin.Input(capture("1.23.5").resolve("objdump.txt"), "objdump-1.txt"),
                        new HotInstructionJoin.Input(near, "objdump-2.txt")));
        assertThat(r.facts()).isEmpty();
        assertThat(r.note()).startsWith("hot instructions not joined: the profile cpu.pprof is not of the binary "
                + "objdump-2.txt shows: ").contains(", objdump-2.txt has it at 0x")
                .endsWith("; nor is it of objdump-1.txt");
    }

    @Test
    void aHeapProfileJoinsNothing() throws Exception {
        Path heap = capture("1.26.8").resolve("../../captured/go1.26.8/sites/mem.pprof").normalize();
        assertThat(heap).exists();
        HotInstructionJoin.Result r = HotInstructionJoin.join(new HotInstructionJoin.Input(heap, "mem.pprof"),
                List.of(new HotInstructionJoin.Input(capture("1.26.8").resolve("objdump.txt"), "objdump.txt")));
        assertThat(r.facts()).isEmpty();
        assertThat(r.note()).isNull();
    }
}
