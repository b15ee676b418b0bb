package dev.perfwarden.batch;

import dev.perfwarden.engine.analysis.Analysis;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.input.Parsers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place where batch calls the engine: read a bundle of captures, run the shared rule set over it
 * in a session of its own. Thread-safe; one instance per JVM.
 */
public final class Analyser {
    private final RuleSet rules;
    private final EngineSpec spec;

    public Analyser(RuleSet rules, EngineSpec spec) {
        this.rules = rules;
        this.spec = spec;
    }

    public static Analyser build(EngineSpec spec, ClassLoader cl) throws dev.perfwarden.engine.pack.PackException {
        return new Analyser(spec.ruleSet(cl), spec);
    }

    public EngineSpec spec() {
        return spec;
    }

    /** What one bundle gave: the result, or the reading's problems. */
    public record Outcome(AnalysisResult result, List<String> inputErrors) {
    }

    /**
     * Reads {@code captures} (files or folders) with {@code sources} as extra Go source folders and analyses
     * them. Parsing is single-threaded: the batch's parallelism is its workers.
     */
    public Outcome analyse(List<Path> captures, List<Path> sources) throws IOException {
        InputReader.Result read = new InputReader(Parsers.all(), 1).read(
                captures.stream().map(Path::toString).toList(), sources, InputStream.nullInputStream());
        AnalysisResult result = Analysis.run(read.facts(), read.inputs(), rules, spec.options(read.sourceRoots()));
        List<String> errors = read.inputs().stream().filter(s -> s.failed()).map(s -> s.error()).toList();
        return new Outcome(result, errors);
    }
}
