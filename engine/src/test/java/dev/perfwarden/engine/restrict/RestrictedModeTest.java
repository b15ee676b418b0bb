package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestrictedModeTest {
    static final ClassLoader CL = RestrictedModeTest.class.getClassLoader();

    @TempDir
    Path tmp;

    static Path userpack() throws URISyntaxException {
        return Path.of(RestrictedModeTest.class.getResource("/packs/userpack/pack.yaml").toURI()).getParent();
    }

    @Test
    void aPackWithinTheAllowListPassesAndRunsOnRealFacts() throws Exception {
        Pack pack = PackLoader.load(userpack());
        assertThat(RestrictedMode.check(pack, CL)).isEmpty();
        RestrictedMode.enforce(List.of(pack), Trust.RESTRICTED, CL);

        InputReader.Result read = new InputReader().read(List.of("../examples/captured/orders/m2.txt"),
                InputStream.nullInputStream());
        List<Finding> findings = RuleSet.build(List.of(pack), CL).run(read.facts(), Map.of());
        assertThat(findings).extracting(Finding::rule).contains("escape-flow", "inline-reason");
        assertThat(findings).filteredOn(f -> f.rule().equals("escape-flow")).first()
                .satisfies(f -> assertThat(f.message()).contains("moves to the heap after"));
        assertThat(findings).filteredOn(f -> f.rule().equals("inline-reason")).first()
                .satisfies(f -> assertThat(f.message()).startsWith("too complex to inline: "));
    }

    @Test
    void trustFullAndBuiltinPacksSkipTheCheck() throws Exception {
        Path copy = TestPacks.copy(tmp);
        TestPacks.write(copy.resolve("leak-note/rule.drl"), TestPacks.read(copy.resolve("leak-note/rule.drl"))
                .replace("then\n", "then\n    System.out.flush();\n"));
        Pack pack = PackLoader.load(copy);
        // the test pack imports test-only fact classes: outside the fact model, so refused in restricted mode
        List<Problem> problems = RestrictedMode.check(pack, CL);
        assertThat(problems).extracting(Problem::format).anySatisfy(s -> assertThat(s)
                .contains("leak-note/rule.drl:10:5: error: 'System' is not allowed"));
        assertThat(problems).extracting(Problem::format).anySatisfy(s -> assertThat(s)
                .contains("boxed-value/rule.drl:5: error: 'import dev.perfwarden.engine.testfacts.Boxed' is not allowed"));
        assertThatThrownBy(() -> RestrictedMode.enforce(List.of(pack), Trust.RESTRICTED, CL))
                .isInstanceOf(PackException.class);
        RestrictedMode.enforce(List.of(pack), Trust.FULL, CL);
        // an origin that looks built-in is not trusted: only the loader of built-in packs marks a pack built-in
        Pack spoof = new Pack(pack.id(), pack.version(), pack.engineRange(), pack.requires(),
                pack.description(), "classpath:packs/testpack", pack.sha256(), pack.parameters(), pack.rules(),
                pack.sources(), pack.dsl(), pack.files());
        assertThat(spoof.builtin()).isFalse();
        assertThatThrownBy(() -> RestrictedMode.enforce(List.of(spoof), Trust.RESTRICTED, CL))
                .isInstanceOf(PackException.class);
        Pack builtinLike = new Pack(pack.id(), pack.version(), pack.engineRange(), pack.requires(),
                pack.description(), "classpath:packs/testpack", pack.sha256(), pack.parameters(), pack.rules(),
                pack.sources(), pack.dsl(), pack.files(), true);
        assertThat(builtinLike.builtin()).isTrue();
        RestrictedMode.enforce(List.of(builtinLike), Trust.RESTRICTED, CL);
        assertThat(Trust.byId("Full")).contains(Trust.FULL);
        assertThat(Trust.byId("open")).isEmpty();
    }

    @Test
    void aFolderNamedLikeAClasspathPackIsNotBuiltIn() throws Exception {
        Path spoof = tmp.resolve("classpath:packs").resolve("go-perf");
        copyDir(TestPacks.copy(tmp.resolve("src")), spoof);
        // not byte-identical to the class-path test pack (that copy would be trusted by its hash, not its name)
        TestPacks.write(spoof.resolve("pack.yaml"), TestPacks.read(spoof.resolve("pack.yaml")) + "# changed\n");
        Pack pack = PackLoader.load(spoof);
        assertThat(pack.builtin()).isFalse();
        assertThatThrownBy(() -> RestrictedMode.enforce(List.of(pack), Trust.RESTRICTED, CL))
                .isInstanceOf(PackException.class);
    }

    @Test
    void dslrProblemsPointAtTheDslrLine() throws Exception {
        Path copy = tmp.resolve("userpack");
        copyDir(userpack(), copy);
        TestPacks.write(copy.resolve("userpack.dsl"), TestPacks.read(copy.resolve("userpack.dsl"))
                + "[then]log it=System.out.println($i);\n");
        TestPacks.write(copy.resolve("inline-reason/rule.dslr"), TestPacks.read(copy.resolve("inline-reason/rule.dslr"))
                .replace("    report \"too complex to inline\"\n", "    report \"too complex to inline\"\n    log it\n"));
        Pack pack = PackLoader.load(copy);
        assertThat(RestrictedMode.check(pack, CL)).extracting(Problem::format).anySatisfy(s -> assertThat(s)
                .contains("inline-reason/rule.dslr:14: error: 'System' is not allowed"));
    }

    private static void copyDir(Path src, Path dst) throws java.io.IOException {
        try (var walk = java.nio.file.Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(t);
                } else {
                    java.nio.file.Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
