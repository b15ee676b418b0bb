package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.escape.EscapeFact;
import dev.perfwarden.facts.core.Attributable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every pack under {@code src/test/resources/malicious/} tries one way out of restricted mode. Each must be
 * refused with a problem naming its file and line, nothing may happen (the marker file its payload would
 * create does not exist), and, where the payload is safe to run here, the same pack run fully trusted does
 * create the marker: the refusal, not a broken payload, is what stopped it.
 */
class MaliciousPacksTest {
    @TempDir
    Path tmp;

    /** The malicious pack folders (as copied to target/test-classes). */
    static List<Path> cases() {
        try {
            Path root = Path.of(MaliciousPacksTest.class.getResource("/malicious/README.md").toURI()).getParent();
            try (Stream<Path> s = Files.list(root)) {
                return s.filter(Files::isDirectory).sorted().toList();
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code expected.txt}: file, line, message, control. */
    static Map<String, String> expected(Path caseDir) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String l : Files.readAllLines(caseDir.resolve("expected.txt"))) {
                int c = l.indexOf(':');
                if (c > 0) {
                    m.put(l.substring(0, c).strip(), l.substring(c + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** A copy of the pack with {@code @MARKER@} replaced by {@code marker}. */
    static Path instantiate(Path caseDir, Path dst, Path marker) {
        try (Stream<Path> walk = Files.walk(caseDir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = dst.resolve(caseDir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.getFileName().toString().equals("expected.txt")) {
                    String text = Files.readString(p, StandardCharsets.UTF_8);
                    Files.writeString(t, text.replace("@MARKER@", marker.toAbsolutePath().toString()),
                            StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dst;
    }

    static EscapeFact escape() {
        return EscapeFact.of(EscapeFact.KIND_MOVED_TO_HEAP, "x", "", -1, false, List.of(), List.of(), "main",
                "main.f", "main.f", "main.go", 5, 6, Attributable.BY_COMPILER,
                new Evidence("escape-text", "./main.go:5:6: moved to heap: x", InputPos.line("m.txt", 1)));
    }

    /** The README's table is the catalogue a reviewer reads: one row per case folder, no row without a folder. */
    @Test
    void theReadmeListsEveryCaseAndNoOther() throws Exception {
        Path readme = Path.of(MaliciousPacksTest.class.getResource("/malicious/README.md").toURI());
        List<String> rows = Files.readAllLines(readme).stream().filter(l -> l.startsWith("| `"))
                .map(l -> l.substring(3, l.indexOf('`', 3))).sorted().toList();
        List<String> folders = cases().stream().map(d -> d.getFileName().toString()).toList();
        assertThat(rows).as("rows of malicious/README.md").containsExactlyElementsOf(folders);
    }

    @TestFactory
    Stream<DynamicTest> everyEscapeRouteIsRefusedAndNothingHappens() {
        List<Path> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Map<String, String> want = expected(dir);
            Path work = tmp.resolve(dir.getFileName().toString());
            Path marker = work.resolve("marker");
            Path packDir = instantiate(dir, work.resolve("pack"), marker);

            String where = want.get("file") + ":" + want.get("line");
            if (want.get("stage").equals("loader")) {
                // Drools' parser refuses the text already; the loader reports it with file:line
                assertThatThrownBy(() -> PackLoader.load(packDir)).isInstanceOf(PackException.class)
                        .hasMessageContaining(packDir + "/" + where).hasMessageContaining(want.get("message"));
                assertThat(marker).doesNotExist();
                return;
            }
            Pack pack = PackLoader.load(packDir);
            List<Problem> problems = RestrictedMode.check(pack);
            assertThat(problems).as("problems of %s", dir.getFileName())
                    .anySatisfy(p -> {
                        assertThat(p.file() + ":" + p.line()).isEqualTo(where);
                        assertThat(p.message()).contains(want.get("message")).contains("restricted mode");
                    });
            assertThatThrownBy(() -> RestrictedMode.enforce(List.of(pack), Trust.RESTRICTED,
                    MaliciousPacksTest.class.getClassLoader()))
                    .isInstanceOf(PackException.class)
                    .hasMessageContaining(packDir + "/" + where);
            assertThat(marker).as("nothing may have happened").doesNotExist();

            if (want.get("control").equals("yes")) {
                // fully trusted, the same pack does what it says: the check is what stopped it
                RestrictedMode.enforce(List.of(pack), Trust.FULL, MaliciousPacksTest.class.getClassLoader());
                runTrusted(pack, false, marker);
                if (!Files.exists(marker)) {
                    // the executable model (what a run builds) left query-named-object's MVEL.eval inert: the classic
                    // build, which runs a pack that does not compile to the model, runs it
                    runTrusted(pack, true, marker);
                }
                assertThat(marker).as("the payload of %s works when fully trusted", dir.getFileName()).exists();
            }
        }));
    }

    private static void runTrusted(Pack pack, boolean classic, Path marker) throws InterruptedException {
        try {
            ClassLoader cl = MaliciousPacksTest.class.getClassLoader();
            RuleSet rules = classic ? RuleSet.buildClassic(List.of(pack), cl) : RuleSet.build(List.of(pack), cl);
            rules.run(List.of(escape()), Map.of());
        } catch (PackException | RuntimeException e) {
            // a payload may also break the run; what counts is whether it got out
        }
        for (int i = 0; i < 50 && !Files.exists(marker); i++) {
            Thread.sleep(100);
        }
    }
}
