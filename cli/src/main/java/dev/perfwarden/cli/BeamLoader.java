package dev.perfwarden.cli;

import dev.perfwarden.batch.BatchEngine;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Finds the Beam batch engine. It lives in its own jar ({@code batch-beam/target/perfwarden-beam.jar}, with
 * Beam and its runners) so that the main jar neither carries nor loads them: only {@code --engine beam}
 * opens it, in a class loader whose parent is this one (perfwarden's own classes, Drools and its ANTLR
 * runtime come from the parent).
 */
final class BeamLoader {
    private BeamLoader() {
    }

    static BatchEngine engine() {
        ClassLoader own = BeamLoader.class.getClassLoader();
        for (BatchEngine e : ServiceLoader.load(BatchEngine.class, own)) {
            if (e.id().equals("beam")) {
                return e;
            }
        }
        Path jar = jar();
        if (!Files.isRegularFile(jar)) {
            throw new UserException("--engine beam needs " + jar + " (build it with: mvn -B -q -Dmaven.test.skip=true "
                    + "-pl batch-beam -am package, or run ./perfwarden, which builds it for --engine beam)");
        }
        try {
            URLClassLoader cl = new URLClassLoader(new URL[]{jar.toUri().toURL()}, own);
            Thread.currentThread().setContextClassLoader(cl);
            for (BatchEngine e : ServiceLoader.load(BatchEngine.class, cl)) {
                if (e.id().equals("beam")) {
                    return e;
                }
            }
        } catch (MalformedURLException e) {
            throw new UserException(jar + ": " + e.getMessage(), e);
        }
        throw new UserException(jar + " holds no Beam batch engine (rebuild it)");
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
