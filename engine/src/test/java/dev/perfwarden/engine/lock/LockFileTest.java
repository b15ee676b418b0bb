package dev.perfwarden.engine.lock;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.project.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockFileTest {
    @TempDir
    Path tmp;

    @Test
    void writesAndReadsYamlAndJsonWithPerFileHashes() throws Exception {
        Path packDir = TestPacks.copy(tmp.resolve("packs"));
        Pack pack = PackLoader.load(packDir);
        LockFile lock = LockFile.of(List.of(pack), tmp);
        assertThat(lock.packs()).singleElement().satisfies(l -> {
            assertThat(l.id()).isEqualTo("testpack");
            assertThat(l.version()).isEqualTo("1.2.3");
            assertThat(l.origin()).isEqualTo("packs/testpack");
            assertThat(l.sha256()).isEqualTo(pack.sha256());
            assertThat(l.files()).containsOnlyKeys("pack.yaml", "testpack.dsl", "boxed-value/rule.drl",
                    "boxed-value/doc.md", "leak-note/rule.drl", "leak-note/doc.md", "slow-call/rule.dslr",
                    "slow-call/doc.md");
        });
        for (String name : List.of("perfwarden.lock", "perfwarden.lock.json")) {
            Path f = tmp.resolve(name);
            lock.write(f);
            LockFile back = LockFile.read(f);
            assertThat(back.packs()).isEqualTo(lock.packs());
            assertThat(back.check(List.of(pack), f)).isEmpty();
        }
        assertThat(Files.readString(tmp.resolve("perfwarden.lock"))).startsWith("# perfwarden.lock")
                .contains("lockVersion: 1\n").contains("\n      \"boxed-value/rule.drl\": \"");
        assertThat(Files.readString(tmp.resolve("perfwarden.lock.json"))).startsWith("{\n  \"lockVersion\": 1,");
    }

    @Test
    void aTamperedPackIsRefusedNamingTheChangedFile() throws Exception {
        Path packDir = TestPacks.copy(tmp.resolve("packs"));
        Path lockFile = tmp.resolve("perfwarden.lock");
        LockFile.of(List.of(PackLoader.load(packDir)), tmp).write(lockFile);
        LockFile lock = LockFile.read(lockFile);

        Path rule = packDir.resolve("leak-note/rule.drl");
        TestPacks.write(rule, TestPacks.read(rule).replace("leaking param: ", "leaking parameter: "));
        TestPacks.write(packDir.resolve("leak-note/extra.md"), "not read by the loader, so not locked");
        Pack tampered = PackLoader.load(packDir);
        List<Problem> problems = lock.check(List.of(tampered), lockFile);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.pack()).isEqualTo("testpack");
            assertThat(p.file()).isEqualTo("leak-note/rule.drl");
            assertThat(p.format()).startsWith(packDir + "/leak-note/rule.drl: error: changed since " + lockFile
                    + " approved testpack@1.2.3 (sha256 ");
        });
        assertThatThrownBy(() -> lock.enforce(List.of(tampered), lockFile)).isInstanceOf(PackException.class)
                .hasMessageContaining("leak-note/rule.drl");

        Files.delete(packDir.resolve("slow-call/rule.dslr"));
        Files.delete(packDir.resolve("slow-call/doc.md"));
        Files.delete(packDir.resolve("slow-call"));
        TestPacks.write(packDir.resolve("leak-note/rule.drl"), TestPacks.read(rule).replace("leaking parameter: ", "leaking param: "));
        assertThat(lock.check(List.of(PackLoader.load(packDir)), lockFile)).extracting(Problem::file, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("slow-call/doc.md", "removed since " + lockFile
                                + " approved testpack@1.2.3; the pack's content changed"),
                        org.assertj.core.groups.Tuple.tuple("slow-call/rule.dslr", "removed since " + lockFile
                                + " approved testpack@1.2.3; the pack's content changed"));
    }

    @Test
    void otherVersionsAndUnlockedPacksAreRefused() throws Exception {
        Path packDir = TestPacks.copy(tmp.resolve("packs"));
        Pack pack = PackLoader.load(packDir);
        LockFile empty = new LockFile("0.1.0", List.of());
        assertThat(empty.check(List.of(pack), tmp.resolve("perfwarden.lock"))).extracting(Problem::message)
                .containsExactly("pack testpack@1.2.3 is not in " + tmp.resolve("perfwarden.lock")
                        + "; review it, then run 'perfwarden packs lock' to approve it");
        Path yaml = packDir.resolve("pack.yaml");
        LockFile lock = LockFile.of(List.of(pack), tmp);
        TestPacks.write(yaml, TestPacks.read(yaml).replace("version: 1.2.3", "version: 1.2.4"));
        assertThat(lock.check(List.of(PackLoader.load(packDir)), null)).extracting(Problem::message)
                .contains("pack testpack is version 1.2.4, but the lock file approved 1.2.3");
        assertThat(lock.unused(List.of())).hasSize(1);
    }

    @Test
    void badLockFilesAreErrorsWithTheirLine() {
        String text = """
                lockVersion: 1
                perfwarden: "0.1.0"
                packs:
                  - id: testpack
                    version: "1.2.3"
                    origin: builtin
                    sha256: "nothex"
                    files: {}
                    extra: 1
                """;
        assertThatThrownBy(() -> LockFile.parse(text, "perfwarden.lock")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("perfwarden.lock:7:13: error: sha256: expected 64 lower-case hex digits")
                .hasMessageContaining("perfwarden.lock:9:5: error: unknown key 'extra' in packs[0]");
        assertThatThrownBy(() -> LockFile.parse("lockVersion: 2\npacks: []\n", "x.lock"))
                .hasMessage("x.lock:1:14: error: lockVersion: expected 1, got the number '2'");
    }
}
