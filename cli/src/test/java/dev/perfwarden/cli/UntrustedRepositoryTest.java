package dev.perfwarden.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a repository (its project file, its packs' fixtures) may make perfwarden do to the machine of whoever runs it
 * (attack2's report, session 11): write files outside the repository, apply a project file anyone could have put in
 * {@code /tmp}, run a third-party pack's Go code. Each attack leaves its target untouched and exits 2 with the file.
 */
class UntrustedRepositoryTest {
    @TempDir
    Path tmp;

    private Path project(String yaml) throws Exception {
        Path proj = tmp.resolve("repo");
        PinnedPacksCliTest.copyTree(PinnedPacksCliTest.USERPACK, proj.resolve("tools/userpack"), Map.of());
        Files.writeString(proj.resolve(".perfwarden.yaml"), "packs:\n  - path: tools/userpack\n" + yaml);
        return proj;
    }

    /** attack2 probe 15: {@code lock:} and {@code baseline:} outside the project folder would be overwritten. */
    @Test
    void aProjectFileCannotAimLockOrBaselineOutsideItsFolder() throws Exception {
        Path victim = tmp.resolve("victim.rc");
        Files.writeString(victim, "echo safe\n");
        for (String yaml : new String[] {"lock: " + victim + "\n", "lock: ../victim.rc\n", "baseline: ../victim.rc\n"}) {
            Path proj = project(yaml);
            String config = proj.resolve(".perfwarden.yaml").toString();
            Cli.Run lock = Cli.run("packs", "lock", "--config", config);
            assertThat(lock.exit()).as(yaml + lock.out() + lock.err()).isEqualTo(2);
            assertThat(lock.err()).contains(config + ":3:").contains("must be a file inside the project folder ("
                    + proj + "): perfwarden writes it");
            assertThat(Files.readString(victim)).isEqualTo("echo safe\n");
            AttackSuiteCliTest.deleteTree(proj);
        }
    }

    /** A committed symbolic link {@code perfwarden.lock -> ~/.bashrc} next to the project file is not written through. */
    @Test
    void theLockIsNotWrittenThroughASymbolicLinkOutOfTheProject() throws Exception {
        Path victim = tmp.resolve("victim.rc");
        Files.writeString(victim, "echo safe\n");
        Path proj = project("");
        Files.createSymbolicLink(proj.resolve("perfwarden.lock"), victim);
        Cli.Run lock = Cli.run("packs", "lock", "--config", proj.resolve(".perfwarden.yaml").toString());
        assertThat(lock.exit()).as(lock.out() + lock.err()).isEqualTo(2);
        assertThat(lock.err()).contains("lock " + proj.resolve("perfwarden.lock") + " is not a file inside the project"
                + " folder " + proj + " (it is a symbolic link)");
        assertThat(Files.readString(victim)).isEqualTo("echo safe\n");
        // a lock inside the project is written as before
        Files.delete(proj.resolve("perfwarden.lock"));
        Cli.Run ok = Cli.run("packs", "lock", "--config", proj.resolve(".perfwarden.yaml").toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(proj.resolve("perfwarden.lock")).isRegularFile();
    }

    /**
     * attack3 probe 01: a committed link to a folder ({@code out -> ~}) above the named file: {@code lock:
     * out/new/perfwarden.lock} made folders and a file outside the project, and {@code baseline: out/passwd} read
     * whatever it led to. Neither is followed, for writing or reading.
     */
    @Test
    void noLinkedFolderAboveTheLockOrBaselineLeadsOutOfTheProject() throws Exception {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("passwd"), "root:x:0:0\n");
        Path proj = project("lock: out/newdir/perfwarden.lock\nbaseline: out/passwd\n");
        Files.createSymbolicLink(proj.resolve("out"), outside);
        String config = proj.resolve(".perfwarden.yaml").toString();
        Cli.Run lock = Cli.run("packs", "lock", "--config", config);
        assertThat(lock.exit()).as(lock.out() + lock.err()).isEqualTo(2);
        assertThat(lock.err()).contains("lock " + proj.resolve("out/newdir/perfwarden.lock") + " is not a file inside"
                + " the project folder " + proj + " (it leads to " + outside.toRealPath().resolve("newdir/perfwarden.lock")
                + ")");
        assertThat(outside.resolve("newdir")).doesNotExist();
        // the lock is refused first when both are named; with the baseline alone, writing and reading it are refused
        Files.writeString(proj.resolve(".perfwarden.yaml"), "packs:\n  - path: tools/userpack\nbaseline: out/passwd\n");
        Cli.Run create = Cli.run("baseline", "create", PinnedPacksCliTest.ORDERS_M2.toString(), "--config", config);
        assertThat(create.exit()).as(create.out() + create.err()).isEqualTo(2);
        assertThat(create.err()).contains("baseline " + proj.resolve("out/passwd") + " is not a file inside the project");
        Cli.Run read = Cli.run("analyze", PinnedPacksCliTest.ORDERS_M2.toString(), "--config", config);
        assertThat(read.exit()).as(read.out() + read.err()).isEqualTo(2);
        assertThat(read.err()).contains("baseline " + proj.resolve("out/passwd") + " is not a file inside the project");
        assertThat(Files.readString(outside.resolve("passwd"))).isEqualTo("root:x:0:0\n");
    }

    /** attack2 hole 9: a {@code .perfwarden.yaml} in a folder every user may write to ({@code /tmp}) is not applied. */
    @Test
    void aProjectFileInAFolderEveryoneMayWriteToIsRefused() throws Exception {
        Path shared = tmp.resolve("shared");
        Path capture = shared.resolve("mine/capture");
        Files.createDirectories(capture);
        Files.copy(PinnedPacksCliTest.ORDERS_M2, capture.resolve("m2.txt"));
        Files.writeString(shared.resolve(".perfwarden.yaml"), "failOn: note\n");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Cli.Run r = Cli.run("analyze", capture.resolve("m2.txt").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(shared.resolve(".perfwarden.yaml") + ": error: not applied: every user may write to "
                + shared);
        // the same file in a folder only its owner writes is the project's, as before (failOn: note fails the gate)
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Cli.Run applied = Cli.run("analyze", capture.resolve("m2.txt").toString());
        assertThat(applied.exit()).as(applied.err()).isEqualTo(1);
    }

    /** attack2 probe 17: {@code test --regen} of a pack that is not trusted would run its fixture's test code. */
    @Test
    void regenOfAnUntrustedPacksFixtureWithTestsIsRefused() throws Exception {
        Path pack = tmp.resolve("pack");
        PinnedPacksCliTest.copyTree(PinnedPacksCliTest.USERPACK, pack, Map.of());
        Path fixture = pack.resolve("escape-flow/fixture");
        Files.createDirectories(fixture);
        Path marker = tmp.resolve("marker");
        Files.writeString(fixture.resolve("go.mod"), "module example.com/fixture\n\ngo 1.22\n");
        Files.writeString(fixture.resolve("main.go"), "package main\n\nfunc main() {}\n");
        Files.writeString(fixture.resolve("main_test.go"), "package main\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\n"
                + "func BenchmarkX(b *testing.B) { os.WriteFile(\"" + marker + "\", nil, 0o644) }\n");
        Cli.Run r = Cli.run("test", pack.toString(), "--regen", "--rule", "escape-flow");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(fixture.resolve("main_test.go") + ": --regen would run this test file's code")
                .contains("pass --trust=full if you have reviewed it");
        assertThat(marker).doesNotExist();
        assertThat(pack.resolve("escape-flow/captures")).doesNotExist();
    }
}
