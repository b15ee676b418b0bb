package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.parse.BoundedLineReader;
import dev.perfwarden.facts.parse.Interner;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.inline.Devirtualization;
import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.inline.InlineReasons;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.logopt.BoundsCheck;
import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.CompilerNames;
import dev.perfwarden.facts.source.PackageDirs;
import dev.perfwarden.facts.core.SourcePaths;
import dev.perfwarden.facts.symbols.Symbols;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    static final String UNKNOWN_MESSAGE = "unknown compiler message";
    static final String COMPILER_ERROR = "compiler error";
    static final String STRAY_FLOW = "flow line outside an explanation block";
    static final String UNKNOWN_LINE = "unknown line";
    static final String UNKNOWN_POSITION = "<unknown line number>";
    private static final String BIG = " considered 'big'; reducing max cost of inlinees";

    /** Message starts that only -m output has (used by {@link #sniff}). */
    private static final String[] SNIFF_MARKERS = {"can inline ", "cannot inline ", "inlining call to ",
            "moved to heap: ", "leaking param", "parameter ", "devirtualizing ", "zero-copy string->[]byte",
            "function ", "assuming ", "marking "};
    private static final String[] SNIFF_SUFFIXES = {" escapes to heap", " escapes to heap:", " does not escape"};

    /** Errors of the gc/types2 front end that may share a section with -m output. */
    private static final String[] ERROR_MARKERS = {"undefined: ", "syntax error", "declared and not used",
            "imported and not used", "cannot use ", "too many errors", "invalid operation", "missing return",
            "not enough arguments", "too many arguments", "redeclared", "cannot assign", "mismatched types",
            "non-boolean", "cannot convert", "invalid argument", "assignment mismatch", "undeclared name",
            "is not used", "cannot call", "cannot range", "has no field or method", "escapes to heap, not allowed"};

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
                // go build output starts with "# import/path", go tool compile with a position,
                // either may start with go command lines; a Markdown title ("# Some words") is not it
                first = false;
                boolean ok = line.startsWith("# ") && importPathHeader(line.substring(2))
                        || line.startsWith("go: ") || line.startsWith("note: ") || Pos.parse(line) != null;
                if (!ok) {
                    return false;
                }
                second = line.startsWith("# ");
            } else if (second) {
                // after a "# pkg" header comes compiler output, not prose ("# title" of a document)
                second = false;
                if (!(line.startsWith("# ") || line.startsWith("go: ") || Pos.parse(line) != null
                        || line.startsWith("<unknown line number>") || line.contains(" capturing by ")
                        || line.startsWith("moved to heap: "))) {
                    return false;
                }
            }
            if (line.startsWith("# ")) {
                header = importPathHeader(line.substring(2));
                continue;
            }
            Pos p = Pos.parse(line);
            if (p == null) {
                continue;
            }
            String rest = line.substring(p.restStart);
            if (!rest.startsWith(" ")) {
                if (rest.startsWith("   flow: ") || rest.startsWith("     from ")) {
                    return true;
                }
                continue;
            }
            String msg = rest.substring(1);
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
            if (msg.contains(" capturing by ")) {
                return true;
            }
            if (header && !ssaDebug(msg)) {
                return true; // "# pkg" then positioned lines: a failed build's errors
            }
        }
        return false;
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
                || msg.startsWith("Induction variable") || msg.endsWith(" nil check");
    }

    @Override
    public void parse(InputSource source, ParseContext ctx) throws IOException, ParseException {
        parse(source, ctx, line -> false);
    }

    /**
     * As {@link #parse(InputSource, ParseContext)}, passing over the lines {@code foreign} claims (they are
     * neither records nor unparsed here: the caller, a parser of a richer format such as {@code -m=3}, reads
     * them). Line numbers stay those of the whole input.
     */
    public void parse(InputSource source, ParseContext ctx, java.util.function.Predicate<String> foreign)
            throws IOException, ParseException {
        try (InputStream in = source.open(); BoundedLineReader reader = new BoundedLineReader(in)) {
            Run run = new Run(ctx);
            run.foreign = foreign;
            run.read(reader);
        }
    }

    /** A decoded {@code FILE:LINE[:COL]:} prefix. */
    static final class Pos {
        final String file;
        final int line;
        final int col;
        final int restStart;

        Pos(String file, int line, int col, int restStart) {
            this.file = file;
            this.line = line;
            this.col = col;
            this.restStart = restStart;
        }

        /** Decodes the prefix of {@code s}, or null when {@code s} has none. */
        static Pos parse(String s) {
            if (s.isEmpty()) {
                return null;
            }
            char c0 = s.charAt(0);
            if (c0 == ' ' || c0 == '\t' || c0 == '#') {
                return null;
            }
            if (c0 == '<' && s.startsWith(UNKNOWN_POSITION + ":")) {
                return new Pos("", 0, 0, UNKNOWN_POSITION.length() + 1);
            }
            int from = 1;
            for (int tries = 0; tries < 8; tries++) {
                int colon = s.indexOf(':', from);
                if (colon < 0) {
                    return null;
                }
                int i = colon + 1;
                int line = 0;
                int digits = 0;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && digits < 10) {
                    line = line * 10 + (s.charAt(i) - '0');
                    i++;
                    digits++;
                }
                if (digits > 0 && i < s.length() && s.charAt(i) == ':') {
                    int j = i + 1;
                    int col = 0;
                    int cd = 0;
                    while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9' && cd < 10) {
                        col = col * 10 + (s.charAt(j) - '0');
                        j++;
                        cd++;
                    }
                    if (cd > 0 && j < s.length() && s.charAt(j) == ':') {
                        return new Pos(s.substring(0, colon), line, col, j + 1);
                    }
                    return new Pos(s.substring(0, colon), line, 0, i + 1);
                }
                if (digits > 0 && i == s.length()) {
                    return null;
                }
                from = colon + 1;
            }
            return null;
        }
    }

    /** Parses {@code FILE:LINE[:COL]} (a flow note's {@code at} part) into a position. */
    static SourcePos sourcePos(String s, Interner in) {
        if (s.equals(UNKNOWN_POSITION)) {
            return SourcePos.UNKNOWN;
        }
        Pos p = Pos.parse(s + ":");
        if (p == null || p.restStart != s.length() + 1) {
            return new SourcePos(in.intern(SourcePaths.clean(s)), 0, 0);
        }
        return new SourcePos(in.intern(SourcePaths.clean(p.file)), p.line, p.col);
    }

    // ---------------------------------------------------------------------------------------
    // per-input state

    private static final class Run {
        final ParseContext ctx;
        final Interner in = new Interner();
        Section section;
        long recognised;
        long total;
        String lastPrinted;
        String lastFile;
        java.util.function.Predicate<String> foreign = line -> false;
        /** Flow-note positions ({@code at ./x.go:3:4}) repeat: one SourcePos per distinct text. */
        final Map<String, SourcePos> positions = new HashMap<>();

        Run(ParseContext ctx) {
            this.ctx = ctx;
            this.section = new Section(this, "", "", null);
        }

        void read(BoundedLineReader reader) throws IOException, ParseException {
            String raw;
            while (true) {
                try {
                    raw = reader.readLine();
                } catch (BoundedLineReader.LineTooLongException e) {
                    ctx.record();
                    section.flush();
                    throw ParseException.malformed(ctx.at(e.lineNumber()),
                            "line longer than " + BoundedLineReader.MAX_LINE + " bytes, not compiler output",
                            e.head());
                }
                if (raw == null) {
                    break;
                }
                long n = reader.lineNumber();
                if (raw.isEmpty() || raw.isBlank() || foreign.test(raw)) {
                    continue;
                }
                ctx.record();
                total++;
                if (reader.lastLineHadControl()) {
                    section.flush();
                    throw ParseException.malformed(ctx.at(n), "binary data, not compiler output", raw);
                }
                line(n, raw);
            }
            section.flush();
            if (total > 0 && recognised == 0) {
                throw ParseException.unrecognized(ctx.at(1),
                        "no line of go build -gcflags=-m output found (" + total + " lines, all unknown)");
            }
            if (total == 0) {
                throw ParseException.unrecognized(ctx.at(1),
                        "empty input (a cached go build prints no -m output; rebuild with go build -a)");
            }
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
            // explanation lines repeat their block's position: skip decoding it again
            Block open = section.open;
            if (open != null && !open.prefix.isEmpty() && raw.startsWith(open.prefix)) {
                String rest = raw.substring(open.prefix.length());
                if (rest.startsWith("   flow: ")) {
                    section.flow(n, raw, null, rest);
                    return;
                }
                if (rest.startsWith("     from ")) {
                    section.note(n, raw, null, rest);
                    return;
                }
            }
            Pos p = Pos.parse(raw);
            if (p == null) {
                if (raw.startsWith("go: ") || raw.startsWith("note: ") || raw.startsWith("go build ")
                        || raw.startsWith("go mod ")) {
                    section.remark(n, raw, "", 0, 0, CompilerRemark.KIND_GO_COMMAND, raw, "");
                    return;
                }
                // Go 1.26 prints some results of compiler-made variables without a position.
                if (!section.message(n, raw, "", 0, 0, raw, "")) {
                    section.unknown(n, raw, false);
                }
                return;
            }
            String file;
            if (p.file.isEmpty()) {
                file = "";
            } else if (p.file.equals(lastPrinted)) {
                file = lastFile;
            } else {
                file = in.intern(SourcePaths.clean(p.file));
                lastPrinted = p.file;
                lastFile = file;
            }
            String rest = raw.substring(p.restStart);
            if (rest.startsWith("   ")) {
                if (rest.startsWith("   flow: ")) {
                    section.flow(n, raw, p, rest);
                    return;
                }
                if (rest.startsWith("     from ")) {
                    section.note(n, raw, p, rest);
                    return;
                }
                if (rest.startsWith("   warning: truncated explanation")) {
                    section.truncated(n, raw, p, file, rest.substring(3));
                    return;
                }
            }
            if (rest.length() > 1 && rest.charAt(0) == ' ' && section.message(n, raw, file, p.line, p.col,
                    rest.substring(1), raw.substring(0, p.restStart))) {
                return;
            }
            section.unknown(n, raw, false);
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
            String pkg = in.intern(h);
            recognised++;
            Evidence ev = Evidence.of(InputKind.ESCAPE_TEXT, raw, ctx.at(n));
            section = new Section(this, pkg, variant, new PackageDecl(pkg, variant, ev));
        }
    }

    // ---------------------------------------------------------------------------------------
    // one "# pkg" section

    /** Something a section holds until it is resolved: a line's decoded content. */
    private abstract static class Item {
        final long lineNo;
        final String raw;
        final String file;
        final int line;
        final int col;

        Item(long lineNo, String raw, String file, int line, int col) {
            this.lineNo = lineNo;
            this.raw = raw;
            this.file = file;
            this.line = line;
            this.col = col;
        }
    }

    /** An escape summary line ({@code moved to heap}, {@code escapes}, {@code leaking param…}). */
    private static final class Summary extends Item {
        final String kind;
        final String subject;
        final String result;
        final int level;
        final String key;
        List<Block> blocks;

        Summary(long lineNo, String raw, String file, int line, int col, String kind, String subject, String result,
                int level, String key) {
            super(lineNo, raw, file, line, col);
            this.kind = kind;
            this.subject = subject;
            this.result = result;
            this.level = level;
            this.key = key;
        }
    }

    /** An -m=2 explanation block: header plus its flow steps. */
    private static final class Block extends Item {
        final boolean leak;
        final String subject;
        final String dst;
        final int derefs;
        final String fn;
        final String prefix;
        final String key;
        final List<StepBuilder> steps = new ArrayList<>(2);
        boolean claimed;

        Block(long lineNo, String raw, String file, int line, int col, boolean leak, String subject, String dst,
              int derefs, String fn, String prefix, String key) {
            super(lineNo, raw, file, line, col);
            this.leak = leak;
            this.subject = subject;
            this.dst = dst;
            this.derefs = derefs;
            this.fn = fn;
            this.prefix = prefix;
            this.key = key;
        }
    }

    private static final class StepBuilder {
        final String dst;
        final String ops;
        final String src;
        final List<FlowNote> notes = new ArrayList<>(2);

        StepBuilder(String dst, String ops, String src) {
            this.dst = dst;
            this.ops = ops;
            this.src = src;
        }
    }

    /** Any other recognised line: built into a fact once the section's naming is known. */
    private static final class Simple extends Item {
        final Builder builder;

        Simple(long lineNo, String raw, String file, int line, int col, Builder builder) {
            super(lineNo, raw, file, line, col);
            this.builder = builder;
        }
    }

    private static final class Unknown extends Item {
        final boolean continuation;

        Unknown(long lineNo, String raw, boolean continuation) {
            super(lineNo, raw, "", 0, 0);
            this.continuation = continuation;
        }
    }

    @FunctionalInterface
    private interface Builder {
        Fact build(Naming naming, Evidence evidence);
    }

    /** How a section qualifies compiler names, known once the whole section has been read. */
    static final class Naming {
        final String pkg;
        final String prefix;
        final PackageDirs dirs;
        final Set<String> localRoots;

        Naming(String pkg, String prefix, PackageDirs dirs, Set<String> localRoots) {
            this.pkg = pkg;
            this.prefix = prefix;
            this.dirs = dirs;
            this.localRoots = localRoots;
        }

        /** The symbol prefix of the package owning {@code file}: this section's, or the one its directory implies. */
        String prefixFor(String file) {
            if (file.isEmpty() || SourcePaths.pseudo(file)) {
                return prefix;
            }
            String dir = SourcePaths.dir(file);
            if (dir.equals(dirs.mainDir())) {
                return prefix;
            }
            String p = dirs.importPathOf(dir);
            return p.isEmpty() ? prefix : p;
        }

        /**
         * Canonical symbol of a name the compiler printed as the function a line is about
         * ({@code can inline F}, {@code in F}): qualified with the package owning the line's file,
         * unless it carries a foreign package qualifier ({@code sub.Gen[…]}, {@code fmt.Println}).
         */
        String declared(String name, String file) {
            if (name.isEmpty()) {
                return "";
            }
            String head = CompilerNames.head(name);
            if (!head.isEmpty() && !localRoots.contains(head)) {
                String dir = SourcePaths.dir(file);
                if (!dir.equals(dirs.mainDir()) && !file.isEmpty()) {
                    return Symbols.collapseTypeArgs(name); // pkgname.F, instantiated here
                }
            }
            return Symbols.qualify(prefixFor(file), name);
        }

        /** Canonical symbol of a callee name ({@code inlining call to F}): local names qualified, foreign ones kept. */
        String called(String name) {
            if (name.isEmpty()) {
                return "";
            }
            String head = CompilerNames.head(name);
            if (head.isEmpty() || localRoots.contains(head)) {
                return Symbols.qualify(prefix, name);
            }
            return Symbols.collapseTypeArgs(name);
        }
    }

    private static final class Section {
        final Run run;
        final String pkg;
        final String variant;
        final PackageDecl decl;
        final List<Item> items = new ArrayList<>();
        final Map<String, List<Summary>> summaries = new HashMap<>();
        /** Escape summaries by position only, for blocks whose subject the summary prints differently. */
        final Map<String, List<Summary>> escapesAt = new HashMap<>();
        final Set<String> localRoots = new HashSet<>();
        final Map<String, Integer> dirVotes = new HashMap<>();
        Block open;
        StepBuilder openStep;
        int recognised;
        boolean mainFunc;

        Section(Run run, String pkg, String variant, PackageDecl decl) {
            this.run = run;
            this.pkg = pkg;
            this.variant = variant;
            this.decl = decl;
            localRoots.add("init");
        }

        private void ok() {
            recognised++;
            run.recognised++;
        }

        private void close() {
            open = null;
            openStep = null;
        }

        void unknown(long n, String raw, boolean continuation) {
            close();
            items.add(new Unknown(n, raw, continuation));
        }

        void remark(long n, String raw, String file, int line, int col, String kind, String text, String fn) {
            simple(n, raw, file, line, col, (nm, ev) -> new CompilerRemark(kind, text, nm.pkg, fn,
                    fn.isEmpty() ? "" : nm.declared(fn, file), file, line, col,
                    fn.isEmpty() ? Attributable.NONE : Attributable.BY_COMPILER, ev));
        }

        private void simple(long n, String raw, String file, int line, int col, Builder b) {
            close();
            ok();
            vote(file);
            items.add(new Simple(n, raw, file, line, col, b));
        }

        private void vote(String file) {
            if (!file.isEmpty() && !SourcePaths.pseudo(file)) {
                dirVotes.merge(SourcePaths.dir(file), 1, Integer::sum);
            }
        }

        private void local(String name) {
            String root = CompilerNames.root(name);
            if (!root.isEmpty()) {
                localRoots.add(root);
            }
            if (name.equals("main")) {
                mainFunc = true;
            }
        }

        private String in(String s) {
            return run.in.intern(s);
        }

        /** Decodes one message; false when it is not one this parser knows. */
        boolean message(long n, String raw, String file, int line, int col, String msg, String prefix) {
            if (msg.isEmpty()) {
                return false;
            }
            switch (msg.charAt(0)) {
                case 'c':
                    if (msg.startsWith("can inline ")) {
                        return canInline(n, raw, file, line, col, msg.substring(11));
                    }
                    if (msg.startsWith("cannot inline ")) {
                        return cannotInline(n, raw, file, line, col, msg.substring(14));
                    }
                    if (msg.startsWith("cannot devirtualize ")) {
                        return cannotDevirtualize(n, raw, file, line, col, msg.substring(20));
                    }
                    if (msg.startsWith("calls param: ")) {
                        return paramDerefs(n, raw, file, line, col, msg.substring(13), EscapeFact.KIND_CALLS_PARAM);
                    }
                    break;
                case 'i':
                    if (msg.startsWith("inlining call to ")) {
                        return inlinedCall(n, raw, file, line, col, msg.substring(17));
                    }
                    if (msg.equals("index bounds check elided")) {
                        remark(n, raw, file, line, col, CompilerRemark.KIND_BOUNDS_CHECK_ELIDED, msg, "");
                        return true;
                    }
                    if (msg.equals("imprecise interface call")) {
                        remark(n, raw, file, line, col, CompilerRemark.KIND_IMPRECISE_INTERFACE_CALL, msg, "");
                        return true;
                    }
                    break;
                case 'm':
                    if (msg.startsWith("moved to heap: ")) {
                        String name = in(msg.substring(15));
                        summary(n, raw, file, line, col, EscapeFact.KIND_MOVED_TO_HEAP, name, "", -1,
                                escKey(file, line, col, name));
                        return true;
                    }
                    if (msg.startsWith("marking ") && msg.endsWith("uintptr")) {
                        return marking(n, raw, file, line, col, msg);
                    }
                    if (msg.startsWith("mutates param: ")) {
                        return paramDerefs(n, raw, file, line, col, msg.substring(15),
                                EscapeFact.KIND_MUTATES_PARAM);
                    }
                    break;
                case 'l':
                    if (msg.startsWith("leaking param content: ")) {
                        String p = in(msg.substring(23));
                        summary(n, raw, file, line, col, EscapeFact.KIND_LEAKING_PARAM_CONTENT, p, "", -1,
                                leakKey(file, line, col, p));
                        return true;
                    }
                    if (msg.startsWith("leaking param: ")) {
                        return leakingParam(n, raw, file, line, col, msg.substring(15));
                    }
                    break;
                case 'p':
                    if (msg.startsWith("parameter ") && msg.endsWith(":") && msg.contains(" leaks to ")) {
                        return leakHeader(n, raw, file, line, col, msg, prefix);
                    }
                    if (msg.startsWith("partially devirtualizing ")) {
                        return devirtualizing(n, raw, file, line, col, msg.substring(25),
                                Devirtualization.KIND_PARTIAL);
                    }
                    break;
                case 'd':
                    if (msg.startsWith("devirtualizing ")) {
                        return devirtualizing(n, raw, file, line, col, msg.substring(15),
                                Devirtualization.KIND_STATIC);
                    }
                    break;
                case 'P':
                    if (msg.startsWith("PGO devirtualizing interface call ")) {
                        return devirtualizing(n, raw, file, line, col, msg.substring(34),
                                Devirtualization.KIND_PGO_INTERFACE);
                    }
                    if (msg.startsWith("PGO devirtualizing function call ")) {
                        return devirtualizing(n, raw, file, line, col, msg.substring(33),
                                Devirtualization.KIND_PGO_FUNCTION);
                    }
                    if (msg.startsWith("PGO devirtualizing ")) {
                        return devirtualizing(n, raw, file, line, col, msg.substring(19), Devirtualization.KIND_PGO);
                    }
                    if (msg.startsWith("Proved ")) {
                        remark(n, raw, file, line, col, CompilerRemark.KIND_SSA_DEBUG, msg, "");
                        return true;
                    }
                    break;
                case 'f':
                    if (msg.startsWith("function ") && msg.endsWith(BIG)) {
                        String name = in(msg.substring(9, msg.length() - BIG.length()));
                        inline(n, raw, file, line, col, InlineFact.KIND_BIG_FUNCTION, name, "", "", -1, -1,
                                InlineFact.NO_SCORE, name, true);
                        return true;
                    }
                    if (msg.startsWith("failed to devirtualize ")) {
                        String body = msg.substring(23);
                        int open = body.lastIndexOf(" (");
                        String call = open > 0 ? body.substring(0, open) : body;
                        String type = open > 0 && body.endsWith(")") ? body.substring(open + 2, body.length() - 1) : "";
                        devirt(n, raw, file, line, col, Devirtualization.KIND_FAILED, call, type, "");
                        return true;
                    }
                    break;
                case 's':
                    if (msg.startsWith("skip inlining within testing.B.loop for ")) {
                        String name = in(msg.substring(40));
                        inline(n, raw, file, line, col, InlineFact.KIND_SKIP_INLINE, name, "", "", -1, -1,
                                InlineFact.NO_SCORE, "", false);
                        return true;
                    }
                    break;
                case 'z':
                    if (msg.equals("zero-copy string->[]byte conversion")) {
                        remark(n, raw, file, line, col, CompilerRemark.KIND_ZERO_COPY, msg, "");
                        return true;
                    }
                    break;
                case 'a':
                    if (msg.startsWith("assuming ") && msg.endsWith(" is unsafe uintptr")) {
                        String p = in(msg.substring(9, msg.length() - 18));
                        escSimple(n, raw, file, line, col, EscapeFact.KIND_UNSAFE_UINTPTR, p, "", -1);
                        return true;
                    }
                    break;
                case 'F':
                    if (msg.equals("Found IsInBounds") || msg.equals("Found IsSliceInBounds")) {
                        String kind = msg.equals("Found IsInBounds") ? BoundsCheck.KIND_INDEX : BoundsCheck.KIND_SLICE;
                        simple(n, raw, file, line, col, (nm, ev) -> new BoundsCheck(kind, InputKind.ESCAPE_TEXT.id(),
                                List.of(), nm.pkg, "", "", file, line, col, Attributable.NONE, ev));
                        return true;
                    }
                    break;
                case 'D':
                case 'I':
                case 'r':
                case 'g':
                    if (ssaDebug(msg) || msg.startsWith("removed nil check") || msg.startsWith("generated nil check")) {
                        remark(n, raw, file, line, col, CompilerRemark.KIND_SSA_DEBUG, msg, "");
                        return true;
                    }
                    break;
                default:
                    break;
            }
            return suffixMessage(n, raw, file, line, col, msg, prefix);
        }

        /** Messages that start with an expression or name: recognised by their ending. */
        private boolean suffixMessage(long n, String raw, String file, int line, int col, String msg, String prefix) {
            if (msg.endsWith(" does not escape")) {
                String subject = in(msg.substring(0, msg.length() - 16));
                escSimple(n, raw, file, line, col, EscapeFact.KIND_DOES_NOT_ESCAPE, subject, "", -1);
                return true;
            }
            if (msg.endsWith(" does not escape, mutate, or call")) {
                String subject = in(msg.substring(0, msg.length() - 33));
                escSimple(n, raw, file, line, col, EscapeFact.KIND_NO_ESCAPE_MUTATE_CALL, subject, "", -1);
                return true;
            }
            int esc = msg.lastIndexOf(" escapes to heap");
            if (esc > 0) {
                String after = msg.substring(esc + 16);
                String subject = in(msg.substring(0, esc));
                if (after.isEmpty()) {
                    summary(n, raw, file, line, col, EscapeFact.KIND_ESCAPES, subject, "", -1,
                            escKey(file, line, col, subject));
                    return true;
                }
                if (after.equals(":")) {
                    escHeader(n, raw, file, line, col, subject, "", prefix);
                    return true;
                }
                if (after.startsWith(" in ") && after.endsWith(":")) {
                    escHeader(n, raw, file, line, col, subject, in(after.substring(4, after.length() - 1)), prefix);
                    return true;
                }
                return false; // e.g. "x escapes to heap, not allowed in runtime" (an error)
            }
            int cap = msg.indexOf(" capturing by ");
            if (cap > 0) {
                return capturing(n, raw, file, line, col, msg, cap);
            }
            int self = msg.indexOf(" ignoring self-assignment in ");
            if (self > 0) {
                String fn = in(msg.substring(0, self));
                local(fn);
                remark(n, raw, file, line, col, CompilerRemark.KIND_SELF_ASSIGNMENT, msg.substring(self + 1), fn);
                return true;
            }
            return false;
        }

        // ---- inlining

        private boolean canInline(long n, String raw, String file, int line, int col, String rest) {
            int w = CompilerNames.indexAtDepth0(rest, " with cost ", 0);
            String name;
            int cost = InlineFact.ABSENT;
            if (w > 0) {
                name = rest.substring(0, w);
                int i = w + 11;
                int v = 0;
                int d = 0;
                while (i < rest.length() && Character.isDigit(rest.charAt(i)) && d < 10) {
                    v = v * 10 + (rest.charAt(i) - '0');
                    i++;
                    d++;
                }
                if (d == 0 || !rest.startsWith(" as: ", i)) {
                    return false;
                }
                cost = v;
            } else {
                name = rest;
            }
            if (name.isEmpty()) {
                return false;
            }
            name = in(name);
            declaredHere(name, file);
            inline(n, raw, file, line, col, InlineFact.KIND_CAN_INLINE, name, "", "", cost, InlineFact.ABSENT,
                    InlineFact.NO_SCORE, name, true);
            return true;
        }

        private void declaredHere(String name, String file) {
            // a function compiled in this package's own directory names a local root
            if (CompilerNames.head(name).isEmpty()) {
                local(name);
            } else {
                pendingDeclared.add(new String[] {name, file});
            }
        }

        final List<String[]> pendingDeclared = new ArrayList<>();

        private boolean cannotInline(long n, String raw, String file, int line, int col, String rest) {
            int colon = CompilerNames.indexAtDepth0(rest, ": ", 0);
            if (colon <= 0) {
                return false;
            }
            String name = rest.substring(0, colon);
            String reason = in(rest.substring(colon + 2));
            String kindOfReason = InlineReasons.classify(reason);
            int[] cb = InlineReasons.costAndBudget(reason);
            int into = CompilerNames.indexAtDepth0(name, " into ", 0);
            if (into > 0) {
                String callee = in(name.substring(0, into));
                String caller = in(name.substring(into + 6));
                local(caller);
                inline(n, raw, file, line, col, InlineFact.KIND_CANNOT_INLINE_CALL, callee, reason, kindOfReason,
                        cb[0], cb[1], InlineFact.NO_SCORE, caller, false);
                return true;
            }
            name = in(name);
            declaredHere(name, file);
            inline(n, raw, file, line, col, InlineFact.KIND_CANNOT_INLINE, name, reason, kindOfReason, cb[0], cb[1],
                    InlineFact.NO_SCORE, name, true);
            return true;
        }

        private boolean inlinedCall(long n, String raw, String file, int line, int col, String rest) {
            String name = rest;
            int score = InlineFact.NO_SCORE;
            int w = rest.lastIndexOf(" with score ");
            if (w > 0) {
                try {
                    score = Integer.parseInt(rest.substring(w + 12));
                    name = rest.substring(0, w);
                } catch (NumberFormatException e) {
                    name = rest;
                }
            }
            if (name.isEmpty()) {
                return false;
            }
            inline(n, raw, file, line, col, InlineFact.KIND_INLINED_CALL, in(name), "", "", InlineFact.ABSENT,
                    InlineFact.ABSENT, score, "", false);
            return true;
        }

        /**
         * @param fn       the function the line attributes itself to ("" none)
         * @param declared whether {@code target} is declared at this position (target == symbol)
         */
        private void inline(long n, String raw, String file, int line, int col, String kind, String target,
                            String reason, String reasonKind, int cost, int budget, int score, String fn,
                            boolean declared) {
            simple(n, raw, file, line, col, (nm, ev) -> {
                String t = declared ? nm.declared(target, file) : nm.called(target);
                String sym = fn.isEmpty() ? "" : (declared ? t : nm.declared(fn, file));
                return new InlineFact(kind, t, target, reason, reasonKind, cost, budget, score, List.of(), nm.pkg, fn,
                        sym, file, line, col, sym.isEmpty() ? Attributable.NONE : Attributable.BY_COMPILER, ev);
            });
        }

        // ---- devirtualization

        private boolean devirtualizing(long n, String raw, String file, int line, int col, String rest, String kind) {
            int to = rest.lastIndexOf(" to ");
            if (to <= 0) {
                return false;
            }
            devirt(n, raw, file, line, col, kind, in(rest.substring(0, to)), in(rest.substring(to + 4)), "");
            return true;
        }

        private boolean cannotDevirtualize(long n, String raw, String file, int line, int col, String rest) {
            int sh = rest.lastIndexOf(": shaped ");
            if (sh <= 0) {
                return false;
            }
            String reason = rest.substring(sh + 2);
            int sp = reason.indexOf(' ', 7);
            String type = sp > 0 && sp + 1 < reason.length() ? reason.substring(sp + 1) : "";
            devirt(n, raw, file, line, col, Devirtualization.KIND_CANNOT, in(rest.substring(0, sh)), in(type),
                    in(reason));
            return true;
        }

        private void devirt(long n, String raw, String file, int line, int col, String kind, String call, String type,
                            String reason) {
            simple(n, raw, file, line, col, (nm, ev) -> new Devirtualization(kind, call, type, reason, nm.pkg, "", "",
                    file, line, col, Attributable.NONE, ev));
        }

        // ---- escape analysis

        private String escKey(String file, int line, int col, String subject) {
            String s = subject.startsWith("append(") ? "append" : subject;
            return file + ':' + line + ':' + col + "|E|" + s;
        }

        private String leakKey(String file, int line, int col, String param) {
            return file + ':' + line + ':' + col + "|L|" + param;
        }

        private void summary(long n, String raw, String file, int line, int col, String kind, String subject,
                             String result, int level, String key) {
            close();
            ok();
            vote(file);
            Summary s = new Summary(n, raw, file, line, col, kind, subject, result, level, key);
            items.add(s);
            summaries.computeIfAbsent(key, k -> new ArrayList<>(1)).add(s);
            if (kind.equals(EscapeFact.KIND_ESCAPES)) {
                escapesAt.computeIfAbsent(file + ':' + line + ':' + col, k -> new ArrayList<>(1)).add(s);
            }
        }

        private void escSimple(long n, String raw, String file, int line, int col, String kind, String subject,
                               String result, int level) {
            simple(n, raw, file, line, col, (nm, ev) -> EscapeFact.of(kind, subject, result, level, false, List.of(),
                    List.of(), nm.pkg, "", "", file, line, col, Attributable.NONE, ev));
        }

        private boolean leakingParam(long n, String raw, String file, int line, int col, String rest) {
            int to = rest.indexOf(" to result ");
            if (to > 0) {
                int lv = rest.lastIndexOf(" level=");
                if (lv > to) {
                    try {
                        int level = Integer.parseInt(rest.substring(lv + 7));
                        String p = in(rest.substring(0, to));
                        String res = in(rest.substring(to + 11, lv));
                        summary(n, raw, file, line, col, EscapeFact.KIND_LEAKING_PARAM_TO_RESULT, p, res, level,
                                leakKey(file, line, col, p));
                        return true;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            String p = in(rest);
            summary(n, raw, file, line, col, EscapeFact.KIND_LEAKING_PARAM, p, "", -1, leakKey(file, line, col, p));
            return true;
        }

        private boolean paramDerefs(long n, String raw, String file, int line, int col, String rest, String kind) {
            int d = rest.lastIndexOf(" derefs=");
            if (d <= 0) {
                return false;
            }
            try {
                int derefs = Integer.parseInt(rest.substring(d + 8));
                escSimple(n, raw, file, line, col, kind, in(rest.substring(0, d)), "", derefs);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private boolean marking(long n, String raw, String file, int line, int col, String msg) {
            int as = msg.indexOf(" as escaping ");
            if (as <= 8) {
                return false;
            }
            String what = msg.substring(as + 13);
            if (!what.equals("uintptr") && !what.equals("...uintptr")) {
                return false;
            }
            escSimple(n, raw, file, line, col, EscapeFact.KIND_ESCAPING_UINTPTR, in(msg.substring(8, as)), what, -1);
            return true;
        }

        private void escHeader(long n, String raw, String file, int line, int col, String subject, String fn,
                               String prefix) {
            ok();
            vote(file);
            if (!fn.isEmpty()) {
                local(fn);
            }
            Block b = new Block(n, raw, file, line, col, false, subject, "", -1, fn, prefix,
                    escKey(file, line, col, subject));
            items.add(b);
            open = b;
            openStep = null;
        }

        /** {@code parameter P leaks to DST[ for F] with derefs=N:}. */
        private boolean leakHeader(long n, String raw, String file, int line, int col, String msg, String prefix) {
            int lt = msg.indexOf(" leaks to ");
            String param = msg.substring(10, lt);
            int d0 = lt + 10;
            int dEnd;
            if (d0 < msg.length() && msg.charAt(d0) == '{') {
                int depth = 0;
                dEnd = -1;
                for (int i = d0; i < msg.length(); i++) {
                    char c = msg.charAt(i);
                    if (c == '{') {
                        depth++;
                    } else if (c == '}' && --depth == 0) {
                        dEnd = i + 1;
                        break;
                    }
                }
                if (dEnd < 0) {
                    return false;
                }
            } else {
                dEnd = msg.indexOf(' ', d0);
                if (dEnd < 0) {
                    return false;
                }
            }
            String dst = msg.substring(d0, dEnd);
            int wd = msg.lastIndexOf(" with derefs=");
            if (wd < dEnd) {
                return false;
            }
            int derefs;
            try {
                derefs = Integer.parseInt(msg.substring(wd + 13, msg.length() - 1));
            } catch (NumberFormatException e) {
                return false;
            }
            String fn = "";
            if (wd > dEnd) {
                String mid = msg.substring(dEnd, wd);
                if (!mid.startsWith(" for ")) {
                    return false;
                }
                fn = in(mid.substring(5));
                local(fn);
            }
            ok();
            vote(file);
            param = in(param);
            Block b = new Block(n, raw, file, line, col, true, param, in(dst), derefs, fn, prefix,
                    leakKey(file, line, col, param));
            items.add(b);
            open = b;
            openStep = null;
            return true;
        }

        void flow(long n, String raw, Pos p, String rest) {
            if (open == null || !raw.startsWith(open.prefix.isEmpty() ? UNKNOWN_POSITION : open.prefix)
                    || !rest.endsWith(":")) {
                strayFlow(n, raw);
                return;
            }
            String body = rest.substring(9, rest.length() - 1);
            int sep;
            int sepLen = 3;
            int from = 0;
            if (body.startsWith("{")) {
                int close = CompilerNames.indexAtDepth0(body, " ", 0);
                from = close < 0 ? 0 : close;
            }
            sep = body.indexOf(" ← ", from);
            if (sep < 0) {
                sep = body.indexOf(" = ", from);
            }
            if (sep <= 0) {
                strayFlow(n, raw);
                return;
            }
            String dst = body.substring(0, sep);
            String srcAll = body.substring(sep + sepLen);
            int k = 0;
            while (k < srcAll.length() && (srcAll.charAt(k) == '&' || srcAll.charAt(k) == '*')) {
                k++;
            }
            StepBuilder s = new StepBuilder(in(dst), in(srcAll.substring(0, k)), in(srcAll.substring(k)));
            open.steps.add(s);
            openStep = s;
            ok();
        }

        void note(long n, String raw, Pos p, String rest) {
            if (open == null || openStep == null
                    || !raw.startsWith(open.prefix.isEmpty() ? UNKNOWN_POSITION : open.prefix)) {
                strayFlow(n, raw);
                return;
            }
            String body = rest.substring(10);
            int at = body.lastIndexOf(" at ");
            if (at <= 0 || body.charAt(at - 1) != ')') {
                strayFlow(n, raw);
                return;
            }
            int openParen = body.lastIndexOf('(', at - 1);
            if (openParen <= 0) {
                strayFlow(n, raw);
                return;
            }
            String where = body.substring(0, openParen).stripTrailing();
            String why = body.substring(openParen + 1, at - 1);
            String atText = body.substring(at + 4);
            SourcePos pos = run.positions.get(atText);
            if (pos == null) {
                pos = sourcePos(atText, run.in);
                if (run.positions.size() < 1 << 18) {
                    run.positions.put(atText, pos);
                }
            }
            openStep.notes.add(new FlowNote(in(where), in(why), pos, List.of()));
            ok();
        }

        void truncated(long n, String raw, Pos p, String file, String text) {
            if (open == null) {
                strayFlow(n, raw);
                return;
            }
            String fn = open.fn;
            Block b = open;
            StepBuilder st = openStep;
            remark(n, raw, file, p.line, p.col, CompilerRemark.KIND_TRUNCATED_EXPLANATION, text, fn);
            open = b; // the block goes on after the warning
            openStep = st;
        }

        private void strayFlow(long n, String raw) {
            items.add(new Unknown(n, raw, false));
            strays.add(n);
        }

        final Set<Long> strays = new HashSet<>();

        private boolean capturing(long n, String raw, String file, int line, int col, String msg, int cap) {
            String fn = msg.substring(0, cap);
            String rest = msg.substring(cap + 14);
            boolean byRef;
            if (rest.startsWith("ref: ")) {
                byRef = true;
                rest = rest.substring(5);
            } else if (rest.startsWith("value: ")) {
                byRef = false;
                rest = rest.substring(7);
            } else {
                return false;
            }
            int paren = rest.lastIndexOf(" (addr=");
            if (paren <= 0 || !rest.endsWith(")")) {
                return false;
            }
            String var = rest.substring(0, paren);
            String attrs = rest.substring(paren + 2, rest.length() - 1);
            String[] kv = attrs.split(" ");
            if (kv.length != 3 || !kv[0].startsWith("addr=") || !kv[1].startsWith("assign=")
                    || !kv[2].startsWith("width=")) {
                return false;
            }
            boolean addr = Boolean.parseBoolean(kv[0].substring(5));
            boolean assign = Boolean.parseBoolean(kv[1].substring(7));
            long width;
            try {
                width = Long.parseLong(kv[2].substring(6));
            } catch (NumberFormatException e) {
                return false;
            }
            String f = in(fn);
            String v = in(var);
            local(f);
            simple(n, raw, file, line, col, (nm, ev) -> {
                String sym = nm.declared(f, file);
                return new ClosureCapture(v, byRef, addr, assign, width, nm.pkg, f, sym, file, line, col,
                        Attributable.BY_COMPILER, ev);
            });
            return true;
        }

        // ---- resolution

        void flush() {
            close();
            if (decl == null && items.isEmpty()) {
                return;
            }
            String mainDir = "";
            int best = -1;
            for (Map.Entry<String, Integer> e : dirVotes.entrySet()) {
                if (e.getValue() > best || e.getValue() == best && e.getKey().compareTo(mainDir) < 0) {
                    best = e.getValue();
                    mainDir = e.getKey();
                }
            }
            for (String[] d : pendingDeclared) {
                if (SourcePaths.dir(d[1]).equals(mainDir)) {
                    local(d[0]);
                }
            }
            String prefix = mainFunc ? "main" : pkg;
            Naming naming = new Naming(pkg, prefix, new PackageDirs(mainDir, pkg), localRoots);
            joinBlocks();
            ParseContext ctx = run.ctx;
            if (decl != null) {
                ctx.emit(decl);
            }
            String lastUnknownReason = UNKNOWN_MESSAGE;
            for (Item it : items) {
                if (it instanceof Simple) {
                    Simple s = (Simple) it;
                    ctx.emit(s.builder.build(naming, evidence(s)));
                } else if (it instanceof Summary) {
                    ctx.emit(summaryFact((Summary) it, naming));
                } else if (it instanceof Block) {
                    Block b = (Block) it;
                    if (!b.claimed) {
                        ctx.emit(orphanFact(b, naming));
                    }
                } else if (it instanceof Unknown) {
                    Unknown u = (Unknown) it;
                    String reason;
                    if (strays.contains(u.lineNo)) {
                        reason = STRAY_FLOW;
                    } else if (u.continuation) {
                        reason = lastUnknownReason.equals(COMPILER_ERROR) || recognised == 0 ? COMPILER_ERROR
                                : UNKNOWN_LINE;
                    } else if (recognised == 0 && decl != null || errorVocabulary(u.raw)) {
                        reason = COMPILER_ERROR;
                    } else if (Pos.parse(u.raw) != null) {
                        reason = UNKNOWN_MESSAGE;
                    } else {
                        reason = UNKNOWN_LINE;
                    }
                    lastUnknownReason = reason;
                    ctx.unparsed(u.lineNo, reason, u.raw);
                }
            }
            items.clear();
            summaries.clear();
        }

        private static boolean errorVocabulary(String raw) {
            for (String m : ERROR_MARKERS) {
                if (raw.contains(m)) {
                    return true;
                }
            }
            return false;
        }

        private Evidence evidence(Item it) {
            return Evidence.of(InputKind.ESCAPE_TEXT, it.raw, run.ctx.at(it.lineNo));
        }

        /**
         * Attaches each explanation block to the summary line of the same location (see class doc):
         * same position and subject; failing that, for an escape block, the one escape summary at
         * that position that no block explains (Go 1.26 explains the copy of {@code toIface(x)}
         * inlined into {@code main} as {@code x escapes to heap in main:} but sums it up as
         * {@code 3 escapes to heap}).
         */
        private void joinBlocks() {
            List<Block> unmatched = new ArrayList<>();
            for (Item it : items) {
                if (it instanceof Block) {
                    Block b = (Block) it;
                    if (!attach(b, summaries.get(b.key)) && !b.leak) {
                        unmatched.add(b);
                    }
                }
            }
            for (Block b : unmatched) {
                List<Summary> at = escapesAt.get(b.file + ':' + b.line + ':' + b.col);
                if (at == null) {
                    continue;
                }
                List<Summary> free = new ArrayList<>(1);
                for (Summary s : at) {
                    if (s.blocks == null) {
                        free.add(s);
                    }
                }
                if (free.size() == 1) {
                    attach(b, free);
                }
            }
            escapesAt.clear();
        }

        private boolean attach(Block b, List<Summary> cands) {
            if (cands == null || cands.isEmpty()) {
                return false;
            }
            List<Summary> pick = cands;
            if (b.leak) {
                List<Summary> toResult = new ArrayList<>();
                List<Summary> heap = new ArrayList<>();
                for (Summary s : cands) {
                    if (s.kind.equals(EscapeFact.KIND_LEAKING_PARAM_TO_RESULT)) {
                        if (s.result.equals(b.dst)) {
                            toResult.add(s);
                        }
                    } else {
                        heap.add(s);
                    }
                }
                pick = !toResult.isEmpty() ? toResult : !heap.isEmpty() ? heap : cands;
            }
            Summary chosen = null;
            for (Summary s : pick) {
                if (s.lineNo > b.lineNo) {
                    chosen = s;
                    break;
                }
            }
            if (chosen == null) {
                chosen = pick.get(pick.size() - 1);
            }
            if (chosen.blocks == null) {
                chosen.blocks = new ArrayList<>(1);
            }
            chosen.blocks.add(b);
            b.claimed = true;
            return true;
        }

        private static List<FlowStep> steps(List<Block> blocks) {
            if (blocks == null || blocks.isEmpty()) {
                return List.of();
            }
            List<FlowStep> out = new ArrayList<>();
            int path = 0;
            for (Block b : blocks) {
                for (StepBuilder s : b.steps) {
                    out.add(new FlowStep(path, s.dst, s.ops, s.src, SourcePos.UNKNOWN, List.of(), s.notes));
                }
                path++;
            }
            return out;
        }

        private Fact summaryFact(Summary s, Naming nm) {
            String fn = "";
            if (s.blocks != null) {
                for (Block b : s.blocks) {
                    if (!b.fn.isEmpty()) {
                        fn = b.fn;
                        break;
                    }
                }
            }
            String sym = fn.isEmpty() ? "" : nm.declared(fn, s.file);
            return EscapeFact.of(s.kind, s.subject, s.result, s.level, false, steps(s.blocks), List.of(), nm.pkg, fn,
                    sym, s.file, s.line, s.col, sym.isEmpty() ? Attributable.NONE : Attributable.BY_COMPILER,
                    evidence(s));
        }

        private Fact orphanFact(Block b, Naming nm) {
            String sym = b.fn.isEmpty() ? "" : nm.declared(b.fn, b.file);
            String kind = b.leak ? EscapeFact.KIND_LEAK : EscapeFact.KIND_ESCAPES;
            return EscapeFact.of(kind, b.subject, b.leak ? b.dst : "", b.leak ? b.derefs : -1, true,
                    steps(List.of(b)), List.of(), nm.pkg, b.fn, sym, b.file, b.line, b.col,
                    sym.isEmpty() ? Attributable.NONE : Attributable.BY_COMPILER, evidence(b));
        }
    }
}
