package dev.perfwarden.rules;

import dev.perfwarden.engine.kie.Partitions;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.program.ProgramSummary;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run with one rule session per package ({@link Partitions}) finds exactly what one session over all facts
 * finds, on every capture: the bundled example, every rule's fixture captures, and every capture folder under
 * examples/captured and testdata (real modules, Go versions' captures, the corpus, hot instructions).
 */
class PartitionedRunTest {
    private static final ClassLoader CL = PartitionedRunTest.class.getClassLoader();

    static List<Path> captures() throws Exception {
        List<Path> captures = new ArrayList<>(GoPerfPack.exampleAndFixtureCaptures());
        // every other capture folder of the repository: a folder holding a capture file (not a json/ tree, which
        // its parent reads)
        for (String top : List.of("examples/captured", "testdata/captured", "testdata/hotasm", "testdata/corpus",
                "testdata/modules")) {
            try (Stream<Path> s = Files.walk(GoPerfPack.root().resolve(top), 3)) {
                s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals("json"))
                        .filter(PartitionedRunTest::holdsCaptures).sorted()
                        .filter(d -> !captures.contains(d)).forEach(captures::add);
            }
        }
        return captures;
    }

    private static boolean holdsCaptures(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .anyMatch(n -> !n.endsWith(".go") && !n.endsWith(".md") && !n.endsWith(".sh") && !n.startsWith(".")
                            && !List.of("go.mod", "go.sum", "capture.json").contains(n));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> sameFindingsAsOneSession() throws Exception {
        RuleSet rules = RuleSet.build(List.of(PackLoader.loadBuiltin(CL, "go-perf")), CL);
        RuleSet perPackage = rules.withPartitioning(0);
        RuleSet whole = rules.withPartitioning(Integer.MAX_VALUE);
        List<Path> captures = captures();
        assertThat(captures).hasSizeGreaterThan(5);
        return captures.stream().map(dir -> DynamicTest.dynamicTest(GoPerfPack.root().relativize(dir).toString(), () -> {
            InputReader.Result read = new InputReader().read(List.of(dir.toString()), InputStream.nullInputStream());
            List<Finding> a = perPackage.run(read.facts(), Map.of());
            List<Finding> b = whole.run(read.facts(), Map.of());
            assertThat(a).isEqualTo(b);
            List<Object> handedOver = new ArrayList<>(read.facts());
            assertThat(perPackage.runReleasing(handedOver, Map.of(), f -> false)).isEqualTo(b);
            assertThat(handedOver).as("the list handed over is emptied").isEmpty();
        }));
    }

    @Test
    void factsHandedOverAreNotKeptByTheRuleSet() throws Exception {
        // the caller's list is emptied and nothing of the run keeps a fact: once a package's session has ended, its
        // facts are garbage (with one session per package, while the other packages still run)
        RuleSet perPackage = RuleSet.build(List.of(PackLoader.loadBuiltin(CL, "go-perf")), CL).withPartitioning(0);
        Path orders = GoPerfPack.root().resolve("examples/captured/orders");
        InputReader.Result read = new InputReader().read(List.of(orders.toString()), InputStream.nullInputStream());
        List<Object> facts = new ArrayList<>(read.facts());
        read.facts().clear();
        List<java.lang.ref.WeakReference<Object>> refs = facts.stream()
                .filter(f -> f instanceof dev.perfwarden.facts.core.Attributable<?>)
                .map(java.lang.ref.WeakReference::new).toList();
        assertThat(refs).hasSizeGreaterThan(100);
        List<Finding> findings = perPackage.runReleasing(facts, Map.of(), f -> false);
        assertThat(findings).isNotEmpty();
        assertThat(facts).isEmpty();
        for (int i = 0; i < 20 && refs.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(refs.stream().filter(r -> r.get() != null).count()).as("compiler facts still reachable").isZero();
    }

    @Test
    void capturesOfSeveralPackagesAreSplit() throws Exception {
        // the comparison above means something only if some captures really run as several sessions
        int split = 0;
        for (Path dir : captures()) {
            InputReader.Result read = new InputReader().read(List.of(dir.toString()), InputStream.nullInputStream());
            Partitions.Plan plan = Partitions.split(read.facts());
            assertThat(plan.shared()).first().isInstanceOf(ProgramSummary.class);
            if (plan.packages().size() > 1) {
                split++;
            }
            // split over several ranges at once (as from 50,000 facts): the same lists in the same order
            Partitions.Plan one = Partitions.split(read.facts(), 1);
            for (int parts : new int[] {2, 3, 7, read.facts().size() + 5}) {
                Partitions.Plan many = Partitions.split(read.facts(), parts);
                assertThat(many.shared()).as(dir + " in " + parts).containsExactlyElementsOf(one.shared());
                assertThat(many.packages()).as(dir + " in " + parts).containsExactlyElementsOf(one.packages());
            }
        }
        // (a package with its tests is one session since session 12: the captures of several real packages remain)
        assertThat(split).isGreaterThanOrEqualTo(2);
    }

    /**
     * gobwas/glob's benchmarks (package glob) call match.BTree.Match through the Matcher interface: indirect-call-hot
     * asks the decision about the target (-m=2 "cannot inline BTree.Match: ... cost 627" at match/btree.go:58), a fact of
     * package match. Every session gets it (the glob session said "no inlining decision" before, sameFindingsAsOneSession
     * [glob]); a decision about a function no CALL reached most (BTree.String, btree.go:131) stays in its package.
     */
    @Test
    void theInliningDecisionsAboutATargetACallReachedMostAreShared() throws Exception {
        Path glob = GoPerfPack.root().resolve("testdata/modules/glob");
        InputReader.Result read = new InputReader().read(List.of(glob.toString()), InputStream.nullInputStream());
        Partitions.Plan plan = Partitions.split(read.facts());
        java.util.function.Predicate<Object> btreeMatch = o -> o instanceof dev.perfwarden.facts.inline.InlineFact i
                && i.file().endsWith("match/btree.go") && i.line() == 58 && i.kind().equals("cannot-inline");
        java.util.function.Predicate<Object> btreeString = o -> o instanceof dev.perfwarden.facts.inline.InlineFact i
                && i.file().endsWith("match/btree.go") && i.line() == 131 && i.kind().startsWith("can");
        assertThat(plan.packages()).hasSizeGreaterThan(1);
        assertThat(plan.shared()).anyMatch(btreeMatch);
        assertThat(plan.packages()).allSatisfy(p -> assertThat(p).noneMatch(btreeMatch));
        assertThat(plan.shared()).noneMatch(btreeString);
        assertThat(plan.packages()).anySatisfy(p -> assertThat(p).anyMatch(btreeString));
    }

    @Test
    void everySessionGetsTheSummaryOfTheWholeProgram() throws Exception {
        Path orders = GoPerfPack.root().resolve("examples/captured/orders");
        InputReader.Result read = new InputReader().read(List.of(orders.toString()), InputStream.nullInputStream());
        ProgramSummary whole = ProgramSummary.of(read.facts());
        assertThat(whole.boundsChecks()).as("the example has -json and check_bce bounds checks").isPositive();
        Partitions.Plan plan = Partitions.split(read.facts());
        assertThat(plan.packages()).hasSize(2);
        assertThat(plan.shared().get(0)).isEqualTo(whole);
        // one package alone has fewer checks than the program: counting per session would differ
        assertThat(plan.packages()).allSatisfy(p -> assertThat(ProgramSummary.of(p).boundsChecks())
                .isLessThan(whole.boundsChecks()));
    }
}
