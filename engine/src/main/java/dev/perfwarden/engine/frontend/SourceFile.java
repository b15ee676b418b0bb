package dev.perfwarden.engine.frontend;

import java.util.Objects;

/**
 * One rule source file of a pack, as read.
 *
 * @param path path relative to the pack root with {@code /} separators, e.g. {@code slow-call/rule.dslr}
 * @param text the file's text (UTF-8, line ends normalised to {@code \n})
 */
public record SourceFile(String path, String text) {
    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /** The file name without its folder. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The rule folder the file sits in ({@code slow-call}), or "" at the pack root. */
    public String folder() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
