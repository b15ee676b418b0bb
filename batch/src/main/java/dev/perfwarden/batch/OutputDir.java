package dev.perfwarden.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.report.Format;
import dev.perfwarden.engine.report.ReportFile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The output folder of a batch. Per repository: {@code <id>.json}, {@code <id>.sarif}, and under
 * {@code .batch/} its findings as JSON lines and its summary row (written last: the row is what marks the
 * repository done). At the end: {@code findings.jsonl} (the per-repository lines in manifest order),
 * {@code summary.json} and {@code summary.txt}. Every file is written to a temporary file in the same
 * folder and renamed over its name, so a killed batch leaves no half-written file under a final name.
 */
public final class OutputDir {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> READABLE =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");

    private final Path root;
    private final Path state;

    public OutputDir(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.state = this.root.resolve(".batch");
        Files.createDirectories(state);
    }

    public Path root() {
        return root;
    }

    public Path json(String id) {
        return root.resolve(id + ".json");
    }

    public Path sarif(String id) {
        return root.resolve(id + ".sarif");
    }

    Path findingLines(String id) {
        return state.resolve(id + ".jsonl");
    }

    Path row(String id) {
        return state.resolve(id + ".row.json");
    }

    /**
     * Writes one repository's results, streamed from {@code r}: its JSON and SARIF reports and its finding lines; the
     * row goes last. A null {@code r} (no result) deletes stale reports and leaves no finding lines.
     */
    public void writeRepo(RepoRow row, AnalysisResult r) throws IOException {
        String id = row.repo();
        if (r != null) {
            write(json(id), w -> Format.JSON.reporter().write(r, w));
            write(sarif(id), w -> Format.SARIF.reporter().write(r, w));
            write(findingLines(id), w -> RepoJob.findingLines(id, r, w));
        } else {
            Files.deleteIfExists(json(id));
            Files.deleteIfExists(sarif(id));
            write(findingLines(id), "");
        }
        write(row(id), MAPPER.writeValueAsString(row) + "\n");
    }

    /** The stored row of {@code id}, if its results are complete. */
    public Optional<RepoRow> done(String id) {
        Path r = row(id);
        if (!Files.isRegularFile(r) || !Files.isRegularFile(findingLines(id))) {
            return Optional.empty();
        }
        try {
            RepoRow row = MAPPER.readValue(r.toFile(), RepoRow.class);
            if (row.ok() && !(Files.isRegularFile(json(id)) && Files.isRegularFile(sarif(id)))) {
                return Optional.empty();
            }
            return Optional.of(row);
        } catch (IOException e) {
            return Optional.empty(); // unreadable state: redo the repository
        }
    }

    /**
     * Writes {@code findings.jsonl} (each repository's lines in {@code rows} order), {@code summary.json}
     * and {@code summary.txt}; returns the text table.
     */
    public String finish(List<RepoRow> rows, BatchStats stats) throws IOException {
        Path tmp = Files.createTempFile(root, ".findings", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (RepoRow r : rows) {
                Path lines = findingLines(r.repo());
                if (Files.isRegularFile(lines)) {
                    try (var in = Files.newBufferedReader(lines, StandardCharsets.UTF_8)) {
                        in.transferTo(w);
                    }
                }
            }
        }
        move(tmp, root.resolve("findings.jsonl"));
        write(root.resolve("summary.json"), PRETTY.writeValueAsString(summaryJson(rows, stats)) + "\n");
        String table = SummaryTable.render(rows, stats);
        write(root.resolve("summary.txt"), table);
        return table;
    }

    static ObjectNode summaryJson(List<RepoRow> rows, BatchStats stats) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("repos", rows.size());
        o.put("analysed", stats.analysed());
        o.put("failed", stats.failed());
        o.put("gateFailed", stats.gateFailed());
        o.put("resumed", stats.resumed());
        o.put("findings", stats.findings());
        ObjectNode by = o.putObject("bySeverity");
        stats.bySeverity().forEach(by::put);
        o.put("exitCode", stats.exitCode());
        o.put("millis", stats.millis());
        o.put("engine", stats.engine());
        ArrayNode list = o.putArray("results");
        for (RepoRow r : rows) {
            JsonNode n = MAPPER.valueToTree(r);
            list.add(n);
        }
        return o;
    }

    /** Writes {@code text} to {@code target} through a temporary file in the same folder and a rename. */
    public static void write(Path target, String text) throws IOException {
        write(target, w -> w.write(text));
    }

    /** Writes what {@code content} writes to {@code target}, through a temporary file in the same folder and a rename. */
    static void write(Path target, ReportFile.Content content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                content.write(w);
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp, READABLE); // temp files are created private
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its default
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes temporary files a killed batch left behind (they never carry a final name). */
    public void sweep() throws IOException {
        for (Path dir : List.of(root, state)) {
            try (var s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".")
                        && p.getFileName().toString().endsWith(".tmp")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
