package dev.perfwarden.facts.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Turns a source path as a profile records it into the path facts carry. Go profiles hold
 * absolute paths ({@code /home/me/m/x/y.go}, GOROOT files) or, for binaries built with
 * {@code -trimpath}, module paths ({@code example.com/m/x/y.go}). Facts want paths relative to
 * the module root ({@code x/y.go}) when the module is known, so they join with {@code -m} text
 * and objdump facts. The default, {@link #identity()}, keeps the path as the profile has it;
 * {@link #moduleRelative} strips the module's directory or its module path, and leaves files
 * outside the module (the standard library, dependencies) as they are.
 */
@FunctionalInterface
public interface FileNormalizer {
    String normalize(String file);

    static FileNormalizer identity() {
        return f -> f;
    }

    /**
     * Strips {@code moduleDir + "/"} (an absolute directory, may be null) or
     * {@code modulePath + "/"} (the {@code module} line of go.mod, may be null) from the front of
     * a file.
     */
    static FileNormalizer moduleRelative(Path moduleDir, String modulePath) {
        String dir = moduleDir == null ? null : moduleDir.toAbsolutePath().normalize().toString();
        String dirPrefix = dir == null ? null : (dir.endsWith("/") ? dir : dir + "/");
        String modPrefix = modulePath == null || modulePath.isEmpty() ? null : modulePath + "/";
        return f -> {
            Objects.requireNonNull(f, "file");
            if (dirPrefix != null && f.startsWith(dirPrefix)) {
                return f.substring(dirPrefix.length());
            }
            if (modPrefix != null && f.startsWith(modPrefix)) {
                return f.substring(modPrefix.length());
            }
            return f;
        };
    }

    /** {@link #moduleRelative} for the module whose go.mod is in {@code moduleDir}. */
    static FileNormalizer forModule(Path moduleDir) throws IOException {
        String modulePath = null;
        for (String line : Files.readAllLines(moduleDir.resolve("go.mod"))) {
            String t = line.strip();
            if (t.startsWith("module ") || t.startsWith("module\t")) {
                modulePath = t.substring("module".length()).strip();
                if (modulePath.startsWith("\"") && modulePath.endsWith("\"") && modulePath.length() >= 2) {
                    modulePath = modulePath.substring(1, modulePath.length() - 1);
                }
                int comment = modulePath.indexOf("//");
                if (comment >= 0) {
                    modulePath = modulePath.substring(0, comment).strip();
                }
                break;
            }
        }
        return moduleRelative(moduleDir, modulePath);
    }
}
