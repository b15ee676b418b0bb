package dev.perfwarden.facts.ssa;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.symbols.Symbols;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.regex.Matcher;

import static dev.perfwarden.facts.ssa.SsaParser.*;

/** Reads GOSSAFUNC text and per-phase dump files for {@link SsaParser}: one line at a time, a function's facts held in a {@link SsaParser.Pending}. */
final class SsaTextReader {
    private final ParseContext ctx;
    private final Pending fn = new Pending();
    private long n;
    private String phase;
    private boolean inGenssa;
    // the open dump (the function after one pass)
    private boolean dumpOpen;
    private int dumpBlocks;
    private int dumpValues;
    private String passName;
    private long passNanos = -1;
    private long passLine;
    private String passText;
    // the open block
    private int blockId = -1;
    private String preds = "";
    private boolean blockDead;
    private int blockValues;
    private long blockLine;
    private String blockText;
    private boolean blockEmitted;

    SsaTextReader(ParseContext ctx, String initialPhase) {
        this.ctx = ctx;
        this.phase = initialPhase;
    }

    void read(BufferedReader r) throws IOException, ParseException {
        String line;
        while ((line = r.readLine()) != null) {
            n++;
            ctx.record();
            String problem = classify(line);
            if (problem != null) {
                if (line.indexOf('\0') >= 0) {
                    throw ParseException.malformed(ctx.at(n), "binary data in SSA output", line);
                }
                ctx.unparsed(n, problem, line);
            }
        }
        endFunction();
    }

    private String classify(String line) {
        if (line.isBlank()) {
            return null;
        }
        if (line.startsWith("    (")) {
            return value(line);
        }
        if (line.startsWith("    ") && line.length() > 4 && Character.isLetter(line.charAt(4))) {
            return control(line);
        }
        if (line.startsWith("  b")) {
            Matcher m = BLOCK_HEADER.matcher(line.substring(2));
            if (!m.matches()) {
                return "malformed SSA block header";
            }
            closeBlock();
            blockId = Integer.parseInt(m.group("id"));
            preds = spaced(m.group("preds"));
            blockDead = m.group("dead") != null;
            blockValues = 0;
            blockLine = n;
            blockText = line;
            blockEmitted = false;
            dumpBlocks++;
            return null;
        }
        if (line.startsWith("  pass ")) {
            Matcher m = PASS.matcher(line);
            if (!m.matches()) {
                return "malformed SSA pass line";
            }
            endDump();
            if (m.group("ns") != null) {
                phase = m.group("name");
                passName = phase;
                passNanos = Long.parseLong(m.group("ns"));
                passLine = n;
                passText = line;
            }
            return null;
        }
        if (line.equals(".") || line.startsWith(". ")) {
            return null; // IR dump of buildssa
        }
        if (line.startsWith("found induction variable ")) {
            return null; // the prove pass's loop report under GOSSAFUNC
        }
        if (line.startsWith("# ")) {
            if (inGenssa) {
                String f = line.substring(2);
                if (f.endsWith(".go") && fn.file.isEmpty()) {
                    fn.file = f.startsWith("./") ? f.substring(2) : f;
                }
            } else {
                endFunction(); // package header
            }
            return null;
        }
        if (line.startsWith("name ") && NAMES.matcher(line).matches()) {
            return null;
        }
        if (MARKER.matcher(line).matches()) {
            marker(line);
            return null;
        }
        if (line.charAt(0) == ' ') {
            Matcher g = GENSSA.matcher(line);
            if (!g.matches()) {
                return "not an SSA line";
            }
            if (inGenssa && g.group("op").equals("TEXT") && g.group("args") != null) {
                int sb = g.group("args").indexOf("(SB)");
                if (sb > 0) {
                    fn.symbol = Symbols.normalize(g.group("args").substring(0, sb));
                }
            }
            return null;
        }
        Matcher p = POSITIONAL.matcher(line);
        if (p.matches()) {
            return positional(p, line, n, ctx);
        }
        Matcher h = FUNC_HEADER.matcher(line);
        if (h.matches()) {
            if (dumpOpen) {
                endDump(); // two dumps without a pass line between them
            }
            closeBlock();
            dumpOpen = true;
            dumpBlocks = 0;
            dumpValues = 0;
            if (fn.name.isEmpty()) {
                fn.name = h.group("name");
            }
            return null;
        }
        return "not an SSA line";
    }

    private void marker(String line) {
        if (line.startsWith("generating SSA for ")) {
            endFunction();
            fn.name = line.substring("generating SSA for ".length());
        } else if (line.startsWith("compiling ")) {
            if (fn.name.isEmpty()) {
                fn.name = line.substring("compiling ".length());
            }
        } else if (line.startsWith("genssa ")) {
            endDump();
            inGenssa = true;
        } else if (line.startsWith("dumped SSA")) {
            endFunction();
        }
    }

    private String value(String line) {
        int close = line.indexOf(") v", 5);
        if (close < 0) {
            return "malformed SSA value";
        }
        String pos = line.substring(5, close);
        int eq = line.indexOf(" = ", close + 3);
        if (eq < 0 || !isPos(pos)) {
            return "malformed SSA value";
        }
        String idText = line.substring(close + 3, eq);
        if (!isDigits(idText)) {
            return "malformed SSA value";
        }
        ValueTail t = parseTail(line.substring(eq + 3));
        if (t == null) {
            return "malformed SSA value";
        }
        if (blockId < 0) {
            return "SSA value outside a block";
        }
        int ln = posLine(pos);
        int id = Integer.parseInt(idText);
        String st = stmt(pos);
        String ph = phase;
        String block = "b" + blockId;
        Evidence ev = Evidence.of(InputKind.SSA, line, ctx.at(n));
        fn.add((sym, file) -> new SsaValue(sym, file, ln, 0, ph, id, t.op(), t.type(), t.aux(), t.args(), t.reg(),
                st, block, t.dead(), ev));
        blockValues++;
        dumpValues++;
        return null;
    }

    private String control(String line) {
        Matcher m = CONTROL.matcher(line.substring(4));
        if (!m.matches() || m.group("pos") != null) {
            return "malformed SSA block control line";
        }
        if (blockId < 0) {
            return "SSA block control line outside a block";
        }
        emitBlock(m.group("kind"), spaced(m.group("ctl")), spaced(m.group("succ")), likely(m.group("likely")),
                0, line, n);
        return null;
    }

    private void emitBlock(String kind, String controls, String succs, String likely, int ln, String text,
                           long at) {
        int id = blockId;
        String ph = phase;
        String pr = preds;
        boolean dead = blockDead;
        int values = blockValues;
        Evidence ev = Evidence.of(InputKind.SSA, text, ctx.at(at));
        fn.add((sym, file) -> new SsaBlock(sym, file, ln, 0, ph, id, kind, controls, succs, pr, likely, values,
                dead, ev));
        blockEmitted = true;
    }

    private void closeBlock() {
        if (blockId >= 0 && !blockEmitted) {
            emitBlock("", "", "", SsaBlock.NONE, 0, blockText, blockLine);
        }
        blockId = -1;
    }

    private void endDump() {
        closeBlock();
        if (passName != null) {
            String ph = passName;
            long ns = passNanos;
            int blocks = dumpOpen ? dumpBlocks : -1;
            int values = dumpOpen ? dumpValues : -1;
            Evidence ev = Evidence.of(InputKind.SSA, passText, ctx.at(passLine));
            fn.add((sym, file) -> new SsaPass(sym, file, 0, 0, ph, ns, blocks, values, ev));
            passName = null;
        }
        dumpOpen = false;
    }

    private void endFunction() {
        endDump();
        fn.flush(ctx);
        inGenssa = false;
        phase = "start";
    }
}
