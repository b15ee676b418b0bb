package dev.perfwarden.engine.pack;

import dev.perfwarden.facts.core.Sha256;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state of loading one pack, shared by the loader's steps: its files, the files read so far (what the
 * pack's sha256 covers), the problems found and the pack id they are reported under (the folder name until
 * {@code pack.yaml} gives a valid id).
 */
final class PackReading {
    private final PackFiles pf;
    private final List<Problem> problems = new ArrayList<>();
    private final SortedMap<String, byte[]> used = new TreeMap<>();
    private String packId;

    PackReading(PackFiles pf) {
        this.pf = pf;
        this.packId = pf.folderName().isEmpty() ? "?" : pf.folderName();
    }

    PackFiles files() {
        return pf;
    }

    /** The pack's paths, sorted. */
    Set<String> paths() {
        return pf.files().keySet();
    }

    boolean has(String path) {
        return pf.files().containsKey(path);
    }

    String packId() {
        return packId;
    }

    void packId(String id) {
        packId = id;
    }

    void problem(String file, int line, int col, String msg) {
        problems.add(new Problem(packId, pf.origin(), file, line, col, msg));
    }

    /** How many problems were found so far: a step compares it before and after to know whether it added one. */
    int problemCount() {
        return problems.size();
    }

    PackException failure() {
        return new PackException(problems);
    }

    /** The text of {@code path}, which then counts in the pack's hashes; "" with a problem when it is not UTF-8. */
    String read(String path) {
        byte[] b = pf.files().get(path);
        used.put(path, b);
        try {
            return PackFiles.text(b);
        } catch (UncheckedIOException e) {
            problem(path, 0, 0, "not valid UTF-8");
            return "";
        }
    }

    /** The files read, by path. */
    SortedMap<String, byte[]> used() {
        return used;
    }

    /** The pack's sha256 over the files read (see {@link PackLoader}). */
    String sha256() {
        MessageDigest md = Sha256.digest();
        for (Map.Entry<String, byte[]> e : used.entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            long len = e.getValue().length;
            for (int i = 7; i >= 0; i--) {
                md.update((byte) (len >>> (8 * i)));
            }
            md.update(e.getValue());
        }
        return Sha256.hex(md);
    }
}
