package dev.perfwarden.debt;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the tests, started once per JVM from Debian's {@code postgresql} package
 * (which {@code .ci/run} installs when it is missing): {@code initdb} into a temporary folder, {@code pg_ctl start}
 * on a free loopback port, stopped and deleted when the JVM exits. PostgreSQL refuses to run as root, so as root
 * the server runs as the package's {@code postgres} user (through {@code runuser}). Each test gets a database of
 * its own ({@link #newDatabase}).
 */
final class PostgresServer {
    private static PostgresServer instance;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean root;

    private PostgresServer(Path bin, Path data, int port, boolean root) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.root = root;
    }

    /** The server of this JVM, started on first use. */
    static synchronized PostgresServer get() throws IOException, InterruptedException {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** A JDBC URL of a fresh, empty database on the server. */
    String newDatabase() throws SQLException {
        String name = "debt_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private static Path binaries() {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                                .replaceAll("\\D", "0")))).orElse(null);
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): the debt "
                    + "module's PostgreSQL tests need Debian's postgresql package; .ci/run installs it "
                    + "(apt-get install postgresql)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = Files.createTempDirectory("perfwarden-pg");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresServer pg = new PostgresServer(bin, data, port, root);
        if (root) {
            run(List.of("chown", "postgres:postgres", data.toString()));
        }
        pg.as(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "-D",
                data.resolve("db").toString());
        pg.as(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-l",
                data.resolve("log").toString(), "-w", "-t", "120", "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
        return pg;
    }

    private void stop() {
        try {
            as(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException | InterruptedException | IllegalStateException e) {
            // the JVM is exiting: nothing else to do
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left in the temp folder
        }
    }

    private void as(String... cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(cmd));
        run(full);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }
}
