package dev.perfwarden.batch;

import dev.perfwarden.facts.core.Sha256;
import dev.perfwarden.capture.GoCapture;
import dev.perfwarden.capture.GoToolchainException;
import dev.perfwarden.engine.pack.PackHashes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Gets one entry's captures ready — a folder as it is, a module built with the real toolchain, a repository
 * cloned shallowly and then built — and hashes what decides its result, for {@code --resume}.
 */
final class Inputs {
    /** A problem with the entry itself (missing folder, failed build or clone): the entry fails with it. */
    static final class EntryException extends Exception {
        EntryException(String message) {
            super(message);
        }
    }

    /** Captures ready to analyse. */
    record Ready(List<Path> captures, List<Path> sources) {
    }

    private Inputs() {
    }

    /**
     * The sha256 of the entry's inputs: every file of a captures folder and its source folders, every file
     * of a module folder (but .git), or the URL, revision and folder of a git entry; with the entry's
     * settings. Cheap next to analysing them.
     */
    static String hash(RepoEntry e) throws EntryException, IOException {
        MessageDigest md = Sha256.digest();
        update(md, e.kind().id() + "\n" + e.packages() + "\n" + e.bench() + "\n" + e.subdir() + "\n");
        switch (e.kind()) {
            case CAPTURES -> {
                Path dir = existing(e.path(), "captures folder");
                tree(md, dir);
                for (String s : e.sources()) {
                    tree(md, existing(s, "source folder"));
                }
            }
            case MODULE -> tree(md, existing(e.path(), "module folder"));
            case GIT -> update(md, e.url() + "\n" + e.rev() + "\n");
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * The hash {@code --resume} compares: {@code entryHash} ({@link #hash(RepoEntry)}) and the {@code .go} files and
     * {@code go.mod} of {@code roots}, the source folders the read used besides the entry's own (attack5 probe 11: a
     * captures folder's {@code capture.json} named {@code ../src}, whose {@code //perfwarden:ignore} comments decide
     * the gate, and a change there kept a stale "pass").
     */
    static String hash(String entryHash, List<String> roots) throws IOException {
        MessageDigest md = Sha256.digest();
        update(md, "inputs 2\n" + entryHash + "\n");
        for (String r : roots) {
            update(md, "root " + r + "\n");
            Path dir = Path.of(r);
            if (Files.isDirectory(dir)) {
                tree(md, dir, f -> f.getFileName().toString().endsWith(".go") || f.getFileName().toString().equals("go.mod"));
            } else {
                update(md, "missing\n");
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** {@link #hash(String, List)} of the entry now, with the roots its stored row names. */
    static String hash(RepoEntry e, List<String> roots) throws EntryException, IOException {
        return hash(hash(e), roots);
    }

    /**
     * Of the source folders a read of a captures entry used, those outside the folders {@link #hash(RepoEntry)}
     * covers (the captures folder and its manifest {@code source:} folders), sorted; none for a module or git entry,
     * whose read uses its own module.
     */
    static List<String> extraRoots(RepoEntry e, List<Path> used) {
        if (e.kind() != RepoEntry.Kind.CAPTURES) {
            return List.of();
        }
        List<Path> covered = new ArrayList<>();
        covered.add(Path.of(e.path()).toAbsolutePath().normalize());
        e.sources().forEach(s -> covered.add(Path.of(s).toAbsolutePath().normalize()));
        return used.stream().map(p -> p.toAbsolutePath().normalize())
                .filter(p -> covered.stream().noneMatch(p::startsWith)).map(Path::toString).distinct().sorted()
                .toList();
    }

    /** Makes the captures of {@code e}, using {@code work} (its own folder) for clones and builds. */
    static Ready prepare(RepoEntry e, Path work) throws EntryException, IOException, InterruptedException {
        switch (e.kind()) {
            case CAPTURES -> {
                Path dir = existing(e.path(), "captures folder");
                List<Path> sources = new ArrayList<>();
                for (String s : e.sources()) {
                    sources.add(existing(s, "source folder"));
                }
                return new Ready(List.of(dir), sources);
            }
            case MODULE -> {
                return scan(e, existing(e.path(), "module folder"), work);
            }
            default -> {
                Path src = work.resolve("src");
                clone(e.url(), e.rev(), src);
                Path module = src.resolve(e.subdir()).normalize();
                if (!module.startsWith(src) || !Files.isDirectory(module, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        || !module.toRealPath().startsWith(src.toRealPath())) {
                    throw new EntryException("subdir '" + e.subdir() + "' is not a folder of " + e.url() + "@" + e.rev());
                }
                return scan(e, module, work);
            }
        }
    }

    private static Ready scan(RepoEntry e, Path module, Path work) throws EntryException, IOException {
        if (!Files.isRegularFile(module.resolve("go.mod"))) {
            throw new EntryException(module + ": no go.mod (a module: entry needs a Go module folder)");
        }
        Path out = work.resolve("captures");
        try {
            GoCapture.capture(new GoCapture.Request(module, out, e.bench(), "1s", true, e.packages()));
        } catch (GoToolchainException x) {
            throw new EntryException("the module does not build: " + x.getMessage());
        }
        return new Ready(List.of(out), List.of(module));
    }

    /**
     * {@code git init; git fetch --depth 1 -- URL REV; git checkout FETCH_HEAD}: works for tags, branches and commits.
     * URL and REV come after {@code --} (never options: {@link GitRef} refuses them in the manifest too), the
     * {@code ext} transport is off whatever the host's git config says, and links are checked out as small files
     * holding their target ({@code core.symlinks=false}): a repository's committed link {@code go.mod -> ~/.pgpass}
     * or {@code subdir -> /a/private/module} must not make the batch read the host's files (attack6 probe 06).
     */
    static void clone(String url, String rev, Path dir) throws EntryException, IOException, InterruptedException {
        Files.createDirectories(dir);
        git(dir, "git", "init", "-q");
        git(dir, "git", "config", "core.symlinks", "false");
        git(dir, "git", "-c", "protocol.ext.allow=never", "fetch", "-q", "--depth", "1", "--", url, rev);
        git(dir, "git", "-c", "advice.detachedHead=false", "checkout", "-q", "FETCH_HEAD");
    }

    private static void git(Path dir, String... cmd) throws EntryException, IOException, InterruptedException {
        Path log = Files.createTempFile("perfwarden-git", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            Process p;
            try {
                p = pb.start();
            } catch (IOException x) {
                throw new EntryException("cannot run git: " + x.getMessage());
            }
            try {
                if (!p.waitFor(30, TimeUnit.MINUTES)) {
                    throw new EntryException("'" + String.join(" ", cmd) + "' did not finish in 30 minutes");
                }
            } finally {
                p.destroyForcibly();
            }
            if (p.exitValue() != 0) {
                String out = Files.readString(log, StandardCharsets.UTF_8).strip();
                throw new EntryException("clone failed: '" + String.join(" ", cmd) + "': "
                        + out.lines().reduce((a, b) -> b).orElse("exit " + p.exitValue()));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Path existing(String p, String what) throws EntryException {
        Path path = Path.of(p);
        if (!Files.isDirectory(path)) {
            throw new EntryException(p + ": no such " + what);
        }
        return path;
    }

    private static void tree(MessageDigest md, Path dir) throws IOException {
        tree(md, dir, f -> true);
    }

    private static void tree(MessageDigest md, Path dir, java.util.function.Predicate<Path> which) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(f -> !dir.relativize(f).toString().startsWith(".git"))
                    .filter(which).sorted().toList();
        }
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            update(md, dir.relativize(f).toString().replace('\\', '/') + "\0");
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            md.update((byte) 0);
        }
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(String s) {
        return Sha256.hex(s);
    }
}
