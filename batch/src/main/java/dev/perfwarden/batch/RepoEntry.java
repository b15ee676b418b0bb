package dev.perfwarden.batch;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One repository of a batch: its id (the stem of its output files) and where its inputs come from — a
 * folder of captures, a Go module folder to scan, or a git repository cloned shallowly at a revision.
 * Paths are absolute strings so an entry can travel to pipeline workers.
 *
 * @param sources  extra folders of Go sources (captures only), as {@code analyze --source}
 * @param packages package patterns to build (module and git only; default {@code ./...})
 * @param bench    benchmark regex to run with profiles (module and git only; null: none)
 * @param subdir   the module's folder inside a cloned repository (git only; "" for its root)
 */
public record RepoEntry(String id, Kind kind, String path, String url, String rev, List<String> sources,
                        List<String> packages, String bench, String subdir) implements Serializable {
    /** Where the inputs come from. */
    public enum Kind {
        CAPTURES("captures"), MODULE("module"), GIT("git");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Ids name files in the output folder: letters, digits, '.', '_' and '-', not starting with '.'. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    /**
     * Ids that would name the batch's own files ({@code summary.json}, {@code findings.jsonl}), in any case (a file
     * system may ignore it): a repository {@code summary} had its report overwritten by the totals (attack5 probe 02).
     */
    public static boolean reserved(String id) {
        return id.equalsIgnoreCase("summary") || id.equalsIgnoreCase("findings");
    }

    public RepoEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        sources = sources == null ? List.of() : List.copyOf(sources);
        packages = packages == null ? List.of() : List.copyOf(packages);
        subdir = subdir == null ? "" : subdir;
    }

    public static RepoEntry captures(String id, String dir, List<String> sources) {
        return new RepoEntry(id, Kind.CAPTURES, dir, null, null, sources, List.of(), null, "");
    }

    public static RepoEntry module(String id, String dir, List<String> packages, String bench) {
        return new RepoEntry(id, Kind.MODULE, dir, null, null, List.of(), packages, bench, "");
    }

    public static RepoEntry git(String id, String url, String rev, String subdir, List<String> packages, String bench) {
        return new RepoEntry(id, Kind.GIT, null, url, rev, List.of(), packages, bench, subdir);
    }

    /** Where the entry reads from, for messages and the summary. */
    public String location() {
        return kind == Kind.GIT ? url + "@" + rev + (subdir.isEmpty() ? "" : "//" + subdir) : path;
    }
}
