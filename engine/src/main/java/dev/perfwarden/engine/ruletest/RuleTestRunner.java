package dev.perfwarden.engine.ruletest;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.input.InputStats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs a pack's rules over each rule folder's fixture captures and compares the findings with the
 * fixture's annotations, Semgrep/analysistest style: a finding on a line without {@code want} fails
 * as much as a {@code want} without a finding.
 *
 * <p>Layout: {@code <pack>/<rule-id>/fixture/} (a Go module with annotated sources) and
 * {@code <pack>/<rule-id>/captures/go<version>/} (what the real toolchain printed for it).
 */
public final class RuleTestRunner {
    private final RuleSet rules;
    private final Map<String, Object> params;

    public RuleTestRunner(RuleSet rules, Map<String, Object> params) {
        this.rules = rules;
        this.params = params;
    }

    /** Every rule folder of the pack that has a fixture, sorted. */
    public static List<Path> ruleDirs(Path packDir) throws IOException {
        try (Stream<Path> s = Files.list(packDir)) {
            return s.filter(d -> Files.isDirectory(d.resolve("fixture"))).sorted().toList();
        }
    }

    /** Capture folders of a rule, sorted by Go version. */
    public static List<Path> captureDirs(Path ruleDir) throws IOException {
        Path caps = ruleDir.resolve("captures");
        if (!Files.isDirectory(caps)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(caps)) {
            return s.filter(Files::isDirectory)
                    .filter(d -> GoVersion.parse(d.getFileName().toString()).isPresent())
                    .sorted((a, b) -> version(a).compareTo(version(b)))
                    .toList();
        }
    }

    static GoVersion version(Path captureDir) {
        return GoVersion.parse(captureDir.getFileName().toString()).orElseThrow();
    }

    /** Tests one rule folder against each of its captures. */
    public List<RuleTestResult> test(Path ruleDir) throws IOException {
        String ruleId = ruleDir.getFileName().toString();
        Path fixture = ruleDir.resolve("fixture");
        List<Expectation> expectations;
        try {
            expectations = Annotations.read(fixture);
        } catch (FixtureException e) { // named from the pack's folder, as rules lint names it
            throw e.under(ruleDir.getParent().getFileName() + "/" + ruleId + "/fixture");
        }
        List<RuleTestResult> out = new ArrayList<>();
        for (Path cap : captureDirs(ruleDir)) {
            out.addAll(test(ruleId, fixture, expectations, cap));
        }
        return out;
    }

    /** What went wrong reading a capture: an input that failed, or one with lines its parser did not read. */
    private static List<String> inputErrors(List<InputStats> inputs) {
        List<String> out = new ArrayList<>();
        for (InputStats s : inputs) {
            if (s.failed()) {
                out.add(s.error());
            } else if (s.unparsed() > 0) {
                out.add(s.path() + ": " + s.unparsed() + " unparsed line(s), first: "
                        + (s.unparsedSamples().isEmpty() ? "?" : s.unparsedSamples().get(0).format()));
            }
        }
        return out;
    }

    /**
     * Tests the rules named in the annotations (and {@code ruleId} itself) on one capture folder.
     * Only findings in the fixture's own files count.
     */
    public List<RuleTestResult> test(String ruleId, Path fixture, List<Expectation> expectations, Path captureDir)
            throws IOException {
        return test(ruleId, fixture, expectations, captureDir, version(captureDir), captureDir.getFileName().toString());
    }

    /**
     * Same, for capture folders not named after their Go version (e.g. the shared corpus, where the
     * sources and the captures sit in one folder and {@code go-version.txt} tells the version).
     */
    public List<RuleTestResult> test(String ruleId, Path fixture, List<Expectation> expectations, Path captureDir,
                                     GoVersion version, String capture) throws IOException {
        InputReader.Result read = new InputReader().read(List.of(captureDir.toString()), List.of(fixture),
                InputStream.nullInputStream());
        List<String> inputErrors = inputErrors(read.inputs());
        List<Finding> findings = rules.run(read.facts(), params);
        Set<String> fixtureFiles = new TreeSet<>();
        expectationsFiles(fixture, fixtureFiles);
        Set<String> ids = new LinkedHashSet<>();
        ids.add(ruleId);
        expectations.forEach(e -> ids.add(e.rule()));
        List<RuleTestResult> out = new ArrayList<>();
        for (String id : ids) {
            Set<String> want = new TreeSet<>();
            Set<String> todo = new TreeSet<>();
            for (Expectation e : expectations) {
                if (!e.rule().equals(id) || !e.appliesTo(version)) {
                    continue;
                }
                if (e.kind() == Expectation.Kind.WANT) {
                    want.add(e.where());
                } else if (e.kind() == Expectation.Kind.TODO) {
                    todo.add(e.where());
                }
            }
            Set<String> found = new TreeSet<>();
            for (Finding f : findings) {
                if (f.rule().equals(id) && fixtureFiles.contains(f.file())) {
                    found.add(f.file() + ":" + f.line());
                }
            }
            // mismatches name the fixture file as a path the user can open
            List<String> missing = new ArrayList<>(want.stream().filter(w -> !found.contains(w))
                    .map(w -> fixture.resolve(w).toString()).toList());
            for (Expectation e : expectations) {
                if (e.kind() == Expectation.Kind.WANT && e.rule().equals(id) && e.appliesTo(version)
                        && found.contains(e.where()) && (e.message() != null || e.severity() != null)) {
                    List<Finding> at = findings.stream().filter(f -> f.rule().equals(id)
                            && (f.file() + ":" + f.line()).equals(e.where())).toList();
                    boolean ok = at.stream().anyMatch(f -> (e.message() == null || f.message().contains(e.message()))
                            && (e.severity() == null || f.severity().id().equals(e.severity())));
                    if (!ok) {
                        missing.add(fixture.resolve(e.where()) + ": no finding"
                                + (e.message() == null ? "" : " whose message contains \"" + e.message() + "\"")
                                + (e.severity() == null ? "" : " of severity " + e.severity()) + "; found: "
                                + at.stream().map(f -> f.severity().id() + " \"" + f.message() + "\"").toList()
                                + ";");
                    }
                }
            }
            List<String> unexpected = found.stream().filter(f -> !want.contains(f) && !todo.contains(f))
                    .map(f -> fixture.resolve(f).toString()).toList();
            out.add(new RuleTestResult(id, capture, want.size(), found.size(), missing, unexpected,
                    id.equals(ruleId) ? inputErrors : List.of()));
        }
        return out;
    }

    private static void expectationsFiles(Path fixture, Set<String> into) throws IOException {
        try (Stream<Path> s = Files.walk(fixture)) {
            s.filter(p -> p.toString().endsWith(".go"))
                    .forEach(p -> into.add(fixture.relativize(p).toString().replace('\\', '/')));
        }
    }
}
