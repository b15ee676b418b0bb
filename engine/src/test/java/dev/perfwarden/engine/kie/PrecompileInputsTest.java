package dev.perfwarden.engine.kie;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The precompile's input digest follows what a jar or folder holds, not when it was written. */
class PrecompileInputsTest {
    @TempDir
    Path dir;

    @Test
    void aJarWrittenAgainWithTheSameEntriesKeepsTheKeyAndAChangedEntryChangesIt() throws IOException {
        SortedMap<String, String> pack = new TreeMap<>();
        pack.put("pack.yaml", "0123");
        Path out = Files.createDirectories(dir.resolve("classes"));
        Path jar = dir.resolve("engine.jar");

        jar(jar, "class v1", 1_000_000L);
        String first = PrecompileInputs.key(pack, List.of(out, jar), out);
        jar(jar, "class v1", 9_000_000L);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(PrecompileInputs.key(pack, List.of(out, jar), out)).as("same entries, new times").isEqualTo(first);

        jar(jar, "class v2", 1_000_000L);
        assertThat(PrecompileInputs.key(pack, List.of(out, jar), out)).as("an entry changed").isNotEqualTo(first);

        jar(jar, "class v1", 1_000_000L);
        Files.writeString(out.resolve("Generated.class"), "output");
        assertThat(PrecompileInputs.key(pack, List.of(out, jar), out)).as("the output folder is no input").isEqualTo(first);

        pack.put("rule/doc.md", "4567");
        assertThat(PrecompileInputs.key(pack, List.of(out, jar), out)).as("a pack file added").isNotEqualTo(first);
    }

    private static void jar(Path jar, String content, long time) throws IOException {
        try (JarOutputStream o = new JarOutputStream(Files.newOutputStream(jar))) {
            JarEntry e = new JarEntry("dev/perfwarden/Fact.class");
            e.setTime(time);
            o.putNextEntry(e);
            o.write(content.getBytes(StandardCharsets.UTF_8));
            o.closeEntry();
        }
    }
}
