package dev.perfwarden.engine.pack;

import dev.perfwarden.facts.core.Sha256;
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
        files.forEach((path, bytes) -> out.put(path, Sha256.hex(bytes)));
        return out;
    }
}
