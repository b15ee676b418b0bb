package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.CompilerNames;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.SourcePaths;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.escape.Item.Block;
import dev.perfwarden.facts.escape.Item.Simple;
import dev.perfwarden.facts.escape.Item.Summary;
import dev.perfwarden.facts.escape.Item.Unknown;
import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.parse.CompilerLine;
import dev.perfwarden.facts.parse.Interner;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.LineOffsets;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.source.PackageDirs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code # pkg} section of {@code -m} output: the sink {@link EscapeMessages} decodes lines into,
 * resolved into facts when the section ends (blocks joined to their summaries, names qualified once the
 * section shows whether it is a {@code main} package, unknown lines given their reason).
 */
final class EscapeSection {
    static final String UNKNOWN_MESSAGE = "unknown compiler message";
    static final String COMPILER_ERROR = "compiler error";
    static final String STRAY_FLOW = "flow line outside an explanation block";
    static final String UNKNOWN_LINE = "unknown line";

    /** Errors of the gc/types2 front end that may share a section with -m output. */
    private static final String[] ERROR_MARKERS = {"undefined: ", "syntax error", "declared and not used",
            "imported and not used", "cannot use ", "too many errors", "invalid operation", "missing return",
            "not enough arguments", "too many arguments", "redeclared", "cannot assign", "mismatched types",
            "non-boolean", "cannot convert", "invalid argument", "assignment mismatch", "undeclared name",
            "is not used", "cannot call", "cannot range", "has no field or method", "escapes to heap, not allowed"};

    /** State of the whole input that sections share. */
    static final class Input {
        final ParseContext ctx;
        final Interner in;
        /** Where each line starts, for evidence kept by reference. */
        final LineOffsets lines;
        /** Facts of earlier sections, so that a section printed again adds none (k copies, one fact). */
        final RepeatedSections repeats = new RepeatedSections();
        /** What the explanation messages read from their bytes gave, by message: shared by the input's sections. */
        final MessageCache messages;
        long recognised;
        /** The bytes of line {@link #bytesLine} when the parser read it from its bytes (its key is hashed from them). */
        byte[] lineBytes;
        int lineLength;
        long bytesLine = -1;

        /** The bytes of {@code source} (0 when unknown). */
        private static long size(InputSource source) {
            try {
                return source == null || source.path() == null ? 0 : java.nio.file.Files.size(source.path());
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }

        Input(ParseContext ctx, InputSource source) {
            this.ctx = ctx;
            this.lines = new LineOffsets(source);
            // sized for one distinct string per KiB of -m=2 text: std's 151 MB pool 131-262 thousand, in the 512 Ki slots
            // the table grew to
            int expected = (int) Math.min(1 << 21, size(source) / 1024);
            this.in = Interner.expecting(expected);
            // std's 151 MB: 136 thousand distinct explanation messages, about one per KiB as the interner's strings
            this.messages = new MessageCache(1 << 19, expected);
        }
    }

    final Input input;
    final String pkg;
    final String variant;
    final PackageDecl decl;
    final FlowAssembler flows;
    private final List<Item> items = new ArrayList<>();
    private final Map<SiteKey, List<Summary>> summaries = new HashMap<>();
    /** Escape summaries by position only, for blocks whose subject the summary prints differently. */
    private final Map<SiteKey, List<Summary>> escapesAt = new HashMap<>();
    private final Set<String> localRoots = new HashSet<>();
    private final Map<String, Integer> dirVotes = new HashMap<>();
    private final List<String[]> pendingDeclared = new ArrayList<>();
    private final Set<Long> strays = new HashSet<>();
    private int recognised;
    private boolean mainFunc;

    EscapeSection(Input input, String pkg, String variant, PackageDecl decl) {
        this.input = input;
        this.pkg = pkg;
        this.variant = variant;
        this.decl = decl;
        this.flows = new FlowAssembler(input.in, input.messages);
        localRoots.add("init");
    }

    // ---- the sink of decoded lines

    String in(String s) {
        return input.in.intern(s);
    }

    void ok() {
        recognised++;
        input.recognised++;
    }

    void unknown(long n, String raw, boolean continuation) {
        flows.close();
        items.add(new Unknown(n, raw, continuation));
    }

    /** An explanation line that belongs to no open block (or is malformed). */
    void strayFlow(long n, String raw) {
        items.add(new Unknown(n, raw, false));
        strays.add(n);
    }

    void flow(CompilerLine l) {
        if (flows.flow(l)) {
            ok();
        } else {
            strayFlow(l.number(), l.raw());
        }
    }

    void note(CompilerLine l) {
        if (flows.note(l)) {
            ok();
        } else {
            strayFlow(l.number(), l.raw());
        }
    }

    /** {@code warning: truncated explanation…}: a remark of the open block's function, which goes on after it. */
    void truncated(CompilerLine l) {
        Block open = flows.open();
        if (open == null) {
            strayFlow(l.number(), l.raw());
            return;
        }
        Runnable resume = flows.suspend();
        remark(l, CompilerRemark.KIND_TRUNCATED_EXPLANATION, l.message().substring(2), open.fn);
        resume.run();
    }

    void remark(CompilerLine l, String kind, String text, String fn) {
        simple(l, new FactBuilders.Remark(kind, text, fn, l.file(), l.line(), l.col()));
    }

    void simple(CompilerLine l, Item.Builder b) {
        flows.close();
        ok();
        vote(l.file());
        items.add(keyed(new Simple(l, b)));
    }

    /** An escape summary that explanation blocks may join. */
    void summary(CompilerLine l, String kind, String subject, String result, int level, SiteKey key) {
        flows.close();
        ok();
        vote(l.file());
        Summary s = keyed(new Summary(l, kind, subject, result, level, key));
        items.add(s);
        add(summaries, key, s);
        if (kind.equals(EscapeFact.KIND_ESCAPES)) {
            add(escapesAt, SiteKey.at(l.file(), l.line(), l.col()), s);
        }
    }

    /** {@code map.computeIfAbsent(key, k -> new ArrayList<>(1)).add(s)} without a lambda to link in a cold parse. */
    private static void add(Map<SiteKey, List<Summary>> map, SiteKey key, Summary s) {
        List<Summary> l = map.get(key);
        if (l == null) {
            l = new ArrayList<>(1);
            map.put(key, l);
        }
        l.add(s);
    }

    /** An escape line no block explains ({@code does not escape}, {@code assuming … unsafe uintptr} …). */
    void escSimple(CompilerLine l, String kind, String subject, String result, int level) {
        simple(l, new FactBuilders.EscSimple(kind, subject, result, level, l.file(), l.line(), l.col()));
    }

    /** Opens an explanation block ({@code X escapes to heap[ in F]:} or {@code parameter P leaks to …:}). */
    void block(CompilerLine l, boolean leak, String subject, String dst, int derefs, String fn) {
        ok();
        vote(l.file());
        if (!fn.isEmpty()) {
            local(fn);
        }
        SiteKey key = leak ? leakKey(l, subject) : escKey(l, subject);
        Block b = keyed(new Block(l, leak, subject, dst, derefs, fn, key));
        items.add(b);
        flows.open(b);
    }

    /**
     * An inlining line.
     *
     * @param fn       the function the line attributes itself to ("" none)
     * @param declared whether {@code target} is declared at this position (target == symbol)
     */
    void inline(CompilerLine l, String kind, String target, String reason, String reasonKind, int cost, int budget,
                int score, String fn, boolean declared) {
        simple(l, new FactBuilders.Inline(kind, target, reason, reasonKind, cost, budget, score, fn, declared, l.file(),
                l.line(), l.col()));
    }

    /** A function compiled in this package's own directory names a local root. */
    void declaredHere(String name, String file) {
        if (CompilerNames.head(name).isEmpty()) {
            local(name);
        } else {
            pendingDeclared.add(new String[] {name, file});
        }
    }

    /** {@code name} is a function of this package (its root qualifies later names). */
    void local(String name) {
        String root = CompilerNames.root(name);
        if (!root.isEmpty()) {
            localRoots.add(root);
        }
        if (name.equals("main")) {
            mainFunc = true;
        }
    }

    private void vote(String file) {
        if (!file.isEmpty() && !SourcePaths.pseudo(file)) {
            if (!file.equals(lastVoteFile)) { // files are interned and mostly repeat: cut the folder out once
                String dir = SourcePaths.dir(file);
                lastVoteFile = file;
                if (!dir.equals(lastVoteDir)) {
                    countVotes();
                    lastVoteDir = dir;
                }
            }
            pendingVotes++; // counted into dirVotes when the folder changes (lines of one folder mostly follow each other)
        }
    }

    /** Adds the pending votes of {@link #lastVoteDir} to {@link #dirVotes}. */
    private void countVotes() {
        if (pendingVotes > 0) {
            Integer votes = dirVotes.get(lastVoteDir);
            dirVotes.put(lastVoteDir, votes == null ? pendingVotes : votes + pendingVotes);
            pendingVotes = 0;
        }
    }

    private String lastVoteFile;
    private String lastVoteDir;
    private int pendingVotes;

    /**
     * What joins an explanation block to its summary: the position, escape or leak, and the subject (every
     * {@code append(…)} is {@code append}: Go 1.26 sums them up so). With no subject, a position alone.
     */
    record SiteKey(String file, int line, int col, boolean leak, String subject) {
        static SiteKey at(String file, int line, int col) {
            return new SiteKey(file, line, col, false, "");
        }

        // written out: the record's own are bound through method handles, slow before the JIT has compiled them
        // (a key per summary line and block of a std parse, looked up in a HashMap); only looked up, never iterated
        @Override
        public boolean equals(Object o) {
            return o instanceof SiteKey k && line == k.line && col == k.col && leak == k.leak && file.equals(k.file)
                    && subject.equals(k.subject);
        }

        @Override
        public int hashCode() {
            return (((file.hashCode() * 31 + line) * 31 + col) * 31 + (leak ? 1 : 0)) * 31 + subject.hashCode();
        }
    }

    static SiteKey escKey(CompilerLine l, String subject) {
        String s = subject.startsWith("append(") ? "append" : subject;
        return new SiteKey(l.file(), l.line(), l.col(), false, s);
    }

    static SiteKey leakKey(CompilerLine l, String param) {
        return new SiteKey(l.file(), l.line(), l.col(), true, param);
    }

    /** Hashes the line of {@code it} for {@link RepeatedSections}: from the bytes read when it has them. */
    private <T extends Item> T keyed(T it) {
        if (input.bytesLine == it.lineNo) {
            RepeatedSections.hashLine(it, input.lineBytes, input.lineLength);
        } else {
            byte[] b = it.raw.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            RepeatedSections.hashLine(it, b, b.length);
        }
        return it;
    }

    // ---- resolution

    /** Emits the section's facts and unparsed lines, in input order. */
    void flush() {
        flows.close();
        if (decl == null && items.isEmpty()) {
            return;
        }
        SectionNaming naming = naming();
        FlowAssembler.join(items, summaries, escapesAt);
        escapesAt.clear();
        ParseContext ctx = input.ctx;
        RepeatedSections.Key header = RepeatedSections.header(pkg, variant);
        input.repeats.sectionStarts(header);
        if (decl != null) {
            if (input.repeats.repeated(header)) {
                ctx.repeated();
            } else {
                ctx.emit(decl);
            }
        }
        String lastUnknownReason = UNKNOWN_MESSAGE;
        // one call per run of RUN items: a loop over a whole section runs interpreted until the JIT replaces it on the
        // stack (a few hundred sections, each flushed once, never reach the call count that compiles flush itself:
        // std's first 180 thousand items ran so under the launcher's options); emitRun is compiled after some hundreds
        for (int from = 0; from < items.size(); from += RUN) {
            lastUnknownReason = emitRun(from, Math.min(items.size(), from + RUN), header, naming, ctx,
                    lastUnknownReason);
        }
        input.repeats.sectionEnded();
        items.clear();
        summaries.clear();
    }

    /** Items per call of {@link #emitRun} (and of {@link FlowAssembler#join}'s first pass). */
    static final int RUN = 16;

    /** {@link #emit} of items {@code [from, to)}; the reason of the last unknown line. */
    private String emitRun(int from, int to, RepeatedSections.Key header, SectionNaming naming, ParseContext ctx,
                           String lastUnknownReason) {
        String reason = lastUnknownReason;
        for (int i = from; i < to; i++) {
            reason = emit(items.get(i), header, naming, ctx, reason);
        }
        return reason;
    }

    /** Emits one item of the section (a fact, a repeat or an unparsed line); the reason of the last unknown line. */
    private String emit(Item it, RepeatedSections.Key header, SectionNaming naming, ParseContext ctx,
                        String lastUnknownReason) {
        if (it instanceof Unknown) {
            Unknown u = (Unknown) it;
            String reason = reason(u, lastUnknownReason);
            ctx.unparsed(u.lineNo, reason, u.raw);
            return reason;
        }
        if (it instanceof Block && ((Block) it).claimed) {
            return lastUnknownReason; // part of its summary's fact
        }
        if (input.repeats.repeated(RepeatedSections.key(header, it))) {
            ctx.repeated();
        } else if (it instanceof Simple) {
            Simple s = (Simple) it;
            ctx.emit(s.builder.build(naming, evidence(s)));
        } else if (it instanceof Summary) {
            ctx.emit(summaryFact((Summary) it, naming));
        } else if (it instanceof Block) {
            ctx.emit(orphanFact((Block) it, naming));
        }
        return lastUnknownReason;
    }

    /** The package's own directory is the one most lines name; its functions' roots are local. */
    private SectionNaming naming() {
        countVotes();
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
        return new SectionNaming(pkg, prefix, new PackageDirs(mainDir, pkg), localRoots);
    }

    private String reason(Unknown u, String lastUnknownReason) {
        if (strays.contains(u.lineNo)) {
            return STRAY_FLOW;
        }
        if (u.continuation) {
            return lastUnknownReason.equals(COMPILER_ERROR) || recognised == 0 ? COMPILER_ERROR : UNKNOWN_LINE;
        }
        if (recognised == 0 && decl != null || errorVocabulary(u.raw)) {
            return COMPILER_ERROR;
        }
        return PositionLexer.lex(u.raw) != null ? UNKNOWN_MESSAGE : UNKNOWN_LINE;
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
        return input.lines.evidence(InputKind.ESCAPE_TEXT, it.raw, input.ctx.at(it.lineNo), it.lineNo);
    }

    private EscapeFact summaryFact(Summary s, SectionNaming nm) {
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
        return EscapeFact.of(s.kind, s.subject, s.result, s.level, false, FlowAssembler.steps(s.blocks), List.of(),
                nm.pkg, fn, sym, s.file, s.line, s.col, sym.isEmpty() ? Attributable.NONE : Attributable.BY_COMPILER,
                evidence(s));
    }

    private EscapeFact orphanFact(Block b, SectionNaming nm) {
        String sym = b.fn.isEmpty() ? "" : nm.declared(b.fn, b.file);
        String kind = b.leak ? EscapeFact.KIND_LEAK : EscapeFact.KIND_ESCAPES;
        return EscapeFact.of(kind, b.subject, b.leak ? b.dst : "", b.leak ? b.derefs : -1, true,
                FlowAssembler.steps(List.of(b)), List.of(), nm.pkg, b.fn, sym, b.file, b.line, b.col,
                sym.isEmpty() ? Attributable.NONE : Attributable.BY_COMPILER, evidence(b));
    }
}
