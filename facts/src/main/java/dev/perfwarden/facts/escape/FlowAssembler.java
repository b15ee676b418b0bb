package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.CompilerNames;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.escape.Item.Block;
import dev.perfwarden.facts.escape.Item.Step;
import dev.perfwarden.facts.escape.Item.Summary;
import dev.perfwarden.facts.parse.ByteText;
import dev.perfwarden.facts.parse.CompilerLine;
import dev.perfwarden.facts.parse.Interner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code -m=2} flow assembler: collects the explanation lines of the open block
 * ({@code   flow: DST ← SRC:} and {@code     from WHERE (WHY) at POS}, both repeating the block header's
 * position), then, when the section ends, joins each block to the summary line of the same location.
 */
final class FlowAssembler {
    /** Explanation messages, after the position and its one separating space. */
    static final String FLOW = "  flow: ";
    static final String FROM = "    from ";
    static final String TRUNCATED = "  warning: truncated explanation";

    private final Interner in;
    /** The byte path's parts of each message seen before (null: none kept). */
    private final MessageCache messages;
    private Block open;
    private Step openStep;

    /** Flow-note positions ({@code at ./x.go:3:4}) repeat: each distinct text is parsed once (kept by the interner). */
    FlowAssembler(Interner in) {
        this(in, null);
    }

    /** As above, with the input's cache of the messages read from bytes. */
    FlowAssembler(Interner in, MessageCache messages) {
        this.in = in;
        this.messages = messages;
    }

    /** The block whose explanation lines may follow, or null. */
    Block open() {
        return open;
    }

    void open(Block b) {
        open = b;
        openStep = null;
    }

    void close() {
        open = null;
        openStep = null;
    }

    /** Keeps the open block and step across a line that interrupts them (a truncation warning). */
    Runnable suspend() {
        Block b = open;
        Step s = openStep;
        return () -> {
            open = b;
            openStep = s;
        };
    }

    /** Whether {@code l} repeats the open block's position. */
    private boolean inOpenBlock(CompilerLine l) {
        return open != null && l.raw().startsWith(open.prefix.isEmpty() ? PositionLexer.UNKNOWN_POSITION : open.prefix);
    }

    /** {@code flow: DST ← SRC:} (Go 1.24+) or {@code flow: DST = SRC:}; false when stray or malformed. */
    boolean flow(CompilerLine l) {
        String msg = l.message();
        if (!inOpenBlock(l) || !msg.endsWith(":")) {
            return false;
        }
        // the body is msg[b, e): between "flow: " and the final colon, cut out only where it is new
        int b = FLOW.length();
        int e = msg.length() - 1;
        int from = b;
        if (msg.startsWith("{", b)) {
            int close = CompilerNames.indexAtDepth0(msg.substring(b, e), " ", 0);
            from = close < 0 ? b : b + close;
        }
        int sep = indexBefore(msg, " ← ", from, e);
        if (sep < 0) {
            sep = indexBefore(msg, " = ", from, e);
        }
        if (sep <= b) {
            return false;
        }
        int src = sep + 3; // both separators are three characters
        int k = src;
        while (k < e && (msg.charAt(k) == '&' || msg.charAt(k) == '*')) {
            k++;
        }
        keyStart();
        Step s = new Step(keyed(in.intern(msg, b, sep)), keyed(in.intern(msg, src, k)), keyed(in.intern(msg, k, e)));
        keyEnd(s);
        open.steps.add(s);
        openStep = s;
        return true;
    }

    /** {@code from WHERE (WHY) at POS} under the open flow step; false when stray or malformed. */
    boolean note(CompilerLine l) {
        if (openStep == null || !inOpenBlock(l)) {
            return false;
        }
        // the body is msg[b, ...): after "from ", read in place
        String msg = l.message();
        int b = FROM.length();
        int at = msg.lastIndexOf(" at ");
        if (at <= b || msg.charAt(at - 1) != ')') {
            return false;
        }
        int openParen = msg.lastIndexOf('(', at - 1);
        if (openParen <= b) {
            return false;
        }
        int whereEnd = openParen;
        while (whereEnd > b && Character.isWhitespace(msg.charAt(whereEnd - 1))) {
            whereEnd--;
        }
        keyHigh = openStep.keyHigh;
        keyLow = openStep.keyLow;
        String where = keyed(in.intern(msg, b, whereEnd));
        String why = keyed(in.intern(msg, openParen + 1, at - 1));
        String atText = keyed(in.intern(msg, at + " at ".length(), msg.length()));
        addNote(where, why, atText);
        return true;
    }

    // ---- the same two lines read from their UTF-8 bytes (the parser's fast path: no String of the line)

    /** Arrow of Go 1.25+ flow lines, {@code " ← "}, in UTF-8. */
    private static final byte[] ARROW = " \u2190 ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EQUALS = " = ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AT = " at ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SPACE = {' '};

    /**
     * As {@link #flow(CompilerLine)} for a line of the open block whose message, {@code line[m, len)}, starts
     * with {@link #FLOW}; false, with nothing changed, for any line it does not take (the String path then
     * reads it and decides).
     */
    boolean flow(byte[] line, int m, int len) {
        if (open == null || line[len - 1] != ':') {
            return false;
        }
        Parts p = messages == null ? null : (Parts) messages.get(line, m, len);
        if (p == null) {
            p = flowParts(line, m, len);
            if (p == null) {
                return false;
            }
            if (messages != null) {
                messages.put(line, m, len, p);
            }
        }
        keyStart();
        fold(p);
        Step s = new Step(p.a, p.b, p.c);
        keyEnd(s);
        open.steps.add(s);
        openStep = s;
        return true;
    }

    /** The three interned parts of a flow message {@code line[m, len)} and their hashes, or null when not taken. */
    private Parts flowParts(byte[] line, int m, int len) {
        int b = m + FLOW.length();
        int e = len - 1;
        int from = b;
        if (line[b] == '{') { // {heap}, {storage for x}: the separator comes after the braces
            int close = ByteText.indexAtDepth0(line, SPACE, b, e);
            from = close < 0 ? b : close;
        }
        int sep = ByteText.indexOf(line, ARROW, from, e);
        int src = sep + ARROW.length;
        if (sep < 0) {
            sep = ByteText.indexOf(line, EQUALS, from, e);
            src = sep + EQUALS.length;
        }
        if (sep <= b) {
            return null;
        }
        int k = src;
        while (k < e && (line[k] == '&' || line[k] == '*')) {
            k++;
        }
        Parts p = new Parts();
        p.a = in.intern(line, b, sep);
        p.ah = in.lastKeyHigh();
        p.al = in.lastKeyLow();
        p.b = in.intern(line, src, k);
        p.bh = in.lastKeyHigh();
        p.bl = in.lastKeyLow();
        p.c = in.intern(line, k, e);
        p.ch = in.lastKeyHigh();
        p.cl = in.lastKeyLow();
        return p;
    }

    /**
     * The strings a message is read into (a flow's destination, operators and source; a note's where, why and
     * position text), the interner's hashes of each, and a note's {@link FlowNote} (immutable: shared by every
     * line of the same message).
     */
    private static final class Parts {
        String a;
        String b;
        String c;
        long ah;
        long al;
        long bh;
        long bl;
        long ch;
        long cl;
        FlowNote note;
    }

    /** {@link #keyed} of a message's three parts, in order. */
    private void fold(Parts p) {
        keyHigh = RepeatedSections.mix(keyHigh ^ p.ah);
        keyLow = RepeatedSections.mix(keyLow + p.al);
        keyHigh = RepeatedSections.mix(keyHigh ^ p.bh);
        keyLow = RepeatedSections.mix(keyLow + p.bl);
        keyHigh = RepeatedSections.mix(keyHigh ^ p.ch);
        keyLow = RepeatedSections.mix(keyLow + p.cl);
    }

    /** As {@link #note(CompilerLine)} for a line of the open block whose message starts with {@link #FROM}. */
    boolean note(byte[] line, int m, int len) {
        if (openStep == null) {
            return false;
        }
        Parts p = messages == null ? null : (Parts) messages.get(line, m, len);
        if (p == null) {
            p = noteParts(line, m, len);
            if (p == null) {
                return false;
            }
            if (messages != null) {
                messages.put(line, m, len, p);
            }
        }
        keyHigh = openStep.keyHigh;
        keyLow = openStep.keyLow;
        fold(p);
        openStep.notes.add(p.note);
        keyEnd(openStep);
        return true;
    }

    /** The parts of a note message {@code line[m, len)} and its {@link FlowNote}, or null when not taken. */
    private Parts noteParts(byte[] line, int m, int len) {
        int b = m + FROM.length();
        int at = lastAt(line, m, len);
        if (at <= b || line[at - 1] != ')') {
            return null;
        }
        int openParen = at - 1;
        while (openParen >= m && line[openParen] != '(') {
            openParen--;
        }
        if (openParen <= b) {
            return null;
        }
        int whereEnd = openParen;
        while (whereEnd > b && asciiWhitespace(line[whereEnd - 1])) {
            whereEnd--;
        }
        if (whereEnd > b && line[whereEnd - 1] < 0) {
            return null; // a character beyond ASCII before the "(": Character.isWhitespace decides, on the String
        }
        Parts p = new Parts();
        p.a = in.intern(line, b, whereEnd);
        p.ah = in.lastKeyHigh();
        p.al = in.lastKeyLow();
        p.b = in.intern(line, openParen + 1, at - 1);
        p.bh = in.lastKeyHigh();
        p.bl = in.lastKeyLow();
        p.c = in.intern(line, at + AT.length, len);
        p.ch = in.lastKeyHigh();
        p.cl = in.lastKeyLow();
        p.note = new FlowNote(p.a, p.b, position(p.c, line, at + AT.length, len), List.of());
        return p;
    }

    /**
     * {@code ByteText.lastIndexOf(line, " at ", m, len)}, found from the last space: a note's position holds no space,
     * so the last space is most often the end of {@code " at "} (no later {@code " at "} can hold a space beyond it).
     */
    private static int lastAt(byte[] line, int m, int len) {
        int sp = len - 1;
        while (sp >= m && line[sp] != ' ') {
            sp--;
        }
        int at = sp - 3;
        if (at >= m && line[at] == ' ' && line[at + 1] == 'a' && line[at + 2] == 't') {
            return at;
        }
        return ByteText.lastIndexOf(line, AT, m, len);
    }

    /** Adds a note; {@code atText} is the string the interner returned last (its parsed position is kept there). */
    private void addNote(String where, String why, String atText) {
        openStep.notes.add(new FlowNote(where, why, position(atText), List.of()));
        keyEnd(openStep);
    }

    /** The position of a note's text {@code atText}, the string the interner returned last (parsed once, kept there). */
    private SourcePos position(String atText) {
        SourcePos pos = (SourcePos) in.lastAttachment();
        if (pos == null) {
            int handle = in.lastHandle();
            pos = PositionLexer.sourcePos(atText, in);
            in.attach(handle, atText, pos);
        }
        return pos;
    }

    /** As {@link #position(String)}, {@code atText} being the bytes {@code line[from, to)}: read from them when new. */
    private SourcePos position(String atText, byte[] line, int from, int to) {
        SourcePos pos = (SourcePos) in.lastAttachment();
        if (pos == null) {
            int handle = in.lastHandle();
            pos = PositionLexer.sourcePos(line, from, to, in, lexed);
            if (pos == null) {
                pos = PositionLexer.sourcePos(atText, in);
            }
            in.attach(handle, atText, pos);
        }
        return pos;
    }

    /** The file's end, line and column {@link PositionLexer#sourcePos(byte[], int, int, Interner, int[])} found. */
    private final int[] lexed = new int[3];

    // ---- the step's key for RepeatedSections: the interner's hashes of each string, folded in order

    private long keyHigh;
    private long keyLow;

    private void keyStart() {
        keyHigh = 0x243F6A8885A308D3L;
        keyLow = 0x13198A2E03707344L;
    }

    /** Folds the hashes of {@code s}, which the interner has just returned, into the key being made. */
    private String keyed(String s) {
        keyHigh = RepeatedSections.mix(keyHigh ^ in.lastKeyHigh());
        keyLow = RepeatedSections.mix(keyLow + in.lastKeyLow());
        return s;
    }

    private void keyEnd(Step s) {
        s.keyHigh = keyHigh;
        s.keyLow = keyLow;
    }

    /** {@link Character#isWhitespace} of an ASCII byte. */
    private static boolean asciiWhitespace(byte c) {
        return c == ' ' || c >= 0x09 && c <= 0x0d || c >= 0x1c && c <= 0x1f;
    }

    /**
     * Attaches each explanation block to the summary line of the same location: same position and
     * subject; failing that, for an escape block, the one escape summary at that position that no block
     * explains (Go 1.26 explains the copy of {@code toIface(x)} inlined into {@code main} as
     * {@code x escapes to heap in main:} but sums it up as {@code 3 escapes to heap}).
     *
     * @param summaries summaries by {@link EscapeSection#escKey}/{@link EscapeSection#leakKey}
     * @param escapesAt escape summaries by position only
     */
    static void join(List<Item> items, Map<EscapeSection.SiteKey, List<Summary>> summaries,
                     Map<EscapeSection.SiteKey, List<Summary>> escapesAt) {
        List<Block> unmatched = new ArrayList<>();
        for (int from = 0; from < items.size(); from += EscapeSection.RUN) { // in runs: see EscapeSection.flush
            joinRun(items, from, Math.min(items.size(), from + EscapeSection.RUN), summaries, unmatched);
        }
        for (Block b : unmatched) {
            List<Summary> at = escapesAt.get(EscapeSection.SiteKey.at(b.file, b.line, b.col));
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
    }

    /** {@link #join}'s first pass for items {@code [from, to)}: each block attached to its summary, else unmatched. */
    private static void joinRun(List<Item> items, int from, int to, Map<EscapeSection.SiteKey, List<Summary>> summaries,
                                List<Block> unmatched) {
        for (int i = from; i < to; i++) {
            if (items.get(i) instanceof Block b && !attach(b, summaries.get(b.key)) && !b.leak) {
                unmatched.add(b);
            }
        }
    }

    /** Picks, for a leak block, the summary leaking to the block's destination (else to the heap). */
    private static boolean attach(Block b, List<Summary> cands) {
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

    /** The flow steps of {@code blocks}, one path per block. */
    static List<FlowStep> steps(List<Block> blocks) {
        if (blocks == null || blocks.isEmpty()) {
            return List.of();
        }
        List<FlowStep> out = new ArrayList<>();
        int path = 0;
        for (Block b : blocks) {
            for (Step s : b.steps) {
                out.add(new FlowStep(path, s.dst, s.ops, s.src, SourcePos.UNKNOWN, List.of(), s.notes));
            }
            path++;
        }
        return out;
    }

    /** The first index of {@code sep} in {@code s} at or after {@code from} that ends by {@code end}, or -1. */
    private static int indexBefore(String s, String sep, int from, int end) {
        int i = s.indexOf(sep, from);
        return i >= 0 && i + sep.length() <= end ? i : -1;
    }
}
