package dev.perfwarden.facts.objdump;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads {@code go tool objdump [-s RE] [-gnu] [-S] BINARY}: {@code TEXT sym(SB) path} headers, one
 * instruction per line, blank lines between functions. Streams: only the current function's
 * instructions are held, and each function's derived facts are emitted when it ends
 * ({@link AsmAnalyzer}).
 *
 * <p>Line shapes (columns are separated by runs of TABs, written by {@code text/tabwriter}):
 * <pre>
 * TEXT main.alloc(SB) /home/gopher/t2/main.go                       header (path may be empty)
 *   main.go:22\t\t0x481020\t\t493b6610\t\tCMPQ SP, 0x10(R14)\t\t   instruction
 *   main.go:25\t\t0x481080\t\t493b6610\t\tCMPQ SP, 0x10(R14)   // cmp 0x10(%r14),%rsp\t    -gnu
 *   0x49e160\t\t55\t\t\tPUSHQ BP\t\t\t                              -S: address instead of file:line
 * func sum(s []int, i int) int { return s[i] + s[0] }              -S: a source line
 * </pre>
 *
 * <p><b>Files.</b> Instruction lines carry only a base name ({@code main.go}); the header carries the
 * path of the function's first PC. An instruction whose base name equals the header file's base name
 * gets the header's path; any other base name (code inlined from another file, e.g. {@code print.go})
 * is kept as the bare base name, because objdump does not say which directory it is in. Line
 * {@code -1} (and an empty file, as in {@code :-1} padding) becomes line 0.
 *
 * <p><b>{@code -S}.</b> With {@code -S} objdump prints source text instead of {@code file:line}, so
 * instructions get the header's file and line 0, and no {@code LoopLine} facts come out (they need
 * lines); every non-instruction line inside a function counts as a source line. Prefer plain
 * objdump for rules. The form is detected from the first instruction line.
 */
public final class ObjdumpParser implements InputParser {
    private static final int LOOKAHEAD_CHARS = 4 << 20;

    private final AsmOptions options;

    public ObjdumpParser() {
        this(AsmOptions.defaults());
    }

    public ObjdumpParser(AsmOptions options) {
        this.options = options;
    }

    @Override
    public InputKind kind() {
        return InputKind.OBJDUMP;
    }

    @Override
    public boolean sniff(InputHead head) {
        if (head.directory() || head.binary() || head.gzip()) {
            return false;
        }
        boolean header = false;
        int seen = 0;
        for (String line : head.lines(400)) {
            if (line.isBlank()) {
                continue;
            }
            if (++seen > 200) {
                break;
            }
            if (headerName(line) != null) {
                header = true;
            } else if (header && instructionShape(line) != 0) {
                return true;
            }
        }
        return false;
    }

    /** 1 = {@code file:line} form, 2 = {@code -S} address form, 0 = not an instruction line. */
    static int instructionShape(String line) {
        if (line.length() < 4 || line.charAt(0) != ' ' || line.charAt(1) != ' ') {
            return 0;
        }
        int tab = line.indexOf('\t', 2);
        if (tab < 0) {
            return 0;
        }
        String tok = line.substring(2, tab);
        int p = skipTabs(line, tab);
        if (p >= line.length()) {
            return 0;
        }
        if (tok.startsWith("0x") && isHex(tok, 2) && isHexDigit(line.charAt(p))) {
            return 2;
        }
        int colon = tok.lastIndexOf(':');
        return colon >= 0 && line.startsWith("0x", p) ? 1 : 0;
    }

    /** The symbol of a {@code TEXT sym(SB) path} header, or null. */
    static String headerName(String line) {
        if (!line.startsWith("TEXT ")) {
            return null;
        }
        int sb = line.indexOf("(SB)", 5);
        if (sb <= 5) {
            return null;
        }
        int after = sb + 4;
        if (after != line.length() && line.charAt(after) != ' ') {
            return null;
        }
        return line.substring(5, sb);
    }

    @Override
    public void parse(InputSource source, ParseContext ctx) throws IOException, ParseException {
        parse(source, ctx, body -> { });
    }

    /**
     * As {@link #parse(InputSource, ParseContext)}, handing each function's instructions to {@code observer}
     * as well, as it ends and before its facts are made (the hot-instruction join, done during this parse).
     */
    public void parse(InputSource source, ParseContext ctx, Consumer<AsmBody> observer)
            throws IOException, ParseException {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(source.open(), StandardCharsets.UTF_8), 1 << 16)) {
            AsmAnalyzer analyzer = new AsmAnalyzer(InputKind.OBJDUMP, options);
            new Run(ctx, body -> {
                observer.accept(body);
                analyzer.finish(body, ctx);
            }, detectSourceForm(r)).read(r);
        }
    }

    /**
     * Reads objdump text and hands each function's instructions to {@code functions} as it ends,
     * emitting no facts (the hot-instruction join and {@code hot --disasm} use this). Lines that are
     * no objdump line are counted in the returned context, not reported.
     */
    public static ParseContext readFunctions(Path path, String display,
                                             Consumer<AsmBody> functions)
            throws IOException, ParseException {
        ParseContext ctx = new ParseContext(display, InputKind.OBJDUMP, fact -> { });
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            r.mark(1);
            if (r.read() != '\uFEFF') {
                r.reset(); // no byte order mark
            }
            new Run(ctx, functions, detectSourceForm(r)).read(r);
        }
        return ctx;
    }

    /** Reads ahead to the first instruction line: is this {@code objdump -S} output? */
    private static boolean detectSourceForm(BufferedReader r) throws IOException {
        r.mark(LOOKAHEAD_CHARS);
        long chars = 0;
        try {
            String line;
            while ((line = r.readLine()) != null && (chars += line.length() + 1) < LOOKAHEAD_CHARS / 2) {
                int shape = instructionShape(line);
                if (shape != 0) {
                    return shape == 2;
                }
            }
            return false;
        } finally {
            r.reset();
        }
    }

    /** The state of one parse. */
    private static final class Run {
        private final ParseContext ctx;
        private final Consumer<AsmBody> functions;
        private final boolean sourceForm;
        private AsmBody body;
        private String headerBase = "";
        private long n;

        Run(ParseContext ctx, Consumer<AsmBody> functions, boolean sourceForm) {
            this.ctx = ctx;
            this.functions = functions;
            this.sourceForm = sourceForm;
        }

        void read(BufferedReader r) throws IOException, ParseException {
            String line;
            while ((line = r.readLine()) != null) {
                n++;
                ctx.record();
                if (line.isEmpty()) {
                    continue;
                }
                char c0 = line.charAt(0);
                if (c0 == 'T' && header(line)) {
                    continue;
                }
                String problem = null;
                if (c0 == ' ' && line.length() > 2 && line.charAt(1) == ' ') {
                    problem = instruction(line);
                    if (problem == null) {
                        continue;
                    }
                }
                if (line.indexOf('\0') >= 0) {
                    throw ParseException.malformed(ctx.at(n), "binary data in objdump output", line);
                }
                if (sourceForm && body != null) {
                    continue; // objdump -S: a line of source text
                }
                if (line.isBlank()) {
                    continue;
                }
                ctx.unparsed(n, problem != null ? problem : "not an objdump line", line);
            }
            flush();
        }

        private boolean header(String line) {
            String name = headerName(line);
            if (name == null) {
                return false;
            }
            flush();
            int sb = 5 + name.length() + 4;
            String file = sb < line.length() ? line.substring(sb + 1) : "";
            headerBase = file.substring(file.lastIndexOf('/') + 1);
            body = new AsmBody(Symbols.normalize(name), name, file, n, line, AsmBody.Targets.HEX_ADDRESS);
            return true;
        }

        private void flush() {
            if (body != null) {
                functions.accept(body);
                body = null;
            }
        }

        /** Parses an instruction line into the current body; returns the problem, or null when parsed. */
        private String instruction(String line) {
            int len = line.length();
            int tab = line.indexOf('\t', 2);
            if (tab < 0) {
                return "truncated instruction line: no column after the position";
            }
            String problem = position(line, tab);
            if (problem != null) {
                return problem;
            }
            int p = skipTabs(line, posEnd);
            int hexEnd = line.indexOf('\t', p);
            if (hexEnd < 0 || hexEnd == p) {
                return "truncated instruction line: no code bytes and text";
            }
            for (int k = p; k < hexEnd; k++) {
                char c = line.charAt(k);
                if (!isHexDigit(c) && c != ' ') {
                    return "malformed instruction line: bad code bytes";
                }
            }
            int length = (hexEnd - p) / 2;
            p = skipTabs(line, hexEnd);
            int end = len;
            while (end > p && (line.charAt(end - 1) == '\t' || line.charAt(end - 1) == ' ')) {
                end--;
            }
            if (end <= p) {
                return "truncated instruction line: no instruction text";
            }
            int gnu = line.indexOf(" // ", p);
            if (gnu >= 0 && gnu < end) {
                end = gnu;
                while (end > p && line.charAt(end - 1) == ' ') {
                    end--;
                }
            }
            if (body == null) {
                return "instruction line before any TEXT header";
            }
            int sp = line.indexOf(' ', p);
            String op;
            String args;
            if (sp < 0 || sp >= end) {
                op = line.substring(p, end);
                args = "";
            } else {
                op = line.substring(p, sp);
                args = line.substring(sp + 1, end);
            }
            body.add(new Insn(n, line, posAddress, posFile, posLine, op, args, false));
            body.lastLength = length;
            return null;
        }

        // the position that position() read: fields, not a record, as it is read once per instruction line
        private String posFile;
        private int posLine;
        private long posAddress;
        private int posEnd;

        /**
         * Reads an instruction line's position up to {@code tab}: {@code file:line\taddress} (or, in objdump
         * -S's source form, the address alone); returns the problem, or null with the {@code pos*} fields set
         * ({@code posEnd} the index after the address).
         */
        private String position(String line, int tab) {
            if (sourceForm && line.startsWith("0x", 2) && isHex(line, 4, tab)) {
                posAddress = Long.parseUnsignedLong(line, 4, tab, 16);
                posFile = body == null ? "" : body.file;
                posLine = 0;
                posEnd = tab;
                return null;
            }
            int colon = line.lastIndexOf(':', tab);
            if (colon < 2) {
                return "malformed instruction line: no file:line position";
            }
            posLine = parseLine(line, colon + 1, tab);
            if (posLine == Integer.MIN_VALUE) {
                return "malformed instruction line: bad line number";
            }
            int p = skipTabs(line, tab);
            int end = line.indexOf('\t', p);
            if (end < 0) {
                return "truncated instruction line: no column after the address";
            }
            if (!line.startsWith("0x", p) || !isHex(line, p + 2, end)) {
                return "malformed instruction line: bad address";
            }
            posAddress = Long.parseUnsignedLong(line, p + 2, end, 16);
            posFile = mapFile(line.substring(2, colon));
            posEnd = end;
            return null;
        }

        private String lastBase;
        private String lastMapped;

        private String mapFile(String base) {
            if (base.equals(lastBase)) {
                return lastMapped;
            }
            String mapped = base.equals(headerBase) && body != null ? body.file : base;
            lastBase = base;
            lastMapped = mapped;
            return mapped;
        }
    }

    private static int parseLine(String s, int from, int to) {
        if (from >= to) {
            return Integer.MIN_VALUE;
        }
        boolean neg = s.charAt(from) == '-';
        int k = neg ? from + 1 : from;
        if (k >= to || to - k > 9) {
            return Integer.MIN_VALUE;
        }
        int v = 0;
        for (; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return Integer.MIN_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        return neg ? 0 : v;
    }

    private static int skipTabs(String s, int p) {
        while (p < s.length() && s.charAt(p) == '\t') {
            p++;
        }
        return p;
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isHex(String s, int from) {
        return isHex(s, from, s.length());
    }

    private static boolean isHex(String s, int from, int to) {
        if (to <= from || to - from > 16) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (!isHexDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
