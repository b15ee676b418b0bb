package dev.perfwarden.engine.kie;

import dev.perfwarden.facts.core.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pack cache's warnings on stderr. None fails a run, and since attack6 #5 none changes its findings: a cache that
 * is not used only makes each run compile its packs again.
 */
final class CacheWarnings {
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();
    /** In the per-user state folder (beside the cache key): the sha256 of the last refused-folder warning printed. */
    static final String LAST_REFUSAL = "cache-refused.sha256";

    private CacheWarnings() {
    }

    /** Says {@code line} once per process. */
    static void once(String line) {
        if (SAID.add(line)) {
            System.err.println("perfwarden: warning: " + line);
        }
    }

    /**
     * The cache folder {@code folder} is refused ({@code why}, which names the folder and its owner or mode): said
     * once per process and, when the per-user state folder can remember it, once for as long as the line stays the
     * same (another folder, mode or owner changes it and it is said again; a folder accepted in between and then
     * refused for the same reason is not said again).
     */
    static void refused(Path folder, String why) {
        String line = "pack cache " + folder + " not used: " + why + "; each run compiles its packs to the executable"
                + " model again (same findings, slower). Make the folder private, point PERFWARDEN_CACHE at a folder"
                + " of your own, or set PERFWARDEN_CACHE=off; said once while the folder stays so"
                + " (docs/packs.md#compiled-packs-and-the-pack-cache)";
        if (SAID.add(line) && !saidBefore(Sha256.hex(line))) {
            System.err.println("perfwarden: warning: " + line);
        }
    }

    /**
     * Whether an earlier run printed the warning hashed {@code hash} last (then true); otherwise records it and
     * returns false. False too when the state folder cannot be used: the warning is then said on every run.
     */
    private static boolean saidBefore(String hash) {
        try {
            Path dir = CacheTrust.privateFolder(CacheTrust.keyFile().toAbsolutePath().getParent());
            Path f = dir.resolve(LAST_REFUSAL);
            if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)
                    && new String(CacheTrust.readOwnFile(f), StandardCharsets.UTF_8).equals(hash)) {
                return true;
            }
            Path tmp = Files.createTempFile(dir, LAST_REFUSAL, ".tmp"); // a new file, 0600
            try {
                Files.writeString(tmp, hash);
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return false;
        } catch (CacheTrust.Refused | IOException | RuntimeException e) {
            return false;
        }
    }

    /** Forgets what this process said (tests). */
    static void reset() {
        SAID.clear();
    }
}
