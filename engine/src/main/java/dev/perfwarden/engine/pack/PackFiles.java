package dev.perfwarden.engine.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The files of a pack, read into memory (packs are small) from a folder or from a jar: paths relative
 * to the pack root with {@code /} separators, sorted. {@code fixture/}, {@code captures/} and {@code twins/} folders
 * are not read.
 */
record PackFiles(String origin, String folderName, SortedMap<String, byte[]> files, boolean builtin) {
    PackFiles(String origin, String folderName, SortedMap<String, byte[]> files) {
        this(origin, folderName, files, false);
    }

    static PackFiles fromDirectory(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IOException("not a directory: " + dir);
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        PackArchive.Limits limits = PackArchive.Limits.defaults();
        long[] total = {0};
        // the folders that are not read are not walked either: a fixture/ path longer than the system allows (attack3
        // probe 02) made Files.walk throw an UncheckedIOException, an internal error, from a folder never read
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
                return ignored(rel(root, d)) ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                        : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path p, java.nio.file.attribute.BasicFileAttributes a)
                    throws IOException {
                String rel = rel(root, p);
                if (!ignored(rel)) {
                    read(p, rel, a, limits, files, total);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
                throw new IOException(rel(root, p) + ": cannot be read (" + e.getMessage() + ")", e);
            }
        });
        Path name = root.getFileName();
        return new PackFiles(dir.toString(), name == null ? "" : name.toString(), files);
    }

    private static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /** Reads one file of a pack folder into {@code files}, within the limits of pack archives. */
    private static void read(Path p, String rel, java.nio.file.attribute.BasicFileAttributes a,
                             PackArchive.Limits limits, SortedMap<String, byte[]> files, long[] total) throws IOException {
        if (a.isSymbolicLink()) {
            // a link could point anywhere (a doc.md linked to ~/.ssh/id_rsa would be printed by explain
            // and copied into SARIF); a pack is plain files
            throw new IOException("symbolic link " + rel + " is not allowed in a pack (it could point outside"
                    + " the pack); copy the file instead");
        }
        if (!a.isRegularFile()) {
            return;
        }
        // the limits of a pack archive, from the size on disk before anything is read: a 300 MB doc.md
        // ran the loader out of memory (an internal error) instead of refusing the pack
        long size = a.size();
        total[0] += size;
        if (size > limits.maxEntryBytes() || total[0] > limits.maxTotalBytes() || files.size() >= limits.maxEntries()) {
            throw new IOException(size > limits.maxEntryBytes()
                    ? "file " + rel + " has " + size + " bytes; a pack file may have at most "
                    + limits.maxEntryBytes() + " (the limit of pack archives)"
                    : "the pack's files pass " + (files.size() >= limits.maxEntries() ? limits.maxEntries()
                    + " files" : limits.maxTotalBytes() + " bytes in total") + " at " + rel
                    + " (the limit of pack archives)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes((int) limits.maxEntryBytes() + 1);
        }
        if (bytes.length > limits.maxEntryBytes()) {
            throw new IOException("file " + rel + " grew past " + limits.maxEntryBytes() + " bytes while it"
                    + " was read");
        }
        files.put(rel, bytes);
    }

    /**
     * Reads the resource folder {@code resourceDir} (e.g. {@code packs/go-perf}) from a class loader:
     * from a directory on the class path or from a jar.
     *
     * @return null when the class loader has no {@code resourceDir/pack.yaml}
     */
    static PackFiles fromClasspath(ClassLoader cl, String resourceDir) throws IOException {
        String dir = resourceDir.replaceAll("^/+|/+$", "");
        URL marker = cl.getResource(dir + "/pack.yaml");
        if (marker == null) {
            return null;
        }
        String origin = "classpath:" + dir;
        String folderName = dir.substring(dir.lastIndexOf('/') + 1);
        if ("file".equals(marker.getProtocol())) {
            try {
                PackFiles f = fromDirectory(Path.of(marker.toURI()).getParent());
                return new PackFiles(origin, folderName, f.files(), dir.startsWith("packs/"));
            } catch (URISyntaxException e) {
                throw new IOException("bad resource URL " + marker, e);
            }
        }
        if ("jar".equals(marker.getProtocol())) {
            JarURLConnection conn = (JarURLConnection) marker.openConnection();
            URL jarUrl = conn.getJarFileURL();
            if (!"file".equals(jarUrl.getProtocol())) {
                throw new IOException("cannot list pack files inside " + jarUrl + " (only jar files on disk)");
            }
            Path jarPath;
            try {
                jarPath = Path.of(jarUrl.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("bad jar URL " + jarUrl, e);
            }
            SortedMap<String, byte[]> files = new TreeMap<>();
            String prefix = dir + "/";
            try (JarFile jar = new JarFile(jarPath.toFile())) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.isDirectory() || !e.getName().startsWith(prefix)) {
                        continue;
                    }
                    String rel = e.getName().substring(prefix.length());
                    if (rel.isEmpty() || ignored(rel)) {
                        continue;
                    }
                    try (InputStream in = jar.getInputStream(e)) {
                        files.put(rel, in.readAllBytes());
                    }
                }
            }
            return new PackFiles(origin, folderName, files, dir.startsWith("packs/"));
        }
        throw new IOException("cannot list pack files behind " + marker + " (protocol " + marker.getProtocol() + ")");
    }

    /** Folders of a pack that are never read (at any depth): a rule's fixture, captures and twins. */
    static final Set<String> NOT_READ = Set.of("fixture", "captures", PackLoader.TWINS);

    /** Whether {@code rel} (a path relative to the pack root) lies in a folder that is never read. */
    static boolean ignored(String rel) {
        for (String seg : rel.split("/")) {
            if (NOT_READ.contains(seg)) {
                return true;
            }
        }
        return false;
    }

    static String text(byte[] bytes) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString()
                    .replace("\r\n", "\n");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
