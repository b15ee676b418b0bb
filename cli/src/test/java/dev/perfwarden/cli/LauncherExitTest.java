package dev.perfwarden.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * attack6 #8 (probe 08): the launcher exec'd java, so a JVM that could not start (ulimit -v below the heap, a tiny
 * -Xmx) ended the run with exit 1, "gate failed", and HotSpot's error went to stdout, into {@code > report.sarif}.
 * The launcher ({@code ./perfwarden}, copied into a folder with a stand-in jar so that it builds nothing) now maps a
 * non-zero exit that perfwarden's main did not report (its status file) to 70, keeps VM messages on stderr, and
 * passes main's own codes and deaths by a signal on unchanged.
 */
class LauncherExitTest {
    record Result(int exit, String out, String err) {
    }

    private static Path launcher(Path dir) throws Exception {
        Path l = dir.resolve("perfwarden");
        if (!Files.exists(l)) {
            Files.copy(Cli.root().resolve("perfwarden"), l);
            Files.createDirectories(dir.resolve("cli/target"));
            // a real jar (so that the VM is created before its main class is looked for) whose main class is missing
            java.util.jar.Manifest m = new java.util.jar.Manifest();
            m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
            m.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "NoSuchMain");
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(dir.resolve("cli/target/perfwarden.jar")), m)) {
                out.flush();
            }
        }
        return l;
    }

    private static Result run(Path dir, String java, String javaOpts, String shell) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", shell + "exec \"$0\" analyze x.txt", launcher(dir).toString());
        pb.environment().put("PERFWARDEN_JAVA", java);
        pb.environment().put("PERFWARDEN_CDS", "0");
        pb.environment().put("TMPDIR", dir.toString());
        if (javaOpts != null) {
            pb.environment().put("PERFWARDEN_JAVA_OPTS", javaOpts);
        }
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String fakeJava(Path dir, String body) throws Exception {
        Path f = dir.resolve("fake-java");
        Files.writeString(f, "#!/usr/bin/env bash\n"
                + "if [ \"$1\" = -version ]; then echo 'openjdk version \"17.0.1\" 2021-10-19' >&2; exit 0; fi\n"
                + "for a in \"$@\"; do case \"$a\" in -Dperfwarden.status=*) status=${a#-Dperfwarden.status=} ;; esac; done\n"
                + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
        return f.toString();
    }

    @Test
    void aJvmThatCannotStartIsSeventyAndItsMessageStaysOffStdout(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the probe's (a): an address-space limit below what the JVM reserves
        Result r = run(dir, java, "-Xmx768m", "ulimit -v 400000; ");
        assertThat(r.exit()).as(r.err()).isEqualTo(70);
        assertThat(r.out()).as("stdout, where a report goes").isEmpty();
        assertThat(r.err()).contains("Error occurred during initialization of VM")
                .contains("perfwarden: internal error: the Java VM (" + java + ") exited 1 before perfwarden ran");
        // the VM starts, but perfwarden's main never runs
        Result bad = run(dir, java, null, "");
        assertThat(bad.exit()).as(bad.err()).isEqualTo(70);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("NoSuchMain");
    }

    @Test
    void mainsOwnCodesAndSignalsPassThrough(@TempDir Path dir) throws Exception {
        for (int code : List.of(0, 1, 2, 3, 70)) {
            Path d = Files.createDirectory(dir.resolve("c" + code));
            Result r = run(d, fakeJava(d, "echo report; printf '" + code + "\\n' > \"$status\"; exit " + code), null, "");
            assertThat(r.exit()).as("main exited %d: %s", code, r.err()).isEqualTo(code);
            assertThat(r.out()).isEqualTo("report\n");
        }
        Path d = Files.createDirectory(dir.resolve("signal"));
        assertThat(run(d, fakeJava(d, "kill -TERM $$"), null, "").exit()).isEqualTo(143);
        d = Files.createDirectory(dir.resolve("nostatus"));
        assertThat(run(d, fakeJava(d, "exit 1"), null, "").exit()).isEqualTo(70);
        // each run's TMPDIR is its own folder under dir: no status file is left in any of them
        try (var s = Files.walk(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("perfwarden-status"))).isEmpty();
        }
    }

    @Test
    void mainWritesItsExitCodeForTheLauncher(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("status");
        Main.status(f.toString(), 1);
        assertThat(Files.readString(f, StandardCharsets.UTF_8)).isEqualTo("1\n");
        Main.status(null, 2); // no launcher: nothing to write
    }
}
