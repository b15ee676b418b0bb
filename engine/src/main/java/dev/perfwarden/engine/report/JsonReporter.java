package dev.perfwarden.engine.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.PackInfo;
import dev.perfwarden.engine.analysis.Summary;
import dev.perfwarden.engine.model.Cost;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Unparsed;
import dev.perfwarden.facts.input.InputStats;

import java.io.IOException;

/**
 * {@code --format json}: the output contract of DESIGN.md, documented field by field in
 * {@code docs/output.md}. Field order is fixed; optional fields ({@code inputs[].error},
 * {@code inputs[].unparsedSamples}, {@code summary.hidden}) appear only when they have content.
 */
public final class JsonReporter implements Reporter {
    /** How many unparsed lines per input the output quotes. */
    public static final int UNPARSED_SAMPLES = 5;

    @Override
    public void write(AnalysisResult r, Appendable out) throws IOException {
        ObjectNode root = skeleton(r);
        Json.stream(root, (ArrayNode) root.get("findings"), r.findings().stream().map(JsonReporter::finding).iterator(),
                out);
    }

    /** The whole report as one tree: for a small result (a large one's tree would not fit; {@link #write} streams). */
    public ObjectNode toJson(AnalysisResult r) {
        ObjectNode root = skeleton(r);
        ArrayNode findings = (ArrayNode) root.get("findings");
        for (Finding f : r.findings()) {
            findings.add(finding(f));
        }
        return root;
    }

    /** The report with an empty {@code findings} array. */
    private static ObjectNode skeleton(AnalysisResult r) {
        ObjectNode root = Json.object();
        root.putObject("tool").put("name", r.tool().name()).put("version", r.tool().version());
        ArrayNode packs = root.putArray("packs");
        for (PackInfo p : r.packs()) {
            packs.addObject().put("id", p.id()).put("version", p.version()).put("sha256", p.sha256());
        }
        ArrayNode inputs = root.putArray("inputs");
        for (InputStats in : r.inputs()) {
            inputs.add(input(in));
        }
        root.putArray("findings");
        root.set("summary", summary(r.summary()));
        return root;
    }

    static ObjectNode input(InputStats in) {
        ObjectNode o = Json.object();
        o.put("path", in.path()).put("kind", in.kind()).put("records", in.records()).put("unparsed", in.unparsed());
        if (in.error() != null) {
            o.put("error", in.error());
        }
        if (in.note() != null) {
            o.put("note", in.note());
        }
        if (!in.unparsedSamples().isEmpty()) {
            ArrayNode s = o.putArray("unparsedSamples");
            for (Unparsed u : in.unparsedSamples().subList(0, Math.min(UNPARSED_SAMPLES, in.unparsedSamples().size()))) {
                ObjectNode x = s.addObject();
                if (u.at() != null) {
                    x.put(u.at().byteOffset() ? "offset" : "line", u.at().line());
                }
                x.put("reason", u.reason()).put("text", u.text());
            }
        }
        return o;
    }

    /** The findings of other rules folded into {@code f} (same line): rule, pack, severity, column, message, cost. */
    static ArrayNode related(Finding f) {
        ArrayNode rel = Json.MAPPER.createArrayNode();
        for (Finding.Related r : f.related()) {
            ObjectNode x = rel.addObject();
            x.put("rule", r.rule()).put("pack", r.pack()).put("severity", r.severity().id()).put("column", r.column())
                    .put("message", r.message());
            x.set("cost", cost(r.cost()));
            x.put("fingerprint", r.fingerprint());
        }
        return rel;
    }

    /** One finding's object, as in the report's {@code findings} (a batch writes each as a JSON line). */
    public static ObjectNode finding(Finding f) {
        ObjectNode o = Json.object();
        o.put("rule", f.rule()).put("pack", f.pack()).put("severity", f.severity().id())
                .put("function", f.symbol());
        ArrayNode copies = o.putArray("inlinedInto");
        f.inlinedInto().forEach(copies::add);
        o.put("file", f.file()).put("line", f.line()).put("column", f.column()).put("message", f.message());
        o.set("cost", cost(f.cost()));
        if (!f.related().isEmpty()) {
            o.set("related", related(f));
        }
        ArrayNode ev = o.putArray("evidence");
        for (Evidence e : f.evidence()) {
            ev.addObject().put("input", e.input()).put("text", e.text());
        }
        o.put("fingerprint", f.fingerprint());
        return o;
    }

    /**
     * {@code {"cpuShare": 0.124|null, "allocShare": 0.03|null, "basis": "line|function|instruction|none", "measure": "self|cum"}}
     * ({@code measure} only when something was measured; {@code "profiles": ["cpu-1.pprof", "mem-1.pprof"]}, the
     * profile files the shares are of, only when several profiles of a type were given; {@code "benchmark": {"name":
     * "BenchmarkSet", "share": 0.23, "samples": 87, "siteSamples": 20}}, the site's largest share within one
     * benchmark, only when known: {@link dev.perfwarden.engine.model.BenchmarkShare}).
     */
    static ObjectNode cost(Cost c) {
        ObjectNode o = Json.object();
        if (c.cpuShare() == null) {
            o.putNull("cpuShare");
        } else {
            o.put("cpuShare", c.cpuShare());
        }
        if (c.allocShare() == null) {
            o.putNull("allocShare");
        } else {
            o.put("allocShare", c.allocShare());
        }
        o.put("basis", c.basis().id());
        if (!c.measure().isEmpty()) {
            o.put("measure", c.measure());
        }
        if (!c.profiles().isEmpty()) {
            ArrayNode a = o.putArray("profiles");
            c.profiles().forEach(a::add);
        }
        if (c.benchmark() != null) {
            o.putObject("benchmark").put("name", c.benchmark().name()).put("share", c.benchmark().share())
                    .put("samples", c.benchmark().samples()).put("siteSamples", c.benchmark().siteSamples());
        }
        return o;
    }

    static ObjectNode summary(Summary s) {
        ObjectNode o = Json.object();
        o.put("findings", s.findings());
        ObjectNode by = o.putObject("bySeverity");
        s.bySeverity().forEach((k, v) -> by.put(k.id(), v));
        o.put("gate", s.gate().id());
        if (!s.hidden().isEmpty()) {
            ObjectNode h = o.putObject("hidden");
            s.hidden().forEach(h::put);
        }
        return o;
    }
}
