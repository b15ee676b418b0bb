package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a finding costs per call, on the real modules' captures (testdata/modules, see {@link RealModuleTest}): a
 * function just over the inlining budget is weighed by its own entry and exit instructions, what inlining removes,
 * not by the function's time, however hot the function is; a buffer that also goes to
 * another dynamic call stays a note, because devirtualizing the reported call alone keeps nothing on the stack.
 */
class PerCallWeightTest {
    static JsonNode finding(String module, String rule, String site) {
        Path dir = Cli.root().resolve("testdata/modules").resolve(module);
        return RealModuleTest.Report.of(dir).findings().stream().filter(f -> RealModuleTest.key(f).equals(rule + " " + site))
                .findFirst().orElseThrow(() -> new AssertionError(module + ": no " + rule + " finding at " + site));
    }

    /**
     * Since session 12 a refusal is weighed by what inlining removes, the function's entry and exit instructions
     * (EntryExit), where the profile is joined to the machine code, as on every real module here. The loop proxy (a
     * function whose samples are inside its loops runs a loop per call, so each call's fixed cost is a small part of
     * it) still keeps such a function a note, weighed by those instructions: (*digest32).bmix hashes every block and
     * setPathValue sets every URL parameter (1 of 1264 and 0 samples on their entry and exits); IsSuperSet compares
     * every word, and the 125 of 13340 timed samples (0.9 %, 2s capture of session 16) on its stack check, frame
     * setup and RETs, over hot.line.flatShare, are all inlining could save: a note since session 13 (a warning in
     * session 12, judged unimportant: 88 % of its samples are inside its word loop).
     */
    @Test
    void aFunctionThatRunsALoopPerCallIsWeighedByItsCallInstructions() {
        for (String[] m : new String[][] {{"murmur3", "murmur32.go:50"}, {"chi", "path_value.go:15"}}) {
            JsonNode f = finding(m[0], "inline-budget", m[1]);
            assertThat(f.get("severity").asText()).as(m[1]).isEqualTo("note");
            assertThat(f.get("message").asText()).as(m[1]).contains("entry and exit instructions");
            assertThat(f.get("cost").get("basis").asText()).as(m[1]).isEqualTo("instruction");
        }
        assertThat(finding("murmur3", "inline-budget", "murmur32.go:50").get("message").asText())
                .contains("91.9 % of its CPU samples are inside its loops");
        JsonNode superSet = finding("bitset", "inline-budget", "bitset.go:959");
        assertThat(superSet.get("severity").asText()).isEqualTo("note");
        assertThat(superSet.get("message").asText()).contains("of its CPU samples are inside its loops")
                .contains("Its 11 entry and exit instructions").contains("hold 0.9 % of the CPU samples (125 flat)");
        // of the 13340 timed samples: the join to machine code leaves the benchmarks' untimed setup out too (450 of 13790)
        assertThat(superSet.get("cost").get("cpuShare").asDouble()).isCloseTo(125 / 13340.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(superSet.get("cost").get("basis").asText()).isEqualTo("instruction");
        // NextSet: a leaf without a frame, called per bit found; its 4 RETs hold 3 of the 13340 timed samples: a note
        JsonNode next = finding("bitset", "inline-budget", "bitset.go:442");
        assertThat(next.get("severity").asText()).isEqualTo("note");
        assertThat(next.get("cost").get("cpuShare").asDouble()).isCloseTo(3 / 13340.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(next.get("message").asText()).contains("Its 4 return instructions (it has no frame and no stack check)");
    }

    /**
     * A function refused for its defer that calls two or more functions out of line would cost at least 2 x 57 (the
     * inliner's cost of a call it does not inline) without the defer, over the budget of 80: removing the defer would
     * not inline it, so it is a note that says so (golang-lru's expirable Add and Get were warnings judged wrong for
     * that, review3). lz4's (*Reader).Read calls 9 (Reset, init, read and 6 more); recoverBlock calls none.
     */
    @Test
    void aDeferredFunctionThatCallsTwoFunctionsOutOfLineWouldNotInlineWithoutItsDefer() {
        JsonNode read = finding("lz4", "inline-defer-recover", "reader.go:103");
        assertThat(read.get("severity").asText()).isEqualTo("note");
        assertThat(read.get("message").asText()).contains("Removing it would not make it inlinable: its machine code"
                + " calls 9 different functions out of line (runtime calls and the deferred call not counted)")
                .contains("without it the function would cost at least 513, over the budget of 80")
                .contains("Fix: none by removing the defer alone");
        assertThat(finding("lz4", "inline-defer-recover", "internal/lz4block/block.go:29").get("message").asText())
                .doesNotContain("Removing it would not");
    }

    @Test
    void aBufferAlsoPassedToAnotherDynamicCallStaysANote() {
        JsonNode write = finding("bitset", "interface-call-arg-escape", "bitset.go:1020");
        assertThat(write.get("severity").asText()).isEqualTo("note");
        assertThat(write.get("message").asText()).contains("also passed to writer.Write(buffer) at line 1031");
        // readUint64Array's other keeping callee (io.ReadFull into io.ReadAtLeast) is a static call: not named, so
        // the finding keeps its weight: its 1.1 % of the timed bytes (4.7 % in the 200ms capture before session 16),
        // under go-perf's hot.alloc.share (5 % since session 12), make it a note by weighing, with no word of another call
        JsonNode read = finding("bitset", "interface-call-arg-escape", "bitset.go:1000");
        assertThat(read.get("severity").asText()).isEqualTo("note");
        assertThat(read.get("cost").get("allocShare").asDouble()).isCloseTo(0.0105, org.assertj.core.data.Offset.offset(0.001));
        assertThat(read.get("message").asText()).doesNotContain("also passed to");
    }
}
