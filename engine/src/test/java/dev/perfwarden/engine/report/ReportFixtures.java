package dev.perfwarden.engine.report;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.analysis.Analysis;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.analysis.ToolInfo;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.Unparsed;
import dev.perfwarden.facts.input.InputStats;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.LineCost;
import dev.perfwarden.facts.profile.ProfileSummary;

import java.util.List;

/** One analysis over the test pack with every output feature in use. */
final class ReportFixtures {
    static final String F = "example.com/m.box";

    private ReportFixtures() {
    }

    static RuleSet rules() throws PackException {
        return RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
    }

    static List<InputStats> inputs() {
        return List.of(
                new InputStats("out/m2.txt", "escape-text", 120, 2, List.of(
                        new Unparsed(InputPos.line("out/m2.txt", 17), "unknown remark", "./box.go:3:6: something new"),
                        new Unparsed(InputPos.line("out/m2.txt", 19), "unknown remark", "./box.go:4:6: another")), null),
                new InputStats("out/objdump.txt", "objdump", 500, 0, List.of(), null),
                new InputStats("out/cpu.pprof", "pprof", 0, 0, List.of(), "malformed profile: bad varint"));
    }

    static List<Fact> facts() {
        return List.of(
                TestPacks.boxed(F, "box.go", 12, 9, 16),
                TestPacks.slow(F, "box.go", 20, "runtime.mapassign_faststr", 300),
                TestPacks.leak("example.com/m.keep", "keep.go", 3, "p"),
                new ProfileSummary("out/cpu.pprof", "cpu", "nanoseconds", 100, 1, 1, 0, 0, 0, 0),
                new HotFunction(F, "cpu", "nanoseconds", 10, 0.1, 12, 0.124),
                new LineCost("box.go", 12, "cpu", "nanoseconds", 10, 0.1, 12, 0.124, 12, 0.124, 1));
    }

    static AnalysisResult result(FailOn failOn) throws PackException {
        return Analysis.run(facts(), inputs(), rules(),
                Options.defaults().withFailOn(failOn).withTool(new ToolInfo("perfwarden", "0.1.0")));
    }
}
