package dev.perfwarden.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * attack5 probe 01: a capture folder comes from the repository under analysis, and its positions and
 * {@code capture.json} decided which file the HTML report's panels showed: {@code "source": "/proc/self"} with a
 * position in {@code environ} embedded the process environment, {@code "source"} any folder with a position in
 * {@code .ssh/id_rsa} that file, and a committed link {@code src/report.go -> /outside} the file outside. The panels
 * show only {@code .go} files whose real path lies inside a Go module folder the capture names.
 */
class HostileCaptureSourceTest {
    static final Path ORDERS = Cli.root().resolve("examples/orders");
    static final Path M2 = Cli.root().resolve("examples/captured/orders/m2.txt");

    @TempDir
    Path tmp;

    /** orders' m2.txt with {@code report.go} renamed to {@code name} (the findings at report.go:41 and 43 follow). */
    private Path capture(String dir, String name, String source) throws Exception {
        Path cap = Files.createDirectories(tmp.resolve(dir));
        String m2 = Files.readString(M2).replace("./report.go:", "./" + name + ":").replace(" report.go:", " " + name + ":")
                .replace("(report.go:", "(" + name + ":");
        Files.writeString(cap.resolve("m2.txt"), m2);
        Files.writeString(cap.resolve("capture.json"), "{\"source\": \"" + source + "\"}\n");
        return cap;
    }

    private String html(Path cap) throws Exception {
        Path out = tmp.resolve(cap.getFileName() + ".html");
        Cli.Run r = Cli.run("analyze", "--no-config", cap.toString(), "--format", "html", "-o", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return Files.readString(out);
    }

    @Test
    void aCaptureJsonNamingProcSelfShowsNotTheEnvironment() throws Exception {
        String page = html(capture("env", "environ", "/proc/self"));
        assertThat(page).doesNotContain("PATH=").doesNotContain("HOME=");
    }

    @Test
    void aPositionInAFileThatIsNoGoSourceIsNotShown() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("out/.ssh"));
        Files.writeString(outside.resolve("id_rsa"), "PRIVATE-KEY-CANARY\n".repeat(120));
        Files.writeString(tmp.resolve("out/go.mod"), "module example.com/x\n\ngo 1.22\n");
        String page = html(capture("file", ".ssh/id_rsa", tmp.resolve("out").toString()));
        assertThat(page).doesNotContain("PRIVATE-KEY-CANARY");
    }

    @Test
    void aCommittedLinkToAFileOutsideTheModuleIsNotFollowed() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("link/src"));
        try (var files = Files.list(ORDERS)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, src.resolve(f.getFileName()));
            }
        }
        Path outside = tmp.resolve("outside.go");
        Files.writeString(outside, "// OUTSIDE-CANARY\n".repeat(120));
        Files.delete(src.resolve("report.go"));
        Files.createSymbolicLink(src.resolve("report.go"), outside);
        Path cap = Files.createDirectories(tmp.resolve("link/cap"));
        Files.copy(M2, cap.resolve("m2.txt"));
        Files.writeString(cap.resolve("capture.json"), "{\"source\": \"../src\"}\n");
        assertThat(html(cap)).doesNotContain("OUTSIDE-CANARY");
    }

    /** A copy of the orders module at {@code dir}, each line of its .go files followed by a {@code // CANARY} comment. */
    private static Path copyOfOrders(Path dir, String canary) throws Exception {
        Files.createDirectories(dir);
        try (var files = Files.list(ORDERS)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                Files.writeString(dir.resolve(f.getFileName()), f.toString().endsWith(".go")
                        ? text.replace("\n", " // " + canary + "\n") : text);
            }
        }
        return dir;
    }

    /**
     * attack6 probe 05: the capture folder of a pull request names, in its capture.json, another Go module of the
     * machine (a second checkout, the module cache) whose file names its positions use: the HTML report showed 171
     * lines of that module. A capture's source must lie inside the repository holding the capture.
     */
    @Test
    void aCaptureJsonNamingAModuleOutsideItsRepositoryIsNotRead() throws Exception {
        Path priv = copyOfOrders(tmp.resolve("private/svc"), "CORP-SECRET");
        Path pr = Files.createDirectories(tmp.resolve("pr"));
        Files.createDirectories(pr.resolve(".git"));
        Path cap = Files.createDirectories(pr.resolve("capture"));
        Files.copy(M2, cap.resolve("m2.txt"));
        Files.writeString(cap.resolve("capture.json"), "{\"source\": \"" + priv + "\"}\n");
        Path out = tmp.resolve("pr.html");
        Cli.Run r = Cli.run("analyze", "--no-config", cap.toString(), "--format", "html", "-o", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out)).doesNotContain("CORP-SECRET").contains("lies outside the repository that holds"
                + " the capture, so it is not read (give it with --source if it is yours)");
        // a relative path climbing out of it is refused the same way
        Files.writeString(cap.resolve("capture.json"), "{\"source\": \"../../private/svc\"}\n");
        assertThat(html(cap)).doesNotContain("CORP-SECRET");
        // named on the command line, it is the user's choice
        Cli.Run given = Cli.run("analyze", "--no-config", cap.toString(), "--source", priv.toString(), "--format", "html",
                "-o", out.toString());
        assertThat(given.exit()).as(given.err()).isZero();
        assertThat(Files.readString(out)).contains("CORP-SECRET");
    }

    @Test
    void theModulesOwnSourcesAreStillShown() throws Exception {
        // in its repository (a .git folder above the capture), by absolute or relative path
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Path src = copyOfOrders(repo.resolve("src"), "OWN-SOURCE");
        Path cap = Files.createDirectories(repo.resolve("captures/orders"));
        Files.copy(M2, cap.resolve("m2.txt"));
        Files.writeString(cap.resolve("capture.json"), "{\"source\": \"" + src + "\"}\n");
        assertThat(html(cap)).contains("OWN-SOURCE");
        Files.writeString(cap.resolve("capture.json"), "{\"source\": \"src\"}\n");
        assertThat(html(cap)).contains("OWN-SOURCE");
        // without a repository: a capture kept beside its module (scan --keep DIR)
        Path kept = Files.createDirectories(tmp.resolve("work/orders-keep"));
        Path beside = copyOfOrders(tmp.resolve("work/orders"), "BESIDE");
        Files.copy(M2, kept.resolve("m2.txt"));
        Files.writeString(kept.resolve("capture.json"), "{\"source\": \"" + beside + "\"}\n");
        assertThat(html(kept)).contains("BESIDE");
    }
}
