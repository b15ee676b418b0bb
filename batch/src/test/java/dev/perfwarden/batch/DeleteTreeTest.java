package dev.perfwarden.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** attack5 probe 06: cleaning up a clone must not change what its committed links point at. */
class DeleteTreeTest {
    @TempDir
    Path tmp;

    @Test
    void aLinksTargetOutsideTheTreeKeepsItsPermissionsAndTheTreeIsGone() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "protected\n");
        Path victimDir = Files.createDirectory(tmp.resolve("victimdir"));
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(victimDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path clone = Files.createDirectories(tmp.resolve("work/clone/sub"));
        Files.writeString(clone.resolve("main.go"), "package main\n");
        Files.createSymbolicLink(clone.resolve("link.txt"), victim);
        Files.createSymbolicLink(clone.resolve("linkdir"), victimDir);
        Path readOnly = Files.createDirectories(tmp.resolve("work/clone/modcache/m@v1"));
        Files.writeString(readOnly.resolve("a.go"), "package m\n");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));

        RepoJob.deleteTree(tmp.resolve("work/clone"));

        assertThat(tmp.resolve("work/clone")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victim))).isEqualTo("r--r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victimDir))).isEqualTo("r-xr-xr-x");
        assertThat(Files.readString(victim)).isEqualTo("protected\n");
    }
}
