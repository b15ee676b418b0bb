package dev.perfwarden.facts.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one Go file walker ({@link GoTree#walk}, by {@link GoFiles}' rules): the module's files as the go command sees them. */
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
        assertThat(GoTree.walk(tmp, true).files().keySet()).containsExactly("a/b.go", "a/z.go", "main.go");
        assertThat(GoTree.walk(tmp.resolve("a"), false).files().keySet()).containsExactly("b.go", "z.go");
    }

    @Test
    void hugeFilesAreNotSources() throws IOException {
        write("go.mod");
        Files.write(tmp.resolve("gen.go"), new byte[(int) GoFiles.MAX_FILE]);
        write("ok.go");
        assertThat(GoTree.walk(tmp, true).files().keySet()).containsExactly("ok.go");
    }
}
