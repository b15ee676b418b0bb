package dev.perfwarden.engine.pack;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Per-file hashes of a pack: hex sha256 of each file's bytes, by path. */
public final class PackHashes {
    private PackHashes() {
    }

    /** {@code path → hex sha256(bytes)} for every file, sorted by path. */
    public static SortedMap<String, String> of(Map<String, byte[]> files) {
        SortedMap<String, String> out = new TreeMap<>();
        files.forEach((path, bytes) -> out.put(path, sha256(bytes)));
        return out;
    }

    /** Hex sha256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
