package dev.perfwarden.engine.frontend;

import org.drools.drl.parser.lang.dsl.DSLMapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drools DSL ({@code .dslr} rules over the pack's {@code *.dsl} vocabulary): expanded with Drools' own
 * expander by {@link DslrExpander}, which refuses sentences that do not expand completely and keeps a
 * map from expanded lines back to DSLR lines ({@code - constraint} sentences are merged into the line
 * above by the expander).
 */
public final class DslrFrontend implements PolicyFrontend {
    /** CPU time the expansion of all the DSLR files of a run's packs may take (go-perf's largest file takes milliseconds). */
    static final Duration EXPANSION_BUDGET = Duration.ofSeconds(10);

    @Override
    public String id() {
        return "dslr";
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.endsWith(".dslr");
    }

    @Override
    public Translation translate(SourceFile src, PackContext ctx) {
        String text = src.text();
        String named = DslrExpander.expanderName(text);
        List<DSLMapping> mappings = new ArrayList<>();
        if (named != null) {
            String name = named.contains("/") ? named.substring(named.lastIndexOf('/') + 1) : named;
            DSLMapping dm = ctx.dsl().get(name);
            if (dm == null) {
                return Translation.failed(List.of(new Diagnostic(src.path(), lineOf(text, "expander"), 0,
                        "expander names '" + named + "', but the pack has no such DSL at its root (has: "
                                + new java.util.TreeSet<>(ctx.dsl().keySet()) + ")")));
            }
            mappings.add(dm);
        } else {
            new java.util.TreeMap<>(ctx.dsl()).values().forEach(mappings::add);
        }
        if (mappings.isEmpty()) {
            return Translation.failed(List.of(new Diagnostic(src.path(), 1, 0,
                    "a .dslr rule needs a DSL (*.dsl) at the pack root")));
        }
        DslrExpander.Result r;
        Duration left = ctx.expansion().left();
        if (left.isZero()) {
            return Translation.failed(List.of(new Diagnostic(src.path(), 1, 0, "not expanded: the DSLR files of this run's"
                    + " packs took all of the " + Watched.seconds(EXPANSION_BUDGET) + " s of CPU time their expansion may"
                    + " take together before this one")));
        }
        try {
            r = CpuBound.run(left, () -> DslrExpander.expand(text, mappings), ctx.expansion()::spend);
        } catch (CpuBound.Exceeded e) {
            return Translation.failed(List.of(new Diagnostic(src.path(), 1, 0, "expanding this file's sentences "
                    + e.getMessage() + " (the " + Watched.seconds(EXPANSION_BUDGET) + " s of CPU time all the DSLR"
                    + " files of a run's packs may take together): a DSL entry's sentence backtracks on it (Drools matches"
                    + " sentences as regular expressions; each {slot} is a lazy '.*?'); use fewer slots per sentence,"
                    + " or shorter sentences")));
        }
        if (!r.problems().isEmpty()) {
            List<Diagnostic> ds = new ArrayList<>();
            for (DslrExpander.LineProblem p : r.problems()) {
                ds.add(new Diagnostic(src.path(), p.line(), p.column(), p.message()));
            }
            return Translation.failed(ds);
        }
        return Translation.of(r.drl(), r.lineMap());
    }

    /** 1-based line of the first line whose text starts with {@code word}, or 1. */
    private static int lineOf(String text, String word) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith(word)) {
                return i + 1;
            }
        }
        return 1;
    }
}
