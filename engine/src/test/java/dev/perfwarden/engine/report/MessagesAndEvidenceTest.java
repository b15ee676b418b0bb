package dev.perfwarden.engine.report;

import dev.perfwarden.facts.core.Evidence;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesAndEvidenceTest {
    private static Path repo() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("examples/captured/orders"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    @Test
    void theShortMessageIsTheFirstSentenceCutAtAClauseOutsideParentheses() {
        String growslice = "append inside a loop of main.ParseOrder calls runtime.growslice whenever the slice is full: "
                + "each growth allocates a larger backing array (about 2x for small slices, 1.25x for large ones) and "
                + "copies every element, and the old arrays become garbage. Fix: preallocate with make.";
        String[] g = Messages.split(growslice);
        assertThat(g[0]).isEqualTo("append inside a loop of main.ParseOrder calls runtime.growslice whenever the slice "
                + "is full");
        assertThat(g[1]).startsWith("each growth allocates").endsWith("Fix: preallocate with make.");
        String[] leak = Messages.split("leaking param: ctx. The value passed as ctx is stored where it outlives the call.");
        assertThat(leak).containsExactly("leaking param: ctx", "The value passed as ctx is stored where it outlives the call.");
        assertThat(Messages.split("value of 16 bytes boxed")).containsExactly("value of 16 bytes boxed", "");
    }

    @Test
    void aColonAfterAShortLeadInKeepsWhatItIntroduces() {
        // contracts' message (examples/contracts/orders.yaml): cut at the colon, every violated clause read the same
        String bench = "contract contract/orders/pricing-bench violated: Pipeline-2 B/op +20.10% against base "
                + "(1.829e+05 -> 2.197e+05, p=0.000 n=10+10; limit: no regression of 5% or more at alpha 0.05)";
        assertThat(Messages.split(bench)).containsExactly(bench, "");
        String met = "contract contract/orders/heap met: heap growth 0.41MB/min within 15MB/min, from "
                + "go_memstats_heap_alloc_bytes over 8 scrapes of examples/captured/orders-load, the slope of a "
                + "least-squares line";
        assertThat(Messages.split(met)[0]).isEqualTo("contract contract/orders/heap met: heap growth 0.41MB/min "
                + "within 15MB/min");
    }

    @Test
    void jsonRecordsAreRenderedAsCompilerLines() throws Exception {
        // a real -json record (examples/captured/orders, Go 1.26.8), never printed raw
        String record = Files.readAllLines(repo().resolve("examples/captured/orders/json/main/report.json")).stream()
                .filter(l -> l.contains("\"parameter category leaks to {heap} with derefs=0\"")).findFirst().orElseThrow();
        List<String> lines = EvidenceText.lines(new Evidence("logopt-json", record, null), "report.go");
        assertThat(lines.get(0)).isEqualTo("report.go:19:22: leak: parameter category leaks to {heap} with derefs=0");
        assertThat(lines.get(1)).isEqualTo("  report.go:28:21: escflow:    flow: {heap} ← category:");
        assertThat(lines).noneMatch(l -> l.contains("{\"range\""));
        // other inputs are printed as the toolchain printed them
        assertThat(EvidenceText.lines(new Evidence("escape-text", "./box.go:12:9: x escapes to heap ", null), "box.go"))
                .containsExactly("./box.go:12:9: x escapes to heap");
    }
}
