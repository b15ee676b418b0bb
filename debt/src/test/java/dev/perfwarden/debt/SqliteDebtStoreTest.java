package dev.perfwarden.debt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteDebtStoreTest extends DebtStoreContract {
    @TempDir
    Path tmp;
    private final AtomicInteger n = new AtomicInteger();

    @Override
    String freshDb() {
        return tmp.resolve("db" + n.incrementAndGet()).resolve("debt.db").toString();
    }

    @Test
    void theDefaultFileIsUnderTheUsersDataFolder() {
        assertThat(DebtStore.defaultFile(Map.of("XDG_DATA_HOME", "/data/u")))
                .isEqualTo(Path.of("/data/u/perfwarden/debt.db"));
        assertThat(DebtStore.defaultFile(Map.of("XDG_DATA_HOME", "relative")))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local/share/perfwarden/debt.db"));
        assertThat(DebtStore.defaultFile(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local/share/perfwarden/debt.db"));
    }

    @Test
    void withoutDbTheDefaultFileIsCreatedInWalMode() throws Exception {
        DebtStore.open(null, Map.of("XDG_DATA_HOME", tmp.toString())).record(run("s", "c", T1),
                Reports.read(Reports.V1));
        Path file = tmp.resolve("perfwarden/debt.db");
        assertThat(file).isRegularFile();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("wal"); // kept in the file: every later connection uses it
        }
        assertThat(DebtStore.open("jdbc:sqlite:" + file, Map.of()).runs(null, null)).hasSize(1);
    }

    @Test
    void aFolderOrAnotherDatabaseIsRefused() throws Exception {
        Files.createDirectories(tmp.resolve("dir"));
        assertThatThrownBy(() -> DebtStore.open(tmp.resolve("dir").toString(), Map.of()))
                .isInstanceOf(DebtException.class).hasMessageContaining("is a folder, not a database file");
        assertThatThrownBy(() -> DebtStore.open("jdbc:mysql://h/db?password=secret", Map.of()))
                .isInstanceOf(DebtException.class)
                .hasMessage("--db jdbc:mysql://h/db?password=***: unsupported database (expected an SQLite file, "
                        + "jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB)");
    }

    @Test
    void aFileThatIsNoDatabaseIsAClearError() throws Exception {
        Path junk = tmp.resolve("junk.db");
        Files.writeString(junk, "this is not an SQLite database, but long enough to have a header of its own\n".repeat(20));
        assertThatThrownBy(() -> DebtStore.open(junk.toString(), Map.of())).isInstanceOf(DebtException.class)
                .hasMessageStartingWith("--db " + junk + ": cannot create or upgrade the debt tables: ");
    }
}
