package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a heap line of gc-pressure (and malloc-hot) is a note although it holds heap.line.minShare of the bytes
 * (lib/heap-notes.drl), on shopspring/decimal's capture (testdata/modules/decimal, judged.txt):
 * <ul>
 *   <li>decimal.go:659, {@code new(big.Int).Add(...)} returned in Add's Decimal: math/big allocates one block per
 *       result under it (alloc_objects: 1,002,955 for 1,002,112 Ints), the sum's digits: the result's own storage;</li>
 *   <li>decimal.go:761, {@code s := v.String()} in Normalize: 8.7 % of the bytes but 0.7 % of the CPU; removing it
 *       would save at most 1.7 % (with its bytes' part of the GC's 12.1 %), under hot.function.cumShare;</li>
 *   <li>while const.go:56 (pow10's Exp: 8.4 math/big blocks per Int, its intermediate powers) and math.go:634
 *       (nat.sqrt's steps: 8.8 % of the CPU) stay warnings, both judged actionable by measurement.</li>
 * </ul>
 */
class HeapNotesRealModuleTest {

    /** The gc-pressure finding at the line: the report's own, or the one folded into another rule's there. */
    static JsonNode gcPressure(RealModuleTest.Report r, String file, int line) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode f : r.findings()) {
            if (!f.get("file").asText().equals(file) || f.get("line").asInt() != line) {
                continue;
            }
            if (f.get("rule").asText().equals("gc-pressure")) {
                found.add(f);
            }
            f.path("related").forEach(x -> {
                if (x.get("rule").asText().equals("gc-pressure")) {
                    found.add(x);
                }
            });
        }
        assertThat(found).as("gc-pressure at %s:%d", file, line).hasSize(1);
        return found.get(0);
    }

    @Test
    void aResultsStorageAndALineThatCouldSaveLittleAreNotesThatSayWhy() {
        RealModuleTest.Report r = RealModuleTest.Report.of(Cli.root().resolve("testdata/modules/decimal"));
        JsonNode add = gcPressure(r, "decimal.go", 659);
        assertThat(add.get("severity").asText()).isEqualTo("note");
        assertThat(add.get("message").asText())
                .contains("The function returns what is allocated here (-m=2: new(big.Int) flows to ~r0 through return), and"
                        + " the standard-library code the line calls allocates about one block for each one the line"
                        + " allocates (1002955 of its 2005067 objects in alloc_objects): the result's own storage")
                .doesNotContain("would save at most");
        JsonNode string = gcPressure(r, "decimal.go", 761);
        assertThat(string.get("severity").asText()).isEqualTo("note");
        assertThat(string.get("message").asText())
                .contains("Removing these bytes, and the line's work with them, would save at most 1.7 % of the CPU samples:"
                        + " the line's own 0.7 %")
                .contains("its share of the bytes of the collector's 12.1 %, 1.1 %; under 2.0 % (hot.function.cumShare),"
                        + " so this stays a note.");
        for (JsonNode warning : List.of(gcPressure(r, "const.go", 56), gcPressure(r, "math.go", 634))) {
            assertThat(warning.get("severity").asText()).isEqualTo("warning");
            assertThat(warning.get("message").asText()).doesNotContain("about one block").doesNotContain("would save at most");
        }
    }
}
