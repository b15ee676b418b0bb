package dev.perfwarden.batch;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of a batch's summary: how one repository ended. Stored next to its results so that
 * {@code --resume} can tell whether they are still current.
 *
 * @param status      {@code ok} (analysed; see {@code gate}) or {@code failed} (see {@code reason})
 * @param bySeverity  visible findings per severity id
 * @param gate        {@code pass}, {@code fail}, or {@code null} when the entry failed before a result
 * @param millis      wall-clock time spent on the entry (clone, build and analysis)
 * @param inputsHash  sha256 of the entry's inputs (see {@link Inputs#hash})
 * @param engineHash  {@link EngineSpec#hash()} of the run that produced it
 * @param sourceRoots the Go source folders the read used besides the entry's own (a captures folder's
 *                    {@code capture.json} {@code source}, the module above it), absolute; their {@code .go} files
 *                    and {@code go.mod} are in {@code inputsHash}
 */
public record RepoRow(String repo, String kind, String location, String status, String reason, int findings,
                      Map<String, Integer> bySeverity, String gate, long millis, String inputsHash,
                      String engineHash, java.util.List<String> sourceRoots) implements Serializable {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public RepoRow {
        bySeverity = bySeverity == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(bySeverity));
        sourceRoots = sourceRoots == null ? java.util.List.of() : java.util.List.copyOf(sourceRoots);
    }

    public static RepoRow failed(RepoEntry e, String reason, long millis, String inputsHash, String engineHash) {
        return new RepoRow(e.id(), e.kind().id(), e.location(), FAILED, reason, 0, Map.of(), null, millis,
                inputsHash, engineHash, java.util.List.of());
    }

    public boolean ok() {
        return OK.equals(status);
    }

    public boolean gateFailed() {
        return "fail".equals(gate);
    }

    public int count(String severity) {
        return bySeverity.getOrDefault(severity, 0);
    }
}
