package dev.perfwarden.facts.source;

import dev.perfwarden.facts.contract.FunctionLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GcassertDirectives#scan} reads a root's files as {@link GoTree} lists them (the one walker, as the go
 * command lists a module's packages), and takes a tree the input reader already walked instead of walking the
 * root again.
 */
class GcassertScanTest {
    private static final String MOD = "module example.com/m\n\ngo 1.22\n";
    private static final String BCE = "package m\n\nfunc f(a []int) int {\n\treturn a[1] //gcassert:bce\n}\n";

    private static List<String> files(List<FunctionLimit> limits) {
        return limits.stream().map(l -> l.sourceFile() + ":" + l.sourceLine() + " " + l.clause()).toList();
    }

    @Test
    void aWalkedTreeIsReadInsteadOfWalkingItsRootAgain(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("m"));
        Files.writeString(root.resolve("go.mod"), MOD);
        // the tree names a file the root does not hold: only a scan that uses the tree can see its directive
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.go"), BCE);
        GoTree walked = new GoTree(root.toAbsolutePath().normalize(), true, Map.of("m.go", elsewhere), "stamp-of-test");

        assertThat(GcassertDirectives.scan(List.of(root))).isEmpty();
        assertThat(files(GcassertDirectives.scan(List.of(root), Map.of(walked.root(), walked))))
                .containsExactly("m.go:4 bce");
        // a module root is walked recursively: a flat tree of it is not the same file list and is not used
        GoTree flat = new GoTree(walked.root(), false, Map.of("m.go", elsewhere), "stamp-flat");
        assertThat(GcassertDirectives.scan(List.of(root), Map.of(flat.root(), flat))).isEmpty();
    }

    @Test
    void foldersTheGoCommandSkipsAndTestFilesAreNotRead(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("m"));
        Files.writeString(root.resolve("go.mod"), MOD);
        Files.writeString(root.resolve("m.go"), BCE);
        Files.writeString(root.resolve("m_test.go"), BCE);
        for (String skipped : List.of("vendor/v", "testdata", "_old", ".hidden", "nested")) {
            Files.writeString(Files.createDirectories(root.resolve(skipped)).resolve("x.go"), BCE);
        }
        Files.writeString(root.resolve("nested/go.mod"), "module example.com/nested\n");
        Files.writeString(Files.createDirectories(root.resolve("sub")).resolve("s.go"), BCE);

        assertThat(files(GcassertDirectives.scan(List.of(root)))).containsExactly("m.go:4 bce", "sub/s.go:4 bce");
    }
}
