package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.frontend.LineMap;
import dev.perfwarden.engine.frontend.PolicyFrontend;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds a pack's rule sources where they may sit: the library ({@code lib/*.drl}), pack-level policy files at
 * the root, and one source per rule folder; each is handed to the {@link RuleTranslator}.
 */
final class RuleFolders {
    /** Made on first use: a built-in pack read from its {@link PackImage} needs none (start-up time). */
    private static final class Parsers {
        static final Frontends FRONTENDS = Frontends.defaults();
    }

    private final PackReading r;
    private final RuleTranslator translator;

    RuleFolders(PackReading r, RuleTranslator translator) {
        this.r = r;
        this.translator = translator;
    }

    /** Loads the library, then the pack-level policy files, then each rule folder. */
    void load(String drlPackage, List<RuleSource> sources) {
        library(drlPackage, sources);
        Set<String> policyRuleIds = policyFiles();
        for (String dir : ruleDirs()) {
            rule(dir, policyRuleIds);
        }
    }

    private Set<String> ruleDirs() {
        Set<String> dirs = new TreeSet<>();
        for (String path : r.paths()) {
            int slash = path.indexOf('/');
            if (slash > 0) {
                String d = path.substring(0, slash);
                if (!d.startsWith(".") && !d.startsWith("_") && !d.equals(PackLoader.LIBRARY)) {
                    dirs.add(d);
                }
            }
        }
        return dirs;
    }

    /**
     * The pack's library: {@code lib/*.drl}, functions, queries and declarations shared by its rules,
     * compiled into the pack's DRL package with them. A library file holds no rule.
     */
    private void library(String drlPackage, List<RuleSource> sources) {
        String lib = PackLoader.LIBRARY + "/";
        for (String path : List.copyOf(r.paths())) {
            if (!path.startsWith(lib)) {
                continue;
            }
            if (!path.endsWith(".drl") || path.indexOf('/', lib.length()) >= 0) {
                if (!path.endsWith(".md")) {
                    r.problem(path, 0, 0, "lib/ holds the pack's library as DRL files (lib/NAME.drl: functions,"
                            + " queries, declare); this file is not read");
                }
                continue;
            }
            String text = r.read(path);
            if (libraryFile(path, text, drlPackage)) {
                sources.add(new RuleSource(path, path, RuleSource.Language.DRL, text, text, LineMap.identity()));
            }
        }
    }

    /** Whether library file {@code path} is DRL of the pack's package with no rule and no reserved query. */
    private boolean libraryFile(String path, String text, String drlPackage) {
        DrlInspector.Result ins = DrlInspector.inspect(text);
        for (DrlInspector.Error e : ins.errors()) {
            r.problem(path, e.line(), e.column(), e.message());
        }
        if (!ins.errors().isEmpty()) {
            return false;
        }
        if (!drlPackage.equals(ins.packageName())) {
            r.problem(path, RuleTranslator.lineOf(text, "package"), 0, "declares package '" + ins.packageName()
                    + "'; the library of pack " + r.packId() + " must declare 'package " + drlPackage + ";'");
            return false;
        }
        int before = r.problemCount();
        VocabularyCheck.check(r, path, LineMap.identity(), ins.descr());
        boolean ok = RuleTranslator.reservedQueries(r, path, ins) && r.problemCount() == before;
        for (DrlInspector.RuleHead h : ins.rules()) {
            if (!h.query()) {
                r.problem(path, h.line(), 0, "rule \"" + h.name() + "\" in the library: lib/ holds functions,"
                        + " queries and declarations; a rule goes in its own folder (" + h.name() + "/rule.drl)");
                ok = false;
            }
        }
        return ok;
    }

    /**
     * Pack-level policy files ({@code *.rules.yaml} at the root, or any front-end's file that may sit
     * there): each defines one or more rules. Returns their rule ids, whose folders may then hold only
     * doc.md and a fixture.
     */
    private Set<String> policyFiles() {
        Set<String> ids = new TreeSet<>();
        for (String path : List.copyOf(r.paths())) {
            PolicyFrontend fe = path.contains("/") ? null : Parsers.FRONTENDS.forFile(path).orElse(null);
            if (fe != null && fe.packLevel()) {
                ids.addAll(translator.add(path, fe, null));
            }
        }
        return ids;
    }

    private void rule(String dir, Set<String> policyRuleIds) {
        List<String> found = r.paths().stream()
                .filter(p -> p.startsWith(dir + "/") && p.indexOf('/', dir.length() + 1) < 0)
                .filter(p -> Parsers.FRONTENDS.forFile(p.substring(dir.length() + 1)).isPresent()).toList();
        if (found.isEmpty()) {
            if (!policyRuleIds.contains(dir)) {
                r.problem(dir + "/", 0, 0, "rule folder holds no rule source (rule.drl, rule.dslr or rule.rules.yaml)");
            }
            return;
        }
        if (found.size() > 1) {
            r.problem(dir + "/", 0, 0, "rule folder holds " + found.stream().map(f -> f.substring(dir.length() + 1))
                    .collect(Collectors.joining(" and ")) + "; keep one");
            return;
        }
        if (!ManifestChecks.ID.matcher(dir).matches()) {
            r.problem(dir + "/", 0, 0, "rule folder name '" + dir + "' must be a kebab-case rule id");
        }
        String file = found.get(0);
        translator.add(file, Parsers.FRONTENDS.forFile(file.substring(dir.length() + 1)).orElseThrow(), dir);
    }
}
