package dev.perfwarden.rules;

import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.ruletest.Annotations;
import dev.perfwarden.engine.ruletest.Expectation;
import dev.perfwarden.facts.core.InputKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks on the rule catalogue itself, per rule folder of go-perf that has a rule source (error-prone's
 * BugPatternNaming plus semgrep's metalinter):
 * <ul>
 *   <li>the folder name is the rule name (one rule per folder);</li>
 *   <li>the metadata is complete: {@code @severity}, {@code @summary}, {@code @tags}, {@code @inputs} and an
 *       explicit {@code @scope};</li>
 *   <li>every {@code @inputs} kind is an input perfwarden reads;</li>
 *   <li>{@code doc.md} is not empty and has an {@code ## Evidence} section that quotes at least one line
 *       that really occurs in a capture (the rule's own captures, the shared corpus, or the extra fixtures
 *       under {@code src/test/resources/extra-fixtures});</li>
 *   <li>the fixture has at least one {@code // want} and one {@code // ok} (or {@code // todo}) for the rule,
 *       and every rule id named in a fixture annotation is a folder of the pack.</li>
 * </ul>
 */
class PackLintTest {
    private static final int MIN_QUOTED = 16;

    @Test
    void packLoads() {
        try {
            Pack p = PackLoader.load(GoPerfPack.packDir());
            assertThat(p.id()).isEqualTo("go-perf");
        } catch (PackException e) {
            throw new AssertionError("go-perf does not load:\n"
                    + e.problems().stream().map(Problem::format).collect(Collectors.joining("\n")));
        }
    }

    @TestFactory
    List<DynamicNode> rules() throws PackException {
        Pack pack = PackLoader.load(GoPerfPack.packDir());
        Map<String, RuleInfo> infos = pack.rules().stream().collect(Collectors.toMap(RuleInfo::id, Function.identity()));
        Set<String> folders = new TreeSet<>();
        GoPerfPack.ruleDirs().forEach(d -> folders.add(d.getFileName().toString()));
        List<DynamicNode> out = new ArrayList<>();
        for (Path dir : GoPerfPack.ruleDirs()) {
            String id = dir.getFileName().toString();
            Optional<Path> source = GoPerfPack.ruleSource(dir);
            if (source.isEmpty()) {
                out.add(DynamicTest.dynamicTest(id + ": no rule source yet",
                        () -> Assumptions.abort(id + " has a fixture but no rule source yet")));
                continue;
            }
            RuleInfo info = infos.get(id);
            out.add(DynamicTest.dynamicTest(id + ": folder name is the rule name", () ->
                    assertThat(info).as("rule named %s defined in %s", id, source.get()).isNotNull()));
            if (info == null) {
                continue;
            }
            out.add(DynamicTest.dynamicTest(id + ": metadata", () -> {
                String text = Files.readString(source.get());
                assertThat(info.summary()).as("@summary").isNotBlank();
                assertThat(info.tags()).as("@tags").isNotEmpty();
                assertThat(info.inputs()).as("@inputs").isNotEmpty();
                assertThat(text).as("explicit @scope in %s", source.get())
                        .containsPattern("@scope\\s*\\(|(?m)^\\s*scope\\s*:");
                assertThat(info.severity()).as("@severity").isNotNull();
            }));
            out.add(DynamicTest.dynamicTest(id + ": @inputs are known input kinds", () ->
                    assertThat(info.inputs()).allSatisfy(in ->
                            assertThat(InputKind.byId(in)).as("input kind '%s'", in).isPresent())));
            out.add(DynamicTest.dynamicTest(id + ": doc.md with an Evidence section quoting a real line", () ->
                    checkDoc(dir)));
            out.add(DynamicTest.dynamicTest(id + ": fixture has want and ok annotations", () -> {
                List<Expectation> ex = Annotations.read(dir.resolve("fixture"));
                assertThat(ex).as("// want \"%s\" in the fixture", id)
                        .anyMatch(e -> e.rule().equals(id) && e.kind() == Expectation.Kind.WANT);
                assertThat(ex).as("// ok \"%s\" (a near miss) in the fixture", id)
                        .anyMatch(e -> e.rule().equals(id) && e.kind() != Expectation.Kind.WANT);
                assertThat(ex).as("annotations name rule folders of the pack").allSatisfy(e ->
                        assertThat(folders).as("%s: rule '%s'", e.where(), e.rule()).contains(e.rule()));
            }));
        }
        return out;
    }

    private static void checkDoc(Path dir) throws IOException {
        Path doc = dir.resolve("doc.md");
        assertThat(doc).as("doc.md").isRegularFile();
        List<String> lines = Files.readAllLines(doc);
        assertThat(String.join("\n", lines)).as("doc.md").isNotBlank();
        List<String> evidence = section(lines, "## Evidence");
        assertThat(evidence).as("%s: a '## Evidence' section", doc).isNotEmpty();
        Set<String> real = captureLines(dir);
        List<String> quoted = evidence.stream().map(PackLintTest::norm).filter(l -> l.length() >= MIN_QUOTED)
                .filter(l -> real.stream().anyMatch(l::contains)).toList();
        assertThat(quoted).as("%s: the Evidence section quotes at least one line found verbatim in a capture"
                + " (captures/, testdata/corpus/, extra-fixtures/)", doc).isNotEmpty();
    }

    /** The lines under a heading (starting with {@code heading}) up to the next heading of that level or higher. */
    static List<String> section(List<String> lines, String heading) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (l.startsWith("#")) {
                if (in && (l.startsWith("## ") || l.startsWith("# "))) {
                    break;
                }
                if (l.startsWith(heading)) {
                    in = true;
                    continue;
                }
            }
            if (in) {
                out.add(l);
            }
        }
        return out;
    }

    /** Normalised text lines (whitespace runs collapsed) of every text capture a doc may quote. */
    private static Set<String> captureLines(Path ruleDir) throws IOException {
        List<Path> roots = new ArrayList<>();
        roots.add(ruleDir.resolve("captures"));
        roots.add(GoPerfPack.root().resolve("testdata/corpus"));
        roots.add(GoPerfPack.root().resolve("rules/src/test/resources/extra-fixtures"));
        Set<String> out = new HashSet<>();
        for (Path r : roots) {
            if (!Files.isDirectory(r)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(r)) {
                for (Path f : s.filter(Files::isRegularFile).filter(PackLintTest::textCapture).toList()) {
                    try {
                        for (String l : Files.readAllLines(f)) {
                            String n = norm(l);
                            if (n.length() >= MIN_QUOTED) {
                                out.add(n);
                            }
                        }
                    } catch (MalformedInputException e) {
                        // not UTF-8 text: not quotable
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return out;
    }

    private static boolean textCapture(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(".txt") || n.endsWith(".json");
    }

    private static String norm(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
