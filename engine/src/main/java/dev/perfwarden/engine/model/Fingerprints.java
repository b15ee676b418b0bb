package dev.perfwarden.engine.model;

import dev.perfwarden.facts.core.Sha256;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.symbols.Symbols;

import java.util.Collection;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finding fingerprints that survive edits moving code up or down, and checkouts in other folders: sha256
 * (hex) over the rule id, the function's site key (its symbol with every type-argument list written {@code [...]}:
 * which instance of a generic function a finding names is chosen by the samples, not part of the site) and the
 * evidence texts, each text normalised so that
 * positions, addresses, the folders of file paths and measured benchmark values do not count, nor, in the finding of a
 * generic function, shapes ({@code go.shape.int}: which instance's evidence it shows depends on the samples).
 * Profile evidence ({@code pprof}) is left out because it measures a run, it does not identify code.
 * Published in SARIF as {@code partialFingerprints["perfwarden/v1"]}.
 */
public final class Fingerprints {
    /** The SARIF partialFingerprints key; bump the version when a change of the normalisation changes the fingerprints of findings in general (not only those naming shapes: docs/suppressions.md). */
    public static final String KEY = "perfwarden/v1";
    /**
     * The fingerprint of a finding whose fingerprint is made later ({@link Sites#merge}) or never (a finding hidden by
     * where it is): the empty text, which {@link #of} never returns.
     */
    public static final String LATER = "";

    /** {@code file.go:12:9} → {@code file.go}; also {@code (b.go:12)} in assembly listings. */
    private static final Pattern FILE_POS = Pattern.compile("(\\.[A-Za-z0-9_]+):\\d+(?::\\d+)?");
    /**
     * The folders of a Go file's path ({@code ./}, {@code pkg/}, {@code /home/ci/src/m/}, {@code file:///...}):
     * they differ between machines and checkouts (objdump and -json print absolute paths), while the
     * function symbol already says which package it is.
     */
    private static final Pattern GO_FILE_DIRS = Pattern.compile("(?<![\\w.])(?:[A-Za-z]:)?[^\\s:()\"'\\[\\]{},]*/"
            + "(?=[^/\\s:()\"'\\[\\]{},]+\\.(?:go|s)\\b)");
    /** -json positions: {@code "line":12}, {@code "character":9}. */
    private static final Pattern JSON_POS = Pattern.compile("\"(line|character)\":\\s*\\d+");
    /** SSA dumps' line annotations: {@code (34)}, {@code (+34)}, {@code (?)}. */
    private static final Pattern SSA_LINE = Pattern.compile("\\((?:\\+?\\d+|\\?)\\)");
    /** Measured values in benchmark lines (they change from run to run). */
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    /** Code addresses and offsets: {@code 0x4a1b20}, {@code +0x1a}. */
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    /** objdump's instruction-bytes column (relative call targets change when code moves). */
    private static final Pattern OBJDUMP_BYTES = Pattern.compile("\\t[0-9a-f]{2,}\\t");
    /** The 5-digit decimal program counter of {@code -S} listings. */
    private static final Pattern ASM_PC = Pattern.compile("(?<![\\w.])\\d{5}(?![\\w.])");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Fingerprints() {
    }

    public static String of(String rule, String symbol, Collection<Evidence> evidence) {
        TreeSet<String> texts = new TreeSet<>();
        // in a generic function's finding, which instance's evidence it shows depends on the samples: shapes do not
        // count; elsewhere they tell findings apart (run calling Index[go.shape.int] on one line and
        // Index[go.shape.string] on the next is two findings)
        boolean generic = symbol != null && symbol.indexOf('[') >= 0;
        for (Evidence e : evidence) {
            if (!"pprof".equals(e.input())) {
                String t = normalise(e.input(), e.text());
                texts.add(e.input() + ": " + (generic && t.contains(SHAPE) ? collapseShapeArgs(t) : t));
            }
        }
        StringBuilder sb = new StringBuilder(KEY).append('\n')
                .append(rule).append('\n')
                .append(symbol == null ? "" : Symbols.collapseTypeArgs(symbol)).append('\n');
        for (String t : texts) {
            sb.append(t).append('\n');
        }
        return Sha256.hex(sb.toString());
    }

    /**
     * The evidence text as it enters the fingerprint: positions, addresses and whitespace runs removed. A pattern
     * runs only on a text holding the character it cannot match without (a start computes some 200 fingerprints,
     * with the regex engine still interpreted).
     */
    public static String normalise(String input, String text) {
        String s = text;
        if ("objdump".equals(input) && s.indexOf('\t') >= 0) {
            s = OBJDUMP_BYTES.matcher(s).replaceAll("\t\t");
        }
        if (s.indexOf(':') >= 0) {
            s = FILE_POS.matcher(s).replaceAll("$1");
        }
        if (s.indexOf('/') >= 0) {
            s = GO_FILE_DIRS.matcher(s).replaceAll("");
        }
        if (s.contains("0x")) {
            s = HEX.matcher(s).replaceAll("0x");
        }
        if ("asm-listing".equals(input)) {
            s = ASM_PC.matcher(s).replaceAll("");
        }
        if ("logopt-json".equals(input)) {
            s = JSON_POS.matcher(s).replaceAll("\"$1\":0");
        }
        if ("ssa".equals(input)) {
            s = SSA_LINE.matcher(s).replaceAll("()");
        }
        if ("bench".equals(input)) {
            s = NUMBER.matcher(s).replaceAll("#");
        }
        return (foldsSpace(s) ? SPACE.matcher(s).replaceAll(" ") : s).strip();
    }

    private static final String SHAPE = "go.shape.";

    /**
     * Every bracketed list that holds a shape written {@code [...]} (in the evidence of a generic function's finding): {@code (*Map[go.shape.int,go.shape.int]).Load}
     * and {@code (*Map[go.shape.string,go.shape.int]).Load} are one function's instances, and which of them a site's
     * finding takes its evidence from depends on the samples. Lists without a shape ({@code [16]uintptr},
     * {@code map[string]int}, the dictionary wrapper's {@code Map[string,int]}) are kept.
     */
    static String collapseShapeArgs(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int close = c == '[' ? Symbols.closingBracket(s, i) : -1;
            if (close > 0 && s.substring(i, close).contains(SHAPE)) {
                out.append("[...]");
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Whether {@link #SPACE} would change {@code s}: a white space other than ' ', or two in a row. */
    private static boolean foldsSpace(String s) {
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ws = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (ws && (space || c != ' ')) {
                return true;
            }
            space = ws;
        }
        return false;
    }
}
