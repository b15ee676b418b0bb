package dev.perfwarden.engine.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Loads a pack from a {@code .zip} or {@code .jar} archive, refusing archives that could harm the
 * machine reading them: entries whose name escapes the archive root ({@code ../x}, {@code /abs},
 * {@code C:\x}, backslashes, empty or {@code .} segments), symbolic links, encrypted or duplicate
 * entries, and absurd sizes: per entry, in total, in number of entries, and by compression ratio (a
 * "zip bomb"). Sizes are counted while inflating, so a lying header does not help.
 *
 * <p>The pack root is where {@code pack.yaml} is: at the archive root, in its single top folder (a
 * zipped pack folder), or at {@code packs/<id>/} (the layout of a rules jar holding one pack). Entries
 * are checked before any content is read; nothing is ever written to disk.
 */
public final class PackArchive {
    /**
     * What an archive may hold.
     *
     * @param maxEntryBytes uncompressed bytes of one entry
     * @param maxTotalBytes uncompressed bytes of all entries read
     * @param maxEntries    entries in the archive (directories included)
     * @param maxRatio      uncompressed : compressed bytes of one entry, checked once it passes 64 KiB
     */
    public record Limits(long maxEntryBytes, long maxTotalBytes, int maxEntries, int maxRatio) {
        /** 4 MiB per entry, 32 MiB in total, 10 000 entries, ratio 100. */
        public static Limits defaults() {
            return new Limits(4L << 20, 32L << 20, 10_000, 100);
        }
    }

    /** Below this many bytes an entry's compression ratio is not judged (tiny files compress oddly). */
    static final long RATIO_FLOOR = 64L << 10;

    private static final int UNIX_HOST = 3;
    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;

    private PackArchive() {
    }

    /** Whether {@code p} is a file that should be read as a pack archive ({@code .zip} or {@code .jar}). */
    public static boolean isArchive(Path p) {
        String n = String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT);
        return (n.endsWith(".zip") || n.endsWith(".jar")) && Files.isRegularFile(p);
    }

    /** Loads and verifies the pack in {@code archive} with the default limits. */
    public static Pack load(Path archive) throws PackException {
        return load(archive, Limits.defaults());
    }

    public static Pack load(Path archive, Limits limits) throws PackException {
        return PackLoader.load(read(archive, limits));
    }

    /** The pack files of {@code archive}, after every safety check. */
    static PackFiles read(Path archive, Limits limits) throws PackException {
        String origin = archive.toString();
        String base = String.valueOf(archive.getFileName()).replaceAll("(?i)\\.(zip|jar)$", "");
        List<CentralEntry> entries;
        try {
            entries = centralDirectory(archive, limits);
        } catch (IOException e) {
            throw refuse(base, origin, "", "not a readable zip archive: " + e.getMessage());
        }
        Set<String> names = new HashSet<>();
        List<Problem> problems = entryProblems(entries, names, base, origin, limits);
        if (!problems.isEmpty()) {
            throw new PackException(problems);
        }
        String root = packRoot(names);
        if (root == null) {
            throw refuse(base, origin, "", "no pack.yaml at the archive root, in its single top folder or at packs/<id>/");
        }
        String folderName = root.isEmpty() ? base : root.substring(root.lastIndexOf('/', root.length() - 2) + 1,
                root.length() - 1);
        SortedMap<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.UTF_8)) {
            for (CentralEntry ce : entries) {
                String name = ce.name();
                if (name.endsWith("/") || !name.startsWith(root)) {
                    continue;
                }
                String rel = name.substring(root.length());
                if (PackFiles.ignored(rel)) {
                    continue;
                }
                ZipEntry ze = zip.getEntry(name);
                if (ze == null || ze.isDirectory()) {
                    throw refuse(folderName, origin, rel, "entry '" + name + "' is listed but cannot be read");
                }
                long compressed = Math.max(1, ze.getCompressedSize());
                byte[] data;
                try (InputStream in = zip.getInputStream(ze)) {
                    data = readBounded(in, name, compressed, limits, limits.maxTotalBytes() - total, folderName, origin, rel);
                }
                total += data.length;
                files.put(rel, data);
            }
        } catch (ZipException e) {
            throw refuse(folderName, origin, "", "not a readable zip archive: " + e.getMessage());
        } catch (IOException e) {
            throw refuse(folderName, origin, "", "cannot read archive: " + e.getMessage());
        }
        return new PackFiles(origin, folderName, files);
    }

    /**
     * What is wrong with the archive's entries, before any is read: bad or repeated names, links, defects,
     * encryption, declared sizes over the limit. Adds every good name to {@code names}.
     */
    private static List<Problem> entryProblems(List<CentralEntry> entries, Set<String> names, String base,
                                               String origin, Limits limits) {
        List<Problem> problems = new ArrayList<>();
        for (CentralEntry e : entries) {
            String why = badName(e.name());
            if (why != null) {
                problems.add(problem(base, origin, e.name(), "entry '" + printable(e.name()) + "' " + why));
                continue;
            }
            if (!names.add(e.name())) {
                problems.add(problem(base, origin, e.name(), "entry '" + e.name() + "' appears twice"));
            }
            if (e.symlink()) {
                problems.add(problem(base, origin, e.name(), "entry '" + e.name()
                        + "' is a symbolic link; pack archives may hold only files and folders"));
            }
            if (e.defect() != null) {
                problems.add(problem(base, origin, e.name(), "entry '" + printable(e.name()) + "' " + e.defect()));
            }
            if (e.encrypted()) {
                problems.add(problem(base, origin, e.name(), "entry '" + e.name() + "' is encrypted"));
            }
            if (e.size() > limits.maxEntryBytes()) {
                problems.add(problem(base, origin, e.name(), "entry '" + e.name() + "' declares " + e.size()
                        + " bytes, more than the limit of " + limits.maxEntryBytes()));
            }
        }
        return problems;
    }

    private static byte[] readBounded(InputStream in, String name, long compressed, Limits limits, long totalLeft,
                                      String pack, String origin, String rel) throws IOException, PackException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
            if (n > limits.maxEntryBytes()) {
                throw refuse(pack, origin, rel, "entry '" + name + "' inflates to more than the limit of "
                        + limits.maxEntryBytes() + " bytes");
            }
            if (n > totalLeft) {
                throw refuse(pack, origin, rel, "the archive inflates to more than the limit of "
                        + limits.maxTotalBytes() + " bytes in total");
            }
            if (n > RATIO_FLOOR && n / compressed > limits.maxRatio()) {
                throw refuse(pack, origin, rel, "entry '" + name + "' inflates more than " + limits.maxRatio()
                        + " times its compressed size (" + compressed + " bytes): refusing a likely zip bomb");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    /** Why an entry name is unsafe, or null. */
    static String badName(String name) {
        if (name.isEmpty()) {
            return "has an empty name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "has a control character in its name";
            }
        }
        if (name.indexOf('\\') >= 0) {
            return "has a backslash in its name (it could escape the archive root on Windows)";
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            return "has an absolute path; entries must be relative to the archive root";
        }
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String seg : body.split("/", -1)) {
            if (seg.equals("..")) {
                return "escapes the archive root ('..')";
            }
            if (seg.isEmpty() || seg.equals(".")) {
                return "has an empty or '.' path segment";
            }
        }
        return null;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    /** "" (pack.yaml at the root), "dir/" (the single top folder), "packs/id/", or null. */
    static String packRoot(Set<String> names) {
        if (names.contains("pack.yaml")) {
            return "";
        }
        Set<String> tops = new HashSet<>();
        for (String n : names) {
            tops.add(n.contains("/") ? n.substring(0, n.indexOf('/') + 1) : n);
        }
        if (tops.size() == 1) {
            String top = tops.iterator().next();
            if (top.endsWith("/") && names.contains(top + "pack.yaml")) {
                return top;
            }
        }
        List<String> jarPacks = names.stream().filter(n -> n.matches("packs/[^/]+/pack\\.yaml")).toList();
        if (jarPacks.size() == 1) {
            return jarPacks.get(0).substring(0, jarPacks.get(0).length() - "pack.yaml".length());
        }
        return null;
    }

    private static Problem problem(String pack, String origin, String file, String msg) {
        return new Problem(pack, origin, "", 0, 0, msg);
    }

    private static PackException refuse(String pack, String origin, String file, String msg) {
        return new PackException(new Problem(pack, origin, "", 0, 0, msg));
    }

    // ---------------------------------------------------------------- central directory

    /** One central-directory record: what {@link ZipFile} does not tell (host system, unix mode, flags). */
    record CentralEntry(String name, long size, long compressedSize, boolean symlink, boolean encrypted,
                        String defect) {
        CentralEntry(String name, long size, long compressedSize, boolean symlink, boolean encrypted) {
            this(name, size, compressedSize, symlink, encrypted, null);
        }
    }

    /**
     * Reads the archive's central directory (the same one {@link ZipFile} uses). Refuses ZIP64 archives
     * (a pack never needs them) and more entries than the limit.
     */
    static List<CentralEntry> centralDirectory(Path archive, Limits limits) throws IOException, PackException {
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "r")) {
            long len = f.length();
            EndRecord end = endRecord(f, len);
            if (end.count() > limits.maxEntries()) {
                String base = String.valueOf(archive.getFileName());
                throw refuse(base, archive.toString(), "", "the archive has " + end.count()
                        + " entries, more than the limit of " + limits.maxEntries());
            }
            if (end.cdOffset() + end.cdSize() > len || end.cdSize() > 64L << 20) {
                throw new ZipException("central directory out of bounds");
            }
            byte[] cd = new byte[(int) end.cdSize()];
            f.seek(end.cdOffset());
            f.readFully(cd);
            List<CentralEntry> out = new ArrayList<>();
            int p = 0;
            for (int i = 0; i < end.count(); i++) {
                if (p + 46 > cd.length || u32(cd, p) != 0x02014b50L) {
                    throw new ZipException("bad central directory record #" + (i + 1));
                }
                int nameLen = u16(cd, p + 28);
                int extraLen = u16(cd, p + 30);
                int commentLen = u16(cd, p + 32);
                if (p + 46 + nameLen + extraLen > cd.length) {
                    throw new ZipException("bad central directory record #" + (i + 1));
                }
                out.add(entry(f, len, cd, p, nameLen, extraLen));
                p += 46 + nameLen + extraLen + commentLen;
            }
            return out;
        }
    }

    /** The end-of-central-directory record's entry count, directory size and offset. */
    private record EndRecord(int count, long cdSize, long cdOffset) {
    }

    /** Finds the end-of-central-directory record in the archive's last 64 KiB; refuses ZIP64. */
    private static EndRecord endRecord(RandomAccessFile f, long len) throws IOException {
        int tail = (int) Math.min(len, 22 + 65535);
        if (tail < 22) {
            throw new ZipException("too short for a zip archive");
        }
        byte[] end = new byte[tail];
        f.seek(len - tail);
        f.readFully(end);
        int eocd = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (u32(end, i) == 0x06054b50L) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new ZipException("no end of central directory record");
        }
        int count = u16(end, eocd + 10);
        long cdSize = u32(end, eocd + 12);
        long cdOffset = u32(end, eocd + 16);
        boolean zip64Locator = eocd >= 20 && u32(end, eocd - 20) == 0x07064b50L;
        if (count == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL || zip64Locator) {
            throw new ZipException("ZIP64 archives are not supported for packs");
        }
        return new EndRecord(count, cdSize, cdOffset);
    }

    /** The central-directory record at {@code p} of {@code cd} (its bounds checked), with its local header's defect. */
    private static CentralEntry entry(RandomAccessFile f, long len, byte[] cd, int p, int nameLen, int extraLen)
            throws IOException {
        int madeBy = u16(cd, p + 4);
        int flags = u16(cd, p + 8);
        long comp = u32(cd, p + 20);
        long size = u32(cd, p + 24);
        long external = u32(cd, p + 38);
        long localOffset = u32(cd, p + 42);
        String name = new String(cd, p + 46, nameLen, StandardCharsets.UTF_8);
        int mode = (int) (external >>> 16);
        boolean symlink = (madeBy >>> 8) == UNIX_HOST && (mode & S_IFMT) == S_IFLNK;
        String defect;
        if (hasZip64Extra(cd, p + 46 + nameLen, extraLen) || comp == 0xFFFFFFFFL || size == 0xFFFFFFFFL
                || localOffset == 0xFFFFFFFFL) {
            defect = "has a ZIP64 extra field; ZIP64 is refused for packs (they never need it)";
        } else {
            defect = localHeaderDefect(f, len, localOffset, cd, p + 46, nameLen);
        }
        return new CentralEntry(name, size, comp, symlink, (flags & 1) != 0, defect);
    }

    /** Whether the extra field at {@code from} (of {@code len} bytes) holds a ZIP64 block (header id 1). */
    private static boolean hasZip64Extra(byte[] b, int from, int len) {
        int q = from;
        int end = Math.min(b.length, from + len);
        while (q + 4 <= end) {
            int id = u16(b, q);
            int size = u16(b, q + 2);
            if (id == 0x0001) {
                return true;
            }
            q += 4 + size;
        }
        return false;
    }

    /**
     * Why the local header of an entry disagrees with its central-directory record, or null: tools that read
     * the local headers (streaming unzip) would see another name than the one checked here.
     */
    private static String localHeaderDefect(RandomAccessFile f, long len, long offset, byte[] cd, int nameAt,
                                            int nameLen) throws IOException {
        if (offset + 30 > len) {
            return "points at a local header outside the archive";
        }
        byte[] h = new byte[30];
        f.seek(offset);
        f.readFully(h);
        if (u32(h, 0) != 0x04034b50L) {
            return "points at no local header";
        }
        int ln = u16(h, 26);
        int le = u16(h, 28);
        if (offset + 30 + ln + le > len) {
            return "has a local header outside the archive";
        }
        byte[] local = new byte[ln + le];
        f.readFully(local);
        if (ln != nameLen || !java.util.Arrays.equals(local, 0, ln, cd, nameAt, nameAt + nameLen)) {
            return "has another name in its local header ('" + printable(new String(local, 0, ln,
                    StandardCharsets.UTF_8)) + "') than in the central directory";
        }
        if (hasZip64Extra(local, ln, le)) {
            return "has a ZIP64 extra field in its local header; ZIP64 is refused for packs (they never need it)";
        }
        return null;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int i) {
        return (u16(b, i) | (long) u16(b, i + 2) << 16) & 0xFFFFFFFFL;
    }
}
