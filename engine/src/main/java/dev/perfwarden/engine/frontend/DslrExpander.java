package dev.perfwarden.engine.frontend;

import org.drools.drl.parser.lang.ExpanderException;
import org.drools.drl.parser.lang.dsl.DSLMapping;
import org.drools.drl.parser.lang.dsl.DSLMappingEntry;
import org.drools.drl.parser.lang.dsl.DefaultExpander;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a {@code .dslr} rule with Drools' own {@link DefaultExpander} and keeps what Drools loses:
 * a map from expanded DRL lines back to DSLR lines, and a strict check that every sentence was
 * expanded completely.
 *
 * <p>Before expansion, comments are blanked (block comments keep their line breaks, so lines do not
 * move; comment lines inside a consequence would otherwise be glued onto the next line by the
 * expander) and the {@code expander} line is blanked. After that the expander keeps one output line
 * per input line, except {@code - constraint} sentences, which it merges into the pattern above.
 * DSL values must therefore be single-line (checked when the DSL file is loaded).
 *
 * <p>A sentence line is refused when no DSL entry of its section matches it, or when entries match only
 * part of it: Drools would pass the leftover words through as DRL.
 */
public final class DslrExpander {
    private static final Pattern RULE = Pattern.compile("^\\p{Blank}*rule\\b");
    private static final Pattern QUERY = Pattern.compile(
            "^\\s*query\\s+(?:\"[^\"]+\"|'[^']+'|\\S+)(?:\\s*\\([^)]+\\))?");
    private static final Pattern WHEN = Pattern.compile("^\\s*when\\b");
    private static final Pattern THEN = Pattern.compile("^\\s*then");
    private static final Pattern END = Pattern.compile("^\\s*end");
    private static final Pattern EXPANDER = Pattern.compile("^\\s*expander\\s+(\\S+?)\\s*;?\\s*$");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);

    /** A problem at a DSLR line and column (0 when the column is unknown). */
    public record LineProblem(int line, int column, String message) {
        LineProblem(int line, String message) {
            this(line, 0, message);
        }
    }

    /** The expansion: DRL text, the line map, the DSL the file named (or null), and problems. */
    public record Result(String drl, LineMap lineMap, String expanderName, List<LineProblem> problems) {
    }

    private enum Section { OUTSIDE, HEADER, LHS, RHS }

    private DslrExpander() {
    }

    /** The DSL named by an {@code expander} line, or null. */
    public static String expanderName(String dslr) {
        for (String line : dslr.split("\n", -1)) {
            Matcher m = EXPANDER.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    public static Result expand(String dslr, List<DSLMapping> mappings) {
        return new Expansion(prepare(dslr), mappings).run(expanderName(dslr));
    }

    /**
     * One expansion: the sections walked as the expander does (every sentence checked, {@code - constraint}
     * lines found), Drools' expansion of the other lines, the constraints spliced into their patterns, and
     * the line map from expanded DRL back to DSLR.
     */
    private static final class Expansion {
        private final String[] lines;
        private final List<DSLMapping> mappings;
        private final List<LineProblem> problems = new ArrayList<>();
        private final DefaultExpander expander = new DefaultExpander();
        private final List<DSLMappingEntry> condition = new ArrayList<>();
        private final List<DSLMappingEntry> consequence = new ArrayList<>();
        /** Lines holding a {@code - constraint} sentence, merged into the pattern above. */
        private final boolean[] merged;
        /** Merged lines whose constraint is spliced into a pattern above (in a condition, with a pattern). */
        private final boolean[] spliceHere;
        /** The 1-based lines whose sentences were checked (and reported) here. */
        private final Set<Integer> checked = new HashSet<>();
        private Section section = Section.OUTSIDE;
        private boolean patternAbove;

        Expansion(String[] lines, List<DSLMapping> mappings) {
            this.lines = lines;
            this.mappings = mappings;
            this.merged = new boolean[lines.length];
            this.spliceHere = new boolean[lines.length];
            for (DSLMapping m : mappings) {
                expander.addDSLMapping(m);
                for (DSLMappingEntry e : m.getEntries()) {
                    if (!DSLMappingEntry.CONSEQUENCE.equals(e.getSection())) {
                        condition.add(e); // [when], [keyword] and [*]
                    }
                    if (!DSLMappingEntry.CONDITION.equals(e.getSection())) {
                        consequence.add(e); // [then], [keyword] and [*]
                    }
                }
            }
        }

        Result run(String expanderName) {
            for (int i = 0; i < lines.length; i++) {
                String content = content(lines[i]);
                if (content != null) {
                    sentence(i, content);
                }
            }
            List<int[]> spanList = new ArrayList<>();
            String[] out = spliced(spanList);
            String drl = kept(out);
            for (ExpanderException e : expander.getErrors()) {
                int line = Math.max(0, e.getLine());
                if (checked.contains(line) && e.getMessage().contains("Unable to expand")) {
                    continue; // already reported, with a better message
                }
                problems.add(new LineProblem(line, stripBracketLine(e.getMessage())));
            }
            LineMap map = lineMap(drl, spanList);
            problems.sort(java.util.Comparator.comparingInt(LineProblem::line));
            return new Result(drl, map, expanderName, problems);
        }

        /** The part of {@code line} that the expander reads as sentences in this section, or null; moves the section. */
        private String content(String line) {
            switch (section) {
                case OUTSIDE: {
                    Matcher q = QUERY.matcher(line);
                    if (RULE.matcher(line).find()) {
                        section = Section.HEADER;
                        // "rule ... when" on one line is not expanded by Drools: treat the header as is
                        return null;
                    }
                    return q.find() ? enter(Section.LHS, line, q.end()) : null;
                }
                case HEADER: {
                    Matcher w = WHEN.matcher(line);
                    return w.find() ? enter(Section.LHS, line, w.end()) : null;
                }
                case LHS: {
                    Matcher t = THEN.matcher(line);
                    if (t.find()) {
                        return enter(Section.RHS, line, t.end());
                    }
                    if (END.matcher(line).find()) {
                        section = Section.OUTSIDE; // end of a query
                        return null;
                    }
                    return line;
                }
                case RHS: {
                    if (END.matcher(line).find()) {
                        section = Section.OUTSIDE;
                        return null;
                    }
                    return line;
                }
                default:
                    throw new IllegalStateException();
            }
        }

        private String enter(Section next, String line, int from) {
            section = next;
            patternAbove = false;
            return line.substring(from);
        }

        /** Checks the sentence on line {@code i} ({@code content}: its part after a keyword) and notes a constraint. */
        private void sentence(int i, String content) {
            String line = lines[i];
            String trimmed = content.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("//")) {
                return;
            }
            if (trimmed.startsWith(">")) {
                patternAbove = true;
                return;
            }
            boolean lhs = section == Section.LHS;
            int lineNo = i + 1;
            checked.add(lineNo);
            String uncovered = uncovered(content, lhs ? condition : consequence);
            int column = content.indexOf(trimmed) + 1 + (line.length() - content.length());
            if (uncovered == null) {
                problems.add(new LineProblem(lineNo, column, "no DSL " + (lhs ? "[when]" : "[then]")
                        + " entry matches this sentence: \"" + trimmed + "\"" + closest(trimmed, lhs ? condition
                        : consequence) + " (prefix DRL with '>' to pass it through)"));
            } else if (!uncovered.isEmpty()) {
                problems.add(new LineProblem(lineNo, column, "sentence not fully expanded: no DSL entry matches \""
                        + uncovered + "\" in \"" + trimmed + "\""));
            }
            if (trimmed.startsWith("-")) {
                merged[i] = true;
                spliceHere[i] = lhs && patternAbove;
                if (lhs && !patternAbove) {
                    problems.add(new LineProblem(lineNo, "constraint sentence \"" + trimmed
                            + "\" has no pattern above it to attach to"));
                }
            } else {
                patternAbove = true;
            }
        }

        /**
         * Drools' expansion with the constraints spliced in. Drools splices a "- constraint" into the line above at
         * that line's last ')' (or '('), strings included: a ')' or '(' inside a string literal above misplaces the
         * constraint or crashes the expander. So constraint lines are expanded alone, and spliced here by a
         * tokenizer that knows strings. Each splice adds its span to {@code spanList}.
         */
        private String[] spliced(List<int[]> spanList) {
            String[] forDrools = lines.clone();
            for (int i = 0; i < lines.length; i++) {
                if (merged[i]) {
                    forDrools[i] = "";
                }
            }
            String[] out = expander.expand(String.join("\n", forDrools) + "\n").split("\n", -1);
            int target = -1;
            for (int i = 0; i < lines.length && i < out.length; i++) {
                if (!merged[i]) {
                    if (!out[i].isBlank()) {
                        target = i;
                    }
                    continue;
                }
                String constraint = spliceHere[i] ? expandConstraint(lines[i], mappings) : null;
                if (constraint == null || target < 0) {
                    continue; // reported above: no entry matches, or no pattern above
                }
                String spliced = SentenceTokens.spliceConstraint(out[target], constraint);
                int above = target + 1;
                if (spliced == null && problems.stream().noneMatch(p -> p.line() == above)) {
                    problems.add(new LineProblem(i + 1, "constraint sentence \"" + lines[i].strip() + "\" has no"
                            + " pattern above it to attach to (the line above has no closing ')' outside strings)"));
                } else if (spliced != null) {
                    // the sentence's text in the pattern line: from the last ')' outside strings, as spliceConstraint put it
                    int at = SentenceTokens.lastCloseParen(out[target]);
                    int indent = lines[i].length() - lines[i].stripLeading().length();
                    spanList.add(new int[]{target, at + 1, at + spliced.length() - out[target].length(), i + 1, indent + 1});
                    out[target] = spliced;
                }
            }
            return out;
        }

        /** The expanded lines without the merged ones: the DRL. */
        private String kept(String[] out) {
            StringBuilder kept = new StringBuilder();
            for (int i = 0; i < out.length; i++) {
                if (i < lines.length && merged[i]) {
                    continue;
                }
                kept.append(out[i]);
                if (i < out.length - 1) {
                    kept.append('\n');
                }
            }
            return kept.toString();
        }

        /** DRL line to DSLR line, with the spliced constraints' spans; checks the DRL has the lines expected. */
        private LineMap lineMap(String drl, List<int[]> spanList) {
            int[] toSource = new int[lines.length];
            int[] expandedLine = new int[lines.length];
            int n = 0;
            for (int i = 0; i < lines.length; i++) {
                if (!merged[i]) {
                    toSource[n++] = i + 1;
                    expandedLine[i] = n;
                }
            }
            int[] spans = new int[spanList.size() * 5];
            for (int k = 0; k < spanList.size(); k++) {
                int[] sp = spanList.get(k);
                spans[5 * k] = expandedLine[sp[0]];
                System.arraycopy(sp, 1, spans, 5 * k + 1, 4);
            }
            int[] map = java.util.Arrays.copyOf(toSource, n);
            int expandedLines = drl.endsWith("\n") ? drl.split("\n", -1).length - 1 : drl.split("\n", -1).length;
            if (problems.isEmpty() && expandedLines != n) {
                problems.add(new LineProblem(0, "internal: the expanded DRL has " + expandedLines
                        + " lines where " + n + " were expected; line numbers in errors may be off"));
            }
            return LineMap.of(map, spans);
        }
    }

    /**
     * Lines ready for the expander: block comments and comment lines blanked (line breaks kept), the
     * {@code expander} line blanked. The result has exactly as many lines as the input.
     */
    static String[] prepare(String dslr) {
        Matcher m = BLOCK_COMMENT.matcher(dslr);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String keep = m.group().replaceAll("[^\n]", "");
            m.appendReplacement(sb, Matcher.quoteReplacement(keep));
        }
        m.appendTail(sb);
        String[] lines = sb.toString().split("\n", -1);
        if (lines.length > 0 && lines[lines.length - 1].isEmpty()) {
            lines = java.util.Arrays.copyOf(lines, lines.length - 1);
        }
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.startsWith("#") || t.startsWith("//") || EXPANDER.matcher(lines[i]).find()) {
                lines[i] = "";
            }
        }
        return lines;
    }

    /**
     * The words of {@code sentence} that no entry covers, joined by spaces; empty when all is covered;
     * null when no entry matches at all.
     */
    static String uncovered(String sentence, List<DSLMappingEntry> entries) {
        BitSet covered = new BitSet(sentence.length());
        for (DSLMappingEntry e : entries) {
            Pattern kp = e.getKeyPattern();
            if (kp == null) {
                continue;
            }
            Matcher m = kp.matcher(sentence);
            int from = 0;
            while (from <= sentence.length() && m.find(from)) {
                covered.set(m.start(), m.end());
                from = m.end() > m.start() ? m.end() : m.start() + 1;
            }
        }
        if (covered.isEmpty()) {
            return null;
        }
        StringBuilder left = new StringBuilder();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= sentence.length(); i++) {
            char c = i < sentence.length() ? sentence.charAt(i) : ' ';
            if (i < sentence.length() && !covered.get(i) && !Character.isWhitespace(c)) {
                word.append(c);
            } else if (word.length() > 0) {
                if (left.length() > 0) {
                    left.append(' ');
                }
                left.append(word);
                word.setLength(0);
            }
        }
        return left.toString();
    }

    /** The DRL of one {@code - constraint} sentence, expanded by Drools inside an empty pattern, or null. */
    private static String expandConstraint(String sentence, List<DSLMapping> mappings) {
        DefaultExpander one = new DefaultExpander();
        mappings.forEach(one::addDSLMapping);
        String probe = "rule \"constraint\"\nwhen\n    X__()\n" + sentence + "\nthen\nend\n";
        String expanded;
        try {
            expanded = one.expand(probe);
        } catch (RuntimeException e) {
            return null;
        }
        for (String l : expanded.split("\n")) {
            String t = l.strip();
            if (t.startsWith("X__(") && t.endsWith(")")) {
                String c = t.substring(4, t.length() - 1).strip();
                return c.isEmpty() ? null : c;
            }
        }
        return null;
    }

    /** "; closest known sentences: ..." with up to three entries nearest to {@code sentence}, or "". */
    static String closest(String sentence, List<DSLMappingEntry> entries) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (DSLMappingEntry e : entries) {
            if (e.getMappingKey() != null) {
                keys.add(e.getMappingKey().strip());
            }
        }
        List<String> best = Nearest.to(sentence, keys, 3);
        return best.isEmpty() ? "" : "; closest known sentences: " + String.join(" | ", best.stream()
                .map(k -> "\"" + k + "\"").toList());
    }

    private static String stripBracketLine(String msg) {
        return msg.replaceFirst("^\\[\\d+]\\s*", "").strip();
    }
}
