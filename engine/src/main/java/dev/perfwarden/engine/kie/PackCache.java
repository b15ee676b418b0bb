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
 * <p>The cache stays bounded ({@link #prune}): entries of other perfwarden builds are deleted, and of this build's at
 * most {@link #MAX_ENTRIES} compiled rule sets are kept, the least recently used going first.
 *
 * <p>Compiling to the executable model costs 2–3× the classic compile. It is paid on a rule set's first sight all the
 * same (until attack6 #5 the first sight compiled the classic way and only the second the executable model): the two
 * compilers do not agree on every constraint ({@code (level * 2147483647) * 2}: MVEL's arithmetic widens, Java's int
 * overflows), so a user pack's findings and the gate flipped between a cold and a warm cache. With the cache on, a
 * rule set is always run as its executable model (or, if it does not compile so, always the classic way);
 * {@code PERFWARDEN_CACHE=off} and a cache refused by {@link CacheTrust} run the classic build.
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

    /**
     * The KieBase of {@code packs} from the cache, or compiled to the executable model and stored there;
     * empty when the cache is off or refused, or the packs do not compile to the executable
     * model (the caller then compiles the classic way, which also reports errors with pack lines).
     */
    static Optional<KieBase> kieBase(List<Pack> packs, ClassLoader cl, String key) {
        Optional<Path> configured = dir();
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        String name = key + "-" + buildId().substring(0, 16);
        try {
            Path dir = CacheTrust.privateFolder(configured.get());
            byte[] signing = CacheTrust.key();
            Path jar = dir.resolve(name + ".jar");
            if (Files.exists(jar, LinkOption.NOFOLLOW_LINKS)) {
                Optional<KieBase> kb = load(jar, signing, cl);
                if (kb.isPresent()) {
                    // its last use, for pruning (the least recently used entries go first)
                    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
                    return kb;
                }
                Files.deleteIfExists(jar);
            }
            return compileInto(dir, name, signing, packs, cl);
        } catch (CacheTrust.Refused r) {
            refused("pack cache " + configured.get() + " not used: " + r.getMessage()
                    + "; packs are compiled the classic way (docs/packs.md#compiled-packs-and-the-pack-cache)");
            return Optional.empty();
        } catch (IOException | RuntimeException | LinkageError e) {
            return Optional.empty(); // a cache that cannot be used is no cache: compile the classic way
        }
    }

    /**
     * A rule set not in the cache: compiled to the executable model at once (its first sight too: a rule set is built
     * by one compiler, whatever the cache holds; attack6 #5), signed and stored, and built from the bytes stored; a
     * rule set that does not compile so is remembered ({@code .classic}) and keeps the classic build.
     */
    private static Optional<KieBase> compileInto(Path dir, String name, byte[] signing, List<Pack> packs, ClassLoader cl)
            throws IOException {
        Path failed = dir.resolve(name + ".classic");
        if (Files.exists(failed, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        ExecutableModels.Compiled c = ExecutableModels.compile(packs, cl);
        if (!c.errors().isEmpty()) {
            CacheTrust.createMarker(failed, String.join("\n", c.errors()) + "\n");
            return Optional.empty();
        }
        Path jar = dir.resolve(name + ".jar");
        Path tmp = Files.createTempFile(dir, name, ".tmp"); // a new file, 0600
        try {
            Files.write(tmp, CacheTrust.sign(signing, c.kjar()));
            Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        prune(dir, buildId().substring(0, 16));
        return kieBase(c.kjar(), cl);
    }

    private static volatile boolean told;

    /** Says once per process, on stderr, why the cache is not used (the run goes on with the classic compile). */
    private static void refused(String line) {
        if (!told) {
            told = true;
            System.err.println("perfwarden: warning: " + line);
        }
    }

    /** The most compiled rule sets of one perfwarden build the cache keeps (batch jobs over many repositories). */
    static final int MAX_ENTRIES = 64;
    private static final java.util.regex.Pattern ENTRY = java.util.regex.Pattern.compile(
            "[0-9a-f]+-([0-9a-f]{16})\\.(jar|seen|classic)");

    /**
     * Keeps the cache bounded: deletes every entry another perfwarden build made (no run of this build reads it again),
     * and of this build's compiled rule sets all but the {@link #MAX_ENTRIES} most recently used. A run that is
     * reading an entry deleted here keeps its open file; one about to read it compiles the classic way.
     */
    static void prune(Path dir, String build) throws IOException {
        List<Path> jars = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                java.util.regex.Matcher m = ENTRY.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                if (!m.group(1).equals(build)) {
                    Files.deleteIfExists(f);
                } else if (m.group(2).equals("jar")) {
                    jars.add(f);
                }
            }
        }
        if (jars.size() <= MAX_ENTRIES) {
            return;
        }
        java.util.Map<Path, Long> used = new java.util.HashMap<>();
        for (Path j : jars) {
            used.put(j, Files.getLastModifiedTime(j).toMillis());
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
            refused("pack cache entry refused: " + r.getMessage() + "; it is deleted and the packs compiled again");
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        return kieBase(bytes, cl);
    }

    private static Optional<KieBase> kieBase(byte[] kjar, ClassLoader cl) {
        try {
            List<String> models = ExecutableModels.modelsIn(kjar);
            if (models.isEmpty()) {
                return Optional.empty();
            }
            // the loader stays reachable: the KieBase's classes come from it for the life of the rule set
            return Optional.of(ExecutableModels.kieBase(models, new KjarClassLoader(kjar, cl)));
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
