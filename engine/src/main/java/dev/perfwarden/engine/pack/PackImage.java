package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.EngineInfo;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * A built-in pack as the loader returned it when perfwarden was built, so that a start does not pay for
 * the YAML, DSL and DRL parsers again (about 0.7 s of CPU in a cold JVM). Written next to the pack's
 * precompiled rules ({@code META-INF/perfwarden/prebuilt/<id>.pack}); used only when the engine version
 * and every file of the pack on the class path are byte-identical to what was loaded then, else the
 * pack is loaded from its sources as usual.
 */
public final class PackImage {
    /** Where images live on the class path. */
    public static final String RESOURCE_DIR = "META-INF/perfwarden/prebuilt/";

    private PackImage() {
    }

    /** {@code crc32}: of each file, to compare with the jar's directory without reading the files. */
    private record Image(String engine, SortedMap<String, String> files, SortedMap<String, Long> crc32, Pack pack) {
    }

    /** Writes the image of {@code pack} as loaded from {@code packs/<id>} of {@code cl}. */
    public static void write(ClassLoader cl, Pack pack, OutputStream out) throws IOException {
        PackFiles files = PackFiles.fromClasspath(cl, "packs/" + pack.id());
        if (files == null) {
            throw new IOException("no packs/" + pack.id() + " on the class path");
        }
        SortedMap<String, Long> crc = new TreeMap<>();
        files.files().forEach((name, bytes) -> {
            CRC32 c = new CRC32();
            c.update(bytes);
            crc.put(name, c.getValue());
        });
        DataOutputStream o = new DataOutputStream(out);
        PackCodec.str(o, EngineInfo.version());
        PackCodec.map(o, new TreeMap<>(PackHashes.of(files.files())));
        o.writeInt(crc.size());
        for (var e : crc.entrySet()) {
            PackCodec.str(o, e.getKey());
            o.writeLong(e.getValue());
        }
        PackCodec.write(o, pack);
        o.flush();
    }

    /**
     * The image of the pack in class-path folder {@code resourceDir}, if one was built from exactly its files
     * (byte for byte, from the same jar or class folder) by this engine version.
     */
    static Optional<Pack> find(ClassLoader cl, String resourceDir) {
        String dir = resourceDir.replaceAll("^/+|/+$", "");
        String id = dir.substring(dir.lastIndexOf('/') + 1);
        URL image = cl.getResource(RESOURCE_DIR + id + ".pack");
        URL yaml = cl.getResource(dir + "/pack.yaml");
        if (image == null || yaml == null) {
            return Optional.empty();
        }
        String root = root(yaml, dir + "/pack.yaml");
        if (root == null || !root.equals(root(image, RESOURCE_DIR + id + ".pack"))) {
            return Optional.empty();
        }
        try (InputStream in = image.openStream()) {
            Image img = read(in.readAllBytes());
            if (img == null || !img.engine().equals(EngineInfo.version())
                    || !img.pack().origin().equals("classpath:" + dir)) {
                return Optional.empty();
            }
            if (yaml.openConnection() instanceof JarURLConnection j) {
                // the jar was made with the image: the same files, unless one was changed. The jar's directory
                // has each file's CRC-32: comparing those reads and hashes no file (about 30 ms of a start).
                JarFile jar = j.getJarFile();   // the connection's cached copy: not ours to close
                if (!img.files().keySet().equals(img.crc32().keySet())) {
                    return Optional.empty();
                }
                for (var f : img.crc32().entrySet()) {
                    ZipEntry e = jar.getEntry(dir + "/" + f.getKey());
                    if (e == null || e.getCrc() != f.getValue()) {
                        return Optional.empty();
                    }
                }
            } else {
                // a class folder: files may have been added since
                PackFiles files = PackFiles.fromClasspath(cl, dir);
                if (files == null || !img.files().equals(PackHashes.of(files.files()))) {
                    return Optional.empty();
                }
            }
            return Optional.of(img.pack());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The jar or class folder a resource URL is in (its text before {@code name}), or null. */
    private static String root(URL url, String name) {
        String s = url.toString();
        return s.endsWith(name) ? s.substring(0, s.length() - name.length()) : null;
    }

    /** The image in {@code bytes} ({@link #write}), or null when it is of another format. */
    private static Image read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        String engine = PackCodec.str(in);
        SortedMap<String, String> files = PackCodec.map(in);
        SortedMap<String, Long> crc = new TreeMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            crc.put(PackCodec.str(in), in.readLong());
        }
        if (!EngineInfo.version().equals(engine)) {
            return null;
        }
        return new Image(engine, files, crc, PackCodec.read(in));
    }
}
