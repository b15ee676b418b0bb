package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.testfacts.Boxed;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.HotLine;
import dev.perfwarden.facts.profile.ProfileSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.definition.rule.Rule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleSetTest {
    static final String F = "example.com/m.box";
    static RuleSet rules;

    @TempDir
    Path tmp;

    @BeforeAll
    static void build() throws PackException {
        rules = RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
    }

    static ProfileSummary cpuProfile() {
        return new ProfileSummary("cpu.pprof", "cpu", "nanoseconds", 1_000_000_000L, 2_000_000_000L, 10_000_000L,
                0.1, 0.05, 0.01);
    }

    static HotFunction hotFn(String symbol, double cumShare) {
        return new HotFunction(symbol, "cpu", "nanoseconds", 1000, cumShare / 2, 2000, cumShare);
    }

    static HotLine hotLine(String file, int line, double flatShare) {
        return new HotLine(F, file, line, "cpu", "nanoseconds", 1000, flatShare, 1000, flatShare);
    }

    @Test
    void compiledRulesCarryTheirMetadata() {
        Rule r = rules.kieBase().getRule("perfwarden.packs.testpack", "slow-call");
        assertThat(r.getMetaData()).containsEntry("severity", "note").containsEntry("hotSeverity", "error")
                .containsEntry("scope", "function").containsEntry("summary", "A slow call");
        assertThat(rules.rule("boxed-value").orElseThrow().packLabel()).isEqualTo("testpack@1.2.3");
        assertThat(rules.packs()).extracting(Pack::id).containsExactly("testpack");
    }

    @Test
    void withoutProfileTheBaseSeverityStandsAndTheMessageSaysSo() {
        List<Finding> out = rules.run(List.of(TestPacks.boxed(F, "box.go", 12, 9, 16)), Map.of());
        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.rule()).isEqualTo("boxed-value");
        assertThat(f.pack()).isEqualTo("testpack@1.2.3");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.symbol()).isEqualTo(F);
        assertThat(f.location()).isEqualTo("box.go:12:9");
        assertThat(f.message()).isEqualTo("value of 16 bytes boxed (no profile given)");
        assertThat(f.evidence()).extracting(Evidence::input, Evidence::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("escape-text", "./box.go:12:9: x escapes to heap"));
        assertThat(f.fingerprint()).hasSize(64);
    }

    @Test
    void hotFunctionRaisesSeverityAndStatesTheShare() {
        List<Finding> out = rules.run(List.of(TestPacks.boxed(F, "box.go", 12, 9, 16), cpuProfile(),
                hotFn(F, 0.124), hotFn("other.f", 0.9)), Map.of());
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).isEqualTo("value of 16 bytes boxed — 12.4 % of CPU samples in " + F);
            assertThat(f.evidence()).extracting(Evidence::input).containsExactly("escape-text", "pprof");
        });
    }

    @Test
    void hotLineRaisesSeverityForLineScopedRules() {
        List<Finding> out = rules.run(List.of(TestPacks.boxed(F, "box.go", 12, 9, 16), cpuProfile(),
                hotFn(F, 0.001), hotLine("box.go", 12, 0.013), hotLine("box.go", 13, 0.5)), Map.of());
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).isEqualTo("value of 16 bytes boxed — 1.3 % of CPU samples at box.go:12");
        });
    }

    @Test
    void coldCodeIsANoteThatSaysItIsCold() {
        List<Finding> listed = rules.run(List.of(TestPacks.boxed(F, "box.go", 12, 9, 16), cpuProfile(),
                hotFn(F, 0.004)), Map.of());
        assertThat(listed).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.message()).isEqualTo("value of 16 bytes boxed (cold: 0.4 % of CPU samples in " + F + ")");
            assertThat(f.evidence()).extracting(Evidence::input).containsExactly("escape-text");
        });
        List<Finding> absent = rules.run(List.of(TestPacks.boxed(F, "box.go", 12, 9, 16), cpuProfile()), Map.of());
        assertThat(absent).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.message()).endsWith("(cold: not in the CPU profile)");
        });
        // a heap profile alone is no CPU profile
        ProfileSummary heap = new ProfileSummary("mem.pprof", "alloc_space", "bytes", 1, 0, 0, 0, 0, 0);
        assertThat(rules.run(List.of(TestPacks.boxed(F, "box.go", 12, 9, 16), heap), Map.of()))
                .singleElement().satisfies(f -> assertThat(f.message()).endsWith("(no profile given)"));
    }

    @Test
    void hotSeverityMetadataAndFunctionScopeAreHonoured() {
        var call = TestPacks.slow(F, "box.go", 20, "runtime.mapassign", 250);
        assertThat(rules.run(List.of(call), Map.of())).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("slow-call");
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.message()).isEqualTo("slow call to runtime.mapassign (no profile given)");
        });
        // @hotSeverity(error) on a note rule: two levels up
        assertThat(rules.run(List.of(call, cpuProfile(), hotFn(F, 0.3)), Map.of()))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        // function scope ignores a hot line
        assertThat(rules.run(List.of(call, cpuProfile(), hotFn(F, 0.001), hotLine("box.go", 20, 0.9)), Map.of()))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.NOTE));
        // the DSL's "- costing more than 100 ns" constraint
        assertThat(rules.run(List.of(TestPacks.slow(F, "box.go", 20, "x", 50)), Map.of())).isEmpty();
    }

    @Test
    void scopeNoneIsNotWeighed() {
        assertThat(rules.run(List.of(TestPacks.leak(F, "box.go", 3, "p"), cpuProfile(), hotFn(F, 0.9)), Map.of()))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.NOTE);
                    assertThat(f.message()).isEqualTo("leaking param: p");
                });
    }

    @Test
    void parametersComeFromThePackAndCanBeOverridden() {
        var boxed = TestPacks.boxed(F, "box.go", 12, 9, 16);
        assertThat(rules.run(List.of(boxed), Map.of("box.minWidth", 32))).isEmpty();
        assertThat(rules.run(List.of(boxed), Map.of("testpack:box.minWidth", "16"))).hasSize(1);
        assertThat(rules.run(List.of(boxed, cpuProfile(), hotFn(F, 0.124)), Map.of("hot.function.cumShare", 0.5)))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.NOTE));
        assertThat(rules.run(List.of(boxed, cpuProfile(), hotLine("box.go", 12, 0.004)),
                Map.of("testpack:hot.line.flatShare", 0.001)))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(rules.parameters(Map.of())).extracting(p -> p.pack() + ":" + p.name() + "=" + p.text())
                .containsExactlyInAnyOrder("testpack:box.minWidth=8", "testpack:hot.function.cumShare=0.02",
                        "testpack:hot.line.flatShare=0.005");
        assertThatThrownBy(() -> rules.run(List.of(boxed), Map.of("box.maxWidth", 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown parameter(s) [box.maxWidth]");
        assertThatThrownBy(() -> rules.run(List.of(boxed), Map.of("box.minWidth", "wide")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
    }

    @Test
    void duplicateHitsBecomeOneFindingWithMergedEvidence() {
        Boxed a = TestPacks.boxed(F, "box.go", 12, 9, 16);
        Boxed b = new Boxed(F, "box.go", 12, 9, 16, new Evidence("objdump",
                "  box.go:12\t0x10\t\te8\tCALL runtime.convT64(SB)", InputPos.line("objdump.txt", 9)));
        Boxed c = TestPacks.boxed(F, "box.go", 14, 9, 16);
        List<Finding> out = rules.run(List.of(a, b, a, c), Map.of());
        assertThat(out).hasSize(2);
        assertThat(out.get(0).line()).isEqualTo(12);
        assertThat(out.get(0).evidence()).extracting(Evidence::input).containsExactlyInAnyOrder("escape-text", "objdump");
        assertThat(out.get(1).line()).isEqualTo(14);
    }

    @Test
    void findingsAreSortedByFileLineColumnRule() {
        List<Finding> out = rules.run(List.of(
                TestPacks.boxed(F, "b.go", 30, 2, 16),
                TestPacks.slow(F, "a.go", 5, "x", 500),
                TestPacks.boxed(F, "a.go", 5, 2, 16),
                TestPacks.boxed(F, "a.go", 5, 1, 16),
                TestPacks.leak(F, "a.go", 40, "p")), Map.of());
        assertThat(out).extracting(f -> f.location() + " " + f.rule()).containsExactly(
                "a.go:5:1 boxed-value", "a.go:5:2 boxed-value", "a.go:5:2 slow-call", "a.go:40:7 leak-note",
                "b.go:30:2 boxed-value");
    }

    @Test
    void parallelRunsOnOneRuleSetGiveTheSameResults() throws Exception {
        List<List<Object>> bundles = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            List<Object> facts = new ArrayList<>();
            for (int j = 0; j < 30; j++) {
                facts.add(TestPacks.boxed(F + i, "f" + i + ".go", j + 1, 3, 4 + j));
                facts.add(TestPacks.slow(F + i, "f" + i + ".go", j + 1, "c" + j, 90 + j));
            }
            if (i % 2 == 0) {
                facts.add(cpuProfile());
                facts.add(hotFn(F + i, 0.01 * i));
                facts.add(hotLine("f" + i + ".go", 7, 0.02));
            }
            bundles.add(facts);
        }
        List<List<Finding>> sequential = new ArrayList<>();
        for (List<Object> b : bundles) {
            sequential.add(rules.run(b, Map.of()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<List<Finding>>> futures = new ArrayList<>();
                for (List<Object> b : bundles) {
                    futures.add(pool.submit(() -> rules.run(b, Map.of())));
                }
                for (int i = 0; i < bundles.size(); i++) {
                    assertThat(futures.get(i).get()).isEqualTo(sequential.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sequential.get(2)).isNotEmpty();
    }

    @Test
    void drlSyntaxErrorNamesPackFileAndLine() {
        Path p = TestPacks.copy(tmp);
        String drl = TestPacks.read(p.resolve("boxed-value/rule.drl"));
        TestPacks.write(p.resolve("boxed-value/rule.drl"), drl.replace("$b : Boxed(width >= $min)", "$b : Boxed(width >= $min"));
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = e.problems().get(0);
            assertThat(pr.pack()).isEqualTo("testpack");
            assertThat(pr.file()).isEqualTo("boxed-value/rule.drl");
            assertThat(pr.line()).isEqualTo(11);
            assertThat(e.getMessage()).startsWith(p + "/boxed-value/rule.drl:11").contains("(pack testpack)");
        });
    }

    @Test
    void drlCompileErrorNamesPackFileAndLine() throws Exception {
        Path p = TestPacks.copy(tmp);
        String drl = TestPacks.read(p.resolve("boxed-value/rule.drl"));
        TestPacks.write(p.resolve("boxed-value/rule.drl"), drl.replace("Boxed(width >= $min)", "Boxed(widht >= $min)"));
        Pack pack = PackLoader.load(p); // parses fine; fails to compile
        assertThatThrownBy(() -> RuleSet.build(List.of(pack))).isInstanceOfSatisfying(PackException.class, e -> {
            assertThat(e.problems()).isNotEmpty().allSatisfy(pr -> {
                assertThat(pr.pack()).isEqualTo("testpack");
                assertThat(pr.file()).isEqualTo("boxed-value/rule.drl");
            });
            assertThat(e.problems().get(0).line()).isEqualTo(10);
            assertThat(e.problems().get(0).message()).contains("widht");
        });
    }

    @Test
    void packsAreCheckedAgainstEachOtherAndTheEngine() throws Exception {
        Path p = TestPacks.copy(tmp.resolve("one"));
        TestPacks.write(p.resolve("pack.yaml"), TestPacks.read(p.resolve("pack.yaml"))
                .replace("perfwarden: \">=0.1.0 <1.0.0\"", "perfwarden: \">=9.0.0\"\nrequires:\n  base-pack: ^1.0.0"));
        Pack pack = PackLoader.load(p);
        assertThatThrownBy(() -> RuleSet.build(List.of(pack))).isInstanceOfSatisfying(PackException.class, e ->
                assertThat(e.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).startsWith("needs perfwarden >=9.0.0"))
                        .anySatisfy(m -> assertThat(m).contains("requires pack base-pack ^1.0.0, which is not loaded")));

        Path q = TestPacks.copy(tmp.resolve("two"));
        String yaml = TestPacks.read(q.resolve("pack.yaml")).replace("id: testpack", "id: other");
        TestPacks.write(q.resolve("pack.yaml"), yaml);
        for (String r : List.of("boxed-value", "slow-call", "leak-note")) {
            Path f = q.resolve(r).resolve(r.equals("slow-call") ? "rule.dslr" : "rule.drl");
            TestPacks.write(f, TestPacks.read(f).replace("perfwarden.packs.testpack", "perfwarden.packs.other"));
        }
        Pack other = PackLoader.load(q);
        assertThatThrownBy(() -> RuleSet.build(List.of(PackLoader.load(TestPacks.testpack()), other)))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems()).extracting(Problem::message)
                        .contains("rule id 'boxed-value' is also defined by pack other; rule ids must be unique"));
    }
}
