package dev.perfwarden.facts.asmlisting;

import dev.perfwarden.facts.asm.AsmAnalyzer;
import dev.perfwarden.facts.asm.AsmBody;
import dev.perfwarden.facts.asm.AsmOptions;
import dev.perfwarden.facts.asm.Insn;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.symbols.Symbols;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the compiler's assembly listing: {@code go build -gcflags=-S} (stderr, with {@code # pkg}
 * headers) and {@code go tool compile -S}. Each symbol starts with a header line; {@code STEXT}
 * symbols are followed by instruction lines, and every symbol by its machine-code dump and
 * relocations:
 * <pre>
 * # example.com/t2
 * main.link STEXT size=76 args=0x8 locals=0x8 funcid=0x0 align=0x0
 * \t0x0000 00000 (/home/gopher/t2/main.go:25)\tTEXT\tmain.link(SB), ABIInternal, $8-8
 * \t0x0012 00018 (/home/gopher/t2/main.go:25)\tCMPL\truntime.writeBarrier(SB), $0
 * \t0x0000 49 3b 66 10 76 33 48 83 ec 08 48 89 2c 24 48 8d  I;f.v3H...H.,$H.
 * \trel 20+4 t=14 runtime.writeBarrier+-1          (1.22+: t=R_PCREL)
 * go:itab.*main.Sq,main.Shape SRODATA dupok size=32
 * </pre>
 * The position is the innermost one (an inlined callee's full path and line); {@code (?)} and
 * {@code (<unknown line number>)} give file "" and line 0. Branch targets are decimal PCs. Data
 * symbols, dumps and relocations are classified and counted but give no facts. The derived facts
 * are those of {@link dev.perfwarden.facts.asm}; {@code address} is the PC offset in the function.
 */
public final class AsmListingParser implements InputParser {
    /** Symbol header; names may contain spaces or be empty ({@code " SDWARFVAR size=26"}). */
    static final Pattern HEADER = Pattern.compile(
            "^(?<sym>.*?) (?<kind>S[A-Z_]+)(?<flags>(?: [a-z]+)*) size=(?<size>\\d+)"
                    + "(?<attrs>(?: [a-z]+=0x[0-9a-f]+)*)(?<leaf> leaf)?$");
    private static final Pattern ATTR = Pattern.compile(" ([a-z]+)=0x([0-9a-f]+)");

    private final AsmOptions options;

    public AsmListingParser() {
        this(AsmOptions.defaults());
    }

    public AsmListingParser(AsmOptions options) {
        this.options = options;
    }

    @Override
    public InputKind kind() {
        return InputKind.ASM_LISTING;
    }

    @Override
    public boolean sniff(InputHead head) {
        if (head.directory() || head.binary() || head.gzip()) {
            return false;
        }
        int seen = 0;
        for (String line : head.lines(400)) {
            if (line.isBlank() || line.startsWith("# ")) {
                continue;
            }
            if (++seen > 100) {
                break;
            }
            if (line.contains(" STEXT ") && HEADER.matcher(line).matches() || instructionShape(line)) {
                return true;
            }
        }
        return false;
    }

    /** {@code \t0x0012 00018 (…)\t…}. */
    static boolean instructionShape(String line) {
        if (!line.startsWith("\t0x")) {
            return false;
        }
        int sp = line.indexOf(' ', 3);
        if (sp < 0 || sp + 7 > line.length()) {
            return false;
        }
        int sp2 = line.indexOf(' ', sp + 1);
        return sp2 > sp + 1 && digits(line, sp + 1, sp2) && line.startsWith("(", sp2 + 1);
    }

    @Override
    public void parse(InputSource source, ParseContext ctx) throws IOException, ParseException {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(source.open(), StandardCharsets.UTF_8), 1 << 16)) {
            new Run(ctx, options).read(r);
        }
    }

    private static final class Run {
        private final ParseContext ctx;
        private final AsmAnalyzer analyzer;
        private AsmBody body;
        /** The current symbol is a data symbol (or a function whose instructions are done). */
        private boolean inSymbol;
        private long n;

        Run(ParseContext ctx, AsmOptions options) {
            this.ctx = ctx;
            this.analyzer = new AsmAnalyzer(InputKind.ASM_LISTING, options);
        }

        void read(BufferedReader r) throws IOException, ParseException {
            String line;
            while ((line = r.readLine()) != null) {
                n++;
                ctx.record();
                String problem = classify(line);
                if (problem != null) {
                    if (line.indexOf('\0') >= 0) {
                        throw ParseException.malformed(ctx.at(n), "binary data in assembly listing", line);
                    }
                    ctx.unparsed(n, problem, line);
                }
            }
            flush();
        }

        private String classify(String line) {
            if (line.isBlank()) {
                return null;
            }
            char c0 = line.charAt(0);
            if (c0 == '\t') {
                if (line.startsWith("\t0x")) {
                    return instructionShape(line) ? instruction(line) : dump(line);
                }
                if (line.startsWith("\trel ")) {
                    return reloc(line);
                }
                return "not an assembly-listing line";
            }
            if (line.startsWith("# ")) {
                flush(); // package header
                inSymbol = false;
                return null;
            }
            Matcher m = HEADER.matcher(line);
            if (!m.matches()) {
                return "not an assembly-listing line";
            }
            flush();
            inSymbol = true;
            if (m.group("kind").equals("STEXT")) {
                String name = m.group("sym");
                AsmBody b = new AsmBody(Symbols.normalize(name), name, "", n, line, AsmBody.Targets.DECIMAL_PC);
                b.declaredSize = Long.parseLong(m.group("size"));
                String flags = m.group("flags").strip();
                if (m.group("leaf") != null) {
                    flags = flags.isEmpty() ? "leaf" : flags + " leaf";
                }
                b.flags = flags;
                Matcher a = ATTR.matcher(m.group("attrs"));
                while (a.find()) {
                    long v = Long.parseUnsignedLong(a.group(2), 16);
                    if (a.group(1).equals("locals")) {
                        b.frameSize = v;
                    } else if (a.group(1).equals("args")) {
                        b.argsSize = v;
                    }
                }
                body = b;
            }
            return null;
        }

        private String instruction(String line) {
            int sp = line.indexOf(' ', 3);
            int sp2 = line.indexOf(' ', sp + 1);
            int close = line.indexOf(")\t", sp2 + 2);
            if (close < 0) {
                return line.indexOf(')', sp2 + 2) < 0
                        ? "truncated instruction line: unterminated position"
                        : "truncated instruction line: no opcode";
            }
            if (!hex(line, 3, sp)) {
                return "malformed instruction line: bad PC";
            }
            if (body == null) {
                return "instruction line outside a STEXT symbol";
            }
            long pc = Long.parseLong(line, sp + 1, sp2, 10);
            String pos = line.substring(sp2 + 2, close);
            String file = "";
            int srcLine = 0;
            int colon = pos.lastIndexOf(':');
            if (colon > 0 && digits(pos, colon + 1, pos.length())) {
                file = pos.substring(0, colon);
                srcLine = Integer.parseInt(pos, colon + 1, pos.length(), 10);
            } else if (!pos.equals("?") && !pos.equals("<unknown line number>")) {
                return "malformed instruction line: bad position";
            }
            int opStart = close + 2;
            int tab = line.indexOf('\t', opStart);
            String op = tab < 0 ? line.substring(opStart) : line.substring(opStart, tab);
            String args = tab < 0 ? "" : line.substring(tab + 1);
            if (op.isEmpty()) {
                return "truncated instruction line: no opcode";
            }
            boolean pseudo = Insn.isPseudo(op);
            if (op.equals("TEXT") && body.insns.isEmpty()) {
                body.file = file;
            }
            body.add(new Insn(n, line, pc, file, srcLine, op, args, pseudo));
            return null;
        }

        private String dump(String line) {
            // \t0x0000 48 83 ec 18 …  ASCII
            int sp = line.indexOf(' ', 3);
            if (sp < 0 || !hex(line, 3, sp)) {
                return "malformed machine-code dump line";
            }
            if (!inSymbol) {
                return "machine-code dump outside a symbol";
            }
            int p = sp;
            int bytes = 0;
            while (p + 2 < line.length() && line.charAt(p) == ' ' && hexDigit(line.charAt(p + 1))
                    && hexDigit(line.charAt(p + 2)) && (p + 3 == line.length() || line.charAt(p + 3) == ' ')) {
                p += 3;
                bytes++;
            }
            return bytes == 0 || bytes > 16 ? "malformed machine-code dump line" : null;
        }

        private String reloc(String line) {
            // \trel 20+4 t=14 runtime.writeBarrier+-1
            int p = 5;
            int plus = line.indexOf('+', p);
            int sp = line.indexOf(' ', p);
            if (plus < 0 || sp < 0 || plus > sp || !digits(line, p, plus) || !digits(line, plus + 1, sp)
                    || !line.startsWith(" t=", sp)) {
                return "malformed relocation line";
            }
            int sp2 = line.indexOf(' ', sp + 3);
            if (sp2 < 0 || sp2 == sp + 3) {
                return "truncated relocation line";
            }
            if (!inSymbol) {
                return "relocation outside a symbol";
            }
            return null;
        }

        private void flush() {
            if (body != null) {
                analyzer.finish(body, ctx);
                body = null;
            }
        }
    }

    private static boolean digits(String s, int from, int to) {
        if (to <= from || to - from > 18) {
            return false;
        }
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
    }

    private static boolean hex(String s, int from, int to) {
        if (to <= from || to - from > 16) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (!hexDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
