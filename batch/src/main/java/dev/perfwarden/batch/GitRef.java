package dev.perfwarden.batch;

import java.util.regex.Pattern;

/**
 * What a manifest's {@code git:}, {@code rev:}, {@code subdir:} and {@code packages:} values may be. They become
 * arguments of {@code git fetch}, {@code git checkout} and the {@code go} commands, and a manifest may be generated
 * from a list nobody here wrote (an organisation's repositories, a form): a value starting with {@code -} would be
 * read as an option ({@code --upload-pack=CMD}, {@code -toolexec=CMD}: attack6 probe 01 ran a command from each),
 * and a URL of another transport ({@code ext::}) may run one too. So: URLs of {@code https}, {@code http},
 * {@code ssh}, {@code git} and {@code file} (explicit, for local mirrors) or scp-like {@code user@host:path};
 * revisions as git names a branch, tag or commit; no value that starts with {@code -}.
 */
final class GitRef {
    /** A URL whose authority starts with a letter, digit, '_', '[' (IPv6) or is empty (file:///path). */
    private static final Pattern URL = Pattern.compile("(?:https?|ssh|git|file)://(?:[A-Za-z0-9_\\[/][^\\s]*)?");
    /** scp-like {@code user@host:path}: user and host start with a letter or digit (ssh reads a leading '-' as an option). */
    private static final Pattern SCP = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*@[A-Za-z0-9][A-Za-z0-9.-]*:[^\\s-][^\\s]*");
    private static final Pattern REV = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._/+-]*");

    private GitRef() {
    }

    /** Why {@code url} is refused as a git: value, or null. */
    static String urlProblem(String url) {
        if (URL.matcher(url).matches() || SCP.matcher(url).matches()) {
            return null;
        }
        return "git: '" + url + "' is not a repository URL (https://, http://, ssh://, git://, file:// or"
                + " user@host:path; a value starting with '-' would be read as an option)";
    }

    /** Why {@code rev} is refused as a rev: value, or null. */
    static String revProblem(String rev) {
        if (REV.matcher(rev).matches() && !rev.contains("..") && !rev.endsWith(".lock") && !rev.endsWith("/")) {
            return null;
        }
        return "rev: '" + rev + "' is not a branch, tag or commit name (letters, digits and . _ / + -, not starting"
                + " with '-' or '.', no '..')";
    }

    /** Why {@code value} of {@code key} (subdir:, packages:) is refused, or null. */
    static String argumentProblem(String key, String value) {
        return value.startsWith("-") ? key + ": '" + value + "' starts with '-' and would be read as an option" : null;
    }
}
