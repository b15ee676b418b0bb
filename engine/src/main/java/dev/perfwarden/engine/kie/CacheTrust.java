package dev.perfwarden.engine.kie;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a pack cache entry safe to run (attack6 #4): the classes in it are loaded into this process, so an entry
 * is used only when it is provably one this user's perfwarden wrote.
 *
 * <ul>
 *   <li>The folder that holds it must be <em>private</em> ({@link #refusal}): a directory (its real path) owned by the
 *   current user and writable by no group or other user, under ancestors owned by the user or root that others cannot
 *   rename it out of (not group/other-writable, or sticky like {@code /tmp}). A missing folder is created 0700.
 *   This closes the shared-folder case: a cache at {@code /tmp/x} made by someone else, {@code HOME=/tmp}, a
 *   group-writable CI cache folder.</li>
 *   <li>Every entry carries an HMAC-SHA256 of its bytes under a per-user key kept <em>outside</em> the cache
 *   ({@link #keyFile}, 0600 in a private folder): an entry restored from a shared CI cache, or copied in by anyone
 *   who does not hold the key, fails the check. The bytes checked are the bytes whose classes are defined (the
 *   caller never reopens the file), and files are opened without following links.</li>
 * </ul>
 * When any of this fails the caller compiles the executable model again (in memory when the folder is refused) and
 * says why on stderr ({@link CacheWarnings}); nothing fails the run.
 */
final class CacheTrust {
    static final int MAC_LENGTH = 32;
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    private CacheTrust() {
    }

    /** The uid of this process, or -1 when the file system cannot say (no POSIX owners: nothing is checked). */
    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            // not Linux: the owner of a file this process creates
        }
        try {
            Path probe = Files.createTempFile("perfwarden-uid", ".tmp");
            try {
                return (Integer) Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Creates {@code dir} (0700, with any missing parents) when it is missing and returns its real path, or throws
     * {@link Refused} saying why it may not hold code this process runs.
     */
    static Path privateFolder(Path dir) throws Refused {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path real = dir.toRealPath();
            Optional<String> why = refusal(real, currentUid());
            if (why.isPresent()) {
                throw new Refused(why.get());
            }
            return real;
        } catch (UnsupportedOperationException e) {
            return dir.toAbsolutePath(); // no POSIX permissions (Windows): nothing to check
        } catch (IOException e) {
            throw new Refused("cannot use " + dir + ": " + e);
        }
    }

    /** Why the real folder {@code dir} is not private to {@code uid}, or empty when it is. */
    static Optional<String> refusal(Path dir, int uid) throws IOException {
        if (uid < 0) {
            return Optional.empty();
        }
        Map<String, Object> a = Files.readAttributes(dir, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int owner = (Integer) a.get("uid");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(dir + " is not a folder");
        }
        if (owner != uid) {
            return Optional.of(dir + " is owned by uid " + owner + ", not by this user (uid " + uid + ")");
        }
        if ((mode & GROUP_OR_OTHER_WRITE) != 0) {
            return Optional.of(dir + " is writable by its group or other users (mode "
                    + Integer.toOctalString(mode & 07777) + "; chmod go-w it)");
        }
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            Map<String, Object> pa = Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int pm = (Integer) pa.get("mode");
            int po = (Integer) pa.get("uid");
            if (po != uid && po != 0) {
                return Optional.of(p + ", a parent of " + dir + ", is owned by uid " + po
                        + " (neither this user nor root), who could replace the folder");
            }
            if ((pm & GROUP_OR_OTHER_WRITE) != 0 && (pm & STICKY) == 0) {
                return Optional.of(p + ", a parent of " + dir + ", is writable by other users without the sticky bit"
                        + " (mode " + Integer.toOctalString(pm & 07777) + "), so the folder could be replaced");
            }
        }
        return Optional.empty();
    }

    /**
     * The per-user key that signs cache entries: {@code perfwarden.cacheKey} (a system property, for tests), else
     * {@code $XDG_STATE_HOME/perfwarden/cache.key}, else {@code ~/.local/state/perfwarden/cache.key}. Never inside the
     * cache folder, so that whoever can write (or restore) the cache cannot sign an entry.
     */
    static Path keyFile() {
        String p = System.getProperty("perfwarden.cacheKey");
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("perfwarden").resolve("cache.key");
    }

    /** The key's bytes, made (32 random bytes, 0600) on first use; throws {@link Refused} when it cannot be trusted. */
    static byte[] key() throws Refused {
        Path f = keyFile();
        Path dir = privateFolder(f.toAbsolutePath().getParent());
        Path key = dir.resolve(f.getFileName());
        try {
            if (!Files.exists(key, LinkOption.NOFOLLOW_LINKS)) {
                byte[] fresh = new byte[MAC_LENGTH];
                new SecureRandom().nextBytes(fresh);
                Path tmp = Files.createTempFile(dir, "cache.key", ".tmp"); // 0600, a new file
                try {
                    Files.write(tmp, fresh);
                    Files.createLink(key, tmp); // fails when another run made the key first: that one is used
                } catch (FileAlreadyExistsException e) {
                    // another run's key
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            if (notOwn(key, 077).isPresent()) {
                throw new Refused("the cache key " + key + " is not a file only this user can read and write");
            }
            byte[] k = read(key);
            if (k.length != MAC_LENGTH) {
                throw new Refused("the cache key " + key + " is not " + MAC_LENGTH + " bytes");
            }
            return k;
        } catch (UnsupportedOperationException e) {
            throw new Refused("no POSIX permissions to keep the cache key private");
        } catch (IOException e) {
            throw new Refused("cannot use the cache key " + key + ": " + e);
        }
    }

    /** HMAC-SHA256 of {@code data} under {@code key}. */
    static byte[] mac(byte[] key, byte[] data) {
        try {
            javax.crypto.Mac m = javax.crypto.Mac.getInstance("HmacSHA256");
            m.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** {@code mac || data}: an entry as written to disk. */
    static byte[] sign(byte[] key, byte[] data) {
        return ByteBuffer.allocate(MAC_LENGTH + data.length).put(mac(key, data)).put(data).array();
    }

    /** The data of an entry written by {@link #sign} with {@code key}, or throws {@link Refused}. */
    static byte[] verify(byte[] key, byte[] entry, Path file) throws Refused {
        if (entry.length > MAC_LENGTH) {
            byte[] data = java.util.Arrays.copyOfRange(entry, MAC_LENGTH, entry.length);
            if (MessageDigest.isEqual(mac(key, data), java.util.Arrays.copyOf(entry, MAC_LENGTH))) {
                return data;
            }
        }
        throw new Refused(file + " was not written by this user's perfwarden (its signature does not match)");
    }

    /**
     * The bytes of a regular file owned by this user and writable by no one else, read without following a link;
     * throws {@link Refused} otherwise.
     */
    static byte[] readOwnFile(Path file) throws Refused, IOException {
        Optional<String> why = notOwn(file, GROUP_OR_OTHER_WRITE);
        if (why.isPresent()) {
            throw new Refused(file + why.get());
        }
        return read(file);
    }

    /**
     * Why {@code file} (not followed when a link) is not a regular file owned by this user with none of the mode bits
     * {@code forbidden} (the tail of a sentence naming the file; the key's {@code 077} also forbids reading), or empty
     * when it is.
     */
    private static Optional<String> notOwn(Path file, int forbidden) throws IOException {
        Map<String, Object> a = Files.readAttributes(file, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        int uid = currentUid();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(" is not a regular file");
        }
        if (uid >= 0 && (Integer) a.get("uid") != uid || ((Integer) a.get("mode") & forbidden) != 0) {
            return Optional.of(" is not owned by this user or is writable by others");
        }
        return Optional.empty();
    }

    private static byte[] read(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] b = in.readNBytes(256 * 1024 * 1024 + 1);
            if (b.length > 256 * 1024 * 1024) {
                throw new IOException(file + " is larger than 256 MiB");
            }
            return b;
        }
    }

    /** Creates an empty marker file; never through a link (a planted link makes this fail, not write elsewhere). */
    static void createMarker(Path file, String text) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
            ch.write(ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    /** Why a cache (entry) is not used; the message is one line for stderr. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
