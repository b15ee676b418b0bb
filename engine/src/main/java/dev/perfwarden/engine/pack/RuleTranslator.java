package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.frontend.Diagnostic;
import dev.perfwarden.engine.frontend.LineMap;
import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.PolicyFrontend;
import dev.perfwarden.engine.frontend.SourceFile;
import dev.perfwarden.engine.frontend.Translation;
import dev.perfwarden.engine.model.RuleInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates a pack's rule sources with their front-ends, checks the DRL they make (package, reserved query
 * names, rule names, agenda and ruleflow groups, unique ids, literals of closed vocabularies such as fact kinds:
 * {@link VocabularyCheck}) and adds each rule's catalogue entry and source.
 */
final class RuleTranslator {
    private final PackReading r;
    private final PackContext ctx;
    private final String packVersion;
    private final List<RuleInfo> rules;
    private final List<RuleSource> sources;

    RuleTranslator(PackReading r, PackContext ctx, String packVersion, List<RuleInfo> rules, List<RuleSource> sources) {
        this.r = r;
        this.ctx = ctx;
        this.packVersion = packVersion;
        this.rules = rules;
        this.sources = sources;
    }

    /**
     * Translates one rule source with its front-end, checks the DRL and its rules' metadata, and adds
     * them. {@code dir} is the rule folder (the file must define exactly the rule of that name), or
     * null for a pack-level policy file. Returns the ids defined.
     */
    List<String> add(String file, PolicyFrontend fe, String dir) {
        String text = r.read(file);
        Translation t = translate(file, text, fe);
        if (t == null) {
            return List.of();
        }
        if (!t.ok()) {
            if (dir != null) {
                doc(dir, t);
            }
            return List.of();
        }
        DrlInspector.Result ins = inspect(file, text, t);
        if (ins == null) {
            return List.of();
        }
        List<DrlInspector.RuleHead> heads = ins.rules().stream().filter(h -> !h.query()).toList();
        if (dir != null ? heads.size() != 1 : heads.isEmpty()) {
            r.problem(file, 0, 0, "must hold " + (dir != null ? "exactly one rule" : "at least one rule") + ", holds "
                    + heads.size());
            return List.of();
        }
        int before = r.problemCount();
        List<RuleInfo> infos = new ArrayList<>();
        for (DrlInspector.RuleHead h : heads) {
            RuleInfo info = rule(file, dir, h, t);
            if (info != null) {
                infos.add(info);
            }
        }
        uniqueIds(file, infos);
        if (r.problemCount() > before) {
            return List.of();
        }
        rules.addAll(infos);
        sources.add(new RuleSource(dir != null ? dir : file, file, RuleSource.Language.of(fe.id()), text, t.drl(),
                t.lineMap()));
        return infos.stream().map(RuleInfo::id).toList();
    }

    /** The front-end's translation with its problems reported, or null when the front-end failed. */
    private Translation translate(String file, String text, PolicyFrontend fe) {
        Translation t;
        try {
            t = fe.translate(new SourceFile(file, text), ctx);
        } catch (RuntimeException e) {
            r.problem(file, 0, 0, "the " + fe.id() + " front-end failed on this file: " + e);
            return null;
        }
        for (Diagnostic d : t.problems()) {
            r.problem(d.file(), d.line(), d.column(), d.message());
        }
        return t;
    }

    /** The translated DRL's rules and queries, or null when it has errors (reported at the source's lines). */
    private DrlInspector.Result inspect(String file, String text, Translation t) {
        LineMap map = t.lineMap();
        DrlInspector.Result ins = DrlInspector.inspect(t.drl());
        for (DrlInspector.Error e : ins.errors()) {
            LineMap.Point at = map.source(e.line(), e.column());
            r.problem(file, at.line(), at.column(), e.message());
        }
        if (!ins.errors().isEmpty()) {
            return null;
        }
        if (!ctx.drlPackage().equals(ins.packageName())) {
            r.problem(file, lineOf(text, "package"), 0, "declares package '" + ins.packageName()
                    + "'; rules of pack " + r.packId() + " must declare 'package " + ctx.drlPackage() + ";'");
        }
        int before = r.problemCount();
        VocabularyCheck.check(r, file, map, ins.descr());
        return reservedQueries(r, file, ins) && r.problemCount() == before ? ins : null;
    }

    /** One rule's checks and catalogue entry (null when its metadata has a problem). */
    private RuleInfo rule(String file, String dir, DrlInspector.RuleHead h, Translation t) {
        int line = t.lineMap().sourceLine(h.line());
        if (dir != null && !h.name().equals(dir)) {
            r.problem(file, line, 0, "rule name \"" + h.name() + "\" must equal its folder name \"" + dir + "\"");
        } else if (dir == null && !ManifestChecks.ID.matcher(h.name()).matches()) {
            r.problem(file, line, 0, "rule name \"" + h.name() + "\" must be a kebab-case rule id");
        }
        String group = h.attributes().get("agenda-group");
        if (group != null && !unquote(group).equals("MAIN")
                && !"true".equals(h.attributes().getOrDefault("auto-focus", "false").strip())) {
            r.problem(file, line, 0, "agenda-group \"" + unquote(group)
                    + "\" without auto-focus would never fire: perfwarden fires the MAIN group only");
        }
        if (h.attributes().containsKey("ruleflow-group")) {
            r.problem(file, line, 0, "ruleflow-group would never fire: perfwarden runs no process");
        }
        String doc = doc(dir != null ? dir : h.name(), t);
        return RuleMetadata.read(r, h.name(), packVersion, h.metadata(), doc == null ? "" : doc, file, line);
    }

    private void uniqueIds(String file, List<RuleInfo> infos) {
        for (RuleInfo i : infos) {
            RuleInfo prev = rules.stream().filter(p -> p.id().equals(i.id())).findFirst().orElse(null);
            if (prev != null) {
                r.problem(file, i.line(), 0, "rule id '" + i.id() + "' is also defined in " + prev.file() + ":"
                        + prev.line() + "; rule ids must be unique");
            }
        }
    }

    /** The rule's doc: {@code <id>/doc.md}, else the doc its source carries; a problem when neither. */
    private String doc(String id, Translation t) {
        String path = id + "/doc.md";
        if (r.has(path)) {
            String doc = r.read(path);
            if (doc.isBlank()) {
                r.problem(path, 1, 0, "doc.md is empty");
            }
            return doc;
        }
        String inline = t.docs().get(id);
        if (inline == null) {
            r.problem(path, 0, 0, "missing doc.md (why it costs, how to fix)");
        }
        return inline;
    }

    /** False (with a problem) when {@code ins} defines a query named like one every pack has. */
    static boolean reservedQueries(PackReading r, String file, DrlInspector.Result ins) {
        boolean ok = true;
        for (DrlInspector.RuleHead h : ins.rules()) {
            if (h.query() && PackLoader.PACK_QUERIES.contains(h.name())) {
                r.problem(file, h.line(), 0, "query name '" + h.name() + "' is reserved: every pack has a query "
                        + h.name() + " that reads the pack's own parameters (docs/rules.md, Parameters)");
                ok = false;
            }
        }
        return ok;
    }

    /** 1-based line of the first line whose text starts with {@code word}, or 1. */
    static int lineOf(String text, String word) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith(word)) {
                return i + 1;
            }
        }
        return 1;
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
