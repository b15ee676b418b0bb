package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackArchiveTest {
    @TempDir
    Path tmp;

    /** Zips the test pack with {@code prefix} before every entry name, plus extra entries. */
    Path zip(String name, String prefix, Extra... extra) throws IOException {
        Path zip = tmp.resolve(name);
        Path src = TestPacks.testpack();
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isRegularFile(p)) {
                    z.putNextEntry(new ZipEntry(prefix + src.relativize(p).toString().replace('\\', '/')));
                    z.write(Files.readAllBytes(p));
                    z.closeEntry();
                }
            }
            for (Extra e : extra) {
                ZipEntry ze = new ZipEntry(e.name);
                if (e.stored) {
                    ze.setMethod(ZipEntry.STORED);
                    ze.setSize(e.data.length);
                    ze.setCompressedSize(e.data.length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.data);
                    ze.setCrc(crc.getValue());
                }
                z.putNextEntry(ze);
                z.write(e.data);
                z.closeEntry();
            }
        }
        return zip;
    }

    record Extra(String name, byte[] data, boolean stored) {
        static Extra of(String name, String text) {
            return new Extra(name, text.getBytes(StandardCharsets.UTF_8), false);
        }
    }

    @Test
    void aZippedPackLoadsAndHashesLikeTheFolder() throws Exception {
        Pack folder = PackLoader.load(TestPacks.testpack());
        Pack atRoot = PackLoader.load(zip("testpack.zip", ""));
        Pack inTopFolder = PackLoader.load(zip("wrapped.zip", "testpack/"));
        Pack jarLayout = PackLoader.load(zip("rules.jar", "packs/testpack/"));
        for (Pack p : new Pack[]{atRoot, inTopFolder, jarLayout}) {
            assertThat(p.id()).isEqualTo("testpack");
            assertThat(p.sha256()).isEqualTo(folder.sha256());
            assertThat(p.files()).isEqualTo(folder.files());
            assertThat(p.rules()).hasSameSizeAs(folder.rules());
        }
        assertThat(atRoot.origin()).endsWith("testpack.zip");
        assertThat(folder.files()).containsKeys("pack.yaml", "testpack.dsl", "boxed-value/rule.drl",
                "boxed-value/doc.md").doesNotContainKey("boxed-value/fixture/main.go");
    }

    @Test
    void entriesThatEscapeTheRootAreRefused() throws Exception {
        assertRefused(zip("dotdot.zip", "", Extra.of("../evil/rule.drl", "x")), "escapes the archive root");
        assertRefused(zip("nested-dotdot.zip", "", Extra.of("boxed-value/../../x", "x")), "escapes the archive root");
        assertRefused(zip("absolute.zip", "", Extra.of("/etc/cron.d/evil", "x")), "absolute path");
        assertRefused(zip("drive.zip", "", Extra.of("C:/evil", "x")), "absolute path");
        assertRefused(zip("backslash.zip", "", Extra.of("..\\evil", "x")), "backslash");
        assertRefused(zip("dot.zip", "", Extra.of("./pack.yaml", "x")), "'.' path segment");
        assertRefused(zip("nul.zip", "", Extra.of("a\u0000b", "x")), "control character");
    }

    @Test
    void symbolicLinksAreRefused() throws Exception {
        Path zip = zip("symlink.zip", "", Extra.of("boxed-value/link.md", "/etc/passwd"));
        markSymlink(zip, "boxed-value/link.md");
        assertRefused(zip, "'boxed-value/link.md' is a symbolic link");
    }

    @Test
    void absurdSizesAreRefused() throws Exception {
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        PackArchive.Limits small = new PackArchive.Limits(100_000, 300_000, 50, 100);
        Path big = zip("big.zip", "", new Extra("boxed-value/big.md", noise, false));
        assertRefusedWith(big, small, "entry 'boxed-value/big.md' declares 200000 bytes, more than the limit of 100000");

        byte[] part = new byte[90_000];
        new Random(8).nextBytes(part);
        Path many = zip("total.zip", "", new Extra("a/1.md", part, false), new Extra("a/2.md", part, false),
                new Extra("a/3.md", part, false), new Extra("a/4.md", part, false));
        assertRefusedWith(many, small, "inflates to more than the limit of 300000 bytes in total");

        Path lots = zip("count.zip", "", java.util.stream.IntStream.range(0, 60)
                .mapToObj(i -> Extra.of("x/" + i + ".md", "x")).toArray(Extra[]::new));
        assertRefusedWith(lots, small, "entries, more than the limit of 50");
    }

    @Test
    void compressionBombsAreRefusedWhileInflating() throws Exception {
        byte[] zeros = new byte[3_000_000];
        Path bomb = zip("bomb.zip", "", new Extra("boxed-value/notes.md", zeros, false));
        assertRefused(bomb, "inflates more than 100 times its compressed size");
        // a stored (uncompressed) file of the same size is not a bomb, only big: within the default limits it loads
        Path stored = zip("stored.zip", "", new Extra("boxed-value/notes.md", zeros, true));
        assertThat(PackLoader.load(stored).id()).isEqualTo("testpack");
    }

    @Test
    void anArchiveWithoutPackYamlIsRefused() throws Exception {
        Path zip = tmp.resolve("empty.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("a/readme.md"));
            z.write(1);
            z.closeEntry();
            z.putNextEntry(new ZipEntry("b/readme.md"));
            z.write(1);
            z.closeEntry();
        }
        assertRefused(zip, "no pack.yaml");
        Path garbage = tmp.resolve("garbage.zip");
        Files.writeString(garbage, "this is not a zip archive at all, just text that is long enough");
        assertRefused(garbage, "not a readable zip archive");
    }

    @Test
    void zip64ExtraFieldsAreRefused() throws Exception {
        Path zip = tmp.resolve("zip64.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String n : new String[] {"pack.yaml", "boxed-value/rule.drl", "boxed-value/doc.md"}) {
                ZipEntry ze = new ZipEntry(n);
                if (n.endsWith("doc.md")) {
                    // a private extra block, turned into a ZIP64 block (header id 1) below in both headers
                    ze.setExtra(new byte[] {(byte) 0x99, (byte) 0x99, 8, 0, 1, 0, 0, 0, 0, 0, 0, 0});
                }
                z.putNextEntry(ze);
                z.write(Files.readAllBytes(TestPacks.testpack().resolve(n)));
                z.closeEntry();
            }
        }
        byte[] b = Files.readAllBytes(zip);
        int patched = 0;
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == (byte) 0x99 && b[i + 1] == (byte) 0x99 && b[i + 2] == 8 && b[i + 3] == 0) {
                b[i] = 1;
                b[i + 1] = 0;
                patched++;
            }
        }
        assertThat(patched).as("extra blocks in the local and central headers").isEqualTo(2);
        Files.write(zip, b);
        assertRefused(zip, "entry 'boxed-value/doc.md' has a ZIP64 extra field");
    }

    @Test
    void aLocalHeaderNameThatDiffersFromTheCentralDirectoryIsRefused() throws Exception {
        Path zip = zip("local-name.zip", "", Extra.of("boxed-value/aaa.md", "looks harmless"));
        byte[] b = Files.readAllBytes(zip);
        byte[] name = "boxed-value/aaa.md".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + name.length < b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + name.length, name, 0, name.length)) {
                // the first occurrence is the local header: a streaming unzip would extract another file
                b[i + 12] = 'b';
                b[i + 13] = 'b';
                b[i + 14] = 'b';
                break;
            }
        }
        Files.write(zip, b);
        assertRefused(zip, "entry 'boxed-value/aaa.md' has another name in its local header ('boxed-value/bbb.md')"
                + " than in the central directory");
    }

    private static void assertRefused(Path zip, String message) {
        assertRefusedWith(zip, PackArchive.Limits.defaults(), message);
    }

    private static void assertRefusedWith(Path zip, PackArchive.Limits limits, String message) {
        assertThatThrownBy(() -> PackArchive.load(zip, limits)).isInstanceOf(PackException.class)
                .hasMessageContaining(zip.toString()).hasMessageContaining(message);
    }

    /**
     * Marks {@code entry} as a unix symbolic link in the central directory, as {@code zip --symlinks} does:
     * "version made by" host 3 (unix) and mode 0120777 in the external attributes.
     */
    static void markSymlink(Path zip, String entry) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < b.length; i++) {
            if (b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 0x01 && b[i + 3] == 0x02) {
                int nameLen = (b[i + 28] & 0xff) | (b[i + 29] & 0xff) << 8;
                if (nameLen == name.length && java.util.Arrays.equals(b, i + 46, i + 46 + nameLen, name, 0, nameLen)) {
                    b[i + 5] = 3;
                    int mode = 0120777;
                    b[i + 40] = (byte) mode;
                    b[i + 41] = (byte) (mode >>> 8);
                    try (OutputStream out = Files.newOutputStream(zip)) {
                        out.write(b);
                    }
                    return;
                }
            }
        }
        throw new IllegalStateException("no central directory entry " + entry);
    }
}
