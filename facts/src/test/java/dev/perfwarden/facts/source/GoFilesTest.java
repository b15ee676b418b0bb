package dev.perfwarden.facts.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one Go file walker: the module's files as the go command sees them. */
class GoFilesTest {
    @TempDir
    Path tmp;

    private void write(String rel) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, rel.endsWith("go.mod") ? "module x\n" : "package p\n");
    }

    @Test
    void skipsWhatTheGoCommandSkipsAndSorts() throws IOException {
        for (String f : List.of("go.mod", "main.go", "a/z.go", "a/b.go", "a/notes.txt", "vendor/v/v.go",
                "testdata/t.go", "a/testdata/t.go", ".git/x.go", "_old/o.go", "sub/go.mod", "sub/s.go", "b/.h/h.go")) {
            write(f);
        }
        assertThat(GoFiles.below(tmp)).extracting(p -> tmp.relativize(p).toString().replace('\\', '/'))
                .containsExactly("a/b.go", "a/z.go", "main.go");
        assertThat(GoFiles.in(tmp.resolve("a"))).extracting(p -> p.getFileName().toString())
                .containsExactly("b.go", "z.go");
    }

    @Test
    void hugeFilesAreNotSources() throws IOException {
        write("go.mod");
        Files.write(tmp.resolve("gen.go"), new byte[(int) GoFiles.MAX_FILE]);
        write("ok.go");
        assertThat(GoFiles.below(tmp)).extracting(p -> p.getFileName().toString()).containsExactly("ok.go");
    }
}
