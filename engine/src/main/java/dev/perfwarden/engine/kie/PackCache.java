package dev.perfwarden.engine.kie;

import dev.perfwarden.facts.core.Sha256;
import dev.perfwarden.engine.model.Fingerprints;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.facts.core.Fact;
import org.kie.api.KieBase;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Rule sets with packs that were not compiled into perfwarden (user and third-party packs), compiled to the
 * Drools executable model and kept on disk, so that later runs build their KieBase from classes instead of
 * compiling DRL.
 *
 * <p>Folder: {@code $PERFWARDEN_CACHE}, else {@code $XDG_CACHE_HOME/perfwarden/rules}, else
 * {@code ~/.cache/perfwarden/rules}; {@code PERFWARDEN_CACHE=off} turns the cache off. An entry is named by
 * the rule set's content key (every pack's id, version and sha256, the engine version, the prelude) and
 * the build of perfwarden that compiled it (its fact and engine classes), so an edited pack or another
 * perfwarden build never reads it. Entries are written to a temporary file and renamed into place, so
 * concurrent runs never read half a file.
 *
 * <p>The cache stays bounded ({@link #prune}): entries of other perfwarden builds unused for a week are deleted, and
 * at most {@link #MAX_ENTRIES} compiled rule sets are kept, the least recently used going first.
 *
 * <p>Compiling to the executable model costs 2–3× the classic compile. It is paid on a rule set's first sight all the
 * same (until attack6 #5 the first sight compiled the classic way and only the second the executable model): the two
 * compilers do not agree on every constraint ({@code (level * 2147483647) * 2}: MVEL's arithmetic widens, Java's int
 * overflows), so a user pack's findings and the gate flipped between a cold and a warm cache. A rule set with a pack
 * that is not built in is always run as its executable model (or, if it does not compile so, always the classic way):
 * with {@code PERFWARDEN_CACHE=off} or a cache refused by {@link CacheTrust} it is compiled in memory on every run.
 */
final class PackCache {
    private PackCache() {
    }

    /** The cache folder, or empty when the cache is off. */
    static Optional<Path> dir() {
        String env = System.getProperty("perfwarden.cache", System.getenv("PERFWARDEN_CACHE"));
        if (env != null && !env.isBlank()) {
            return env.equals("off") ? Optional.empty() : Optional.of(Path.of(env));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return Optional.of(base.resolve("perfwarden").resolve("rules"));
    }

    /** A rule set's KieBase and where it came from: {@code "pack-cache"} or {@code "model"} (compiled in memory). */
    record Built(KieBase kieBase, String by) {
    }

    /**
     * The KieBase of {@code packs} as their executable model: from the cache, or compiled and stored there; with the
     * cache off or refused ({@link CacheTrust}), compiled in memory for this run (attack6 #5: one compiler per rule
     * set in every setup). Empty when the packs do not compile to the executable model (the caller then compiles the
     * classic way, in every setup alike, which also reports errors with pack lines).
     */
    static Optional<Built> kieBase(List<Pack> packs, ClassLoader cl, String key) {
        Optional<Path> configured = dir();
        if (configured.isEmpty()) {
            return inMemory(packs, cl, key);
        }
        Path dir;
        byte[] signing;
        try {
            dir = CacheTrust.privateFolder(configured.get());
            signing = CacheTrust.key();
        } catch (CacheTrust.Refused r) {
            CacheWarnings.refused(configured.get(), r.getMessage());
            return inMemory(packs, cl, key);
        }
        String name = key + "-" + buildId().substring(0, 16);
        Path jar = dir.resolve(name + ".jar");
        try {
            if (Files.exists(jar, LinkOption.NOFOLLOW_LINKS)) {
                Optional<KieBase> kb = load(jar, signing, cl);
                if (kb.isPresent()) {
                    // its last use, for pruning (the least recently used entries go first)
                    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
                    return Optional.of(new Built(kb.get(), "pack-cache"));
                }
                Files.deleteIfExists(jar);
            }
            if (Files.exists(dir.resolve(name + ".classic"), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return inMemory(packs, cl, key); // a cache that cannot be read is no cache
        }
        return compileInto(dir, name, signing, packs, cl);
    }

    /**
     * The rule set's executable model compiled for this process only (the cache off or refused): its classes are
     * defined from the bytes just built, nothing is written or read from disk. The last {@link #IN_MEMORY} kjars are
     * kept in memory, so that building the same rule set again in one process (tests, a batch worker without a
     * {@link RuleSetCache}) does not compile it again; a rule set without a model is remembered too.
     */
    private static Optional<Built> inMemory(List<Pack> packs, ClassLoader cl, String key) {
        if (packs.stream().allMatch(Pack::builtin)) {
            return Optional.empty(); // built-in packs without their prebuilt model (a development build): the
                                     // classic compile is cheaper, and go-perf's two builds are compared (PrecompiledPackTest)
        }
        String k = key + "@" + Integer.toHexString(System.identityHashCode(cl));
        byte[] kjar;
        synchronized (COMPILED) {
            kjar = COMPILED.get(k);
        }
        if (kjar == null) {
            Optional<ExecutableModels.Compiled> c = compile(packs, cl);
            kjar = c.map(ExecutableModels.Compiled::kjar).orElse(NO_MODEL);
            synchronized (COMPILED) {
                COMPILED.put(k, kjar);
            }
        }
        return kjar == NO_MODEL ? Optional.empty() : kieBase(kjar, cl).map(kb -> new Built(kb, "model"));
    }

    /** How many rule sets' kjars {@link #inMemory} keeps (the least recently used go first). */
    static final int IN_MEMORY = 8;
    private static final byte[] NO_MODEL = new byte[0];
    private static final java.util.Map<String, byte[]> COMPILED = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, byte[]> eldest) {
            return size() > IN_MEMORY;
        }
    };

    /**
     * The packs' executable model, or empty when Drools reports errors for it or fails on it (then the classic compile
     * runs and reports what it can). A compile interrupted by {@link dev.perfwarden.engine.restrict.CompileGuard}
     * is not a failure of the packs: its exception goes on.
     */
    private static Optional<ExecutableModels.Compiled> compile(List<Pack> packs, ClassLoader cl) {
        try {
            ExecutableModels.Compiled c = ExecutableModels.compile(packs, cl);
            return c.errors().isEmpty() ? Optional.of(c) : Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /**
     * A rule set not in the cache: compiled to the executable model at once (its first sight too: a rule set is built
     * by one compiler, whatever the cache holds; attack6 #5), signed and stored, and built from the bytes just compiled
     * (those stored); a rule set that does not compile so is remembered ({@code .classic}) and keeps the classic build.
     */
    private static Optional<Built> compileInto(Path dir, String name, byte[] signing, List<Pack> packs, ClassLoader cl) {
        Optional<ExecutableModels.Compiled> c = compile(packs, cl);
        try {
            if (c.isEmpty()) {
                if (!Thread.currentThread().isInterrupted()) {
                    CacheTrust.createMarker(dir.resolve(name + ".classic"), "no executable model\n");
                }
                return Optional.empty();
            }
            Path jar = dir.resolve(name + ".jar");
            Path tmp = Files.createTempFile(dir, name, ".tmp"); // a new file, 0600
            try {
                Files.write(tmp, CacheTrust.sign(signing, c.get().kjar()));
                Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            prune(dir, buildId().substring(0, 16));
        } catch (IOException | RuntimeException e) {
            // not stored (disk full, a marker another run made): this run still uses the model just compiled
        }
        return c.flatMap(m -> kieBase(m.kjar(), cl)).map(kb -> new Built(kb, "pack-cache"));
    }

    /** The most compiled rule sets the cache keeps, of all perfwarden builds together (batch jobs over many repositories). */
    static final int MAX_ENTRIES = 64;
    /** An entry of another perfwarden build unused this long is deleted (an older version no one runs any more). */
    static final long OTHER_BUILD_MILLIS = 7L * 24 * 3600 * 1000;
    private static final java.util.regex.Pattern ENTRY = java.util.regex.Pattern.compile(
            "[0-9a-f]+-([0-9a-f]{16})\\.(jar|seen|classic)");

    /**
     * Keeps the cache bounded: deletes the entries of other perfwarden builds not used for {@link #OTHER_BUILD_MILLIS}
     * (no run reads them again), and of the compiled rule sets left, of every build, all but the {@link #MAX_ENTRIES}
     * most recently used. Until session 16 every entry of another build was deleted at once, so two perfwarden builds
     * used by turns (a release and a checkout, two versions in one CI) deleted each other's entries and compiled their
     * packs again on every run. A run that is reading an entry deleted here keeps its open file; one about to read it
     * compiles it again.
     */
    static void prune(Path dir, String build) throws IOException {
        prune(dir, build, System.currentTimeMillis());
    }

    static void prune(Path dir, String build, long now) throws IOException {
        List<Path> jars = new java.util.ArrayList<>();
        java.util.Map<Path, Long> used = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                java.util.regex.Matcher m = ENTRY.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long last = Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toMillis();
                if (!m.group(1).equals(build) && (now - last > OTHER_BUILD_MILLIS || m.group(2).equals("seen"))) {
                    Files.deleteIfExists(f); // .seen: a marker of versions before attack6 #5, never read
                } else if (m.group(2).equals("jar")) {
                    jars.add(f);
                    used.put(f, last);
                }
            }
        }
        if (jars.size() <= MAX_ENTRIES) {
            return;
        }
        jars.sort(java.util.Comparator.comparing(used::get));
        for (Path old : jars.subList(0, jars.size() - MAX_ENTRIES)) {
            Files.deleteIfExists(old);
        }
    }

    /**
     * The KieBase of a stored entry: read once, without following a link, from a file this user owns, and used only
     * when its signature under this user's key matches; its classes are defined from those very bytes.
     */
    private static Optional<KieBase> load(Path jar, byte[] signing, ClassLoader cl) {
        byte[] bytes;
        try {
            bytes = CacheTrust.verify(signing, CacheTrust.readOwnFile(jar), jar);
        } catch (CacheTrust.Refused r) {
            CacheWarnings.once("pack cache entry refused: " + r.getMessage() + "; it is deleted and the packs compiled again");
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        return kieBase(bytes, cl);
    }

    private static Optional<KieBase> kieBase(byte[] kjar, ClassLoader cl) {
        try {
            KjarClassLoader loader = new KjarClassLoader(kjar, cl); // the kjar's one unzip: classes and model list
            if (loader.models().isEmpty()) {
                return Optional.empty();
            }
            // the loader stays reachable: the KieBase's classes come from it for the life of the rule set
            return Optional.of(ExecutableModels.kieBase(loader.models(), loader));
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The build of perfwarden's fact and engine classes: where they were loaded from and when it was made. */
    static String buildId() {
        StringBuilder sb = new StringBuilder();
        for (Class<?> c : List.of(Fact.class, RuleSet.class, Pack.class)) {
            URL u = c.getResource(c.getSimpleName() + ".class");
            sb.append(u).append(' ');
            try {
                sb.append(u == null ? 0 : u.openConnection().getLastModified());
            } catch (IOException e) {
                sb.append('?');
            }
            sb.append('\n');
        }
        return Sha256.hex(sb.toString());
    }
}
