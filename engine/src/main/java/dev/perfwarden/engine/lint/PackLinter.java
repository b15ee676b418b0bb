package dev.perfwarden.engine.lint;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.ruletest.Annotations;
import dev.perfwarden.engine.ruletest.FixtureException;
import dev.perfwarden.engine.ruletest.Expectation;
import dev.perfwarden.engine.ruletest.GoVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a rule pack folder without running it ({@code perfwarden rules lint}): it must load (pack.yaml,
 * ids, metadata, doc.md, every rule source through its front-end) and compile (with the built-in packs
 * it requires), and each rule needs a fixture that exercises it. Everything is reported as
 * {@code file:line: error|warning: message}, compiler style.
 *
 * <p>Errors: the pack does not load or compile; a rule has no {@code <id>/fixture/}, or its fixture has
 * no {@code // want "<id>"}; an annotation is malformed or names a rule that no loaded pack defines.
 * Warnings: no {@code // ok "<id>"} near miss, no {@code captures/go<version>/} (so {@code perfwarden
 * test} cannot run the rule), no {@code go.mod} in the fixture, a doc.md whose first paragraph is not
 * prose (SARIF shows it as the rule's description), no {@code @inputs}.
 */
public final class PackLinter {
    /** How bad an issue is. */
    public enum Level { ERROR, WARNING }

    /**
     * One issue.
     *
     * @param level   error or warning
     * @param path    the file, as the pack folder was given plus the path inside it
     * @param line    1-based; 0 when the issue is about the whole file
     * @param column  1-based; 0 when unknown
     * @param message what is wrong and what was expected
     */
    public record Issue(Level level, String path, int line, int column, String message) {
        public Issue {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }

        /** {@code path:line:col: error: message}, compiler style. */
        public String format() {
            StringBuilder sb = new StringBuilder(path);
            if (line > 0) {
                sb.append(':').append(line);
                if (column > 0) {
                    sb.append(':').append(column);
                }
            }
            return sb.append(": ").append(level == Level.ERROR ? "error" : "warning").append(": ")
                    .append(message.strip().replace("\n", "\n    ")).toString();
        }
    }

    /** The result: issues sorted by path and line, and the pack if it loaded. */
    public record Report(List<Issue> issues, Pack pack) {
        public Report {
            issues = List.copyOf(issues);
        }

        public long errors() {
            return issues.stream().filter(i -> i.level() == Level.ERROR).count();
        }

        public long warnings() {
            return issues.size() - errors();
        }
    }

    private final Path dir;
    private final ClassLoader classLoader;
    private dev.perfwarden.engine.restrict.Trust trust = dev.perfwarden.engine.restrict.Trust.RESTRICTED;
    private final List<Issue> issues = new ArrayList<>();

    private PackLinter(Path dir, ClassLoader classLoader) {
        this.dir = dir;
        this.classLoader = classLoader;
    }

    /** Lints the pack in {@code dir}; required packs are looked up among the built-in ones of {@code classLoader}. */
    public static Report lint(Path dir, ClassLoader classLoader) {
        return lint(dir, classLoader, dev.perfwarden.engine.restrict.Trust.RESTRICTED);
    }

    /** Lints with the given trust: restricted (the default) refuses untrusted code before compiling. */
    public static Report lint(Path dir, ClassLoader classLoader, dev.perfwarden.engine.restrict.Trust trust) {
        PackLinter l = new PackLinter(dir, classLoader);
        l.trust = trust;
        return l.run();
    }

    private Report run() {
        Pack pack;
        try {
            pack = PackLoader.load(dir);
        } catch (PackException e) {
            e.problems().forEach(this::problem);
            return report(null);
        }
        List<Pack> set = new ArrayList<>(List.of(pack));
        for (String req : pack.requires().keySet()) {
            try {
                set.add(PackLoader.loadBuiltin(classLoader, req));
            } catch (PackException e) {
                // not built in: RuleSet reports the missing requirement at pack.yaml
            }
        }
        try {
            // compiling evaluates rule metadata (MVEL): refuse untrusted code before Drools sees it
            dev.perfwarden.engine.restrict.RestrictedMode.enforce(List.of(pack), trust, classLoader);
        } catch (PackException e) {
            e.problems().forEach(this::problem);
            return report(pack); // loaded, so named by its id, though refused
        }
        Set<String> knownIds = new LinkedHashSet<>();
        set.forEach(p -> p.rules().forEach(r -> knownIds.add(r.id())));
        try {
            RuleSet.build(set, classLoader);
        } catch (PackException e) {
            e.problems().stream().filter(p -> p.pack().equals(pack.id())).forEach(this::problem);
            e.problems().stream().filter(p -> !p.pack().equals(pack.id()))
                    .forEach(p -> issue(Level.ERROR, "pack.yaml", 0, 0, "required pack: " + p.format()));
        }
        for (RuleInfo r : pack.rules()) {
            rule(r, knownIds);
        }
        return report(pack);
    }

    private void rule(RuleInfo r, Set<String> knownIds) {
        String id = r.id();
        if (r.inputs().isEmpty()) {
            issue(Level.WARNING, r.file(), r.line(), 0, "rule " + id + " does not say which inputs it reads"
                    + " (@inputs(\"escape-text, ...\") in DRL/DSLR, inputs: [...] in YAML)");
        }
        docParagraph(r);
        Path ruleDir = dir.resolve(id);
        Path fixture = ruleDir.resolve("fixture");
        if (!Files.isDirectory(fixture)) {
            issue(Level.ERROR, id + "/fixture/", 0, 0, "rule " + id + " has no fixture: add " + id
                    + "/fixture/ with a Go program that has // want \"" + id + "\" on each line the rule must"
                    + " find and // ok \"" + id + "\" on near misses");
            return;
        }
        if (!Files.isRegularFile(fixture.resolve("go.mod"))) {
            issue(Level.WARNING, id + "/fixture/go.mod", 0, 0, "the fixture has no go.mod, so perfwarden test"
                    + " --regen cannot build it (module example.com/fixture/" + id + ", go 1.22)");
        }
        List<Expectation> ex;
        try {
            ex = Annotations.read(fixture);
        } catch (FixtureException e) {
            issue(Level.ERROR, id + "/fixture/" + (e.file().equals(".") ? "" : e.file()), e.line(), 0, e.detail());
            return;
        } catch (IOException e) {
            issue(Level.ERROR, id + "/fixture/", 0, 0, "cannot read the fixture: " + e.getMessage());
            return;
        }
        for (Expectation e : ex) {
            if (!knownIds.contains(e.rule())) {
                issue(Level.ERROR, id + "/fixture/" + e.file(), e.line(), 0, "// " + e.kind().name().toLowerCase()
                        + " names rule \"" + e.rule() + "\", which no loaded pack defines (rules: "
                        + String.join(", ", knownIds) + ")");
            }
        }
        if (ex.stream().noneMatch(e -> e.rule().equals(id) && e.kind() == Expectation.Kind.WANT)) {
            issue(Level.ERROR, id + "/fixture/", 0, 0, "the fixture has no // want \"" + id + "\": mark each"
                    + " line the rule must find");
        }
        if (ex.stream().noneMatch(e -> e.rule().equals(id) && e.kind() == Expectation.Kind.OK)) {
            issue(Level.WARNING, id + "/fixture/", 0, 0, "the fixture has no // ok \"" + id + "\": add a near"
                    + " miss the rule must not find");
        }
        if (!hasCapture(ruleDir.resolve("captures"))) {
            issue(Level.WARNING, id + "/captures/", 0, 0, "no captures/go<version>/ folder, so perfwarden test"
                    + " cannot run " + id + "; make one with: perfwarden test --regen " + dir);
        }
    }

    private void docParagraph(RuleInfo r) {
        String doc = r.doc();
        if (doc == null || doc.isBlank()) {
            return; // the loader refuses a missing or empty doc.md
        }
        String first = "";
        for (String para : doc.strip().split("\n\\s*\n")) {
            String p = para.strip();
            if (!p.startsWith("#") && !p.startsWith("```") && !p.startsWith("|") && !p.startsWith("<!--")) {
                first = p;
                break;
            }
        }
        if (first.isEmpty()) {
            String file = Files.exists(dir.resolve(r.id()).resolve("doc.md")) ? r.id() + "/doc.md" : r.file();
            issue(Level.WARNING, file, 1, 0, "the doc has no paragraph of prose (headings, code and tables only);"
                    + " its first paragraph becomes the rule's description in SARIF");
        }
    }

    private static boolean hasCapture(Path captures) {
        if (!Files.isDirectory(captures)) {
            return false;
        }
        try (Stream<Path> s = Files.list(captures)) {
            return s.anyMatch(d -> Files.isDirectory(d) && GoVersion.parse(d.getFileName().toString()).isPresent());
        } catch (IOException e) {
            return false;
        }
    }

    private void problem(Problem p) {
        issue(Level.ERROR, p.file(), p.line(), p.column(), p.message());
    }

    private void issue(Level level, String file, int line, int col, String message) {
        String path = file.isEmpty() ? dir.toString() : dir.resolve(file).toString() + (file.endsWith("/") ? "/" : "");
        issues.add(new Issue(level, path, line, col, message));
    }

    private Report report(Pack pack) {
        List<Issue> sorted = new ArrayList<>(issues);
        sorted.sort(Comparator.comparing(Issue::path).thenComparingInt(Issue::line).thenComparing(Issue::level));
        return new Report(sorted, pack);
    }
}
