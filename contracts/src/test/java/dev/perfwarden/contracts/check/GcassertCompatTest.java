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
 * printed (gcassert.txt; both made by testdata/gcassert/regen.sh): same file, line and message, as many times,
 * unknown directives ({@code //gcassert:foo}: gcassert's {@code unknown directive "foo"}) included.
 */
class GcassertCompatTest {
    static final Path FIX = Checks.ROOT.resolve("testdata/gcassert");
    /** gcassert's output: {@code file:line:\tnode: message}. */
    static final Pattern LINE = Pattern.compile("^([^:]+):(\\d+):\\t.*: (call was not inlined|Found IsInBounds|Found IsSliceInBounds|.* escapes to heap:|unknown directive \"\\w+\")$");

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
            Matcher unknown = Pattern.compile("unknown directive \"\\w+\"").matcher(f.message());
            String msg = unknown.find() ? unknown.group()
                    : f.message().contains("call was not inlined") ? "call was not inlined"
                    : f.message().contains("Found IsSliceInBounds") ? "Found IsSliceInBounds"
                    : f.message().contains("Found IsInBounds") ? "Found IsInBounds"
                    : f.message().contains("escapes to heap:") ? "escapes to heap:" : f.message();
            got.add(f.file() + ":" + f.line() + " " + msg);
        }
        assertThat(want).hasSize(7);
        assertThat(got).containsExactlyInAnyOrderElementsOf(want);
        assertThat(r.exitCode()).isEqualTo(1);
        // every directive gcassert did not complain about is met, none unverified
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.WARNING).isEmpty();
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.NOTE).extracting(f -> f.file() + ":" + f.line())
                .contains("fix.go:33", "fix.go:35", "fix.go:37", "fix.go:46", "fix.go:47", "fix.go:60");
        // an unknown directive is an error naming it and where it is written, and checks nothing
        assertThat(r.findings()).filteredOn(f -> f.rule().equals("contract/gcassert/foo"))
                .extracting(f -> f.severity() + " " + f.file() + ":" + f.line() + ":" + f.column() + " " + f.message())
                .containsExactly("error fix.go:68:15 contract contract/gcassert/foo violated: unknown directive \"foo\""
                        + " (//gcassert:foo at fix.go:68:15); gcassert knows inline, bce and noescape");
        // //gcassert:inline,nocopy: the unknown name is the error at that site, the inline directive next to
        // it is still checked (met: the note is folded into the site's finding)
        assertThat(r.findings()).filteredOn(f -> f.rule().equals("contract/gcassert/nocopy")).singleElement()
                .satisfies(f -> {
                    assertThat(f.file() + ":" + f.line() + " " + f.severity()).isEqualTo("fix.go:70 " + Severity.ERROR);
                    assertThat(f.message()).contains("unknown directive \"nocopy\" (//gcassert:nocopy at fix.go:69:2)");
                    assertThat(f.related()).anySatisfy(x -> {
                        assertThat(x.rule()).isEqualTo("contract/gcassert/inline");
                        assertThat(x.severity()).isEqualTo(Severity.NOTE);
                    });
                });
    }

    @Test
    void directivesFollowGcassertsPlacementRules() throws Exception {
        List<FunctionLimit> ds = GcassertDirectives.scan(List.of(FIX));
        assertThat(ds).extracting(d -> d.clause() + "@" + d.sourceFile() + ":" + d.sourceLine() + ":" + d.sourceCol())
                .containsExactlyInAnyOrder(
                        "bce@fix.go:33:0", "bce@fix.go:42:0", "noescape@fix.go:46:0", "noescape@fix.go:54:0",
                        "inline@fix.go:60:0", "inline@fix.go:62:0", "inline@fix.go:70:0",
                        // names gcassert does not know: reported, never checked
                        "foo@fix.go:68:0", "nocopy@fix.go:70:0",
                        // call sites of the functions declared with //gcassert:inline (column of the parenthesis)
                        "inline@fix.go:35:10", "inline@fix.go:36:12", "inline@fix.go:37:22", "inline@fix.go:47:14",
                        "inline@fix.go:60:10", "inline@fix.go:62:12", "inline@fix.go:70:10");
    }

    @Test
    void withoutCompilerOutputEveryKnownDirectiveIsUnverified() throws Exception {
        RuleSet rules = RuleSet.build(List.of(ContractCheck.pack(Checks.class.getClassLoader())));
        AnalysisResult r = ContractCheck.run(List.of(), List.of(), List.of(), List.of(), rules, Options.defaults(),
                List.of(FIX));
        // but unknown directives: errors, which need no compiler output
        assertThat(r.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.severity()).isEqualTo(
                f.rule().equals("contract/gcassert/foo") || f.rule().equals("contract/gcassert/nocopy")
                        ? Severity.ERROR : Severity.WARNING));
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.ERROR).extracting(Finding::rule)
                .containsExactlyInAnyOrder("contract/gcassert/foo", "contract/gcassert/nocopy");
    }
}
