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

    @Test
    void theModulesOwnSourcesAreStillShown() throws Exception {
        Path cap = Files.createDirectories(tmp.resolve("plain"));
        Files.copy(M2, cap.resolve("m2.txt"));
        Files.writeString(cap.resolve("capture.json"), "{\"source\": \"" + ORDERS + "\"}\n");
        assertThat(html(cap)).contains("func ");
    }
}
