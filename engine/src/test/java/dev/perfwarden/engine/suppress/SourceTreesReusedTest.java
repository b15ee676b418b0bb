package dev.perfwarden.engine.suppress;

import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.source.GoTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source root is walked once per analysis: the trees the input reader's function resolver walked are handed
 * to the suppression scan, which reads its files from them instead of walking the root again.
 */
class SourceTreesReusedTest {
    private static final String MOD = "module example.com/m\n\ngo 1.22\n";
    private static final String IGNORED = "package m\n\nfunc f() {} //perfwarden:ignore inline-budget\n";

    @Test
    void theSuppressionScanReadsAWalkedTreeInsteadOfWalkingItsRootAgain(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("m"));
        Files.writeString(root.resolve("go.mod"), MOD);
        // the tree names a file the root does not hold: only a scan that uses the tree can see its directive
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.go"), IGNORED);
        GoTree walked = new GoTree(root.toAbsolutePath().normalize(), true, Map.of("m.go", elsewhere), "stamp-of-test");

        assertThat(SourceSuppressions.scan(List.of(root)).directives()).isEmpty();
        assertThat(SourceSuppressions.scan(List.of(root), Map.of(walked.root(), walked)).directives())
                .singleElement().satisfies(d -> {
                    assertThat(d.file()).isEqualTo("m.go");
                    assertThat(d.rules()).containsExactly("inline-budget");
                });
    }

    @Test
    void aTreeWalkedOtherwiseThanTheScanNeedsIsNotUsed(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("m"));
        Files.writeString(root.resolve("go.mod"), MOD);
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.go"), IGNORED);
        // a module root is walked recursively; a flat walk of it is not the same file list
        GoTree flat = new GoTree(root.toAbsolutePath().normalize(), false, Map.of("m.go", elsewhere), "stamp-flat");

        assertThat(SourceSuppressions.scan(List.of(root), Map.of(flat.root(), flat)).directives()).isEmpty();
    }

    @Test
    void theInputReaderHandsOnTheTreesItsResolverWalked() throws Exception {
        Path root = Path.of(System.getProperty("perfwarden.root", "..")).resolve("examples").toAbsolutePath().normalize();
        InputReader.Result read = new InputReader().read(List.of(root.resolve("captured/orders/m2.txt").toString()),
                List.of(root.resolve("orders")), InputStream.nullInputStream());
        // the module (walked recursively), and the captures' own folder (flat: a root without a module)
        assertThat(read.sourceTrees()).containsOnlyKeys(root.resolve("orders"), root.resolve("captured/orders"));
        GoTree module = read.sourceTrees().get(root.resolve("orders"));
        assertThat(module.recursive()).isTrue();
        assertThat(module.files()).containsKey("internal/pricing/pricing.go");
    }
}
