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
    }

    @Test
    void aPackSeenTwiceIsCompiledOnceToTheCacheThenLoadedFromIt() throws Exception {
        System.setProperty("perfwarden.cache", cache.toString());
        Pack pack = PackLoader.load(TestPacks.testpack());
        List<Object> facts = List.of(TestPacks.boxed(RuleSetTest.F, "box.go", 12, 9, 16));

        RuleSet one = RuleSet.build(List.of(pack));
        assertThat(one.compiledBy()).isEqualTo("drl");
        List<Finding> first = one.run(facts, Map.of());
        assertThat(files(".seen")).hasSize(1);
        assertThat(files(".jar")).isEmpty();

        RuleSet two = RuleSet.build(List.of(pack));
        assertThat(two.compiledBy()).isEqualTo("pack-cache");
        List<Finding> second = two.run(facts, Map.of());
        assertThat(files(".jar")).hasSize(1);
        assertThat(files(".seen")).isEmpty();

        RuleSet third = RuleSet.build(List.of(pack));
        assertThat(third.compiledBy()).isEqualTo("pack-cache");
        assertThat(third.kieBase().getKiePackage("perfwarden.packs.testpack").getRules()).isNotEmpty();
        assertThat(first).hasSize(1);
        assertThat(second).isEqualTo(first);
        assertThat(third.run(facts, Map.of())).isEqualTo(first);

        // another content is another entry: first sight again
        Path copy = TestPacks.copy(cache.resolve("edited"));
        TestPacks.write(copy.resolve("leak-note/doc.md"), "# leak-note\n\nChanged text.\n");
        assertThat(RuleSet.build(List.of(PackLoader.load(copy))).compiledBy()).isEqualTo("drl");
        assertThat(files(".seen")).hasSize(1);
    }

    @Test
    void offMeansNoFolderIsWritten() throws Exception {
        System.setProperty("perfwarden.cache", "off");
        assertThat(PackCache.dir()).isEmpty();
        RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        assertThat(RuleSet.build(List.of(PackLoader.load(TestPacks.testpack()))).compiledBy()).isEqualTo("drl");
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
    /**
     * attack3's note: the cache grew without bound (batch jobs over many repositories, each with packs of its own,
     * and every perfwarden build's entries). Entries of other builds go; of this build's, the least recently used
     * beyond MAX_ENTRIES; files that are no entries are left alone.
     */
    @Test
    void theCacheKeepsThisBuildsMostRecentlyUsedEntriesOnly() throws Exception {
        String build = "0123456789abcdef";
        Path other = java.nio.file.Files.writeString(cache.resolve("aa11-fedcba9876543210.jar"), "x");
        Path otherSeen = java.nio.file.Files.writeString(cache.resolve("aa12-fedcba9876543210.seen"), "");
        Path notOurs = java.nio.file.Files.writeString(cache.resolve("README"), "mine");
        List<Path> mine = new java.util.ArrayList<>();
        for (int i = 0; i < PackCache.MAX_ENTRIES + 3; i++) {
            Path j = java.nio.file.Files.writeString(cache.resolve(String.format("%04x", i) + "-" + build + ".jar"), "x");
            java.nio.file.Files.setLastModifiedTime(j, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
            mine.add(j);
        }
        Path seen = java.nio.file.Files.writeString(cache.resolve("bb00-" + build + ".seen"), "");
        PackCache.prune(cache, build);
        assertThat(other).doesNotExist();
        assertThat(otherSeen).doesNotExist();
        assertThat(notOurs).exists();
        assertThat(seen).exists();
        assertThat(mine.subList(0, 3)).allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(mine.subList(3, mine.size())).allSatisfy(p -> assertThat(p).exists());
    }
}
