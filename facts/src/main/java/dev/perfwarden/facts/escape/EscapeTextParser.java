package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.core.SourcePaths;
import dev.perfwarden.facts.inline.Devirtualization;
import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.logopt.BoundsCheck;
import dev.perfwarden.facts.parse.BoundedLineReader;
import dev.perfwarden.facts.parse.CompilerLine;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the stderr of {@code go build -gcflags=-m} and {@code -m=2} (also {@code go tool compile -m}
 * stdout, and {@code -gcflags=all=-m=2} of a whole tree such as {@code std}).
 *
 * <p>Structure: the output is a sequence of sections, each opened by a {@code # import/path}
 * header ({@link PackageDecl}). Inside a section every line is {@code FILE:LINE[:COL]: MESSAGE};
 * {@code -m=2} adds explanation blocks: a header ({@code X escapes to heap:} or
 * {@code parameter p leaks to DST with derefs=N:}, Go 1.25+ with {@code in F} / {@code for F}), then
 * {@code   flow:} lines (three spaces) and {@code     from … at POS} notes (five spaces), all carrying
 * the header's position. A section is decoded line by line, then resolved when it ends: blocks are
 * joined to the summary line of the same location ({@code moved to heap: t}, {@code leaking param: p}
 * …) by position and subject, never by line order, and function names are qualified with the
 * package once the section shows whether it is a {@code main} package. Lines of Go 1.26 without any
 * position ({@code moved to heap: #next}) and with {@code <unknown line number>} are kept with an
 * empty file and line 0.
 *
 * <p>Parts: {@link PositionLexer} decodes each line's position into a {@link CompilerLine};
 * {@link EscapeMessages} is the table of message forms that decodes its message; {@link FlowAssembler}
 * collects and joins the {@code -m=2} explanation blocks; {@link EscapeSection} holds a section until
 * it ends and {@link SectionNaming} qualifies its names.
 *
 * <p>Version differences handled (checked on {@code go build -a -gcflags=all=-m=2 std} of Go 1.23.5
 * and 1.26.8, the 1.19/1.23 corpus, and fixture captures of 1.24.13 and 1.25.14): flow lines use {@code =} up
 * to Go 1.24 and {@code ←} from Go 1.25; from Go 1.25 block headers gain {@code in F} / {@code for F} (the function
 * being analysed, kept as {@link EscapeFact#compilerFunc()}); Go 1.26 sums up every
 * {@code append(…)} site as {@code append escapes to heap}, and prints results of compiler-made
 * variables ({@code #next} of range-over-func) with {@code <unknown line number>} or no position.
 *
 * <p>Every non-blank line is a record: it becomes a fact (see {@link EscapeFact},
 * {@link InlineFact}, {@link Devirtualization}, {@link ClosureCapture}, {@link CompilerRemark},
 * {@link PackageDecl}, {@link BoundsCheck}; explanation lines become part of their fact's flow) or
 * an unparsed record with a reason: {@code unknown compiler message} (a positioned line whose
 * message this parser does not know), {@code compiler error} (a failed build: lines of a section
 * that holds no compiler remark at all, lines of the known error vocabulary and their tab-indented
 * continuations; they are not facts because no rule should reason about code that did not compile),
 * {@code flow line outside an explanation block}, {@code unknown line}.
 *
 * <p>Errors: a line longer than 1 MiB, or a line with NUL or other control bytes (binary data),
 * stops the input with a {@code MALFORMED} {@link ParseException} at that line; the facts of the
 * lines before it are kept. An input with no line this parser recognises is {@code UNRECOGNIZED}.
 */
public final class EscapeTextParser implements InputParser {
    static final String UNKNOWN_MESSAGE = EscapeSection.UNKNOWN_MESSAGE;
    static final String COMPILER_ERROR = EscapeSection.COMPILER_ERROR;
    static final String STRAY_FLOW = EscapeSection.STRAY_FLOW;
    static final String UNKNOWN_LINE = EscapeSection.UNKNOWN_LINE;

    /** Message starts that only -m output has (used by {@link #sniff}). */
    private static final String[] SNIFF_MARKERS = {"can inline ", "cannot inline ", "inlining call to ",
            "moved to heap: ", "leaking param", "parameter ", "devirtualizing ", "zero-copy string->[]byte",
            "function ", "assuming ", "marking "};
    private static final String[] SNIFF_SUFFIXES = {" escapes to heap", " escapes to heap:", " does not escape"};

    @Override
    public InputKind kind() {
        return InputKind.ESCAPE_TEXT;
    }

    @Override
    public boolean sniff(InputHead head) {
        if (head.directory() || head.bytes().length == 0 || head.binary()) {
            return false;
        }
        String text = head.text();
        int start = 0;
        int lines = 0;
        boolean header = false;
        boolean first = true;
        boolean second = false;
        while (start < text.length() && lines < 400) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                break; // a cut-off last line is not judged
            }
            String line = text.substring(start, nl);
            start = nl + 1;
            lines++;
            if (line.isBlank()) {
                continue;
            }
            if (first) {
                first = false;
                if (!opensLikeBuildOutput(line)) {
                    return false;
                }
                second = line.startsWith("# ");
            } else if (second) {
                second = false;
                if (!followsHeader(line)) {
                    return false;
                }
            }
            if (line.startsWith("# ")) {
                header = importPathHeader(line.substring(2));
                continue;
            }
            PositionLexer.Position p = PositionLexer.lex(line);
            if (p == null) {
                continue;
            }
            String rest = line.substring(p.end());
            if (!rest.startsWith(" ")) {
                if (rest.startsWith("   flow: ") || rest.startsWith("     from ")) {
                    return true;
                }
                continue;
            }
            String msg = rest.substring(1);
            if (onlyMOutputSays(msg) || header && !ssaDebug(msg)) {
                return true; // "# pkg" then positioned lines: a failed build's errors
            }
        }
        return false;
    }

    /**
     * go build output starts with "# import/path", go tool compile with a position, either may start with
     * go command lines; a Markdown title ("# Some words") is not it.
     */
    private static boolean opensLikeBuildOutput(String line) {
        return line.startsWith("# ") && importPathHeader(line.substring(2))
                || line.startsWith("go: ") || line.startsWith("note: ") || PositionLexer.lex(line) != null;
    }

    /** After a "# pkg" header comes compiler output, not prose ("# title" of a document). */
    private static boolean followsHeader(String line) {
        return line.startsWith("# ") || line.startsWith("go: ") || PositionLexer.lex(line) != null
                || line.startsWith(PositionLexer.UNKNOWN_POSITION) || line.contains(" capturing by ")
                || line.startsWith("moved to heap: ");
    }

    /** Whether a message is one that only -m output prints. */
    private static boolean onlyMOutputSays(String msg) {
        for (String m : SNIFF_MARKERS) {
            if (msg.startsWith(m)) {
                return true;
            }
        }
        for (String s : SNIFF_SUFFIXES) {
            if (msg.endsWith(s)) {
                return true;
            }
        }
        return msg.contains(" capturing by ");
    }

    /** {@code example.com/t1}, {@code command-line-arguments}, {@code example.com/t3 [example.com/t3.test]}. */
    static boolean importPathHeader(String h) {
        String p = h.strip();
        int br = p.indexOf(" [");
        if (br > 0 && p.endsWith("]")) {
            p = p.substring(0, br);
        }
        return !p.isEmpty() && p.indexOf(' ') < 0 && p.indexOf('\t') < 0;
    }

    private static boolean ssaDebug(String msg) {
        return msg.startsWith("Found Is") || msg.startsWith("Proved ") || msg.startsWith("Disproved ")
                || msg.startsWith("Induction variable") || msg.equals("Inverted loop iteration")
                || msg.endsWith(" nil check");
    }

    @Override
    public void parse(InputSource source, ParseContext ctx) throws IOException, ParseException {
        parse(source, ctx, NOTHING_FOREIGN);
    }

    /**
     * As {@link #parse(InputSource, ParseContext)}, passing over the lines {@code foreign} claims (they are
     * neither records nor unparsed here: the caller, a parser of a richer format such as {@code -m=3}, reads
     * them). Line numbers stay those of the whole input.
     */
    public void parse(InputSource source, ParseContext ctx, java.util.function.Predicate<String> foreign)
            throws IOException, ParseException {
        try (InputStream in = source.open(); BoundedLineReader reader = new BoundedLineReader(in)) {
            Run run = new Run(ctx, source);
            run.foreign = foreign;
            run.read(reader);
        }
    }

    /**
     * Parses whole lines {@code [range.from(), range.to())} of {@code source} as {@link #parse(InputSource,
     * ParseContext)} parses them within the whole input: the same facts, line numbers and evidence offsets, so
     * that the {@code # pkg} sections of one input can be parsed apart (and at once, one context each). A range is
     * read as an input of its own: a section printed again in another range is not recognised as a repeat here
     * (the caller's to judge), and a range with no line this parser knows is {@code UNRECOGNIZED}.
     *
     * @throws IllegalArgumentException when the range does not start and end at line boundaries of the file
     */
    public void parseRange(InputSource source, dev.perfwarden.facts.parse.TextRange range, ParseContext ctx)
            throws IOException, ParseException {
        try (InputStream in = range.open(source); BoundedLineReader reader = new BoundedLineReader(in,
                BoundedLineReader.MAX_LINE, range.from() - source.skip(), range.firstLine())) {
            Run run = new Run(ctx, source);
            run.firstLine = range.firstLine();
            run.read(reader);
        }
    }

    private static final java.util.function.Predicate<String> NOTHING_FOREIGN = line -> false;
    private static final byte[] FLOW_BYTES = FlowAssembler.FLOW.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] FROM_BYTES = FlowAssembler.FROM.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Reads one input: lexes each line's position, hands its message to the decoder or the flow assembler. */
    private static final class Run {
        final EscapeSection.Input input;
        final ParseContext ctx;
        EscapeSection section;
        long total;
        String lastPrinted;
        String lastFile;
        String lastPrefix;
        /** The open block's position as bytes (null when it holds a character beyond ASCII), for {@code prefixOf}. */
        String prefixOf;
        byte[] prefixBytes;
        java.util.function.Predicate<String> foreign = NOTHING_FOREIGN;
        long firstLine = 1;

        Run(ParseContext ctx, InputSource source) {
            this.ctx = ctx;
            this.input = new EscapeSection.Input(ctx, source);
            this.section = new EscapeSection(input, "", "", null);
        }

        void read(BoundedLineReader reader) throws IOException, ParseException {
            boolean fast = foreign == NOTHING_FOREIGN;
            // one line per call: this loop runs interpreted until the JIT replaces it on the stack (with the launcher's
            // C1-only options, after some hundreds of thousands of lines: most of a cold parse of std's text when its
            // body was the whole line's work), while line() is compiled after some hundreds of calls
            while (line(reader, fast)) {
                // the work is in line(reader, fast)
            }
            section.flush();
            if (total > 0 && input.recognised == 0) {
                throw ParseException.unrecognized(ctx.at(firstLine),
                        "no line of go build -gcflags=-m output found (" + total + " lines, all unknown)");
            }
            if (total == 0) {
                throw ParseException.unrecognized(ctx.at(firstLine),
                        "empty input (a cached go build prints no -m output; rebuild with go build -a)");
            }
        }

        /** Reads and takes one line; false at the end of the input. */
        private boolean line(BoundedLineReader reader, boolean fast) throws IOException, ParseException {
            int len;
            try {
                len = reader.readLineBytes();
            } catch (BoundedLineReader.LineTooLongException e) {
                ctx.record();
                section.flush();
                throw ParseException.malformed(ctx.at(e.lineNumber()),
                        "line longer than " + BoundedLineReader.MAX_LINE + " bytes, not compiler output", e.head());
            }
            if (len < 0) {
                return false;
            }
            long n = reader.lineNumber();
            input.lines.put(n, reader.lineOffset());
            if (fast && len > 0 && !reader.lastLineHadControl()
                    && (explanationOfOpenBlock(reader.lineBytes(), len)
                    || !reader.lastLineNonAscii() && summaryOfBytes(n, reader, len))) {
                ctx.record();
                total++;
                return true;
            }
            String raw = reader.decodeLine();
            if (raw.isEmpty() || raw.isBlank() || foreign.test(raw)) {
                return true;
            }
            ctx.record();
            total++;
            if (reader.lastLineHadControl()) {
                section.flush();
                throw ParseException.malformed(ctx.at(n), "binary data, not compiler output", raw);
            }
            line(n, raw);
            return true;
        }

        void line(long n, String raw) {
            char c0 = raw.charAt(0);
            if (c0 == '#') {
                if (raw.length() > 2 && raw.charAt(1) == ' ') {
                    header(n, raw);
                    return;
                }
            } else if (c0 == '\t') {
                section.unknown(n, raw, true);
                return;
            }
            if (explanationOfOpenBlock(n, raw)) {
                return;
            }
            PositionLexer.Position p = PositionLexer.lex(raw);
            if (p == null) {
                unpositioned(n, raw);
                return;
            }
            int end = p.end();
            if (raw.length() - end <= 1 || raw.charAt(end) != ' ') {
                section.unknown(n, raw, false);
                return;
            }
            CompilerLine l = new CompilerLine(n, raw, file(raw, p.fileEnd()), p.line(), p.col(), prefix(raw, end),
                    raw.substring(end + 1));
            String msg = l.message();
            if (msg.startsWith(FlowAssembler.FLOW)) {
                section.flow(l);
            } else if (msg.startsWith(FlowAssembler.FROM)) {
                section.note(l);
            } else if (msg.startsWith(FlowAssembler.TRUNCATED)) {
                section.truncated(l);
            } else if (!EscapeMessages.TABLE.decode(section, l)) {
                section.unknown(n, raw, false);
            }
        }

        /**
         * The fast path of the most frequent lines: an explanation line of the open block (its bytes start with
         * the block's position and a space, then {@code   flow: } or {@code     from }) read from its UTF-8 bytes,
         * with no String made of the line. False, with nothing changed, for any other line, and for an
         * explanation line it does not take (the String path then reads it as before).
         */
        private boolean explanationOfOpenBlock(byte[] b, int len) {
            Item.Block open = section.flows.open();
            if (open == null) {
                return false;
            }
            if (open.prefix != prefixOf) {
                prefixOf = open.prefix;
                prefixBytes = asciiBytes(prefixOf);
            }
            byte[] prefix = prefixBytes;
            if (prefix == null) {
                return false; // a position beyond ASCII: the String path
            }
            int p = prefix.length;
            int m = p + 1; // the message, after the position and a space
            if (p == 0 || len <= m || b[p] != ' ' || !java.util.Arrays.equals(b, 0, p, prefix, 0, p)) {
                return false;
            }
            boolean taken;
            if (startsWith(b, len, m, FLOW_BYTES)) {
                taken = section.flows.flow(b, m, len);
            } else if (startsWith(b, len, m, FROM_BYTES)) {
                taken = section.flows.note(b, m, len);
            } else {
                return false;
            }
            if (taken) {
                section.ok();
            }
            return taken;
        }

        /**
         * The fast path of the most frequent summary lines ({@link EscapeBytes}): an ASCII line with a position whose
         * message has one of its forms is decoded from its bytes; false, with nothing changed, for any other line.
         */
        private boolean summaryOfBytes(long n, BoundedLineReader reader, int len) {
            byte[] b = reader.lineBytes();
            byte c0 = b[0];
            if (c0 == '#' || c0 == '\t' || c0 == ' ' || c0 == '<') {
                return false;
            }
            int end = PositionLexer.lex(b, len, lexed);
            if (end < 0 || len - end <= 1 || b[end] != ' ' || b[end + 1] == ' ') {
                return false;
            }
            EscapeBytes.Handler h = EscapeBytes.handler(b, end + 1, len);
            if (h == null) {
                return false;
            }
            String raw = reader.decodeLine();
            CompilerLine l = CompilerLine.positioned(n, raw, file(raw, b, lexed[0]), lexed[1], lexed[2], end);
            input.lineBytes = b;
            input.lineLength = len;
            input.bytesLine = n;
            if (!h.decode(section, l, b, end + 1, len)) {
                return false;
            }
            Item.Block open = section.flows.open();
            if (open != null && open.lineNo == n) { // this line opened a block: its position's bytes are b[0, end)
                prefixOf = open.prefix;
                prefixBytes = java.util.Arrays.copyOf(b, end);
            }
            return true;
        }

        /** The file's end, line and column {@link PositionLexer#lex(byte[], int, int[])} found. */
        private final int[] lexed = new int[3];

        /** The bytes of an ASCII string, or null when it holds another character. */
        private static byte[] asciiBytes(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) >= 0x80) {
                    return null;
                }
            }
            return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        private static boolean startsWith(byte[] b, int len, int at, byte[] what) {
            if (len - at < what.length) {
                return false;
            }
            for (int i = 0; i < what.length; i++) {
                if (b[at + i] != what[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Explanation lines repeat their block's position: they are taken without decoding it again. */
        private boolean explanationOfOpenBlock(long n, String raw) {
            Item.Block open = section.flows.open();
            if (open == null || open.prefix.isEmpty() || !raw.startsWith(open.prefix)) {
                return false;
            }
            int m = open.prefix.length() + 1; // the message, after the position and a space
            if (raw.length() <= m || raw.charAt(m - 1) != ' ') {
                return false;
            }
            if (raw.startsWith(FlowAssembler.FLOW, m)) {
                section.flow(new CompilerLine(n, raw, open.file, open.line, open.col, open.prefix, raw.substring(m)));
                return true;
            }
            if (raw.startsWith(FlowAssembler.FROM, m)) {
                section.note(new CompilerLine(n, raw, open.file, open.line, open.col, open.prefix, raw.substring(m)));
                return true;
            }
            return false;
        }

        /** A line without a position: a go command's own line, or (Go 1.26) a result of a compiler-made variable. */
        private void unpositioned(long n, String raw) {
            CompilerLine l = new CompilerLine(n, raw, "", 0, 0, "", raw);
            if (raw.startsWith("go: ") || raw.startsWith("note: ") || raw.startsWith("go build ")
                    || raw.startsWith("go mod ")) {
                section.remark(l, CompilerRemark.KIND_GO_COMMAND, raw, "");
            } else if (!EscapeMessages.TABLE.decode(section, l)) {
                section.unknown(n, raw, false);
            }
        }

        /**
         * The cleaned, interned file of the position printed at the start of {@code raw}, up to {@code end}
         * (consecutive lines mostly name the same file: compared in place, cut out only when it changes).
         */
        private String file(String raw, int end) {
            if (end == 0) {
                return "";
            }
            if (lastPrinted == null || lastPrinted.length() != end || !raw.startsWith(lastPrinted)) {
                lastPrinted = raw.substring(0, end);
                lastPrintedBytes = null;
                lastFile = input.in.intern(SourcePaths.clean(lastPrinted));
            }
            return lastFile;
        }

        /** As {@link #file(String, int)} for an ASCII line {@code raw} read from its bytes {@code b}: compared as bytes. */
        private String file(String raw, byte[] b, int end) {
            byte[] last = lastPrintedBytes;
            if (last == null || last.length != end || !java.util.Arrays.equals(b, 0, end, last, 0, end)) {
                String f = file(raw, end);
                lastPrintedBytes = java.util.Arrays.copyOf(b, end);
                return f;
            }
            return lastFile;
        }

        /** The bytes of {@link #lastPrinted} when the line that set it was read from its bytes, else null. */
        private byte[] lastPrintedBytes;

        /** The position prefix of {@code raw}: the previous line's when it repeats (a block's lines share it). */
        private String prefix(String raw, int end) {
            if (lastPrefix == null || lastPrefix.length() != end || !raw.startsWith(lastPrefix)) {
                lastPrefix = raw.substring(0, end);
            }
            return lastPrefix;
        }

        void header(long n, String raw) {
            section.flush();
            String h = raw.substring(2).strip();
            String variant = "";
            int br = h.indexOf(" [");
            if (br > 0 && h.endsWith("]")) {
                variant = h.substring(br + 2, h.length() - 1);
                h = h.substring(0, br);
            }
            String pkg = input.in.intern(h);
            input.recognised++;
            Evidence ev = input.lines.evidence(InputKind.ESCAPE_TEXT, raw, ctx.at(n), n);
            section = new EscapeSection(input, pkg, variant, new PackageDecl(pkg, variant, ev));
        }
    }
}
