package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The on-disk pack cache: first sight compiles the classic way and only remembers the rule set; the second
 * compiles it to the executable model and stores it; later runs build the KieBase from the stored classes,
 * with the same findings; an edited pack is another entry.
 */
class PackCacheTest {
    @TempDir
    Path cache;

    @AfterEach
    void off() {
        System.setProperty("perfwarden.cache", "off");
        RuleSet.clearCache();
    }

    @Test
    void aPackSeenTwiceIsCompiledOnceToTheCacheThenLoadedFromIt() throws Exception {
        System.setProperty("perfwarden.cache", cache.toString());
        Pack pack = PackLoader.load(TestPacks.testpack());
        List<Object> facts = List.of(TestPacks.boxed(RuleSetTest.F, "box.go", 12, 9, 16));

        RuleSet.clearCache();
        long classic = RuleSet.compiledCount();
        List<Finding> first = RuleSet.build(List.of(pack)).run(facts, Map.of());
        assertThat(RuleSet.compiledCount()).isEqualTo(classic + 1);
        assertThat(files(".seen")).hasSize(1);
        assertThat(files(".jar")).isEmpty();

        RuleSet.clearCache();
        List<Finding> second = RuleSet.build(List.of(pack)).run(facts, Map.of());
        assertThat(RuleSet.compiledCount()).as("no classic compile").isEqualTo(classic + 1);
        assertThat(files(".jar")).hasSize(1);
        assertThat(files(".seen")).isEmpty();

        RuleSet.clearCache();
        RuleSet third = RuleSet.build(List.of(pack));
        assertThat(RuleSet.compiledCount()).isEqualTo(classic + 1);
        assertThat(third.kieBase().getKiePackage("perfwarden.packs.testpack").getRules()).isNotEmpty();
        assertThat(first).hasSize(1);
        assertThat(second).isEqualTo(first);
        assertThat(third.run(facts, Map.of())).isEqualTo(first);

        // another content is another entry: first sight again
        Path copy = TestPacks.copy(cache.resolve("edited"));
        TestPacks.write(copy.resolve("leak-note/doc.md"), "# leak-note\n\nChanged text.\n");
        RuleSet.build(List.of(PackLoader.load(copy)));
        assertThat(RuleSet.compiledCount()).isEqualTo(classic + 2);
        assertThat(files(".seen")).hasSize(1);
    }

    @Test
    void offMeansNoFolderIsWritten() throws Exception {
        System.setProperty("perfwarden.cache", "off");
        assertThat(PackCache.dir()).isEmpty();
        RuleSet.clearCache();
        RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        RuleSet.clearCache();
        RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        assertThat(files("")).isEmpty();
    }

    private List<Path> files(String suffix) throws Exception {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(suffix)).toList();
        }
    }
}
