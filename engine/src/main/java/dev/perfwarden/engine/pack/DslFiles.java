package dev.perfwarden.engine.pack;

import org.drools.drl.parser.lang.dsl.DSLMapping;
import org.drools.drl.parser.lang.dsl.DSLMappingEntry;
import org.drools.drl.parser.lang.dsl.DSLTokenizedMappingFile;
import org.kie.internal.builder.KnowledgeBuilderResult;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a pack's DSL vocabulary: the {@code *.dsl} files at its root, each entry one line of plain sentence. */
final class DslFiles {
    private static final Pattern SLOT = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*}");
    private static final Pattern DSL_NOT_PLAIN = Pattern.compile("[^\\p{L}\\p{N} '\",.:;\\-_/%<>!&#@~]");

    private DslFiles() {
    }

    /** The pack's DSL mappings by path (only those without problems); {@code texts} receives every file's text. */
    static Map<String, DSLMapping> read(PackReading r, Map<String, String> texts) {
        Map<String, DSLMapping> dsls = new TreeMap<>();
        for (String path : r.paths()) {
            if (path.contains("/") || !path.endsWith(".dsl")) {
                continue;
            }
            String text = r.read(path);
            texts.put(path, text);
            String[] lines = text.split("\n", -1);
            oneLineValues(r, path, lines);
            DSLMapping mapping = parse(r, path, text);
            if (mapping != null && plainSentences(r, path, lines, mapping)) {
                dsls.put(path, mapping);
            }
        }
        return dsls;
    }

    private static void oneLineValues(PackReading r, String path, String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            int eq = unescapedEquals(l);
            if (l.startsWith("[") && eq > 0 && l.substring(eq + 1).contains("\\n")) {
                r.problem(path, i + 1, 0, "DSL values must be one line (no \\n), so that errors map to DSLR lines");
            }
        }
    }

    /** Drools' reading of the file, or null (with problems) when it has errors. */
    private static DSLMapping parse(PackReading r, String path, String text) {
        DSLTokenizedMappingFile f = new DSLTokenizedMappingFile();
        boolean ok;
        try {
            ok = f.parseAndLoad(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            r.problem(path, 0, 0, "DSL parser failed: " + e.getMessage());
            return null;
        }
        for (KnowledgeBuilderResult res : f.getErrors()) {
            int[] ls = res.getLines();
            r.problem(path, ls != null && ls.length > 0 ? ls[0] : 0, 0,
                    "cannot read this DSL entry (expected [when]|[then]|[keyword]|[*] sentence=DRL): "
                            + res.getMessage());
        }
        return ok && f.getErrors().isEmpty() ? f.getMapping() : null;
    }

    /**
     * False (with a problem per entry) when a DSL entry's sentence is not words, punctuation and {slot}s: Drools
     * compiles each sentence into a java.util.regex pattern and matches it against every sentence of every
     * rule, so regex syntax in a sentence ({@code (a|aa)+}, {@code .*a.*a}) would let a pack's text hang the
     * load with backtracking, and {@code {slot:regex}} likewise.
     */
    private static boolean plainSentences(PackReading r, String path, String[] lines, DSLMapping mapping) {
        boolean ok = true;
        for (DSLMappingEntry e : mapping.getEntries()) {
            String key = e.getMappingKey() == null ? "" : e.getMappingKey().strip();
            Matcher bad = DSL_NOT_PLAIN.matcher(SLOT.matcher(key).replaceAll(""));
            if (bad.find()) {
                r.problem(path, lineOfKey(lines, key), 0, "DSL sentence \"" + key + "\" has '" + bad.group()
                        + "': a sentence is words, spaces, punctuation (' \" , . : ; - _ / % < > ! & # @ ~) and"
                        + " {slot}s named by a word; no regular-expression syntax (( ) [ ] * + ? | ^ $ \\ or a"
                        + " {slot:pattern}), which Drools would match by backtracking");
                ok = false;
            }
        }
        return ok;
    }

    private static int lineOfKey(String[] lines, String key) {
        for (int i = 0; i < lines.length; i++) {
            int close = lines[i].indexOf(']');
            if (lines[i].strip().startsWith("[") && close >= 0 && lines[i].substring(close + 1).strip().startsWith(key)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int unescapedEquals(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '=') {
                return i;
            }
        }
        return -1;
    }
}
