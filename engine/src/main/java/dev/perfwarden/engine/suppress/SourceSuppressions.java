package dev.perfwarden.engine.suppress;

import dev.perfwarden.engine.EngineInfo;
import dev.perfwarden.engine.analysis.Suppression;
import dev.perfwarden.engine.analysis.Suppressor;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.input.InputStats;
import dev.perfwarden.facts.source.GoScanner;
import dev.perfwarden.facts.source.GoTree;
import dev.perfwarden.facts.source.SourceCache;
import dev.perfwarden.facts.source.GoStatements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import java.util.regex.Pattern;

/**
 * Suppressions written in the Go sources:
 * <pre>{@code
 * //perfwarden:ignore interface-escape -- boxed once at start-up, not on the request path
 * x := any(v)
 * y := any(w) //perfwarden:ignore interface-escape,leaking-param -- measured: 0.1 % of CPU
 * }</pre>
 * A comment on a line of its own applies to the next line; a comment after code applies to its own line.
 * The reason after {@code --} is required.
 *
 * <p>golangci-lint's {@code //nolint} comments are honoured too, so code annotated for that linter keeps
 * its exemptions: {@code //nolint} (every linter) and {@code //nolint:perf} (or {@code perfwarden} in
 * the list, e.g. {@code //nolint:perf,gocritic // reason}) suppress every finding of the perf rules
 * (all rules but the engine's own {@code perfwarden/*}). As in golangci-lint, the {@code // reason} is
 * optional, a comment after code applies to its line, and a comment on a line of its own applies to
 * the next line and, when a statement starts there at the comment's column, to every line of that
 * statement ({@link GoStatements}: a call or assignment spread over several lines, or a declaration or
 * {@code if} with its whole block), as golangci-lint covers the AST node after the comment. A
 * {@code //nolint} list without perf suppresses nothing here, and an unmatched {@code //nolint} is not
 * reported as unused (other linters may use it). The engine reports two findings of its own about them:
 * {@value #INVALID} (error) for a comment it cannot use (no rule, no reason), which then suppresses
 * nothing, and {@value #UNUSED} (warning) for a rule named by a comment that no finding of that rule
 * matched, so stale comments do not pile up. A rule none of whose inputs were given in the run is not
 * judged unused (it could not have reported).
 *
 * <p>Files are keyed like findings: relative to the module root (the nearest folder with a go.mod at or
 * above each source root), or to the root itself when there is no module.
 */
public final class SourceSuppressions implements Suppressor {
    public static final String UNUSED = "perfwarden/unused-suppression";
    public static final String INVALID = "perfwarden/invalid-suppression";
    /** The evidence input kind of these findings: the Go source line. */
    public static final String INPUT = "go-source";

    private static final Pattern DIRECTIVE = Pattern.compile("^//\\s?perfwarden:ignore(?![\\w-])(.*)$");
    private static final Pattern NOLINT = Pattern.compile("^//\\s?nolint(?::([\\w.,-]+))?(?:\\s+//\\s?(.*))?$");
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9_.]*(?:[-/][a-z0-9_.]+)*");

    /**
     * One {@code //perfwarden:ignore} comment.
     *
     * @param file     module-relative path
     * @param line     the comment's line
     * @param col      the comment's byte column (1-based), as the compiler counts columns
     * @param target   the line it applies to: its own after code, else the next
     * @param rules    the rule ids it names
     * @param reason   the text after {@code --}
     * @param text     the comment as written
     * @param problem  why it cannot be used, or null
     * @param nolint   a golangci-lint {@code //nolint} comment naming perf (or every linter): it applies to
     *                 every perf rule, on lines {@code target..targetEnd}
     * @param targetEnd the last line it applies to ({@code target} but for a {@code //nolint} over a statement of several lines)
     */
    public record Directive(String file, int line, int col, int target, List<String> rules, String reason,
                            String text, String problem, boolean nolint, int targetEnd) {
        public Directive {
            rules = List.copyOf(rules);
        }

        Directive(String file, int line, int col, int target, List<String> rules, String reason, String text,
                  String problem) {
            this(file, line, col, target, rules, reason, text, problem, false, target);
        }

        /** Whether this directive suppresses rule {@code rule} on line {@code l}. */
        boolean covers(String rule, int l) {
            if (!valid() || l < target || l > targetEnd) {
                return false;
            }
            return nolint ? !rule.startsWith("perfwarden/") : rules.contains(rule);
        }

        public boolean valid() {
            return problem == null;
        }
    }

    private final List<Directive> directives;
    private final Map<String, List<Directive>> byFile = new LinkedHashMap<>();

    private SourceSuppressions(List<Directive> directives) {
        this.directives = List.copyOf(directives);
        for (Directive d : directives) {
            byFile.computeIfAbsent(d.file(), k -> new ArrayList<>()).add(d);
        }
    }

    public List<Directive> directives() {
        return directives;
    }

    /** Reads every {@code .go} file of the modules of {@code sourceRoots} (see the class comment). */
    public static SourceSuppressions scan(List<Path> sourceRoots) {
        return scan(sourceRoots, Map.of());
    }

    /**
     * As {@link #scan(List)}, taking a root's files from {@code walked} (trees an input reader walked in the same
     * run, by absolute root) instead of walking it again.
     */
    public static SourceSuppressions scan(List<Path> sourceRoots, Map<Path, GoTree> walked) {
        Map<String, String> files = new TreeMap<>();
        for (GoTree tree : GoTree.of(sourceRoots, walked)) {
            SourceCache.shared().get(tree, "suppressions", SourceSuppressions::commented).forEach(files::putIfAbsent);
        }
        return of(files);
    }

    /** From sources given as {@code module-relative path → text}. */
    public static SourceSuppressions of(Map<String, String> files) {
        List<Directive> out = new ArrayList<>();
        files.forEach((path, text) -> out.addAll(parse(path, text)));
        return new SourceSuppressions(out);
    }

    /** The files of {@code tree} that hold a directive: module-relative path → text. */
    private static Map<String, String> commented(GoTree tree) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Path> f : tree.files().entrySet()) {
            String text = new String(Files.readAllBytes(f.getValue()), StandardCharsets.UTF_8);
            if (text.contains("perfwarden:ignore") || text.contains("nolint")) {
                out.put(f.getKey(), text);
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The directives in one Go file: line comments only, as {@link GoScanner}'s comments-only mode finds them. */
    static List<Directive> parse(String file, String src) {
        List<Directive> out = new ArrayList<>();
        byte[] bytes = src.getBytes(StandardCharsets.UTF_8);
        for (GoScanner.Comment c : GoScanner.comments(bytes)) {
            if (c.block()) {
                continue;
            }
            String comment = c.text().stripTrailing();
            boolean codeOnLine = c.afterCode();
            int line = c.line();
            java.util.regex.Matcher m = DIRECTIVE.matcher(comment);
            if (m.matches()) {
                out.add(directive(file, line, c.col(), codeOnLine, comment, m.group(1)));
            }
            java.util.regex.Matcher nl = NOLINT.matcher(comment);
            if (nl.matches() && names(nl.group(1))) {
                int target = codeOnLine ? line : line + 1;
                out.add(new Directive(file, line, c.col(), target,
                        nl.group(1) == null ? List.of() : List.of(nl.group(1).split(",")),
                        nl.group(2) == null ? "//nolint" : nl.group(2).strip(), comment, null, true,
                        codeOnLine ? -1 : -2)); // -2: the statement's end is set below
            }
        }
        List<Directive> result = new ArrayList<>();
        GoStatements statements = null;
        for (Directive d : out) {
            if (d.nolint() && d.targetEnd() < 0) {
                int end = d.target();
                if (d.targetEnd() == -2) {
                    // as golangci-lint: a comment on a line of its own, at the column where the next line's
                    // statement starts, covers that whole statement (all its lines, a body included)
                    if (statements == null) {
                        statements = GoStatements.of(bytes);
                    }
                    end = Math.max(end, statements.endOfStatementAt(d.target(), d.col()));
                }
                d = new Directive(d.file(), d.line(), d.col(), d.target(), d.rules(), d.reason(), d.text(), null, true,
                        end);
            }
            result.add(d);
        }
        return result;
    }

    /** Whether a {@code //nolint} list names perfwarden's perf rules (no list: every linter). */
    private static boolean names(String linters) {
        if (linters == null) {
            return true;
        }
        for (String l : linters.split(",")) {
            if (l.strip().equals("perf") || l.strip().equals("perfwarden")) {
                return true;
            }
        }
        return false;
    }

    private static Directive directive(String file, int line, int col, boolean trailing, String text, String rest) {
        int target = trailing ? line : line + 1;
        int dash = rest.indexOf("--");
        String ids = (dash < 0 ? rest : rest.substring(0, dash)).strip();
        String reason = dash < 0 ? "" : rest.substring(dash + 2).strip();
        List<String> rules = new ArrayList<>();
        String problem = null;
        for (String id : ids.split(",")) {
            String t = id.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!RULE_ID.matcher(t).matches()) {
                problem = "'" + t + "' is not a rule id";
            }
            rules.add(t);
        }
        if (problem == null && rules.isEmpty()) {
            problem = "names no rule";
        }
        if (problem == null && reason.isEmpty()) {
            problem = "gives no reason";
        }
        return new Directive(file, line, col, target, rules, reason, text, problem);
    }

    // ---------------------------------------------------------------- suppressor

    @Override
    public List<RuleInfo> rules() {
        return List.of(
                engineRule(UNUSED, Severity.WARNING, "A //perfwarden:ignore comment suppresses nothing",
                        "# " + UNUSED + "\n\nA `//perfwarden:ignore RULE -- reason` comment names a rule that reported"
                                + " nothing on the line it applies to (its own line after code, else the next line)."
                                + " The code changed or the rule no longer fires there: delete the comment, or fix"
                                + " the rule id.\n"),
                engineRule(INVALID, Severity.ERROR, "A //perfwarden:ignore comment cannot be used",
                        "# " + INVALID + "\n\nA suppression comment must name at least one rule and give a reason:"
                                + " `//perfwarden:ignore rule-id[,rule-id] -- why this is fine`. Without them it"
                                + " suppresses nothing.\n"));
    }

    private static RuleInfo engineRule(String id, Severity s, String summary, String doc) {
        return new RuleInfo(id, "perfwarden", EngineInfo.version(), s, s, Scope.NONE, summary,
                List.of("suppression"), List.of(), doc, "", 0);
    }

    @Override
    public Matcher start(List<RuleInfo> catalogue, List<InputStats> inputs) {
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        catalogue.forEach(r -> rules.put(r.id(), r));
        Set<String> kinds = new HashSet<>();
        inputs.forEach(i -> kinds.add(i.kind()));
        return new Run(rules, kinds);
    }

    private final class Run implements Matcher {
        private final Map<String, RuleInfo> rules;
        private final Set<String> inputKinds;
        private final Set<String> used = new LinkedHashSet<>();

        Run(Map<String, RuleInfo> rules, Set<String> inputKinds) {
            this.rules = rules;
            this.inputKinds = inputKinds;
        }

        @Override
        public Suppression match(Finding f) {
            if (f.file().isEmpty() || f.line() == 0 || f.rule().equals(INVALID)) {
                return null;
            }
            for (Directive d : byFile.getOrDefault(f.file(), List.of())) {
                if (d.covers(f.rule(), f.line())) {
                    used.add(d.file() + ":" + d.line() + ":" + f.rule());
                    return new Suppression(Suppression.Kind.IN_SOURCE, "suppressed", d.reason(),
                            new SourcePos(d.file(), d.line(), d.col()));
                }
            }
            return null;
        }

        @Override
        public List<Finding> finish() {
            String label = "perfwarden@" + EngineInfo.version();
            List<Finding> out = new ArrayList<>();
            for (Directive d : directives) {
                if (d.nolint()) {
                    continue; // other linters may use it: never reported unused
                }
                List<Evidence> ev = List.of(new Evidence(INPUT, d.text(), InputPos.line(d.file(), d.line())));
                if (!d.valid()) {
                    out.add(Finding.of(INVALID, label, Severity.ERROR, "", d.file(), d.line(), d.col(),
                            "suppression comment " + d.problem() + ", so it suppresses nothing: write"
                                    + " //perfwarden:ignore rule-id[,rule-id] -- reason", ev));
                    continue;
                }
                for (String r : d.rules()) {
                    if (used.contains(d.file() + ":" + d.line() + ":" + r)) {
                        continue;
                    }
                    RuleInfo info = rules.get(r);
                    String msg;
                    if (info == null) {
                        msg = "suppression of '" + r + "' suppresses nothing: no loaded pack has a rule of that id";
                    } else if (!info.inputs().isEmpty() && info.inputs().stream().noneMatch(inputKinds::contains)) {
                        continue; // the rule could not report without its inputs: cannot tell
                    } else {
                        msg = "suppression of " + r + " suppresses nothing: " + r + " reported nothing on line "
                                + d.target() + (d.target() == d.line() ? "" : " (the line after the comment)")
                                + "; remove the comment";
                    }
                    out.add(Finding.of(UNUSED, label, Severity.WARNING, "", d.file(), d.line(), d.col(), msg, ev));
                }
            }
            return out;
        }
    }
}
