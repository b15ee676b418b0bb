package dev.perfwarden.engine.kie;

import dev.perfwarden.facts.core.Sha256;
import dev.perfwarden.engine.EngineInfo;
import dev.perfwarden.engine.pack.PackHashes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a build-time precompile of a built-in pack depends on, as one sha256, so that a build whose inputs did
 * not change reuses the classes and image the last build wrote (the compile costs about a minute of CPU):
 * <ul>
 *   <li>every file of the pack (name and content), the engine version and the prelude;</li>
 *   <li>every class-path entry of the compiling JVM but the output folder: a folder by the name and content
 *       of each file in it (the reactor's {@code target/classes}: fact classes, the engine, the rule API),
 *       a jar by the name, CRC-32 and size of each entry (its central directory: a reactor module's jar is
 *       written again by each build, with new times but the same classes).</li>
 * </ul>
 * {@link #outputs} digests what the precompile wrote, so that a deleted or edited output is compiled again.
 */
final class PrecompileInputs {
    private PrecompileInputs() {
    }

    /**
     * The digest of the inputs of precompiling a pack whose files have the sha256s {@code packFiles} (by path, as
     * {@link dev.perfwarden.engine.pack.Pack#files()}) on {@code classpath} into {@code outDir}.
     */
    static String key(SortedMap<String, String> packFiles, List<Path> classpath, Path outDir) throws IOException {
        MessageDigest md = Sha256.digest();
        update(md, "engine", EngineInfo.version());
        update(md, "prelude", RuleSet.preludeSha256());
        for (var f : packFiles.entrySet()) {
            update(md, "pack:" + f.getKey(), f.getValue());
        }
        Path out = outDir.toAbsolutePath().normalize();
        for (Path entry : classpath) {
            Path e = entry.toAbsolutePath().normalize();
            if (e.equals(out)) {
                continue;
            }
            if (Files.isDirectory(e)) {
                for (var f : filesUnder(e).entrySet()) {
                    update(md, "dir:" + e + "!" + f.getKey(), Sha256.hex(Files.readAllBytes(f.getValue())));
                }
            } else if (Files.isRegularFile(e)) {
                // by the entries' names and CRC-32s (the central directory only): a reactor module's jar is
                // written again by every build, with new times but the same classes
                try (ZipFile zip = new ZipFile(e.toFile())) {
                    for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                        ZipEntry z = entries.nextElement();
                        update(md, "jar:" + e + "!" + z.getName(), z.getCrc() + "/" + z.getSize());
                    }
                }
            } else {
                update(md, "missing:" + e, "");
            }
        }
        return Sha256.hex(md);
    }

    /** The digest of the class files below {@code outDir} (names and contents): what precompiles wrote there. */
    static String outputs(Path outDir) throws IOException {
        MessageDigest md = Sha256.digest();
        if (Files.isDirectory(outDir)) {
            for (var f : filesUnder(outDir).entrySet()) {
                if (f.getKey().endsWith(".class")) {
                    update(md, f.getKey(), Sha256.hex(Files.readAllBytes(f.getValue())));
                }
            }
        }
        return Sha256.hex(md);
    }

    /** The class path of this JVM ({@code java.class.path}), in order. */
    static List<Path> jvmClasspath() {
        return Stream.of(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator))
                .filter(s -> !s.isEmpty()).map(Path::of).toList();
    }

    private static SortedMap<String, Path> filesUnder(Path dir) throws IOException {
        SortedMap<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> files.put(dir.relativize(p).toString().replace('\\', '/'), p));
        }
        return files;
    }

    private static void update(MessageDigest md, String name, String value) {
        md.update((name + "\u0000" + value + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
