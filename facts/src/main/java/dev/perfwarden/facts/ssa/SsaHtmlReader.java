package dev.perfwarden.facts.ssa;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.symbols.Symbols;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import static dev.perfwarden.facts.ssa.SsaParser.*;

/** Reads {@code ssa.html} for {@link SsaParser} with a light tag scan: the same facts as the text. */
final class SsaHtmlReader {
    private final ParseContext ctx;
    private final Pending fn = new Pending();
    private long n;
    private String column = "";
    private final List<String[]> columnPasses = new ArrayList<>(); // {name, nanos, line}
    private String phase = "";
    private int colBlocks;
    private int colValues;
    private int blockId = -1;
    private String preds = "";
    private boolean blockDead;
    private int blockValues;
    private boolean ulDead;
    private String h1 = "";

    SsaHtmlReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    void read(BufferedReader r) throws IOException, ParseException {
        String line;
        while ((line = r.readLine()) != null) {
            n++;
            ctx.record();
            if (line.indexOf('\0') >= 0) {
                throw ParseException.malformed(ctx.at(n), "binary data in ssa.html", line);
            }
            scan(line);
        }
        endColumn();
        if (fn.name.isEmpty()) {
            fn.name = h1;
        }
        fn.flush(ctx);
    }

    /** Acts on each tag of the line that matters (the columns' ids, headings, and the elements of the column). */
    private void scan(String line) {
        int p = 0;
        while (true) {
            int k = line.indexOf('<', p);
            if (k < 0) {
                return;
            }
            p = k + 1;
            if (line.startsWith("<td id=\"", k)) {
                p = columnStart(line, k, p);
            } else if (line.startsWith("</tr>", k)) {
                endColumn();
            } else if (line.startsWith("<h1>", k)) {
                p = h1(line, k, p);
            } else if (!column.isEmpty()) {
                p = line.startsWith("<h2>", k) ? h2(line, k, p) : columnElement(line, k, p);
            }
        }
    }

    /** {@code <td id="NAME-exp">} starts a column; returns where the scan goes on. */
    private int columnStart(String line, int k, int p) {
        int q = line.indexOf('"', k + 8);
        if (q < 0) {
            return p;
        }
        String id = line.substring(k + 8, q);
        if (id.endsWith("-exp")) {
            endColumn();
            column = id.substring(0, id.length() - 4);
        }
        return q;
    }

    /** {@code <h1>NAME</h1>}: the function (1.22+ print {@code sum,1}). */
    private int h1(String line, int k, int p) {
        int e = line.indexOf("</h1>", k);
        if (e <= 0) {
            return p;
        }
        String name = text(line.substring(k + 4, e));
        int comma = name.lastIndexOf(',');
        h1 = comma > 0 ? name.substring(0, comma) : name;
        return e;
    }

    /** {@code <h2>PASS <span class="stats">[N ns]</span></h2>}: a pass of a phase column. */
    private int h2(String line, int k, int p) {
        int e = line.indexOf("</h2>", k);
        if (e < 0) {
            return p;
        }
        String inner = line.substring(k + 4, e);
        int stats = inner.indexOf("<span class=\"stats\">");
        String name = text(stats < 0 ? inner : inner.substring(0, stats)).strip();
        long ns = -1;
        if (stats >= 0) {
            String st = text(inner.substring(stats)).strip();
            if (st.startsWith("[") && st.endsWith(" ns]")) {
                ns = Long.parseLong(st.substring(1, st.length() - 4).strip());
            }
        }
        if (isPhaseColumn()) {
            columnPasses.add(new String[] {name, Long.toString(ns), Long.toString(n)});
            phase = name;
        }
        return e;
    }

    /** An element inside the current column: the source file, a genssa line, or a phase's block or value. */
    private int columnElement(String line, int k, int p) {
        if (column.equals("sources")) {
            if (line.startsWith("<strong>", k) && fn.file.isEmpty()) {
                int e = line.indexOf("</strong>", k);
                if (e > 0) {
                    fn.file = text(line.substring(k + 8, e)).strip();
                    return e;
                }
            }
        } else if (column.equals("genssa")) {
            if (line.startsWith("<dd class=\"ssa-prog\">", k)) {
                int e = line.indexOf("</dd>", k);
                if (e > 0) {
                    genssa(text(line.substring(k + 21, e)));
                    return e;
                }
            }
        } else if (isPhaseColumn()) {
            return phaseElement(line, k, p);
        }
        return p;
    }

    private boolean isPhaseColumn() {
        return !column.isEmpty() && !column.equals("sources") && !column.equals("AST") && !column.equals("genssa");
    }

    private void genssa(String t) {
        if (t.startsWith("# ") && t.endsWith(".go")) {
            String f = t.substring(2);
            fn.file = f.startsWith("./") ? f.substring(2) : f;
            return;
        }
        int text = t.indexOf(" TEXT\t");
        if (text < 0) {
            text = t.indexOf(" TEXT ");
        }
        int sb = t.indexOf("(SB)");
        if (text >= 0 && sb > text) {
            fn.symbol = Symbols.normalize(t.substring(text + 6, sb));
        }
    }

    private int phaseElement(String line, int k, int p) {
        if (line.startsWith("<ul class=\"b", k)) {
            int q = line.indexOf('"', k + 11);
            ulDead = q > 0 && line.substring(k + 11, q).contains("dead-block");
            return p;
        }
        if (!line.startsWith("<li class=\"", k)) {
            return p;
        }
        int q = line.indexOf('"', k + 11);
        int gt = line.indexOf('>', k);
        int e = line.indexOf("</li>", k);
        if (q < 0 || gt < 0 || e < 0) {
            return p;
        }
        String cls = line.substring(k + 11, q);
        String inner = line.substring(gt + 1, e);
        if (cls.equals("ssa-start-block")) {
            startBlock(inner);
        } else if (cls.startsWith("ssa-long-value")) {
            value(cls, inner);
        } else if (cls.equals("ssa-end-block")) {
            endBlock(inner);
        } else {
            return p; // ssa-value-list and other wrappers
        }
        return e;
    }

    private void startBlock(String inner) {
        int button = inner.indexOf("<button");
        String t = text(button < 0 ? inner : inner.substring(0, button)).strip();
        Matcher m = BLOCK_HEADER.matcher(t);
        if (!m.matches()) {
            ctx.unparsed(n, "malformed block header in ssa.html", t);
            return;
        }
        blockId = Integer.parseInt(m.group("id"));
        preds = spaced(m.group("preds"));
        blockDead = ulDead || m.group("dead") != null;
        blockValues = 0;
        colBlocks++;
    }

    private void value(String cls, String inner) {
        String t = text(inner.replace("<s>", "-")).strip();
        Matcher m = HTML_VALUE.matcher(t);
        ValueTail tail = m.matches() ? parseTail(m.group("rest")) : null;
        if (tail == null || blockId < 0) {
            ctx.unparsed(n, "malformed SSA value in ssa.html", t);
            return;
        }
        int id = Integer.parseInt(m.group("id"));
        String pos = m.group("pos");
        int ln = posLine(pos);
        String st = stmt(pos);
        String ph = phase;
        String block = "b" + blockId;
        boolean dead = cls.contains("dead-value") || tail.dead();
        Evidence ev = Evidence.of(InputKind.SSA, t, ctx.at(n));
        fn.add((sym, file) -> new SsaValue(sym, file, ln, 0, ph, id, tail.op(), tail.type(), tail.aux(),
                tail.args(), tail.reg(), st, block, dead, ev));
        blockValues++;
        colValues++;
    }

    private void endBlock(String inner) {
        String t = text(inner.replace("<s>", "-")).strip();
        Matcher m = CONTROL.matcher(t);
        if (!m.matches() || blockId < 0) {
            ctx.unparsed(n, "malformed block control in ssa.html", t);
            return;
        }
        int id = blockId;
        String ph = phase;
        String pr = preds;
        boolean dead = blockDead;
        int values = blockValues;
        int ln = m.group("pos") == null ? 0 : posLine(m.group("pos"));
        String kind = m.group("kind");
        String ctl = spaced(m.group("ctl"));
        String succ = spaced(m.group("succ"));
        String lk = likely(m.group("likely"));
        Evidence ev = Evidence.of(InputKind.SSA, t, ctx.at(n));
        fn.add((sym, file) -> new SsaBlock(sym, file, ln, 0, ph, id, kind, ctl, succ, pr, lk, values, dead, ev));
        blockId = -1;
    }

    private void endColumn() {
        for (int i = 0; i < columnPasses.size(); i++) {
            String[] ps = columnPasses.get(i);
            boolean last = i == columnPasses.size() - 1;
            int blocks = last ? colBlocks : -1;
            int values = last ? colValues : -1;
            String name = ps[0];
            long ns = Long.parseLong(ps[1]);
            Evidence ev = Evidence.of(InputKind.SSA, "<h2>" + name + (ns >= 0 ? " [" + ns + " ns]" : "") + "</h2>",
                    ctx.at(Long.parseLong(ps[2])));
            fn.add((sym, file) -> new SsaPass(sym, file, 0, 0, name, ns, blocks, values, ev));
        }
        columnPasses.clear();
        column = "";
        phase = "";
        colBlocks = 0;
        colValues = 0;
        blockId = -1;
    }
}
