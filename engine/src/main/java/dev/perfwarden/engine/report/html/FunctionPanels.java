package dev.perfwarden.engine.report.html;

import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.facts.asm.AsmInstruction;
import dev.perfwarden.facts.disasm.HotInstruction;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.HotLine;
import dev.perfwarden.facts.source.GoFiles;
import dev.perfwarden.facts.source.GoSourceIndex;
import dev.perfwarden.facts.symbols.Symbols;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The per-function panels: for the functions of the findings (in report order) and then the hottest module
 * functions of the CPU profile, the function's source with a heat column (the line's own CPU share, its
 * cumulative share, the bytes it allocates), the compiler's decisions on each line, links to the findings on
 * it, and under the hot lines their machine instructions.
 */
public final class FunctionPanels {
    /** Most panels in a report. */
    static final int MAX_PANELS = 24;
    /** Hot module functions shown besides those of the findings. */
    static final int HOT_PANELS = 8;
    /** Longest source span shown; a longer function shows the span of its hot lines and findings. */
    static final int MAX_LINES = 160;
    /** A line whose own CPU share reaches this shows its machine code. */
    static final double HOT_LINE = 0.005;
    /** Most instructions shown under one line. */
    static final int MAX_INSNS = 80;
    private static final Pattern CLOSURE = Pattern.compile("\\.func\\d+(\\.\\d+)*$");

    /** One panel: a function, the file and lines shown, the findings in it (their indices in the report). */
    public record Panel(String id, String symbol, String file, Path source, int from, int to, List<Integer> findings) {
    }

    private final LineFacts facts;
    private final List<Path> roots;
    private final Map<Path, Optional<GoSourceIndex>> indexes = new HashMap<>();

    public FunctionPanels(LineFacts facts, List<Path> sourceRoots) {
        this.facts = facts;
        this.roots = sourceRoots;
    }

    /** The panels to show, those of findings first (report order), then the hottest module functions. */
    public List<Panel> choose(List<Finding> findings) {
        Map<String, Panel> bySymbol = new LinkedHashMap<>();
        for (int i = 0; i < findings.size() && bySymbol.size() < MAX_PANELS; i++) {
            Finding f = findings.get(i);
            if (f.symbol().isEmpty() || f.line() <= 0) {
                continue;
            }
            Panel p = bySymbol.get(f.symbol());
            if (p == null) {
                Optional<Panel> made = panel(bySymbol.size(), f.symbol(), f.file(), f.line());
                if (made.isEmpty()) {
                    continue;
                }
                p = made.get();
                bySymbol.put(f.symbol(), p);
            }
            if (p.file().equals(f.file()) && f.line() >= p.from() && f.line() <= p.to()) {
                p.findings().add(i);
            }
        }
        int hot = 0;
        for (HotFunction h : facts.hotFunctions()) {
            if (hot >= HOT_PANELS || bySymbol.size() >= MAX_PANELS) {
                break;
            }
            if (bySymbol.containsKey(h.symbol()) || Symbols.isStandardLibrary(h.symbol())) {
                continue;
            }
            Optional<HotLine> top = hottestLine(h.symbol());
            if (top.isPresent()) {
                Optional<Panel> p = panel(bySymbol.size(), h.symbol(), top.get().file(), top.get().line());
                if (p.isPresent()) {
                    bySymbol.put(h.symbol(), p.get());
                    hot++;
                }
            }
        }
        return List.copyOf(bySymbol.values());
    }

    private Optional<HotLine> hottestLine(String symbol) {
        HotLine best = null;
        for (List<HotLine> lines : facts.hotLines(symbol).values()) {
            for (HotLine l : lines) {
                if (!l.file().endsWith("_test.go") && (best == null || l.cum() > best.cum())) {
                    best = l;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** A panel for {@code symbol} around {@code file:line}, when the source file is found. */
    private Optional<Panel> panel(int n, String symbol, String file, int line) {
        for (Path root : roots) {
            Optional<Path> src = GoFiles.readable(root, file);
            if (src.isEmpty()) {
                continue;
            }
            int[] span = span(root, symbol, file, line);
            return Optional.of(new Panel("p" + (n + 1), symbol, file, src.get(), span[0], span[1], new ArrayList<>()));
        }
        return Optional.empty();
    }

    /** The lines of the function declared around {@code file:line} (its closure when the symbol is one). */
    private int[] span(Path root, String symbol, String file, int line) {
        Optional<GoSourceIndex> index = indexes.computeIfAbsent(root, r -> {
            try {
                return Optional.of(GoSourceIndex.build(r, GoSourceIndex.GlobalClosures.INIT));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
        boolean closure = CLOSURE.matcher(symbol).find();
        GoSourceIndex.Func best = null;
        for (GoSourceIndex.Func f : index.flatMap(i -> i.file(file)).map(GoSourceIndex.GoFile::funcs)
                .orElse(List.of())) {
            if (f.contains(line, 0) && f.literal() == closure && (best == null || f.line() > best.line())) {
                best = f;
            }
        }
        int from = best == null ? Math.max(1, line - 10) : best.line();
        int to = best == null ? line + 10 : best.endLine();
        if (to - from >= MAX_LINES) {
            from = Math.max(from, line - MAX_LINES / 2);
            to = Math.min(to, from + MAX_LINES - 1);
        }
        return new int[] {from, to};
    }

    /** The panels' section, with machine code of their hot lines from {@code insns}. */
    public Element render(List<Panel> panels, List<Finding> findings, List<AsmInstruction> insns) {
        Map<LineFacts.Key, List<AsmInstruction>> byLine = new HashMap<>();
        for (AsmInstruction i : insns) {
            byLine.computeIfAbsent(new LineFacts.Key(i.file(), i.line()), k -> new ArrayList<>()).add(i);
        }
        Element section = new Element("section").attr("id", "functions");
        section.appendElement("h2").text("Hot functions");
        section.appendElement("p").addClass("hint").text("Each line: its own CPU share (self), the share of "
                + "samples with it on the stack (cum), the share of bytes it allocates itself (alloc), the code, and "
                + "what the compiler decided there. Lines with self ≥ 0.5 % show their machine code.");
        for (Panel p : panels) {
            section.appendChild(panel(p, findings, byLine));
        }
        return section;
    }

    private Element panel(Panel p, List<Finding> findings, Map<LineFacts.Key, List<AsmInstruction>> insns) {
        Element d = new Element("details").addClass("panel").attr("id", p.id()).attr("data-symbol", p.symbol());
        Element sum = d.appendElement("summary");
        sum.appendElement("span").addClass("sym").text(p.symbol());
        HotFunction h = facts.hot(p.symbol());
        String meta = p.file() + ":" + p.from() + "–" + p.to()
                + (h == null ? " · not in the CPU profile" : " · cpu cum " + FlameGraph.pct(h.cumShare())
                + ", flat " + FlameGraph.pct(h.flatShare()));
        sum.appendElement("span").addClass("meta").text(meta);
        if (!p.findings().isEmpty()) {
            sum.appendElement("span").addClass("nf").text(p.findings().size()
                    + (p.findings().size() == 1 ? " finding" : " findings"));
        }
        Element table = d.appendElement("table").addClass("src");
        Element head = table.appendElement("thead").appendElement("tr");
        for (String c : List.of("line", "self", "cum", "alloc", "source", "compiler")) {
            head.appendElement("th").text(c);
        }
        Element body = table.appendElement("tbody");
        List<String> lines = read(p.source());
        Map<Integer, List<Integer>> findingsAt = new HashMap<>();
        for (int i : p.findings()) {
            findingsAt.computeIfAbsent(findings.get(i).line(), k -> new ArrayList<>()).add(i);
        }
        double max = 0;
        for (int l = p.from(); l <= p.to(); l++) {
            max = Math.max(max, facts.costs(p.file(), l).cpuSelf());
        }
        for (int l = p.from(); l <= p.to() && l <= lines.size(); l++) {
            LineFacts.Costs c = facts.costs(p.file(), l);
            body.appendChild(line(p, l, lines.get(l - 1), c, max, findingsAt.getOrDefault(l, List.of()), findings));
            List<AsmInstruction> at = insns.getOrDefault(new LineFacts.Key(p.file(), l), List.of());
            if (!at.isEmpty() && (c.cpuSelf() >= HOT_LINE || findingsAt.containsKey(l))) {
                body.appendChild(asm(p, l, at));
            }
        }
        return d;
    }

    private Element line(Panel p, int l, String code, LineFacts.Costs c, double max, List<Integer> here,
                         List<Finding> findings) {
        Element tr = new Element("tr").attr("id", p.id() + "-L" + l).addClass("ln");
        if (!here.isEmpty()) {
            tr.addClass("has-finding");
        }
        if (c.cpuSelf() >= HOT_LINE) {
            tr.addClass("hot");
        }
        tr.appendElement("td").addClass("no").text(String.valueOf(l));
        heat(tr, c.cpuSelf(), max, "cpu");
        cell(tr, c.cpuCum());
        heat(tr, c.allocSelf(), 1, "alloc");
        tr.appendElement("td").addClass("code").appendElement("code").text(code.replace("\t", "    "));
        Element dec = tr.appendElement("td").addClass("dec");
        for (int i : here) {
            Finding f = findings.get(i);
            dec.appendElement("a").addClass("fl").addClass(f.severity().id()).attr("href", "#f" + (i + 1))
                    .text("#" + (i + 1) + " " + f.rule());
        }
        for (LineFacts.Decision d : facts.decisions(p.file(), l)) {
            dec.appendElement("span").addClass("d").addClass(d.kind()).attr("title", String.join("\n", d.evidence()))
                    .text(d.label());
        }
        return tr;
    }

    private static void heat(Element tr, double share, double max, String kind) {
        Element td = tr.appendElement("td").addClass("heat").addClass(kind);
        if (share > 0) {
            double a = max > 0 ? Math.min(1, 0.12 + 0.88 * share / max) : 0;
            td.attr("style", String.format(Locale.ROOT, "--a:%.2f", a)).text(pct(share));
        }
    }

    private static void cell(Element tr, double share) {
        tr.appendElement("td").addClass("num").text(share > 0 ? pct(share) : "");
    }

    public static String pct(double share) {
        return share >= 0.0995 ? String.format(Locale.ROOT, "%.0f %%", share * 100)
                : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private Element asm(Panel p, int l, List<AsmInstruction> at) {
        Element tr = new Element("tr").addClass("asm").attr("id", p.id() + "-A" + l);
        Element td = tr.appendElement("td").attr("colspan", "6");
        Element box = td.appendElement("details").addClass("machine");
        if (facts.instructionSamples() && flat(at) > 0) {
            box.attr("open", true); // the profile measured these instructions: show where the time goes
        }
        Set<String> calls = new LinkedHashSet<>();
        for (AsmInstruction i : at) {
            if (i.op().startsWith("CALL")) {
                calls.add(i.args().replaceAll("\\(SB\\)$", ""));
            }
        }
        boolean sampled = facts.instructionSamples();
        box.appendElement("summary").text("machine code of line " + l + ": " + at.size() + " instructions"
                + (calls.isEmpty() ? "" : ", calls " + String.join(", ", calls))
                + (sampled ? ", " + pct(flat(at)) + " of the CPU samples at them" : ""));
        Element t = box.appendElement("table").addClass("insns");
        if (sampled) {
            Element h = t.appendElement("tr");
            for (String c : List.of("address", "flat", "cum", "instruction", "")) {
                h.appendElement("th").text(c);
            }
        }
        Set<String> symbols = new LinkedHashSet<>();
        at.forEach(i -> symbols.add(i.symbol()));
        int n = 0;
        for (AsmInstruction i : at) {
            if (n++ >= MAX_INSNS) {
                t.appendElement("tr").appendElement("td").attr("colspan", "5")
                        .text("… " + (at.size() - MAX_INSNS) + " more instructions");
                break;
            }
            Element r = t.appendElement("tr");
            if (i.op().startsWith("CALL") || i.args().contains("runtime.")) {
                r.addClass("call");
            }
            r.appendElement("td").addClass("addr").text(String.format(Locale.ROOT, "%#x", i.address()));
            if (sampled) {
                HotInstruction s = facts.samples(i);
                heat(r, s == null ? 0 : s.flatShare(), 0.05, "cpu");
                cell(r, s == null || !i.op().startsWith("CALL") ? 0 : s.cumShare());
            }
            r.appendElement("td").addClass("op").text(i.op());
            r.appendElement("td").addClass("args").text(i.args()
                    + (symbols.size() > 1 ? "    ; in " + i.symbol() : ""));
        }
        return tr;
    }

    private double flat(List<AsmInstruction> at) {
        double sum = 0;
        for (AsmInstruction i : at) {
            HotInstruction s = facts.samples(i);
            sum += s == null ? 0 : s.flatShare();
        }
        return sum;
    }

    private static List<String> read(Path p) {
        try {
            var dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            byte[] bytes;
            try (var in = Files.newInputStream(p)) {
                bytes = in.readNBytes((int) GoFiles.MAX_FILE); // the file may have grown since it was checked
            }
            return dec.decode(java.nio.ByteBuffer.wrap(bytes)).toString().lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
