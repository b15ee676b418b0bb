package dev.perfwarden.engine.kie;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The build-time precompile leaves only this build's generated classes in the folders it writes. */
class ExecutableModelsTest {
    @TempDir
    Path out;

    @Test
    void classesAnEarlierBuildGeneratedAreRemovedFromTheFoldersWrittenNow() throws IOException {
        Path pkg = Files.createDirectories(out.resolve("perfwarden/packs/go_perf"));
        Path kept = Files.writeString(pkg.resolve("Rules5A3F.class"), "new");
        Path stale = Files.writeString(pkg.resolve("Rules0B1C.class"), "old");
        Path notAClass = Files.writeString(pkg.resolve("notes.txt"), "kept");
        Path staleNested = Files.writeString(Files.createDirectories(pkg.resolve("P3D")).resolve("LambdaPredicate3D1.class"), "old");
        Path other = Files.createDirectories(out.resolve("perfwarden/packs/team"));
        Path otherPack = Files.writeString(other.resolve("RulesFFFF.class"), "another pack's");

        ExecutableModels.removeStaleClasses(pkg, Set.of(kept));

        assertThat(kept).exists();
        assertThat(stale).doesNotExist();
        assertThat(staleNested).as("generated sub-folders are hash-named too").doesNotExist();
        assertThat(notAClass).exists();
        assertThat(otherPack).as("another pack's package folder is left alone").exists();
    }
}
