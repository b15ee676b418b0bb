package dev.perfwarden.engine.report;

import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.PackInfo;
import dev.perfwarden.engine.analysis.Summary;
import dev.perfwarden.engine.model.Cost;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.report.html.FlameGraph;
import dev.perfwarden.engine.report.html.FunctionPanels;
import dev.perfwarden.engine.report.html.LineFacts;
import dev.perfwarden.engine.report.html.MachineCode;
import dev.perfwarden.engine.report.html.RuleDocs;
import dev.perfwarden.facts.asm.AsmInstruction;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.input.InputStats;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --format html}: one self-contained page (inline CSS, script and SVG; a content security policy that
 * allows no request, so it works offline and from {@code file://}). It shows the summary, the findings in
 * report order (the text and JSON order), a flame graph of each profile, a panel per function of the findings
 * and per hot module function (source with a heat column, the compiler's decisions per line, machine code of
 * the hot lines), and the doc pages of the rules that fired. Every string from the inputs goes through jsoup's
 * DOM, which escapes text and attribute values on output; rule docs are rendered from markdown with raw HTML
 * escaped.
 *
 * <p>Without facts (the {@link dev.perfwarden.engine.report.Format#HTML} default reporter) the page has the
 * summary, findings and rule docs only.
 */
public final class HtmlReporter implements Reporter {
    private final List<? extends Fact> facts;
    private final List<Path> sourceRoots;

    /** A page of findings only: no panels, no flame graph. */
    public HtmlReporter() {
        this(List.of(), List.of());
    }

    /**
     * @param facts       the facts the rules ran over (profile line costs, compiler decisions)
     * @param sourceRoots the Go source folders the panels read
     */
    public HtmlReporter(List<? extends Fact> facts, List<Path> sourceRoots) {
        this.facts = List.copyOf(facts);
        this.sourceRoots = sourceRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    @Override
    public void write(AnalysisResult r, Appendable out) throws IOException {
        out.append("<!DOCTYPE html>\n").append(page(r).outerHtml()).append('\n');
    }

    /** The page's {@code <html>} element. */
    Element page(AnalysisResult r) {
        Document doc = Document.createShell("");
        doc.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8).escapeMode(Entities.EscapeMode.base);
        Element html = doc.selectFirst("html").attr("lang", "en");
        Element head = doc.head();
        head.appendElement("meta").attr("charset", "utf-8");
        head.appendElement("meta").attr("http-equiv", "Content-Security-Policy").attr("content",
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:");
        head.appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        head.appendElement("title").text("perfwarden report — " + r.summary().findings() + " findings");
        head.appendElement("style").appendChild(new DataNode(resource("report.css")));
        Element body = doc.body();
        List<String> notes = new ArrayList<>();
        LineFacts lf = new LineFacts(facts);
        FunctionPanels fp = new FunctionPanels(lf, sourceRoots);
        List<FunctionPanels.Panel> panels = facts.isEmpty() ? List.of() : fp.choose(r.findings());
        Map<Integer, FunctionPanels.Panel> panelOf = new HashMap<>();
        for (FunctionPanels.Panel p : panels) {
            p.findings().forEach(i -> panelOf.put(i, p));
        }
        header(body, r);
        Map<String, Integer> ruleIndex = ruleIndex(r);
        body.appendChild(findings(r, panelOf, ruleIndex));
        body.appendChild(flames(r.inputs(), notes));
        if (!panels.isEmpty()) {
            Set<String> symbols = new LinkedHashSet<>();
            panels.forEach(p -> symbols.add(p.symbol()));
            List<AsmInstruction> insns = MachineCode.of(r.inputs(), sourceRoots, symbols, lf.instructions(), notes);
            body.appendChild(fp.render(panels, r.findings(), insns));
        }
        body.appendChild(RuleDocs.section(r.rules(), ruleIndex));
        body.appendChild(inputs(r, notes));
        body.appendElement("script").appendChild(new DataNode(resource("report.js")));
        return html;
    }

    private static void header(Element body, AnalysisResult r) {
        Element h = body.appendElement("header");
        h.appendElement("h1").text("perfwarden report");
        Summary s = r.summary();
        Element p = h.appendElement("p").addClass("summary");
        p.appendElement("span").addClass("gate").addClass(s.gate().id())
                .text("gate: " + s.gate().id() + " (fail on " + s.failOn().id()
                        + ")");
        StringBuilder counts = new StringBuilder(s.findings() + (s.findings() == 1 ? " finding" : " findings"));
        List<String> by = new ArrayList<>();
        for (Severity sev : Severity.values()) {
            Integer n = s.bySeverity().get(sev);
            if (n != null) {
                by.add(n + " " + sev.id() + (n == 1 ? "" : "s"));
            }
        }
        if (!by.isEmpty()) {
            counts.append(" (").append(String.join(", ", by)).append(')');
        }
        p.appendElement("span").text(counts.toString());
        if (!s.hidden().isEmpty()) {
            List<String> hid = new ArrayList<>();
            s.hidden().forEach((k, v) -> hid.add(v + " " + k));
            p.appendElement("span").addClass("hidden").text("hidden: " + String.join(", ", hid));
        }
        List<String> packs = new ArrayList<>();
        for (PackInfo pk : r.packs()) {
            packs.add(pk.id() + "@" + pk.version());
        }
        p.appendElement("span").text("packs: " + String.join(", ", packs));
        p.appendElement("span").text(r.tool().name() + " " + r.tool().version());
        Element nav = h.appendElement("nav");
        for (String[] l : new String[][] {{"#findings", "Findings"}, {"#flames", "Flame graphs"},
            {"#functions", "Hot functions"}, {"#rules", "Rules"}, {"#inputs", "Inputs"}}) {
            nav.appendElement("a").attr("href", l[0]).text(l[1]);
        }
    }

    private static Map<String, Integer> ruleIndex(AnalysisResult r) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Finding f : r.findings()) {
            m.putIfAbsent(f.rule(), m.size() + 1);
            for (Finding.Related x : f.related()) {
                m.putIfAbsent(x.rule(), m.size() + 1);
            }
        }
        return m;
    }

    private static Element findings(AnalysisResult r, Map<Integer, FunctionPanels.Panel> panelOf,
                                    Map<String, Integer> ruleIndex) {
        Element section = new Element("section").attr("id", "findings");
        section.appendElement("h2").text("Findings, highest cost first");
        if (r.findings().isEmpty()) {
            section.appendElement("p").text("No findings.");
            return section;
        }
        Element table = section.appendElement("table").addClass("findings");
        Element head = table.appendElement("thead").appendElement("tr");
        for (String c : List.of("#", "severity", "cpu", "alloc", "location", "rule", "message")) {
            head.appendElement("th").text(c);
        }
        Element body = table.appendElement("tbody");
        for (int i = 0; i < r.findings().size(); i++) {
            Finding f = r.findings().get(i);
            FunctionPanels.Panel p = panelOf.get(i);
            body.appendChild(findingRow(i, f, p, ruleIndex));
            body.appendChild(detailRow(i, f, p, ruleIndex));
        }
        return section;
    }

    private static Element findingRow(int i, Finding f, FunctionPanels.Panel p, Map<String, Integer> ruleIndex) {
        Element tr = new Element("tr").attr("id", "f" + (i + 1)).addClass("finding").addClass(f.severity().id())
                .attr("tabindex", "0");
        if (p != null) {
            tr.attr("data-panel", p.id()).attr("data-line", String.valueOf(f.line()));
        }
        tr.appendElement("td").addClass("num").text(String.valueOf(i + 1));
        tr.appendElement("td").appendElement("span").addClass("sev").addClass(f.severity().id()).text(f.severity().id());
        Cost c = f.cost();
        tr.appendElement("td").addClass("num").text(c.cpuShare() == null ? "" : FunctionPanels.pct(c.cpuShare()));
        tr.appendElement("td").addClass("num").text(c.allocShare() == null ? "" : FunctionPanels.pct(c.allocShare()));
        Element loc = tr.appendElement("td").addClass("loc");
        String where = f.location();
        if (p != null) {
            loc.appendElement("a").addClass("src-link").attr("href", "#" + p.id() + "-L" + f.line()).text(where);
        } else {
            loc.text(where);
        }
        Element rule = tr.appendElement("td").addClass("rule");
        rule.appendElement("a").attr("href", "#rule-" + ruleIndex.get(f.rule())).text(f.rule());
        for (Finding.Related x : f.related()) {
            rule.appendText(" ");
            rule.appendElement("a").addClass("also").attr("href", "#rule-" + ruleIndex.get(x.rule())).text("+" + x.rule());
        }
        tr.appendElement("td").addClass("msg").text(Messages.split(f.message())[0]);
        return tr;
    }

    private static Element detailRow(int i, Finding f, FunctionPanels.Panel p, Map<String, Integer> ruleIndex) {
        Element tr = new Element("tr").addClass("detail").attr("id", "f" + (i + 1) + "-detail");
        Element td = tr.appendElement("td").attr("colspan", "7");
        td.appendElement("p").addClass("fn").text("in " + (f.symbol().isEmpty() ? "(unknown function)" : f.symbol())
                + (f.inlinedInto().isEmpty() ? "" : "; also inlined into " + String.join(", ", f.inlinedInto())));
        td.appendElement("p").addClass("full").text(f.message());
        for (Finding.Related x : f.related()) {
            td.appendElement("p").addClass("related").text("also [" + x.rule() + "] " + x.severity().id() + ": "
                    + Messages.split(x.message())[0]);
        }
        Element ev = td.appendElement("ul").addClass("evidence");
        for (Evidence e : f.evidence()) {
            Element li = ev.appendElement("li");
            li.appendElement("span").addClass("input").text(e.input());
            li.appendElement("code").text(String.join("\n", EvidenceText.lines(e, f.file())));
        }
        Element links = td.appendElement("p").addClass("links");
        if (p != null) {
            links.appendElement("a").attr("href", "#" + p.id() + "-L" + f.line()).text("source and machine code");
            links.appendText(" · ");
        }
        links.appendElement("a").attr("href", "#rule-" + ruleIndex.get(f.rule())).text("explain " + f.rule());
        links.appendText(" · fingerprint " + f.fingerprint());
        return tr;
    }

    private static Element flames(List<InputStats> inputs, List<String> notes) {
        Element section = new Element("section").attr("id", "flames");
        section.appendElement("h2").text("Flame graphs");
        int n = 0;
        for (InputStats in : inputs) {
            if (in.failed() || !in.kind().equals(InputKind.PPROF.id())) {
                continue;
            }
            for (String type : List.of("cpu", "alloc_space")) {
                try {
                    var g = FlameGraph.read(Path.of(in.path()), type);
                    if (g.isPresent()) {
                        n++;
                        Element fig = section.appendElement("figure").addClass("flamebox");
                        fig.appendElement("figcaption").text(in.path() + " — " + type + ", total "
                                + dev.perfwarden.facts.profile.PprofUnits.label(g.get().total(),
                                g.get().unit(), "minimum") + " (click a box to zoom, click the top row to reset)");
                        fig.appendChild(g.get().svg("flame" + n));
                    }
                } catch (IOException | RuntimeException e) {
                    notes.add(in.path() + ": flame graph not drawn: " + e.getMessage());
                }
            }
        }
        if (n == 0) {
            section.appendElement("p").text("No CPU or heap profile among the inputs.");
        }
        return section;
    }

    private static Element inputs(AnalysisResult r, List<String> notes) {
        Element section = new Element("section").attr("id", "inputs");
        section.appendElement("h2").text("Inputs");
        Element t = section.appendElement("table").addClass("inputs");
        Element head = t.appendElement("thead").appendElement("tr");
        for (String c : List.of("input", "kind", "records", "unparsed", "note")) {
            head.appendElement("th").text(c);
        }
        Element body = t.appendElement("tbody");
        for (InputStats in : r.inputs()) {
            Element tr = body.appendElement("tr");
            tr.appendElement("td").text(in.path());
            tr.appendElement("td").text(in.kind());
            tr.appendElement("td").addClass("num").text(String.valueOf(in.records()));
            tr.appendElement("td").addClass("num").text(String.valueOf(in.unparsed()));
            tr.appendElement("td").text(in.error() != null ? "error: " + in.error() : in.note() == null ? "" : in.note());
        }
        for (String n : notes) {
            section.appendElement("p").addClass("note").text(n);
        }
        return section;
    }

    static String resource(String name) {
        try (InputStream in = HtmlReporter.class.getResourceAsStream("html/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
