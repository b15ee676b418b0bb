package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pack's image in a jar is used while the jar's pack files are the ones it was made from (compared by the
 * CRC-32s of the jar's directory) and ignored once one of them differs.
 */
class PackImageTest {
    @Test
    void anImageInAJarIsUsedOnlyWhileThePackFilesAreTheOnesItWasMadeFrom(@TempDir Path tmp) throws Exception {
        Path classes = tmp.resolve("classes");
        Path packDir = TestPacks.copy(classes.resolve("packs"));
        Pack loaded;
        try (URLClassLoader dirs = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            loaded = PackLoader.loadResource(dirs, "packs/testpack");
            Path image = classes.resolve(PackImage.RESOURCE_DIR + "testpack.pack");
            Files.createDirectories(image.getParent());
            try (OutputStream out = Files.newOutputStream(image)) {
                PackImage.write(dirs, loaded, out);
            }
        }
        Path jar = tmp.resolve("same.jar");
        jar(classes, jar);
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Pack image = PackImage.find(cl, "packs/testpack").orElseThrow();
            assertThat(image.sha256()).isEqualTo(loaded.sha256());
            assertThat(image.rules()).isEqualTo(loaded.rules());
            assertThat(image.files()).isEqualTo(loaded.files());
            assertThat(PackLoader.isBuiltin(cl, "testpack")).isTrue();
            assertThat(PackLoader.isBuiltin(cl, "nope")).isFalse();
            assertThat(PackLoader.isBuiltin(cl, "../packs/testpack")).isFalse();
        }
        // one byte of one file changed: the image no longer describes the jar, and the pack is read from it
        Path manifest = packDir.resolve("pack.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("1.2.3", "1.2.4"));
        Path changed = tmp.resolve("changed.jar");
        jar(classes, changed);
        try (URLClassLoader cl = new URLClassLoader(new URL[] {changed.toUri().toURL()}, null)) {
            assertThat(PackImage.find(cl, "packs/testpack")).isEmpty();
            assertThat(PackLoader.loadResource(cl, "packs/testpack").version()).isEqualTo("1.2.4");
        }
    }

    private static void jar(Path root, Path jar) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path f : files) {
                out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
    }
}
