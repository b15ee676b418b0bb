package dev.perfwarden.engine.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfwarden.engine.report.html.SafeMarkdown;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.PackInfo;
import dev.perfwarden.engine.analysis.SuppressedFinding;
import dev.perfwarden.engine.analysis.Suppression;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Fingerprints;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.input.InputStats;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --format sarif}: SARIF 2.1.0, one run. {@code tool.driver.rules[]} is the catalogue of the
 * loaded packs (id, short/full description, help from {@code doc.md}, default level); each result
 * carries {@code ruleId}/{@code ruleIndex}, level, message, the source position, the function as a
 * logical location and in {@code properties.function}, {@code partialFingerprints["perfwarden/v1"]},
 * and the evidence as {@code relatedLocations} (pointing into the captured inputs) and in
 * {@code properties.evidence}. Inputs that failed become tool execution notifications. Findings hidden by
 * a suppression comment or a baseline follow the visible ones, each with {@code suppressions[]}
 * ({@code kind} inSource or external, {@code status} accepted, the {@code justification}, and for a
 * comment its {@code location}), so code-scanning tools show them as suppressed.
 */
public final class SarifReporter implements Reporter {
    public static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    @Override
    public void write(AnalysisResult r, Appendable out) throws IOException {
        Skeleton s = skeleton(r);
        Json.stream(s.root(), s.results(), results(r, s.ruleIndex()).iterator(), out);
    }

    /** The whole report as one tree: for a small result (a large one's tree would not fit; {@link #write} streams). */
    public ObjectNode toSarif(AnalysisResult r) {
        Skeleton s = skeleton(r);
        results(r, s.ruleIndex()).forEach(s.results()::add);
        return s.root();
    }

    /** The report with an empty {@code results} array, and each rule's index in {@code tool.driver.rules}. */
    private record Skeleton(ObjectNode root, ArrayNode results, Map<String, Integer> ruleIndex) {
    }

    private static Skeleton skeleton(AnalysisResult r) {
        ObjectNode root = Json.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", r.tool().name());
        driver.put("version", r.tool().version());
        driver.put("semanticVersion", r.tool().version());
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (RuleInfo ri : r.rules()) {
            ruleIndex.put(ri.id(), ruleIndex.size());
            rules.add(rule(ri));
        }
        List<Finding> all = new ArrayList<>(r.findings());
        r.suppressed().forEach(x -> all.add(x.finding()));
        for (Finding f : all) {
            if (!ruleIndex.containsKey(f.rule())) {
                // a finding from outside the packs' catalogue (e.g. a contract): describe it minimally
                ruleIndex.put(f.rule(), ruleIndex.size());
                ObjectNode d = rules.addObject();
                d.put("id", f.rule());
                d.putObject("shortDescription").put("text", f.rule());
                d.putObject("defaultConfiguration").put("level", f.severity().id());
            }
        }

        invocation(run.putArray("invocations").addObject(), r.inputs());
        ArrayNode results = run.putArray("results");
        properties(run.putObject("properties"), r);
        return new Skeleton(root, results, ruleIndex);
    }

    /** The visible findings' results, then the suppressed ones' (with {@code suppressions}), each made when asked for. */
    private static java.util.stream.Stream<ObjectNode> results(AnalysisResult r, Map<String, Integer> ruleIndex) {
        return java.util.stream.Stream.concat(r.findings().stream().map(f -> result(f, ruleIndex.get(f.rule()))),
                r.suppressed().stream().map(sf -> {
                    ObjectNode res = result(sf.finding(), ruleIndex.get(sf.finding().rule()));
                    res.set("suppressions", Json.MAPPER.createArrayNode().add(suppression(sf.suppression())));
                    return res;
                }));
    }

    /** The run's invocation: successful, with one error notification per input that could not be read. */
    private static void invocation(ObjectNode invocation, List<InputStats> inputs) {
        invocation.put("executionSuccessful", true);
        ArrayNode notes = Json.MAPPER.createArrayNode();
        for (InputStats in : inputs) {
            if (in.failed()) {
                ObjectNode n = notes.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", in.path() + " (" + in.kind() + "): " + in.error());
                n.putArray("locations").addObject().putObject("physicalLocation")
                        .putObject("artifactLocation").put("uri", uri(in.path()));
            }
        }
        if (!notes.isEmpty()) {
            invocation.set("toolExecutionNotifications", notes);
        }
    }

    /** perfwarden's run properties: the packs (id, version, sha256), the inputs and the summary, as in JSON. */
    private static void properties(ObjectNode props, AnalysisResult r) {
        ArrayNode packs = props.putArray("packs");
        for (PackInfo p : r.packs()) {
            packs.addObject().put("id", p.id()).put("version", p.version()).put("sha256", p.sha256());
        }
        ArrayNode inputs = props.putArray("inputs");
        for (InputStats in : r.inputs()) {
            inputs.add(JsonReporter.input(in));
        }
        props.set("summary", JsonReporter.summary(r.summary()));
    }

    /** A SARIF {@code suppression}: kind, status accepted, the justification, and where it is written. */
    private static ObjectNode suppression(Suppression s) {
        ObjectNode o = Json.object();
        o.put("kind", s.kind().sarif());
        o.put("status", "accepted");
        if (!s.justification().isBlank()) {
            o.put("justification", s.justification());
        }
        if (s.location() != null && !s.location().file().isEmpty()) {
            ObjectNode phys = o.putObject("location").putObject("physicalLocation");
            phys.putObject("artifactLocation").put("uri", uri(s.location().file()));
            if (s.location().line() > 0) {
                ObjectNode region = phys.putObject("region").put("startLine", s.location().line());
                if (s.location().col() > 0) {
                    region.put("startColumn", s.location().col());
                }
            }
        }
        return o;
    }

    private static ObjectNode rule(RuleInfo ri) {
        ObjectNode d = Json.object();
        d.put("id", ri.id());
        d.putObject("shortDescription").put("text", ri.summary());
        d.putObject("fullDescription").put("text", ri.docFirstParagraph());
        if (!ri.doc().isBlank()) {
            d.putObject("help").put("text", ri.doc().strip()).put("markdown", SafeMarkdown.of(ri.doc()));
        }
        d.putObject("defaultConfiguration").put("level", ri.severity().id());
        ObjectNode p = d.putObject("properties");
        p.put("pack", ri.packLabel());
        p.put("hotSeverity", ri.effectiveHotSeverity().id());
        p.put("scope", ri.scope().id());
        ArrayNode tags = p.putArray("tags");
        ri.tags().forEach(tags::add);
        return d;
    }

    private static ObjectNode result(Finding f, int ruleIndex) {
        ObjectNode o = Json.object();
        o.put("ruleId", f.rule());
        o.put("ruleIndex", ruleIndex);
        o.put("level", f.severity().id());
        o.putObject("message").put("text", f.message());
        ObjectNode loc = o.putArray("locations").addObject();
        if (!f.file().isEmpty()) {
            ObjectNode phys = loc.putObject("physicalLocation");
            phys.putObject("artifactLocation").put("uri", uri(f.file()));
            if (f.line() > 0) {
                ObjectNode region = phys.putObject("region");
                region.put("startLine", f.line());
                if (f.column() > 0) {
                    region.put("startColumn", f.column());
                }
            }
        }
        if (!f.symbol().isEmpty()) {
            loc.putArray("logicalLocations").addObject().put("fullyQualifiedName", f.symbol()).put("kind", "function");
        }
        ArrayNode related = Json.MAPPER.createArrayNode();
        int id = 1;
        for (Evidence e : f.evidence()) {
            if (e.at() == null) {
                continue;
            }
            ObjectNode rl = related.addObject();
            rl.put("id", id++);
            ObjectNode phys = rl.putObject("physicalLocation");
            phys.putObject("artifactLocation").put("uri", uri(e.at().input()));
            if (e.at().byteOffset()) {
                phys.putObject("region").put("byteOffset", e.at().line());
            } else if (e.at().line() > 0) {
                phys.putObject("region").put("startLine", e.at().line());
            }
            rl.putObject("message").put("text", e.input() + ": " + e.text().strip());
        }
        if (!related.isEmpty()) {
            o.set("relatedLocations", related);
        }
        o.putObject("partialFingerprints").put(Fingerprints.KEY, f.fingerprint());
        if (f.cost().measured()) {
            o.put("rank", Math.round(f.cost().weight() * 1000) / 10.0);
        }
        ObjectNode p = o.putObject("properties");
        p.put("function", f.symbol());
        ArrayNode copies = p.putArray("inlinedInto");
        f.inlinedInto().forEach(copies::add);
        p.put("pack", f.pack());
        p.set("cost", JsonReporter.cost(f.cost()));
        if (!f.related().isEmpty()) {
            p.set("related", JsonReporter.related(f));
        }
        ArrayNode ev = p.putArray("evidence");
        for (Evidence e : f.evidence()) {
            ev.addObject().put("input", e.input()).put("text", e.text());
        }
        return o;
    }

    /** A SARIF artifact URI: relative paths stay relative (forward slashes, no {@code ./}), absolute ones become file URIs. */
    static String uri(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.startsWith("/") || p.matches("^[A-Za-z]:/.*")) {
            return Path.of(path).toUri().toASCIIString();
        }
        try {
            return new URI(null, null, p, null).toASCIIString();
        } catch (URISyntaxException e) {
            return p;
        }
    }
}
