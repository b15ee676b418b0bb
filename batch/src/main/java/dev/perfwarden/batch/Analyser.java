package dev.perfwarden.batch;

import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.kie.RuleSetCache;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.engine.service.Workspace;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.input.Parsers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one place where batch calls the engine: the engine service's {@link Session}, opened once per batch
 * (per pipeline worker) from the {@link EngineSpec}, analyses each bundle with the same project file, trust,
 * lock, parameters, limits, baseline and scope as {@code perfwarden analyze} would. Thread-safe.
 */
public final class Analyser {
    /** One workspace per JVM: sessions of one class loader share its compiled rule sets. */
    private static final Workspace WORKSPACE = Workspace.of(Analyser.class.getClassLoader(), RuleSetCache.inMemory(4));

    private final Session session;
    private final EngineSpec spec;
    private final Consumer<Object> watcher;

    private Analyser(Session session, EngineSpec spec, Consumer<Object> watcher) {
        this.session = session;
        this.spec = spec;
        this.watcher = watcher;
    }

    /**
     * Opens the spec's session (see {@link EngineSpec#open}) on the JVM's workspace, or on a new one when
     * {@code cl} is another class loader.
     *
     * @throws dev.perfwarden.engine.service.SetupException for a refused pack, project, lock or baseline file
     */
    public static Analyser open(EngineSpec spec, ClassLoader cl) {
        Workspace ws = cl == Analyser.class.getClassLoader() ? WORKSPACE : Workspace.of(cl, RuleSetCache.inMemory(4));
        return new Analyser(spec.open(ws), spec, x -> { });
    }

    /**
     * This analyser, also handing {@code w} what each bundle made (what was read, the result) as it is
     * made: tests hold them weakly to show that nothing of a finished repository stays reachable.
     */
    Analyser watching(Consumer<Object> w) {
        return new Analyser(session, spec, w);
    }

    public EngineSpec spec() {
        return spec;
    }

    /** What one bundle gave: the result, or the reading's problems; and the Go source folders the read used. */
    public record Outcome(AnalysisResult result, List<String> inputErrors, List<Path> sourceRoots) {
    }

    /**
     * Reads {@code captures} (files or folders) with {@code sources} as extra Go source folders and analyses
     * them in the session. Parsing is single-threaded: the batch's parallelism is its workers.
     */
    public Outcome analyse(List<Path> captures, List<Path> sources) throws IOException {
        InputReader.Result read = new InputReader(Parsers.all(), 1).read(
                captures.stream().map(Path::toString).toList(), sources, InputStream.nullInputStream());
        watcher.accept(read);
        AnalysisResult result = session.analyze(read, spec.request(read.sourceRoots()));
        watcher.accept(result);
        List<String> errors = read.inputs().stream().filter(s -> s.failed()).map(s -> s.error()).toList();
        return new Outcome(result, errors, read.sourceRoots());
    }
}
