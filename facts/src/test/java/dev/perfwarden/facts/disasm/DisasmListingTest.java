package dev.perfwarden.facts.disasm;

import dev.perfwarden.facts.asm.Captures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code hot --disasm} against {@code go tool pprof -disasm} on real captures
 * (testdata/hotasm/go&lt;ver&gt;: the profile, objdump of the same test binary, and pprof's output; see
 * testdata/hotasm/regen.sh).
 */
class DisasmListingTest {
    static final String REGEX = "example\\.com/hotasm\\.";

    static Path capture(String version) {
        return Captures.root().resolve("testdata/hotasm/go" + version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.26.8", "1.23.5"})
    void printsWhatPprofDisasmPrints(String version) throws Exception {
        Path dir = capture(version);
        SampledAddresses samples = SampledAddresses.read(dir.resolve("cpu.pprof"), "cpu.pprof", null);
        DisasmListing listing = DisasmListing.of(samples, Pattern.compile(REGEX), dir.resolve("objdump.txt"), "objdump.txt");
        String text = listing.toText();
        Files.writeString(Path.of("target", "disasm-go" + version + ".txt"), text); // for a diff when it fails
        String pprof = Files.readString(dir.resolve("disasm.txt"));
        assertThat(text.lines().filter(l -> l.startsWith("ROUTINE")).toList())
                .isEqualTo(pprof.lines().filter(l -> l.startsWith("ROUTINE")).toList())
                .hasSizeGreaterThanOrEqualTo(6);
        List<List<String>> ours = routines(text);
        List<List<String>> theirs = routines(pprof);
        assertThat(ours).hasSameSizeAs(theirs);
        for (int r = 0; r < ours.size(); r++) {
            assertSameRoutine(ours.get(r), theirs.get(r));
        }
    }

    /** The text split before each {@code ROUTINE} line (the {@code Total:} line is the first part). */
    static List<List<String>> routines(String text) {
        List<List<String>> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (out.isEmpty() || line.startsWith("ROUTINE")) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(line);
        }
        return out;
    }

    /**
     * Equal lines, but for the last instruction. pprof disassembles a symbol up to
     * {@code start + size - 1}, so it decodes the last instruction from all but its last byte: a
     * {@code ?} at its address and then whatever the leftover bytes decode to (never sampled: it is the
     * {@code JMP} back to the entry after {@code morestack}). objdump, and so perfwarden, print the real
     * instruction there.
     */
    static void assertSameRoutine(List<String> ours, List<String> pprof) {
        int q = 0;
        while (q < pprof.size() && !pprof.get(q).endsWith(": ?")) {
            q++;
        }
        if (q == pprof.size()) {
            assertThat(ours).isEqualTo(pprof);
            return;
        }
        assertThat(ours.subList(0, q)).isEqualTo(pprof.subList(0, q));
        assertThat(ours).hasSize(q + 1);
        String address = pprof.get(q).substring(0, pprof.get(q).length() - 1);
        assertThat(ours.get(q)).startsWith(address).doesNotEndWith("?");
        for (String tail : pprof.subList(q, pprof.size())) {
            assertThat(tail).startsWith("         .          . ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.26.8", "1.23.5"})
    void everySampleOfTheBinaryLandsOnAnInstruction(String version) throws Exception {
        Path dir = capture(version);
        SampledAddresses samples = SampledAddresses.read(dir.resolve("cpu.pprof"), "cpu.pprof", "samples");
        DisasmListing listing = DisasmListing.of(samples, Pattern.compile(REGEX), dir.resolve("objdump.txt"), "objdump.txt");
        long flat = 0;
        for (var body : listing.functions()) {
            for (InstructionJoin.Row r : InstructionJoin.rows(body, samples)) {
                flat += r.flat();
                assertThat(r.flatCount()).isEqualTo(r.flat());
            }
        }
        assertThat(flat).isPositive();
    }

    @Test
    void anAnchoredRegexFindsNothingAsInPprof() throws Exception {
        Path dir = capture("1.26.8");
        SampledAddresses samples = SampledAddresses.read(dir.resolve("cpu.pprof"), "cpu.pprof", null);
        assertThatThrownBy(() -> DisasmListing.of(samples, Pattern.compile("^example\\.com/hotasm\\."),
                dir.resolve("objdump.txt"), "objdump.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no matches found for regexp ^example\\.com/hotasm\\.");
    }
}
