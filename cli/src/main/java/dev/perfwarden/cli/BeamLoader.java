package dev.perfwarden.cli;

import dev.perfwarden.batch.BatchEngine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the Beam batch engine. It lives in its own jar ({@code batch-beam/target/perfwarden-beam.jar}) with
 * Beam and its runners next to it ({@code beam-lib/}), so that perfwarden.jar neither carries nor loads
 * them. When they are not on the class path, {@code batch --engine beam} runs again in a child JVM whose
 * class path is perfwarden.jar first (its Jackson, Drools and ANTLR 4.10.1 win), then those jars: Flink
 * and Spark load user code through the application class loader, so a nested class loader would not do.
 */
final class BeamLoader {
    private BeamLoader() {
    }

    /** The Beam engine if it is on this JVM's class path. */
    static Optional<BatchEngine> inProcess() {
        for (BatchEngine e : ServiceLoader.load(BatchEngine.class, BeamLoader.class.getClassLoader())) {
            if (e.id().equals("beam")) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code perfwarden <args>} in a child JVM with the Beam jars on its class path; returns its exit code. */
    static int reexec(List<String> args) throws IOException, InterruptedException {
        Path jar = jar();
        Path lib = jar.resolveSibling("beam-lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new UserException("--engine beam needs " + jar + " and " + lib + " (./perfwarden builds them on "
                    + "first use of --engine beam; or: mvn -B -q -DskipTests -pl batch-beam -am package)");
        }
        String self = System.getProperty("java.class.path");
        String cp = self + java.io.File.pathSeparator + jar + java.io.File.pathSeparator + lib + "/*";
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        for (String pkg : List.of("java.util", "java.lang", "java.lang.invoke", "java.nio", "sun.nio.ch", "java.net",
                "java.io")) {
            cmd.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED"); // Flink and Spark reflect into the JDK
        }
        cmd.addAll(List.of("-cp", cp, Main.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        try {
            return p.waitFor();
        } finally {
            p.destroy();
        }
    }

    /** {@code -Dperfwarden.beam.jar}, else next to the main jar's module: {@code <root>/batch-beam/target/perfwarden-beam.jar}. */
    static Path jar() {
        String p = System.getProperty("perfwarden.beam.jar");
        if (p != null) {
            return Path.of(p);
        }
        try {
            Path self = Path.of(BeamLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // <root>/cli/target/perfwarden.jar or <root>/cli/target/classes
            return self.getParent().getParent().getParent().resolve("batch-beam/target/perfwarden-beam.jar");
        } catch (Exception e) {
            return Path.of("batch-beam/target/perfwarden-beam.jar");
        }
    }
}
