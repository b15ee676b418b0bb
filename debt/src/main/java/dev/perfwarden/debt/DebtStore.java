package dev.perfwarden.debt;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The database of recorded runs: an SQLite file (the default) or a PostgreSQL database given by its JDBC URL.
 * The schema is created and upgraded by Flyway from {@code dev/perfwarden/debt/db/V*.sql} (one script for both,
 * the types that differ filled in as placeholders) when the store is opened. A run is recorded in one transaction,
 * so concurrent recorders (two CI jobs) each either
 * store a whole run or nothing; SQLite runs in WAL mode and waits for another writer (busy timeout) instead of
 * failing, and takes its write lock when the transaction begins ({@code BEGIN IMMEDIATE}).
 */
public final class DebtStore {
    /** How long an SQLite writer waits for another one before giving up. */
    static final int BUSY_TIMEOUT_MS = 60_000;
    /** The Flyway history table (a dedicated name, so a team database shared with other tools is not confused). */
    static final String HISTORY = "perfwarden_debt_schema_history";

    private final DataSource ds;
    private final String label;

    private DebtStore(DataSource ds, String label) {
        this.ds = ds;
        this.label = label;
    }

    /**
     * Opens (creating and migrating as needed) the database {@code db}: a JDBC URL ({@code jdbc:postgresql:…},
     * {@code jdbc:sqlite:FILE}) or an SQLite file path; null means {@link #defaultFile}. PostgreSQL credentials
     * come from the URL ({@code ?user=…&password=…}) or from {@code env}'s PERFWARDEN_DB_USER and
     * PERFWARDEN_DB_PASSWORD.
     */
    public static DebtStore open(String db, Map<String, String> env) {
        String target = db == null || db.isBlank() ? defaultFile(env).toString() : db;
        DebtStore store;
        String vendor;
        if (target.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(target);
            if (env.get("PERFWARDEN_DB_USER") != null) {
                pg.setUser(env.get("PERFWARDEN_DB_USER"));
            }
            if (env.get("PERFWARDEN_DB_PASSWORD") != null) {
                pg.setPassword(env.get("PERFWARDEN_DB_PASSWORD"));
            }
            store = new DebtStore(pg, redact(target));
            vendor = "postgresql";
        } else if (target.startsWith("jdbc:") && !target.startsWith("jdbc:sqlite:")) {
            throw new DebtException("--db " + redact(target) + ": unsupported database (expected an SQLite file, "
                    + "jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB)");
        } else {
            Path file = Path.of(target.startsWith("jdbc:sqlite:") ? target.substring("jdbc:sqlite:".length()) : target);
            store = new DebtStore(sqlite(file), file.toString());
            vendor = "sqlite";
        }
        store.migrate(vendor);
        return store;
    }

    /** {@code $XDG_DATA_HOME/perfwarden/debt.db}, else {@code ~/.local/share/perfwarden/debt.db}. */
    public static Path defaultFile(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("perfwarden").resolve("debt.db");
    }

    /** What the database is, for messages (a PostgreSQL URL without its password). */
    public String label() {
        return label;
    }

    private static SQLiteDataSource sqlite(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DebtException("--db " + file + ": cannot create its folder: " + e.getMessage());
        }
        if (Files.isDirectory(file)) {
            throw new DebtException("--db " + file + ": is a folder, not a database file");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return ds;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /**
     * Creates or upgrades the schema. Two recorders may open a fresh SQLite file at once: the one that loses
     * the race finds the tables made by the other and tries again (PostgreSQL serialises Flyway with an
     * advisory lock).
     */
    private void migrate(String vendor) {
        Map<String, String> types = vendor.equals("postgresql")
                ? Map.of("id", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "ref", "BIGINT")
                : Map.of("id", "INTEGER PRIMARY KEY AUTOINCREMENT", "ref", "INTEGER");
        Flyway flyway = Flyway.configure(DebtStore.class.getClassLoader()).dataSource(ds)
                .locations("classpath:dev/perfwarden/debt/db").placeholders(types).table(HISTORY)
                .loggers("slf4j").load();
        FlywayException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                flyway.migrate();
                return;
            } catch (FlywayException e) {
                last = e;
                sleep(200L * (attempt + 1));
            }
        }
        throw new DebtException("--db " + label + ": cannot create or upgrade the debt tables: " + message(last), last);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String message(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == t ? String.valueOf(t.getMessage()).lines().findFirst().orElse("") : c.getMessage();
    }

    private Connection connect() throws SQLException {
        return ds.getConnection();
    }

    private DebtException failure(String what, SQLException e) {
        return new DebtException(label + ": " + what + ": " + e.getMessage(), e);
    }

    /** Stores one run with its findings and contract verdicts in one transaction; returns the run's id. */
    public long record(RunInfo info, Report report) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                long id = insertRun(c, info, report);
                insertFindings(c, id, report.findings());
                insertContracts(c, id, report.contracts());
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("cannot record the run", e);
        }
    }

    private static long insertRun(Connection c, RunInfo info, Report report) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (service, commit_sha, branch, recorded_ms, "
                + "report, tool_version, packs) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, info.service());
            ps.setString(2, info.commit());
            ps.setString(3, info.branch());
            ps.setLong(4, info.time().toEpochMilli());
            ps.setString(5, info.report());
            ps.setString(6, report.toolVersion());
            ps.setString(7, report.packs());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new run");
                }
                return keys.getLong(1);
            }
        }
    }

    private static void insertFindings(Connection c, long run, List<RunFinding> findings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO findings (run_id, fingerprint, rule, pack, severity, "
                + "symbol, pkg, file, line, cpu_share, alloc_share, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (RunFinding f : findings) {
                ps.setLong(1, run);
                ps.setString(2, f.fingerprint());
                ps.setString(3, f.rule());
                ps.setString(4, f.pack());
                ps.setString(5, f.severity());
                ps.setString(6, f.function());
                ps.setString(7, f.pkg());
                ps.setString(8, f.file());
                ps.setInt(9, f.line());
                setShare(ps, 10, f.cpuShare());
                setShare(ps, 11, f.allocShare());
                ps.setString(12, f.message());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertContracts(Connection c, long run, List<ContractResult> results) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO contract_results (run_id, contract, clause, verdict, "
                + "measurement, evidence) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ContractResult r : results) {
                ps.setLong(1, run);
                ps.setString(2, r.contract());
                ps.setString(3, r.clause());
                ps.setString(4, r.verdict());
                ps.setString(5, r.measurement());
                ps.setString(6, r.evidence());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setShare(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    /** The runs of {@code service} (null: all) on {@code branch} (null: all), oldest first (time, then id). */
    public List<RunRow> runs(String service, String branch) {
        StringBuilder sql = new StringBuilder("SELECT r.id, r.service, r.commit_sha, r.branch, r.recorded_ms, r.report, "
                + "r.tool_version, (SELECT COUNT(*) FROM findings f WHERE f.run_id = r.id) AS n FROM runs r WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (service != null) {
            sql.append(" AND r.service = ?");
            args.add(service);
        }
        if (branch != null) {
            sql.append(" AND r.branch = ?");
            args.add(branch);
        }
        sql.append(" ORDER BY r.recorded_ms, r.id");
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            List<RunRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RunInfo info = new RunInfo(rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6));
                    out.add(new RunRow(rs.getLong(1), info, rs.getString(7), rs.getInt(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("cannot list the runs", e);
        }
    }

    /** The findings of each run in {@code runs}, in the order they were recorded (report order). */
    public Map<Long, List<RunFinding>> findings(Collection<Long> runs) {
        Map<Long, List<RunFinding>> out = new LinkedHashMap<>();
        runs.forEach(r -> out.put(r, new ArrayList<>()));
        if (runs.isEmpty()) {
            return out;
        }
        String sql = "SELECT run_id, fingerprint, rule, pack, severity, symbol, pkg, file, line, cpu_share, alloc_share, "
                + "message FROM findings WHERE run_id IN (";
        try (Connection c = connect()) {
            for (List<Long> chunk : chunks(new ArrayList<>(runs))) {
                String q = sql + chunk.stream().map(r -> "?").collect(Collectors.joining(", ")) + ")";
                try (PreparedStatement ps = c.prepareStatement(q)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.get(rs.getLong(1)).add(new RunFinding(rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                                    share(rs, 10), share(rs, 11), rs.getString(12)));
                        }
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("cannot read the findings", e);
        }
    }

    /** The contract verdicts of one run. */
    public List<ContractResult> contracts(long run) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT contract, clause, verdict, "
                + "measurement, evidence FROM contract_results WHERE run_id = ? ORDER BY contract, clause")) {
            ps.setLong(1, run);
            List<ContractResult> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ContractResult(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("cannot read the contract verdicts", e);
        }
    }

    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) { // SQLite allows 32766 parameters, older versions 999
            out.add(ids.subList(i, Math.min(ids.size(), i + 500)));
        }
        return out;
    }

    private static Double share(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }
}
