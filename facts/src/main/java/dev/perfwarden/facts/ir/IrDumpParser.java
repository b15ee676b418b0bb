package dev.perfwarden.facts.ir;

import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.Origin;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.core.SourcePaths;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.escape.EscapeTextParser;
import dev.perfwarden.facts.parse.BoundedLineReader;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the stderr of {@code go build -gcflags=-m=3} and {@code -m=4}: the {@code -m=2} lines (read by
 * {@link EscapeTextParser}, so an {@code -m=3} capture alone gives every {@code -m=2} fact) plus what only the
 * higher verbosities print, decoded by the table of {@link IrForms}:
 * <ul>
 *   <li>the IR of each inlined call, {@code Before inlining:} and {@code After inlining} (-m=3);</li>
 *   <li>the escape analysis statement trace ({@code [loop depth] F stmt: …}) and its labels (-m=3);</li>
 *   <li>each function's IR as escape analysis starts ({@code escAnalyze}) and each callee it looks at
 *       ({@code call to func}) (-m=4 only).</li>
 * </ul>
 * Decode (each line to an {@link IrLine}), resolve (a dump's lines into a tree by their depth; the base file
 * names of tree positions to the paths the output's positioned lines print), then validate: a tree line outside
 * a dump, one more than a step deeper than the line above it, or one whose text does not decode is counted
 * unparsed with its reason. Facts: {@link IrConversion}, {@link IrCall}, {@link IrVariable},
 * {@link InlinedBody}, {@link EscapeStmt}; one per distinct (dump kind aside) node and position, since the same
 * node shows up in the Before and After trees and again in {@code -m=4}'s function dumps.
 *
 * <p>Errors: a line longer than 1 MiB or holding binary bytes stops the input with a {@code MALFORMED}
 * {@link ParseException} naming its line.
 */
public final class IrDumpParser implements InputParser {
    static final String OUTSIDE = "IR tree line outside a dump";
    static final String TOO_DEEP = "IR tree line more than one level deeper than the line above it";
    static final String STRAY_ARROW = "IR tree line ending in '  ->  ' outside a 'substituting name' record";
    static final String SHAPE = "inliner record whose NAME lines do not follow its form"
            + " (substituting: NAME ...  ->  then NAME; not substituting, inlvar: one NAME)";

    private static final Pattern POSITIONED = Pattern.compile("^(\\S+?):\\d+(?::\\d+)?:");
    private static final Pattern INLINING = Pattern.compile("^(\\S+?):(\\d+):(\\d+): inlining call to (.+)$");
    private static final Pattern TC = Pattern.compile("\\s*\\btc\\(\\d+\\)$");
    private static final Pattern KEY_VALUE = Pattern.compile("^[A-Z][A-Za-z]*:\\S*$|^esc\\(\\S*\\)$");
    private static final Set<String> FLAGS = Set.of("Implicit", "OnStack", "Used", "InlFormal", "InlLocal",
            "IsClosureVar", "Def", "Addrtaken", "AutoTemp", "IsDDD", "Bounded", "Readonly", "InlinabilityChecked",
            "IsPackageInit", "Colas", "Transient", "NonNil", "IsOutputParamInRegisters", "IsOutputParamHeapAddr",
            "Addressable", "Byval", "HasDefer", "NilCheckDisabled", "Wrapper", "Dupok", "ABIWrapper");
    /** Ops whose first word after the op is a symbol ({@code DOTINTER main.area …}), not a type. */
    private static final Set<String> SYMBOL_OPS = Set.of("DOT", "DOTPTR", "DOTINTER", "DOTMETH", "METHEXPR",
            "METHVALUE", "XDOT", "STRUCTKEY", "LABEL", "GOTO", "BREAK", "CONTINUE");
    private static final Set<String> CALLS = Set.of("CALLFUNC", "CALLINTER", "CALLMETH");

    @Override
    public InputKind kind() {
        return InputKind.IR_DUMP;
    }

    @Override
    public boolean sniff(InputHead head) {
        if (head.directory() || head.bytes().length == 0 || head.binary()) {
            return false;
        }
        String text = head.text();
        int start = 0;
        int lines = 0;
        while (start < text.length() && lines < 2000) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                break;
            }
            String line = text.substring(start, nl);
            start = nl + 1;
            lines++;
            try {
                Optional<IrLine> l = IrForms.decode(line);
                if (l.isPresent() && l.get().form() != IrForms.Form.NODE && l.get().form() != IrForms.Form.LIST) {
                    return true; // a dump header or a statement of the escape trace
                }
            } catch (IllegalArgumentException e) {
                // a damaged tree line proves nothing either way
            }
        }
        return false;
    }

    @Override
    public void parse(InputSource source, ParseContext ctx) throws IOException, ParseException {
        Run run = new Run(ctx);
        try (InputStream in = source.open(); BoundedLineReader reader = new BoundedLineReader(in)) {
            run.read(reader);
        }
        if (run.others > 0) {
            new EscapeTextParser().parse(source, ctx, IrForms::claims);
        }
    }

    /** A decoded tree line with where it came from. */
    private record Row(long n, String raw, IrLine line) {
    }

    /** An open dump: its header and its tree lines ({@code form}: SUBST's phrase for inliner records, else ""). */
    private record Dump(String kind, String file, int line, int col, String callee, List<Row> rows, String form) {
    }

    private static final class Run {
        final ParseContext ctx;
        final Map<String, Set<String>> pathsByBase = new HashMap<>();
        final List<Function<Function<IrLine.Printed, SourcePos>, Fact>> pending = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final Map<String, String> inlinedAt = new HashMap<>();
        String pkg = "";
        Dump dump;
        long others;

        Run(ParseContext ctx) {
            this.ctx = ctx;
        }

        void read(BoundedLineReader reader) throws IOException, ParseException {
            while (true) {
                String raw;
                try {
                    raw = reader.readLine();
                } catch (BoundedLineReader.LineTooLongException e) {
                    throw ParseException.malformed(ctx.at(e.lineNumber()),
                            "line longer than " + BoundedLineReader.MAX_LINE + " bytes, not compiler output", e.head());
                }
                if (raw == null) {
                    break;
                }
                long n = reader.lineNumber();
                if (raw.isBlank()) {
                    continue;
                }
                if (reader.lastLineHadControl()) {
                    ctx.record();
                    throw ParseException.malformed(ctx.at(n), "binary data, not compiler output", raw);
                }
                Optional<IrLine> decoded;
                try {
                    decoded = IrForms.decode(raw);
                } catch (IllegalArgumentException e) {
                    ctx.record();
                    ctx.unparsed(n, e.getMessage(), raw);
                    continue;
                }
                if (decoded.isEmpty()) {
                    other(raw);
                    continue;
                }
                ctx.record();
                line(n, raw, decoded.get());
            }
            close();
            finish();
        }

        /** A line of the -m=2 vocabulary: not ours, but it names files and packages the dumps abbreviate. */
        private void other(String raw) {
            others++;
            close();
            if (raw.startsWith("# ")) {
                pkg = raw.substring(2).strip();
                return;
            }
            Matcher m = POSITIONED.matcher(raw);
            if (m.find()) {
                String path = SourcePaths.clean(m.group(1));
                pathsByBase.computeIfAbsent(SourcePaths.base(path), k -> new TreeSet<>()).add(path);
            }
            Matcher inl = INLINING.matcher(raw);
            if (inl.matches()) {
                inlinedAt.put(inl.group(1) + ":" + inl.group(2) + ":" + inl.group(3), inl.group(4));
            }
        }

        private void line(long n, String raw, IrLine l) {
            switch (l.form()) {
                case NODE, LIST -> {
                    if (dump == null) {
                        ctx.unparsed(n, OUTSIDE, raw);
                        return;
                    }
                    int above = dump.rows().isEmpty() ? 0 : dump.rows().get(dump.rows().size() - 1).line().depth();
                    if (l.depth() > above + 1) {
                        ctx.unparsed(n, TOO_DEEP, raw);
                        return;
                    }
                    if (!dump.form().isEmpty() ? !fitsInlinerRecord(dump, l) : l.text().equals(IrForms.SUBSTITUTED)) {
                        ctx.unparsed(n, dump.form().isEmpty() ? STRAY_ARROW : SHAPE, raw);
                        return;
                    }
                    dump.rows().add(new Row(n, raw, l));
                }
                case BEFORE, AFTER, CALL_DUMP, ESC_DUMP -> {
                    close();
                    String kind = switch (l.form()) {
                        case BEFORE -> IrDump.BEFORE_INLINING;
                        case AFTER -> IrDump.AFTER_INLINING;
                        case CALL_DUMP -> IrDump.ESCAPE_CALL;
                        default -> IrDump.ESCAPE_ANALYSIS;
                    };
                    String callee = inlinedAt.getOrDefault(l.file() + ":" + l.line() + ":" + l.col(), "");
                    String file = l.file().isEmpty() ? "" : SourcePaths.clean(l.file());
                    dump = new Dump(kind, file, l.line(), l.col(), callee, new ArrayList<>(), "");
                    if (!file.isEmpty()) {
                        pathsByBase.computeIfAbsent(SourcePaths.base(file), k -> new TreeSet<>()).add(file);
                    }
                }
                case STMT -> {
                    close();
                    String file = SourcePaths.clean(l.file());
                    Evidence ev = Evidence.of(InputKind.IR_DUMP, raw, ctx.at(n));
                    String p = pkg;
                    if (seen.add("stmt " + raw)) {
                        pending.add(r -> new EscapeStmt(l.loopDepth(), l.text(), IrDump.ESCAPE_TRACE,
                                List.of(new SourcePos(file, l.line(), l.col())),
                                new Origin(p, l.func(), "", file, l.line(), l.col(), Attributable.NONE), ev));
                    }
                }
                case SUBST, INLVAR -> {
                    // Go 1.19/1.20: a record of one or two NAME lines, the callee's name (and what it becomes);
                    // the caller's variable shows again, with its landed position, in the After inlining tree
                    close();
                    dump = new Dump(l.form() == IrForms.Form.SUBST ? IrDump.SUBSTITUTION : IrDump.INLINE_VARIABLE,
                            "", 0, 0, "", new ArrayList<>(), l.form() == IrForms.Form.SUBST ? l.text() : "inlvar");
                }
                // records; they carry no fact a rule needs (IMPORT: an imported body the inliner reads, as Go text)
                case LABEL, DEAD_CLOSURE, IMPORT -> close();
            }
        }

        /**
         * Whether {@code l} may come next in an inliner record: {@code substituting [captured] name} holds a NAME
         * ending in the arrow, then a NAME without it; {@code not substituting name} and {@code inlvar} one NAME.
         */
        private static boolean fitsInlinerRecord(Dump d, IrLine l) {
            if (l.form() != IrForms.Form.NODE || l.depth() != 1 || !l.op().equals("NAME")) {
                return false;
            }
            int at = d.rows().size();
            boolean arrow = l.text().equals(IrForms.SUBSTITUTED);
            return d.form().startsWith("substituting") ? at == 0 && arrow || at == 1 && !arrow : at == 0 && !arrow;
        }

        /** Ends the open dump: builds its tree and turns its nodes into facts. */
        private void close() {
            Dump d = dump;
            dump = null;
            if (d == null || d.rows().isEmpty()) {
                return;
            }
            if (!d.form().isEmpty()) {
                Row last = d.rows().get(d.rows().size() - 1);
                if (d.form().startsWith("substituting") && d.rows().size() != 2) {
                    ctx.unparsed(last.n(), SHAPE, last.raw()); // the arrow's NAME without its replacement
                }
                return; // the names are the After inlining tree's variables (with their landed positions) again
            }
            List<Row> rows = d.rows();
            int[] parent = parents(rows);
            for (int i = 0; i < rows.size(); i++) {
                IrLine l = rows.get(i).line();
                if (l.form() != IrForms.Form.NODE) {
                    continue;
                }
                List<IrLine.Printed> chain = l.chain().isEmpty() && !d.file().isEmpty()
                        ? List.of(new IrLine.Printed(SourcePaths.base(d.file()), d.line(), d.col())) : l.chain();
                if (!chain.isEmpty()) { // else a node the dump gives no position (type words, link symbols)
                    node(d, rows, parent, i, chain);
                }
            }
        }

        /** Each row's parent in the tree the depths draw (-1 for a root). */
        private static int[] parents(List<Row> rows) {
            int[] parent = new int[rows.size()];
            int[] stack = new int[rows.size()];
            int top = -1;
            for (int i = 0; i < rows.size(); i++) {
                int depth = rows.get(i).line().depth();
                while (top >= 0 && rows.get(stack[top]).line().depth() >= depth) {
                    top--;
                }
                parent[i] = top >= 0 ? stack[top] : -1;
                stack[++top] = i;
            }
            return parent;
        }

        /** The fact node {@code i} of dump {@code d} gives, if any (once per node, op and positions). */
        private void node(Dump d, List<Row> rows, int[] parent, int i, List<IrLine.Printed> chain) {
            Row row = rows.get(i);
            IrLine l = row.line();
            Evidence ev = Evidence.of(InputKind.IR_DUMP, row.raw(), ctx.at(row.n()));
            String key = l.op() + " " + l.name() + " " + l.detail() + " " + chain;
            String p = pkg;
            String kind = d.kind();
            if (l.op().equals("CONVIFACE")) {
                String from = "";
                for (int j = i + 1; j < rows.size() && rows.get(j).line().depth() > l.depth(); j++) {
                    if (parent[j] == i && rows.get(j).line().form() == IrForms.Form.NODE) {
                        from = typeOf(rows.get(j).line());
                        break;
                    }
                }
                String to = typeOf(l);
                boolean implicit = words(l).contains("Implicit");
                String f = from;
                if (seen.add(key)) {
                    add(chain, r -> new IrConversion(to, f, implicit, kind, r.chain, r.origin(p), ev));
                }
            } else if (CALLS.contains(l.op())) {
                String callee = callee(rows, parent, i);
                String result = typeOf(l);
                if (seen.add(key)) {
                    add(chain, r -> new IrCall(l.op(), callee, result, kind, r.chain, r.origin(p), ev));
                }
            } else if (l.op().equals("NAME")) {
                String cls = value(l, "Class");
                if (!cls.isEmpty() && !cls.equals("PFUNC") && seen.add(key)) {
                    Set<String> w = words(l);
                    String type = typeOf(l);
                    add(chain, r -> new IrVariable(l.name(), cls, w.contains("OnStack"),
                            w.contains("InlFormal") || w.contains("InlLocal"), w.contains("IsClosureVar"), type,
                            kind, r.chain, r.origin(p), ev));
                }
            } else if (l.op().equals("INLCALL") && l.depth() == 1 && kind.equals(IrDump.AFTER_INLINING)
                    && seen.add("inl " + d.callee() + " " + chain)) {
                String callee = d.callee();
                add(chain, r -> new InlinedBody(callee, r.chain.size() > 1, kind, r.chain, r.origin(p), ev));
            }
        }

        /** A fact whose positions are resolved when the whole output has been read. */
        private void add(List<IrLine.Printed> chain, Function<Resolved, Fact> make) {
            pending.add(resolver -> {
                List<SourcePos> ps = chain.stream().map(resolver).toList();
                SourcePos at = ps.get(0);
                return make.apply(new Resolved(ps, at.file(), at.line(), at.col()));
            });
        }

        private void finish() {
            Function<IrLine.Printed, SourcePos> resolver = p -> {
                Set<String> paths = pathsByBase.get(p.base());
                String file = paths != null && paths.size() == 1 ? paths.iterator().next() : p.base();
                return new SourcePos(file, p.line(), p.col());
            };
            for (var f : pending) {
                ctx.emit(f.apply(resolver));
            }
        }
    }

    private record Resolved(List<SourcePos> chain, String file, int line, int col) {
        /** Where the code landed, in package {@code pkg}; the function is resolved later. */
        Origin origin(String pkg) {
            return new Origin(pkg, "", "", file, line, col, Attributable.NONE);
        }
    }

    /**
     * The callee of the call at {@code i}: the first node of its {@code -Fun} list (Go 1.21 on: the field is
     * {@code Fun}), or its first child node printed without a list line (Go 1.19: the field is {@code X}, whose
     * list line the dump leaves out).
     */
    private static String callee(List<Row> rows, int[] parent, int i) {
        int depth = rows.get(i).line().depth();
        for (int j = i + 1; j < rows.size() && rows.get(j).line().depth() >= depth; j++) {
            IrLine l = rows.get(j).line();
            if (l.depth() == depth + 1 && parent[j] == i && l.form() == IrForms.Form.NODE) {
                return calleeName(l); // Go 1.19: CALLINTER, then DOTINTER main.scale one level deeper
            }
            if (l.form() == IrForms.Form.LIST && l.name().equals("Fun") && l.depth() == depth) {
                for (int k = j + 1; k < rows.size(); k++) {
                    if (parent[k] == j && rows.get(k).line().form() == IrForms.Form.NODE) {
                        return calleeName(rows.get(k).line());
                    }
                }
                return "";
            }
            if (l.depth() == depth && l.form() == IrForms.Form.NODE) {
                return ""; // the next sibling: no Fun list
            }
        }
        return "";
    }

    private static String calleeName(IrLine c) {
        if (!c.name().isEmpty()) {
            return c.name();
        }
        String[] w = c.detail().split(" ", 2);
        return SYMBOL_OPS.contains(c.op()) && !w[0].isEmpty() ? w[0] : c.op();
    }

    /** The flag words and {@code Key:Value} attributes at the start of a node's text. */
    private static Set<String> words(IrLine l) {
        Set<String> out = new HashSet<>();
        for (String w : TC.matcher(l.detail()).replaceFirst("").split(" ")) {
            if (FLAGS.contains(w) || KEY_VALUE.matcher(w).matches()) {
                out.add(w);
            } else {
                break;
            }
        }
        return out;
    }

    private static String value(IrLine l, String key) {
        for (String w : words(l)) {
            if (w.startsWith(key + ":")) {
                return w.substring(key.length() + 1);
            }
        }
        return "";
    }

    /** The node's type: its text after the symbol, flags and attributes, without {@code tc(N)}. */
    static String typeOf(IrLine l) {
        String[] w = TC.matcher(l.detail()).replaceFirst("").split(" ");
        int i = SYMBOL_OPS.contains(l.op()) ? 1 : 0;
        while (i < w.length && (FLAGS.contains(w[i]) || KEY_VALUE.matcher(w[i]).matches())) {
            i++;
        }
        return String.join(" ", java.util.Arrays.copyOfRange(w, Math.min(i, w.length), w.length)).strip();
    }
}
