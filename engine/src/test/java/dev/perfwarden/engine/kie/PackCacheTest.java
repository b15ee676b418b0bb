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
 * The on-disk pack cache: first sight compiles the rule set to the executable model and stores it; later runs build
 * the KieBase from the stored classes, with the same findings; an edited pack is another entry. With the cache off or
 * refused the executable model is compiled in memory, so every setup runs the same compiler's rule set.
 */
class PackCacheTest {
    @TempDir
    Path cache;

    @TempDir
    Path state;

    @org.junit.jupiter.api.BeforeEach
    void ownKey() {
        System.setProperty("perfwarden.cacheKey", state.resolve("perfwarden/cache.key").toString());
    }

    @AfterEach
    void off() {
        System.setProperty("perfwarden.cache", "off");
        System.clearProperty("perfwarden.cacheKey");
        System.clearProperty("perfwarden.test.pwned");
    }

    @Test
    void aPackIsCompiledOnceToTheCacheThenLoadedFromIt() throws Exception {
        System.setProperty("perfwarden.cache", cache.toString());
        Pack pack = PackLoader.load(TestPacks.testpack());
        List<Object> facts = List.of(TestPacks.boxed(RuleSetTest.F, "box.go", 12, 9, 16));

        // first sight: compiled to the executable model and stored (one compiler per rule set: attack6 #5)
        RuleSet one = RuleSet.build(List.of(pack));
        assertThat(one.compiledBy()).isEqualTo("pack-cache");
        List<Finding> first = one.run(facts, Map.of());
        assertThat(files(".jar")).hasSize(1);

        RuleSet two = RuleSet.build(List.of(pack));
        assertThat(two.compiledBy()).isEqualTo("pack-cache");
        List<Finding> second = two.run(facts, Map.of());
        assertThat(files(".jar")).hasSize(1);

        RuleSet third = RuleSet.build(List.of(pack));
        assertThat(third.compiledBy()).isEqualTo("pack-cache");
        assertThat(third.kieBase().getKiePackage("perfwarden.packs.testpack").getRules()).isNotEmpty();
        assertThat(first).hasSize(1);
        assertThat(second).isEqualTo(first);
        assertThat(third.run(facts, Map.of())).isEqualTo(first);

        // another content is another entry
        Path copy = TestPacks.copy(cache.resolve("edited"));
        TestPacks.write(copy.resolve("leak-note/doc.md"), "# leak-note\n\nChanged text.\n");
        assertThat(RuleSet.build(List.of(PackLoader.load(copy))).compiledBy()).isEqualTo("pack-cache");
        assertThat(files(".jar")).hasSize(2);
    }

    @Test
    void offMeansNoFolderIsWritten() throws Exception {
        System.setProperty("perfwarden.cache", "off");
        assertThat(PackCache.dir()).isEmpty();
        RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        // the executable model all the same, compiled in memory (attack6 #5)
        assertThat(RuleSet.build(List.of(PackLoader.load(TestPacks.testpack()))).compiledBy()).isEqualTo("model");
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
     * and every perfwarden build's entries). Entries of other builds unused for a week go (and .seen markers of
     * versions before attack6 #5); of all builds' compiled rule sets, the least recently used beyond MAX_ENTRIES; files
     * that are no entries are left alone. Another build's entry used lately stays: two builds used by turns (a release
     * and a checkout) deleted each other's entries on every new entry and compiled again on every run.
     */
    @Test
    void theCacheKeepsTheMostRecentlyUsedEntriesOfEveryBuild() throws Exception {
        String build = "0123456789abcdef";
        long now = 1_000_000_000_000L;
        Path stale = entry("aa11-fedcba9876543210.jar", now - PackCache.OTHER_BUILD_MILLIS - 1);
        Path staleMarker = entry("aa13-fedcba9876543210.classic", now - PackCache.OTHER_BUILD_MILLIS - 1);
        Path otherSeen = entry("aa12-fedcba9876543210.seen", now);
        Path otherInUse = entry("aa14-fedcba9876543210.jar", now - 1000);
        Path notOurs = Files.writeString(cache.resolve("README"), "mine");
        List<Path> mine = new java.util.ArrayList<>();
        for (int i = 0; i < PackCache.MAX_ENTRIES + 3; i++) {
            mine.add(entry(String.format("%04x", i) + "-" + build + ".jar", now - 1_000_000L * (PackCache.MAX_ENTRIES + 3 - i)));
        }
        Path classic = entry("bb00-" + build + ".classic", now - PackCache.OTHER_BUILD_MILLIS - 1);
        PackCache.prune(cache, build, now);
        assertThat(stale).doesNotExist();
        assertThat(staleMarker).doesNotExist();
        assertThat(otherSeen).doesNotExist();
        assertThat(otherInUse).as("another build's entry used a second ago").exists();
        assertThat(notOurs).exists();
        assertThat(classic).exists();
        // 64 kept of 68 jars: this build's 4 least recently used go, the other build's newer one stays
        assertThat(mine.subList(0, 4)).allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(mine.subList(4, mine.size())).allSatisfy(p -> assertThat(p).exists());
    }

    private Path entry(String name, long modified) throws Exception {
        Path f = Files.writeString(cache.resolve(name), "x");
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(modified));
        return f;
    }

    /**
     * attack6 #4: whoever can write the cache folder swapped the victim's entry for classes compiled from their own
     * pack (same id, version and rules; a consequence that runs their code), compiled in their own cache: the victim's
     * run loaded them. An entry is now used only when signed with this user's key (kept outside the cache), so the
     * swapped entry is refused and deleted, the victim compiles their own pack, and the attacker's code never runs.
     */
    @Test
    void aSwappedEntryIsRefusedAndTheVictimsOwnPackRuns(@TempDir Path attacker) throws Exception {
        Path evil = TestPacks.copy(attacker.resolve("src"));
        Path drl = evil.resolve("boxed-value/rule.drl");
        TestPacks.write(drl, TestPacks.read(drl).replace("insert(Hits.hit(drools, $b, \"value of \" + $b.width() + \" bytes boxed\", $b));",
                "System.setProperty(\"perfwarden.test.pwned\", \"ran\");"));
        assertThat(TestPacks.read(drl)).contains("pwned");
        System.setProperty("perfwarden.cache", attacker.resolve("cache").toString());
        System.setProperty("perfwarden.cacheKey", attacker.resolve("state/cache.key").toString());
        RuleSet.build(List.of(PackLoader.load(evil)));
        Path evilJar;
        try (Stream<Path> s = Files.list(attacker.resolve("cache"))) {
            evilJar = s.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
        }

        ownKey();
        System.setProperty("perfwarden.cache", cache.toString());
        Pack pack = PackLoader.load(TestPacks.testpack());
        List<Object> facts = List.of(TestPacks.boxed(RuleSetTest.F, "box.go", 12, 9, 16));
        List<Finding> honest = RuleSet.build(List.of(pack)).run(facts, Map.of());
        Path own = files(".jar").get(0);
        Files.copy(evilJar, own, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        RuleSet victim = RuleSet.build(List.of(pack));
        List<Finding> found = victim.run(facts, Map.of());
        assertThat(System.getProperty("perfwarden.test.pwned")).as("the attacker's consequence ran").isNull();
        assertThat(found).hasSize(1).isEqualTo(honest);
        // the victim's own entry replaced it, and is used from then on
        assertThat(RuleSet.build(List.of(pack)).compiledBy()).isEqualTo("pack-cache");
        assertThat(RuleSet.build(List.of(pack)).run(facts, Map.of())).isEqualTo(honest);
        assertThat(System.getProperty("perfwarden.test.pwned")).isNull();
    }

    /** attack6 #4: a folder every user may write to (mode 1777, as the probe's) is not used at all, and nothing is written. */
    @Test
    void aFolderOthersMayWriteIsNotUsed() throws Exception {
        Files.setPosixFilePermissions(cache, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        System.setProperty("perfwarden.cache", cache.toString());
        for (int i = 0; i < 2; i++) {
            assertThat(RuleSet.build(List.of(PackLoader.load(TestPacks.testpack()))).compiledBy()).isEqualTo("model");
        }
        assertThat(files("")).isEmpty();
        Path sub = cache.resolve("mine");
        Files.createDirectory(sub, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        System.setProperty("perfwarden.cache", sub.toString());
        assertThat(CacheTrust.refusal(sub.toRealPath(), CacheTrust.currentUid())).hasValueSatisfying(
                why -> assertThat(why).contains("writable by other users without the sticky bit"));
    }

    /** attack6 #4 (b): a dangling link planted under the next marker's name made the victim's run create its target. */
    @Test
    void aPlantedLinkIsNeverFollowed(@TempDir Path elsewhere) throws Exception {
        System.setProperty("perfwarden.cache", elsewhere.resolve("c").toString());
        RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        Path signed;
        try (Stream<Path> s = Files.list(elsewhere.resolve("c"))) {
            signed = s.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        String name = signed.getFileName().toString();
        // a link under the entry's name to an entry this user signed elsewhere: not a regular file, refused
        Files.createSymbolicLink(cache.resolve(name), signed);
        System.setProperty("perfwarden.cache", cache.toString());
        assertThat(RuleSet.build(List.of(PackLoader.load(TestPacks.testpack()))).compiledBy()).isEqualTo("pack-cache");
        assertThat(Files.isRegularFile(cache.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)).as("the link was replaced by an entry").isTrue();
        // a new folder is made private (0700)
        Path made = elsewhere.resolve("new/rules");
        System.setProperty("perfwarden.cache", made.toString());
        RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(made)))
                .isEqualTo("rwx------");
    }

    /**
     * attack6 #5 (probe 04): the classic build (MVEL: {@code (level * 2147483647) * 2} widens to -4294967294) and the
     * executable model (Java int: 2) disagree for level -1. The first sight compiled the classic way, the second
     * the executable model, so a pack's findings and the gate flipped between a cold and a warm cache; then the cache
     * off ({@code PERFWARDEN_CACHE=off}) or refused (not private) still ran the classic build. Every setup now builds
     * the executable model: the same findings, with the same severities (the gate), cache off, refused, cold, warm.
     */
    @Test
    void aRuleSetIsBuiltByOneCompilerInEverySetup() throws Exception {
        Path flip = Path.of(PackCacheTest.class.getResource("/models/flip/pack.yaml").toURI()).getParent();
        List<Object> facts = flipFacts();
        Map<String, List<String>> found = new java.util.LinkedHashMap<>();
        System.setProperty("perfwarden.cache", "off");
        found.put("off", flipRun(RuleSet.build(List.of(PackLoader.load(flip))), facts, "model"));
        Path shared = cache.resolve("shared");
        Files.createDirectory(shared, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        System.setProperty("perfwarden.cache", shared.toString());
        found.put("refused", flipRun(RuleSet.build(List.of(PackLoader.load(flip))), facts, "model"));
        assertThat(Files.list(shared).toList()).as("nothing written to a refused folder").isEmpty();
        System.setProperty("perfwarden.cache", cache.resolve("own").toString());
        found.put("cold", flipRun(RuleSet.build(List.of(PackLoader.load(flip))), facts, "pack-cache"));
        found.put("warm", flipRun(RuleSet.build(List.of(PackLoader.load(flip))), facts, "pack-cache"));
        assertThat(found.values()).as(found.toString()).containsOnly(List.of("audit-clean warning 3"));
        // the classic build really disagrees (perfwarden test PACK compares the two: TestCommandModelsTest)
        assertThat(flipRun(RuleSet.buildClassic(List.of(PackLoader.load(flip)), PackCacheTest.class.getClassLoader()),
                facts, "drl")).containsExactly("overflow-neg warning 3");
    }

    /** The rules, severities (what the gate reads) and counts of a run of the flip pack, built by {@code by}. */
    private static List<String> flipRun(RuleSet rules, List<Object> facts, String by) {
        assertThat(rules.compiledBy()).isEqualTo(by);
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Finding f : rules.run(facts, Map.of())) {
            counts.merge(f.rule() + " " + f.severity().id(), 1L, Long::sum);
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
    }

    private static List<Object> flipFacts() {
        List<Object> facts = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            facts.add(dev.perfwarden.facts.escape.EscapeFact.of(dev.perfwarden.facts.escape.EscapeFact.KIND_MOVED_TO_HEAP,
                    "x" + i, "", -1, false, List.of(), List.of(), "main", "main.f", "main.f" + i, "main.go", i, 6,
                    dev.perfwarden.facts.core.Attributable.BY_COMPILER, new dev.perfwarden.facts.core.Evidence("escape-text",
                            "./main.go:" + i + ":6: moved to heap: x" + i, dev.perfwarden.facts.core.InputPos.line("m.txt", i))));
        }
        return facts;
    }
}
