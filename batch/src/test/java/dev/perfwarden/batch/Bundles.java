package dev.perfwarden.batch;

import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.service.CodeScope;
import dev.perfwarden.engine.service.SessionSpec;
import dev.perfwarden.engine.service.Workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Real capture bundles from the repository, copied into test folders, and the engine spec of go-perf. */
public final class Bundles {
    public static final Path ROOT = Path.of(System.getProperty("perfwarden.root", "..")).toAbsolutePath().normalize();
    public static final Path ORDERS = ROOT.resolve("examples/captured/orders");
    public static final Path NAMING = ROOT.resolve("testdata/captured/go1.26.8/naming");

    private Bundles() {
    }

    /** go-perf, no project file, the module's own code: as {@code analyze --no-config --fail-on FAILON}. */
    public static EngineSpec goPerf(FailOn failOn) {
        SessionSpec ss = SessionSpec.defaults().withoutConfig();
        return EngineSpec.of(ss, Workspace.create().open(ss), failOn, null, CodeScope.module());
    }

    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    /** Every file of the output folder but the summaries (which carry times), by name. */
    public static Map<String, String> results(Path out) throws IOException {
        Map<String, String> m = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                if (!n.startsWith("summary.")) {
                    m.put(n, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return m;
    }

    /** The summary rows without their times. */
    public static List<String> rows(BatchResult r) {
        List<String> out = new ArrayList<>();
        for (RepoRow x : r.rows()) {
            out.add(x.repo() + " " + x.status() + " " + x.reason() + " " + x.findings() + " " + x.bySeverity() + " "
                    + x.gate() + " " + x.inputsHash());
        }
        return out;
    }
}
