package dev.perfwarden.facts.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 helper: every hash perfwarden writes (pack files, lock files, fingerprints, source trees,
 * precompile inputs, batch entries) is a lowercase hex SHA-256 made here.
 */
public final class Sha256 {
    private Sha256() {
    }

    /** A new SHA-256 digest to feed piece by piece; finish it with {@link #hex(MessageDigest)}. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** Finishes {@code md} and returns its hash as lowercase hex. */
    public static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Lowercase hex SHA-256 of {@code s}'s UTF-8 bytes. */
    public static String hex(String s) {
        return hex(s.getBytes(StandardCharsets.UTF_8));
    }
}
