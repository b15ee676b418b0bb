package dev.perfwarden.engine.project;

import dev.perfwarden.engine.yaml.YamlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Include and exclude globs over a finding's file (relative to the module root, {@code /} separators).
 * {@code *} matches within one folder, {@code **} across folders ({@code **}{@code /} also matches no
 * folder), {@code ?} one character. A pattern without a {@code /} matches the file name in any folder
 * ({@code *_test.go}); a pattern ending in {@code /} matches everything below that folder ({@code gen/}).
 * A file is kept when it matches some include (or there are none) and no exclude. A finding without a
 * file is always kept: there is nothing to match.
 */
public record PathFilter(List<String> include, List<String> exclude) {
    public static final PathFilter ALL = new PathFilter(List.of(), List.of());

    public PathFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** Whether a finding in {@code file} is kept. */
    public boolean keeps(String file) {
        if (file == null || file.isEmpty()) {
            return true;
        }
        String f = file.replace('\\', '/');
        while (f.startsWith("./")) {
            f = f.substring(2);
        }
        if (!include.isEmpty() && include.stream().noneMatch(matcher(f))) {
            return false;
        }
        return exclude.stream().noneMatch(matcher(f));
    }

    public boolean isEmpty() {
        return include.isEmpty() && exclude.isEmpty();
    }

    private static java.util.function.Predicate<String> matcher(String file) {
        return glob -> matches(glob, file);
    }

    /**
     * Whether {@code file} matches {@code glob} (see the class comment), in time linear in the glob's length times the
     * file's: the glob is run as a set of positions over the file, never as a backtracking regular expression (a
     * project file's {@code **a**a**a…**b} took {@link #regex}'s Java pattern minutes on a 160-character name,
     * attack2 probe 18).
     */
    public static boolean matches(String glob, String file) {
        String g = normalized(glob);
        int n = file.length();
        boolean[] cur = new boolean[n + 1];
        cur[0] = true;
        for (int k = 0; k < g.length(); k++) {
            char c = g.charAt(k);
            boolean[] next = new boolean[n + 1];
            if (c == '*' && k + 1 < g.length() && g.charAt(k + 1) == '*') {
                boolean slash = k + 2 < g.length() && g.charAt(k + 2) == '/';
                boolean seen = false; // some position at or before j was reached
                for (int j = 0; j <= n; j++) {
                    if (slash) { // (?:.*/)?: nothing, or anything that ends in '/'
                        next[j] = cur[j] || j > 0 && file.charAt(j - 1) == '/' && seen;
                    }
                    seen |= cur[j];
                    if (!slash) { // .*
                        next[j] = seen;
                    }
                }
                k += slash ? 2 : 1;
            } else if (c == '*') { // [^/]*
                boolean run = false;
                for (int j = 0; j <= n; j++) {
                    run |= cur[j];
                    next[j] = run;
                    if (j < n && file.charAt(j) == '/') {
                        run = false;
                    }
                }
            } else {
                for (int j = 0; j < n; j++) {
                    next[j + 1] = cur[j] && (c == '?' ? file.charAt(j) != '/' : file.charAt(j) == c);
                }
            }
            cur = next;
        }
        return cur[n];
    }

    /** The glob as matched: without a leading {@code ./}, {@code **} after a final {@code /}, {@code **}{@code /} before a bare name. */
    private static String normalized(String glob) {
        String g = glob.strip();
        while (g.startsWith("./")) {
            g = g.substring(2);
        }
        if (g.endsWith("/")) {
            g = g + "**";
        }
        if (!g.contains("/")) {
            g = "**/" + g;
        }
        return g;
    }

    /** Why {@code glob} is not a usable pattern, or null. */
    public static String problem(String glob) {
        if (glob == null || glob.isBlank()) {
            return "an empty pattern matches nothing";
        }
        if (glob.startsWith("/") || glob.contains("\\")) {
            return "patterns are relative to the module root and use '/' (not '" + glob + "')";
        }
        if (glob.contains("[") || glob.contains("{")) {
            return "only *, ** and ? are supported (not '" + glob + "')";
        }
        return null;
    }

    /** The same match as a Java regular expression: what {@link #matches} computes (PathFilterTest compares them). */
    static Pattern regex(String glob) {
        String g = normalized(glob);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*') {
                if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                    boolean slash = i + 2 < g.length() && g.charAt(i + 2) == '/';
                    sb.append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                } else {
                    sb.append("[^/]*");
                }
            } else if (c == '?') {
                sb.append("[^/]");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString());
    }

    /** Patterns of a YAML list (or one string) under {@code key}; problems go to {@code errors}. */
    static List<String> globs(YamlNode n, ConfigYaml.Errors errors) {
        List<String> out = new ArrayList<>();
        if (n == null || n.kind() == YamlNode.Kind.NULL) {
            return out;
        }
        List<YamlNode> items = n.isList() ? n.list() : List.of(n);
        for (YamlNode i : items) {
            if (i.kind() != YamlNode.Kind.STRING) {
                errors.at(i, n.path() + ": expected a glob pattern (a string), got " + i.describeValue());
                continue;
            }
            String why = problem(i.text());
            if (why != null) {
                errors.at(i, n.path() + ": " + why);
            } else {
                out.add(i.text());
            }
        }
        return out;
    }
}
