package dev.perfwarden.rules;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.ruletest.Annotations;
import dev.perfwarden.engine.ruletest.Expectation;
import dev.perfwarden.engine.ruletest.GoVersion;
import dev.perfwarden.engine.ruletest.RuleTestResult;
import dev.perfwarden.engine.ruletest.RuleTestRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The go-perf pack against real toolchain output, one dynamic test per rule and capture:
 * <ul>
 *   <li><b>fixtures</b>: every folder {@code rules/packs/go-perf/<rule>/} with a {@code fixture/} runs
 *       the whole pack on each {@code captures/go<version>/} and compares the rule's findings with the
 *       fixture's {@code // want} / {@code // ok} / {@code // todo} annotations (version constraints
 *       included). A folder without a rule source yet (no rule.drl, rule.dslr or other policy file) is
 *       skipped; a folder with a rule source but no captures fails.</li>
 *   <li><b>corpus</b>: each rule with a {@code corpus.want} runs on the shared corpus
 *       ({@code testdata/corpus/go1.19|go1.23/t1..t4}: sources and captures in one folder,
 *       {@code go-version.txt} gives the version). Every finding of the rule in the corpus sources must
 *       be listed in {@code corpus.want}, and every listed line must be found.</li>
 * </ul>
 * A failure lists every mismatch as {@code file:line: missing|unexpected rule (capture)}.
 *
 * <p>{@code corpus.want} format, one expected finding per line, {@code #} starts a comment:
 * <pre>
 * PROGRAM/FILE:LINE [CONSTRAINT]        e.g.  t1/esc.go:30
 * todo PROGRAM/FILE:LINE [CONSTRAINT]   a known false negative: reported if found, never fails
 * </pre>
 * {@code CONSTRAINT} is a Go version constraint as in fixture annotations ({@code go<1.20},
 * {@code go>=1.23}, {@code go==1.19}); without one the line applies to every corpus version.
 */
class RulePackTest {
    private static final Pattern WANT_LINE =
            Pattern.compile("^(todo\\s+)?([A-Za-z0-9_.-]+)/(\\S+?):(\\d+)(?:\\s+(go\\S+))?$");

    @TestFactory
    List<DynamicNode> fixtures() throws IOException {
        Loaded pack = Loaded.load();
        List<DynamicNode> out = new ArrayList<>();
        for (Path ruleDir : GoPerfPack.ruleDirs()) {
            String id = ruleDir.getFileName().toString();
            if (GoPerfPack.ruleSource(ruleDir).isEmpty()) {
                out.add(DynamicTest.dynamicTest(id + ": no rule source yet",
                        () -> Assumptions.abort(id + " has a fixture but no rule source yet")));
                continue;
            }
            List<Path> captures = RuleTestRunner.captureDirs(ruleDir);
            if (captures.isEmpty()) {
                out.add(DynamicTest.dynamicTest(id + ": captures", () -> fail(ruleDir
                        + " has a rule source but no captures/go<version>/ folder (run testdata/regen.sh)")));
                continue;
            }
            List<DynamicNode> tests = new ArrayList<>();
            for (Path cap : captures) {
                tests.add(DynamicTest.dynamicTest(id + " @ " + cap.getFileName(), cap.toUri(), () -> {
                    RuleSet rules = pack.rules();
                    Path fixture = ruleDir.resolve("fixture");
                    List<Expectation> expectations = Annotations.read(fixture);
                    List<RuleTestResult> results = new RuleTestRunner(rules, Map.of())
                            .test(id, fixture, expectations, cap);
                    assertPassed(rules, results, ruleDir.resolve("fixture"));
                }));
            }
            out.add(DynamicContainer.dynamicContainer(id, ruleDir.toUri(), tests.stream()));
        }
        return out;
    }

    @TestFactory
    List<DynamicNode> corpus() throws IOException {
        Loaded pack = Loaded.load();
        List<DynamicNode> out = new ArrayList<>();
        for (Path ruleDir : GoPerfPack.ruleDirs()) {
            String id = ruleDir.getFileName().toString();
            Path wantFile = ruleDir.resolve("corpus.want");
            if (!Files.isRegularFile(wantFile)) {
                continue;
            }
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest(id + ": corpus.want names existing corpus files", wantFile.toUri(),
                    () -> checkWantFile(wantFile)));
            for (Path program : GoPerfPack.corpusPrograms()) {
                GoVersion version = GoPerfPack.corpusVersion(program);
                String name = program.getFileName().toString();
                String label = program.getParent().getFileName() + "/" + name;
                tests.add(DynamicTest.dynamicTest(id + " @ corpus " + label, program.toUri(), () -> {
                    RuleSet rules = pack.rules();
                    assertThat(rules.rule(id)).as("rule %s in the pack", id).isPresent();
                    List<Expectation> expectations = readWant(wantFile, id).stream()
                            .filter(e -> e.file().startsWith(name + "/"))
                            .map(e -> new Expectation(e.kind(), e.rule(), e.file().substring(name.length() + 1),
                                    e.line(), e.constraint()))
                            .toList();
                    List<RuleTestResult> results = new RuleTestRunner(rules, Map.of())
                            .test(id, program, expectations, program, version, label);
                    assertPassed(rules, results, wantFile);
                }));
            }
            out.add(DynamicContainer.dynamicContainer(id + " (corpus)", wantFile.toUri(), tests.stream()));
        }
        return out;
    }

    /**
     * Extra fixtures of go-perf rules that do not fit a rule's own fixture (for example a 5000-node caller):
     * {@code src/test/resources/extra-fixtures/<name>/fixture/} with annotations and
     * {@code captures/go<version>/} made by the real toolchain (see each {@code capture.json}).
     */
    @TestFactory
    List<DynamicNode> extraFixtures() throws IOException {
        Loaded pack = Loaded.load();
        Path extra = GoPerfPack.root().resolve("rules/src/test/resources/extra-fixtures");
        List<DynamicNode> out = new ArrayList<>();
        if (!Files.isDirectory(extra)) {
            return out;
        }
        List<Path> dirs;
        try (var s = Files.list(extra)) {
            dirs = s.filter(d -> Files.isDirectory(d.resolve("fixture"))).sorted().toList();
        }
        for (Path dir : dirs) {
            List<Expectation> expectations = Annotations.read(dir.resolve("fixture"));
            List<Path> captures = RuleTestRunner.captureDirs(dir);
            out.add(DynamicTest.dynamicTest(dir.getFileName() + ": has annotations and captures", dir.toUri(), () -> {
                assertThat(expectations).as("annotations in %s/fixture", dir).isNotEmpty();
                assertThat(captures).as("captures in %s/captures", dir).isNotEmpty();
            }));
            if (expectations.isEmpty()) {
                continue;
            }
            String id = expectations.get(0).rule();
            for (Path cap : captures) {
                out.add(DynamicTest.dynamicTest(dir.getFileName() + " @ " + cap.getFileName(), cap.toUri(), () -> {
                    RuleSet rules = pack.rules();
                    List<RuleTestResult> results = new RuleTestRunner(rules, Map.of())
                            .test(id, dir.resolve("fixture"), expectations, cap);
                    assertThat(results).filteredOn(r -> r.rule().equals(id)).singleElement()
                            .satisfies(r -> assertThat(r.found()).as("findings of %s", id).isPositive());
                    assertPassed(rules, results, dir.resolve("fixture"));
                }));
            }
        }
        return out;
    }

    /** Every mismatch of the results in one failure message; results of ids that are no rule of the pack are ignored. */
    private static void assertPassed(RuleSet rules, List<RuleTestResult> results, Path where) {
        Set<String> ids = rules.rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
        List<String> mismatches = results.stream().filter(r -> ids.contains(r.rule()))
                .flatMap(r -> r.mismatches().stream()).map(m -> where + ": " + m).toList();
        assertThat(mismatches).as("mismatches").withFailMessage("%d mismatch(es):%n%s", mismatches.size(),
                String.join("\n", mismatches)).isEmpty();
        assertThat(results).as("results").isNotEmpty();
    }

    /** The expectations of a corpus.want file; a malformed line fails with its file:line. */
    static List<Expectation> readWant(Path file, String rule) throws IOException {
        List<Expectation> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int hash = l.indexOf('#');
            String t = (hash >= 0 ? l.substring(0, hash) : l).strip();
            if (t.isEmpty()) {
                continue;
            }
            Matcher m = WANT_LINE.matcher(t);
            if (!m.matches()) {
                throw new AssertionError(file + ":" + (i + 1) + ": expected PROGRAM/FILE:LINE [go-constraint], got '"
                        + t + "'");
            }
            String constraint = m.group(5);
            if (constraint != null && !constraint.matches("go(<=|>=|<|>|==)?\\d+\\.\\d+(\\.\\d+)?")) {
                throw new AssertionError(file + ":" + (i + 1) + ": bad Go version constraint '" + constraint
                        + "' (expected e.g. go<1.20, go>=1.23, go==1.19)");
            }
            out.add(new Expectation(m.group(1) != null ? Expectation.Kind.TODO : Expectation.Kind.WANT, rule,
                    m.group(2) + "/" + m.group(3), Integer.parseInt(m.group(4)), constraint));
        }
        return out;
    }

    private static void checkWantFile(Path wantFile) throws IOException {
        Set<String> programs = new TreeSet<>();
        GoPerfPack.corpusPrograms().forEach(p -> programs.add(p.getFileName().toString()));
        List<String> bad = new ArrayList<>();
        for (Expectation e : readWant(wantFile, "x")) {
            String program = e.file().substring(0, e.file().indexOf('/'));
            boolean exists = GoPerfPack.corpusPrograms().stream()
                    .filter(p -> p.getFileName().toString().equals(program))
                    .anyMatch(p -> {
                        Path f = p.resolve(e.file().substring(program.length() + 1));
                        try {
                            return Files.isRegularFile(f) && Files.readAllLines(f).size() >= e.line();
                        } catch (IOException x) {
                            throw new UncheckedIOException(x);
                        }
                    });
            if (!programs.contains(program) || !exists) {
                bad.add(wantFile + ": " + e.file() + ":" + e.line() + " is no line of a corpus program " + programs);
            }
        }
        assertThat(bad).withFailMessage(String.join("\n", bad)).isEmpty();
    }

    /** The pack as loaded from the source tree, or the load problems (reported by every test that needs it). */
    private record Loaded(RuleSet set, List<Problem> problems) {
        static Loaded load() {
            try {
                Pack p = PackLoader.load(GoPerfPack.packDir());
                return new Loaded(RuleSet.build(List.of(p), RulePackTest.class.getClassLoader()), List.of());
            } catch (PackException e) {
                return new Loaded(null, e.problems());
            }
        }

        RuleSet rules() {
            if (set == null) {
                fail("the go-perf pack does not load:\n" + problems.stream().map(Problem::format)
                        .collect(Collectors.joining("\n")));
            }
            return set;
        }
    }
}
