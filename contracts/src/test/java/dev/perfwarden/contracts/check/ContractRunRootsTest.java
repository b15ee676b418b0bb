package dev.perfwarden.contracts.check;

import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contract run judges "not the module's code" as {@code analyze} does: by the module's source roots. Go's objdump
 * names a GOROOT file inlined into the fixture by its base name ({@code builder.go}, strings.Builder's growth);
 * growslice-in-loop skips {@code ExternalFile}s, so with the fixture's root it must not report that file, while
 * string-concat-in-loop still reports the fixture's own {@code main.go}. Input: the rule's real Go 1.26.8 objdump.
 */
class ContractRunRootsTest {
    static final Path CAPTURE = Checks.ROOT.resolve("rules/packs/go-perf/string-concat-in-loop/captures/go1.26.8");

    @Test
    void aRuleSkippingExternalFilesSkipsARelativeFileOutsideTheModuleRootsInAContractRunToo() throws Exception {
        ClassLoader cl = getClass().getClassLoader();
        RuleSet rules = RuleSet.build(List.of(PackLoader.loadBuiltin(cl, "go-perf"), ContractCheck.pack(cl)));
        Path fixture = Checks.ROOT.resolve("rules/packs/go-perf/string-concat-in-loop/fixture");
        InputReader.Result read = new InputReader().read(List.of(CAPTURE.resolve("objdump.txt").toString()),
                List.of(fixture), new ByteArrayInputStream(new byte[0]));
        assertThat(read.sourceRoots()).contains(fixture);

        AnalysisResult noRoots = ContractCheck.run(List.of(), read.facts(), read.inputs(), List.of(), rules,
                Options.defaults(), List.of());
        AnalysisResult withRoots = ContractCheck.run(List.of(), read.facts(), read.inputs(), List.of(), rules,
                Options.defaults(), read.sourceRoots());

        assertThat(sites(noRoots)).as("without roots a relative file is the module's")
                .contains("builder.go growslice-in-loop");
        assertThat(sites(withRoots)).doesNotContain("builder.go growslice-in-loop")
                .anyMatch(s -> s.endsWith("main.go string-concat-in-loop"));
    }

    private static List<String> sites(AnalysisResult r) {
        return r.findings().stream().map(f -> f.file() + " " + f.rule()).distinct().toList();
    }
}
