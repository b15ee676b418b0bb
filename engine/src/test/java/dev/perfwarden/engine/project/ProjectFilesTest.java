package dev.perfwarden.engine.project;

import dev.perfwarden.engine.lock.LockFile;
import dev.perfwarden.engine.suppress.Baseline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** attack2 probe 04: the files a repository names are read within a bound, and only from ordinary files. */
class ProjectFilesTest {
    @TempDir
    Path tmp;

    private Path sparse(String name, long size) throws Exception {
        Path f = tmp.resolve(name);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(size); // a hole: no disk, but the size a 3 GB file in git would have once checked out
        }
        return f;
    }

    @Test
    void aFileLargerThanItsBoundIsRefusedWithoutReadingIt() throws Exception {
        Path base = sparse("big.json", 3L << 30);
        assertThatThrownBy(() -> Baseline.read(base)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(base.toString()).hasMessageContaining("the baseline holds 3221225472 bytes, more"
                        + " than the 64 MiB a baseline may hold");
        Path lock = sparse("perfwarden.lock", ProjectFiles.LOCK_MAX + 1);
        assertThatThrownBy(() -> LockFile.read(lock)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("more than the 16 MiB a lock file may hold");
        Path project = sparse(".perfwarden.yaml", ProjectFiles.PROJECT_FILE_MAX + 1);
        assertThatThrownBy(() -> ProjectConfig.load(project)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("more than the 1 MiB a project file may hold");
    }

    @Test
    void kernelFilesAreRefusedWhateverLinkLeadsThere() throws Exception {
        Path link = tmp.resolve("perfwarden.baseline.json");
        Files.createSymbolicLink(link, Path.of("/proc/self/status"));
        assertThatThrownBy(() -> Baseline.read(link)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("the baseline must be an ordinary file, not /proc/")
                .hasMessageContaining("(where its link leads)");
        assertThatThrownBy(() -> LockFile.read(Path.of("/dev/zero"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("the lock file must be an ordinary file, not /dev/zero");
    }

    @Test
    void anOrdinaryFileWithinItsBoundIsRead() throws Exception {
        Path f = tmp.resolve(".perfwarden.yaml");
        Files.writeString(f, "failOn: note\n");
        assertThat(ProjectFiles.read(f, ProjectFiles.PROJECT_FILE_MAX, "project file")).isEqualTo("failOn: note\n");
        assertThat(ProjectConfig.load(f).failOn()).isNotNull();
    }
}
