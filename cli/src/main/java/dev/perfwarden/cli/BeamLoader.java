package dev.perfwarden.cli;

import dev.perfwarden.batch.BatchEngine;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the Beam batch engine. It lives in its own jar ({@code batch-beam/target/perfwarden-beam.jar}) with
 * Beam and its runners next to it ({@code beam-lib/}), so that the main jar neither carries nor loads them:
 * only {@code --engine beam} opens them, in a class loader whose parent is this one (perfwarden's own
 * classes, Drools and its ANTLR runtime come from the parent first).
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
            List<URL> urls = new ArrayList<>();
            urls.add(jar.toUri().toURL());
            Path lib = jar.resolveSibling("beam-lib");
            try (var s = Files.list(lib)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(p.toUri().toURL());
                }
            } catch (java.io.IOException e) {
                throw new UserException("--engine beam needs the jars of " + lib + ": " + e.getMessage(), e);
            }
            URLClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), own);
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
