package dev.perfwarden.engine.kie;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackImage;
import dev.perfwarden.engine.pack.PackLoader;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build-time precompile leaves only this build's generated classes in the folders it writes, and compiles
 * again exactly when one of its inputs or outputs changed.
 */
class ExecutableModelsTest {
    @TempDir
    Path out;

    @Test
    void classesAnEarlierBuildGeneratedAreRemovedFromTheFoldersWrittenNow() throws IOException {
        Path pkg = Files.createDirectories(out.resolve("perfwarden/packs/go_perf"));
        Path kept = Files.writeString(pkg.resolve("Rules5A3F.class"), "new");
        Path stale = Files.writeString(pkg.resolve("Rules0B1C.class"), "old");
        Path notAClass = Files.writeString(pkg.resolve("notes.txt"), "kept");
        Path staleNested = Files.writeString(Files.createDirectories(pkg.resolve("P3D")).resolve("LambdaPredicate3D1.class"), "old");
        Path other = Files.createDirectories(out.resolve("perfwarden/packs/team"));
        Path otherPack = Files.writeString(other.resolve("RulesFFFF.class"), "another pack's");

        ExecutableModels.removeStaleClasses(pkg, Set.of(kept));

        assertThat(kept).exists();
        assertThat(stale).doesNotExist();
        assertThat(staleNested).as("generated sub-folders are hash-named too").doesNotExist();
        assertThat(notAClass).exists();
        assertThat(otherPack).as("another pack's package folder is left alone").exists();
    }

    @Test
    void aPrecompileIsSkippedWhileItsInputsAndOutputsAreUnchangedAndRunAgainWhenOneChanges() throws Exception {
        Path classes = out.resolve("classes");
        Path pack = TestPacks.copy(classes.resolve("packs"));
        Path dependency = Files.createDirectories(out.resolve("dependency-classes"));
        Path depClass = Files.writeString(dependency.resolve("Fact.class"), "v1");
        List<Path> classpath = List.of(classes, dependency);

        assertThat(precompile(classes, classpath)).as("first build").isTrue();
        Properties first = descriptor(classes);
        assertThat(first.getProperty("models")).isNotEmpty();
        assertThat(precompile(classes, classpath)).as("nothing changed").isFalse();
        assertThat(descriptor(classes).getProperty("models")).isEqualTo(first.getProperty("models"));
        try (URLClassLoader cl = loader(classes)) {
            assertThat(ExecutableModels.prebuilt(List.of(PackLoader.loadBuiltin(cl, "testpack")), cl))
                    .as("the reused classes and the image written again make the KieBase").isPresent();
        }

        Path prelude = classes.resolve(ExecutableModels.PRELUDE_PACKAGE_DIR);
        assertThat(prelude).as("the prelude's generated classes").isDirectory();
        Path stalePrelude = Files.writeString(Files.createDirectories(prelude.resolve("P00")).resolve("LambdaPredicate00.class"),
                "an earlier prelude's");
        TestPacks.write(pack.resolve("leak-note/doc.md"), "# leak-note\n\nChanged text.\n");
        assertThat(precompile(classes, classpath)).as("a pack file changed").isTrue();
        assertThat(stalePrelude).as("a class an earlier build generated for the prelude").doesNotExist();
        try (Stream<Path> s = Files.walk(prelude)) {
            assertThat(s.filter(f -> f.toString().endsWith(".class")).count()).as("this build's prelude classes")
                    .isPositive();
        }
        assertThat(descriptor(classes).getProperty("sha256")).isNotEqualTo(first.getProperty("sha256"));
        try (URLClassLoader cl = loader(classes)) {
            Pack image = PackLoader.loadBuiltin(cl, "testpack");
            assertThat(image.sha256()).as("the image is of the changed files").isEqualTo(descriptor(classes).getProperty("sha256"));
        }
        assertThat(precompile(classes, classpath)).isFalse();

        Files.writeString(depClass, "v2");
        assertThat(precompile(classes, classpath)).as("a class on the class path changed").isTrue();
        assertThat(precompile(classes, classpath)).isFalse();

        Path generated;
        try (Stream<Path> s = Files.walk(classes)) {
            generated = s.filter(f -> f.toString().endsWith(".class")).findFirst().orElseThrow();
        }
        Files.delete(generated);
        assertThat(precompile(classes, classpath)).as("a generated class was deleted").isTrue();
        for (String model : descriptor(classes).getProperty("models").split(",")) {
            assertThat(classes.resolve(model.replace('.', '/') + ".class")).exists();
        }
        assertThat(precompile(classes, classpath)).isFalse();
    }

    private static boolean precompile(Path classes, List<Path> classpath) throws Exception {
        try (URLClassLoader cl = loader(classes)) {
            return ExecutableModels.precompile(classes, "testpack", cl, classpath);
        }
    }

    private static Properties descriptor(Path classes) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(classes.resolve(PackImage.RESOURCE_DIR + "testpack.properties"))) {
            p.load(in);
        }
        return p;
    }

    /** Sees {@code classes} before the test class path (which has its own packs/testpack), for resources too. */
    private static URLClassLoader loader(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, ExecutableModelsTest.class.getClassLoader()) {
            @Override
            public URL getResource(String name) {
                URL own = findResource(name);
                return own != null ? own : super.getResource(name);
            }
        };
    }
}
