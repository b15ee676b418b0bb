package dev.perfwarden.facts.ssa;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.symbols.Symbols;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Reads one line by the first of {@link #forms} it has; returns the problem, or null. */
    private String classify(String line) {
        if (line.isBlank()) {
            return null;
        }
        for (LineForm form : forms) { // an array: no iterator per line
            if (form.pattern != null) {
                Matcher m = form.pattern.matcher(line);
                if (m.matches()) {
                    return form.read.read(line, m);
                }
            } else if (form.applies.test(line)) {
                return form.read.read(line, null);
            }
        }
        return "not an SSA line";
    }

    /** Reads a line of one form (with its matcher when the form is a pattern); returns the problem, or null. */
    private interface FormReader {
        String read(String line, Matcher m);
    }

    /** One form of line: a test on its start, or a pattern the whole line matches; and how it is read. */
    private record LineForm(String what, Predicate<String> applies, Pattern pattern, FormReader read) {
        static LineForm starting(String what, Predicate<String> applies, FormReader read) {
            return new LineForm(what, applies, null, read);
        }

        static LineForm matching(String what, Pattern pattern, FormReader read) {
            return new LineForm(what, null, pattern, read);
        }
    }

    private static final FormReader IGNORED = (line, m) -> null;

    /** The line forms, tried in this order (a blank line is read first, as nothing). */
    private final LineForm[] forms = {
            LineForm.starting("value", line -> line.startsWith("    ("), (line, m) -> value(line)),
            LineForm.starting("block control", line -> line.startsWith("    ") && line.length() > 4
                    && Character.isLetter(line.charAt(4)), (line, m) -> control(line)),
            LineForm.starting("block header", line -> line.startsWith("  b"), (line, m) -> blockHeader(line)),
            LineForm.starting("pass", line -> line.startsWith("  pass "), (line, m) -> pass(line)),
            LineForm.starting("IR dump of buildssa", line -> line.equals(".") || line.startsWith(". "), IGNORED),
            LineForm.starting("the prove pass's loop report under GOSSAFUNC",
                    line -> line.startsWith("found induction variable "), IGNORED),
            LineForm.starting("genssa file, or a package header", line -> line.startsWith("# "),
                    (line, m) -> hash(line)),
            LineForm.starting("names", line -> line.startsWith("name ") && NAMES.matcher(line).matches(), IGNORED),
            LineForm.matching("marker", MARKER, (line, m) -> {
                marker(line);
                return null;
            }),
            LineForm.starting("genssa instruction", line -> line.charAt(0) == ' ', (line, m) -> genssa(line)),
            LineForm.matching("positional remark", POSITIONAL, this::positionalRemark),
            LineForm.matching("function header", FUNC_HEADER, (line, m) -> functionHeader(m))};

    private String blockHeader(String line) {
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

    private String pass(String line) {
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

    /** {@code # file.go} inside the genssa listing; elsewhere a package header. */
    private String hash(String line) {
        if (inGenssa) {
            String f = line.substring(2);
            if (f.endsWith(".go") && fn.file.isEmpty()) {
                fn.file = f.startsWith("./") ? f.substring(2) : f;
            }
        } else {
            endFunction();
        }
        return null;
    }

    private String genssa(String line) {
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

    private String positionalRemark(String line, Matcher m) {
        return positional(m, line, n, ctx);
    }

    private String functionHeader(Matcher h) {
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
