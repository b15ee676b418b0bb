package dev.perfwarden.facts.input;

import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import java.util.List;
import java.util.Optional;

/** The registry of input parsers, in sniffing order (most specific first). */
public final class Parsers {
    private Parsers() {
    }

    /** Every built-in parser. Add one line per new format. */
    public static List<InputParser> all() {
        return List.of(
                // PARSERS (one per line; keep this marker)
                new dev.perfwarden.facts.k6.K6SummaryParser(),
                new dev.perfwarden.facts.prom.PromRangeParser(),
                new dev.perfwarden.facts.prom.PromTextParser(),
                new dev.perfwarden.facts.gctrace.GcTraceParser(),
                new dev.perfwarden.facts.objdump.ObjdumpParser(),
                new dev.perfwarden.facts.asmlisting.AsmListingParser(),
                new dev.perfwarden.facts.ssa.SsaParser(),
                new dev.perfwarden.facts.logopt.json.LogoptJsonParser(),
                new dev.perfwarden.facts.ir.IrDumpParser(), // before EscapeTextParser: -m=3/-m=4 holds -m=2 lines too
                new dev.perfwarden.facts.escape.EscapeTextParser(),
                new dev.perfwarden.facts.profile.PprofParser(),
                new dev.perfwarden.facts.bench.BenchParser()
        );
    }

    public static Optional<InputParser> sniff(InputHead head) {
        return all().stream().filter(p -> p.sniff(head)).findFirst();
    }
}
