package dev.perfwarden.contracts.check;

import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.contract.FunctionLimit;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.source.GcassertDirectives;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * perfwarden reads gcassert's directives as gcassert does: on testdata/gcassert (a fixture with each
 * directive kind upheld and broken), the violations the contracts pack reports from the compiler output
 * gcassert read (m2.txt, Go 1.22.12 -m=2 -d=ssa/check_bce/debug=1) are exactly the lines gcassert itself
 * printed (gcassert.txt; both made by testdata/gcassert/regen.sh): same file, line and message, as many times.
 */
class GcassertCompatTest {
    static final Path FIX = Checks.ROOT.resolve("testdata/gcassert");
    /** gcassert's output: {@code file:line:\tnode: message}. */
    static final Pattern LINE = Pattern.compile("^([^:]+):(\\d+):\\t.*: (call was not inlined|Found IsInBounds|Found IsSliceInBounds|.* escapes to heap:)$");

    static AnalysisResult check() throws Exception {
        RuleSet rules = RuleSet.build(List.of(ContractCheck.pack(Checks.class.getClassLoader())));
        InputReader.Result r = new InputReader().read(List.of(FIX.resolve("m2.txt").toString()), List.of(FIX),
                new ByteArrayInputStream(new byte[0]));
        assertThat(r.inputs()).allSatisfy(i -> assertThat(i.error()).isNull());
        return ContractCheck.run(List.of(), r.facts(), r.inputs(), List.of(), rules, Options.defaults(), r.sourceRoots());
    }

    @Test
    void violationsEqualGcassertsOwnOutput() throws Exception {
        List<String> want = new ArrayList<>();
        for (String l : Files.readAllLines(FIX.resolve("gcassert.txt"))) {
            Matcher m = LINE.matcher(l);
            assertThat(m.matches()).as("gcassert line %s", l).isTrue();
            String msg = m.group(3).endsWith("escapes to heap:") ? "escapes to heap:" : m.group(3);
            want.add(m.group(1) + ":" + m.group(2) + " " + msg);
        }
        AnalysisResult r = check();
        List<String> got = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (f.severity() != Severity.ERROR) {
                continue;
            }
            assertThat(f.rule()).startsWith("contract/gcassert/");
            String msg = f.message().contains("call was not inlined") ? "call was not inlined"
                    : f.message().contains("Found IsSliceInBounds") ? "Found IsSliceInBounds"
                    : f.message().contains("Found IsInBounds") ? "Found IsInBounds"
                    : f.message().contains("escapes to heap:") ? "escapes to heap:" : f.message();
            got.add(f.file() + ":" + f.line() + " " + msg);
        }
        assertThat(want).hasSize(5);
        assertThat(got).containsExactlyInAnyOrderElementsOf(want);
        assertThat(r.exitCode()).isEqualTo(1);
        // every directive gcassert did not complain about is met, none unverified
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.WARNING).isEmpty();
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.NOTE).extracting(f -> f.file() + ":" + f.line())
                .contains("fix.go:33", "fix.go:35", "fix.go:37", "fix.go:46", "fix.go:47", "fix.go:60");
    }

    @Test
    void directivesFollowGcassertsPlacementRules() throws Exception {
        List<FunctionLimit> ds = GcassertDirectives.scan(List.of(FIX));
        assertThat(ds).extracting(d -> d.clause() + "@" + d.sourceFile() + ":" + d.sourceLine() + ":" + d.sourceCol())
                .containsExactlyInAnyOrder(
                        "bce@fix.go:33:0", "bce@fix.go:42:0", "noescape@fix.go:46:0", "noescape@fix.go:54:0",
                        "inline@fix.go:60:0", "inline@fix.go:62:0",
                        // call sites of the functions declared with //gcassert:inline (column of the parenthesis)
                        "inline@fix.go:35:10", "inline@fix.go:36:12", "inline@fix.go:37:22", "inline@fix.go:47:14",
                        "inline@fix.go:60:10", "inline@fix.go:62:12");
    }

    @Test
    void withoutCompilerOutputEveryDirectiveIsUnverified() throws Exception {
        RuleSet rules = RuleSet.build(List.of(ContractCheck.pack(Checks.class.getClassLoader())));
        AnalysisResult r = ContractCheck.run(List.of(), List.of(), List.of(), List.of(), rules, Options.defaults(),
                List.of(FIX));
        assertThat(r.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }
}
