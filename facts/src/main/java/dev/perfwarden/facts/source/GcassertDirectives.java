package dev.perfwarden.facts.source;

import dev.perfwarden.facts.contract.FunctionLimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gcassert's directives ({@code //gcassert:inline}, {@code //gcassert:bce}, {@code //gcassert:noescape},
 * several as {@code //gcassert:bce,inline}) read from Go sources as {@link FunctionLimit}s of the service
 * {@code gcassert} (rule ids {@code contract/gcassert/inline}, {@code …/bce}, {@code …/noescape}), with
 * gcassert's meaning (github.com/jordanlewis/gcassert, gcassert.go):
 * <ul>
 *   <li>a directive after code applies to its line; on a line of its own, to the next line with code
 *       (gcassert attaches the comment to the AST node there and checks that node's first line);</li>
 *   <li>{@code bce}: no {@code Found IsInBounds}/{@code IsSliceInBounds} on that line;
 *       {@code noescape}: nothing {@code escapes to heap} on it; {@code inline}: some call on it is
 *       inlined;</li>
 *   <li>{@code inline} on a function declaration: every call site of that function is inlined (one
 *       requirement per call, at the column of its parenthesis, as gcassert compares); {@code bce} and
 *       {@code noescape} on a declaration check only its first line, as in gcassert;</li>
 *   <li>any other name ({@code //gcassert:foo}) becomes a limit of property {@link FunctionLimit#UNKNOWN} on
 *       the same line, which the contracts pack reports as an error, as gcassert prints
 *       {@code unknown directive "foo"} there.</li>
 * </ul>
 * Limits of this reader (gcassert type-checks, this one reads tokens): a call site is a call of the
 * function's name (methods: any {@code .name(}; functions: {@code name(} in the declaring package's
 * folder, {@code pkg.name(} elsewhere), so a method of another type with the same name counts too;
 * test files are not read (gcassert does not load them either). Directives are read from the line comments that
 * {@link GoScanner#comments} finds (the one Go lexer), so {@code //gcassert:} inside a string, a raw string or a
 * block comment is not one; of several in one comment the first counts, as gcassert's regex match does.
 */
public final class GcassertDirectives {
    private static final Pattern DIRECTIVE = Pattern.compile("// ?gcassert:([\\w,]+)");

    private GcassertDirectives() {
    }

    /** A function whose declaration carries {@code //gcassert:inline}. */
    private record MustInline(String name, boolean method, String pkgName, String dir, String file, int line,
                              int col) {
    }

    /** Reads the non-test {@code .go} files of the modules of {@code sourceRoots}; paths module-relative. */
    public static List<FunctionLimit> scan(List<Path> sourceRoots) {
        return scan(sourceRoots, Map.of());
    }

    /**
     * As {@link #scan(List)}, taking a root's files from {@code walked} (trees an input reader walked in the same
     * run, by absolute root) instead of walking it again. The files are {@link GoTree}'s, as the go command lists
     * a module's packages (and gcassert loads them): no {@code vendor}, {@code testdata}, hidden or {@code _}
     * folders, no nested modules; a folder outside any module is one package, its own files.
     */
    public static List<FunctionLimit> scan(List<Path> sourceRoots, Map<Path, GoTree> walked) {
        Map<String, byte[]> files = new TreeMap<>();
        for (GoTree tree : GoTree.of(sourceRoots, walked)) {
            for (Map.Entry<String, Path> f : tree.files().entrySet()) {
                if (f.getKey().endsWith("_test.go") || files.containsKey(f.getKey())) {
                    continue;
                }
                try {
                    files.put(f.getKey(), Files.readAllBytes(f.getValue()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read Go sources below " + tree.root(), e);
                }
            }
        }
        return of(files);
    }

    /** From sources given as {@code module-relative path → bytes}. */
    public static List<FunctionLimit> of(Map<String, byte[]> files) {
        List<FunctionLimit> out = new ArrayList<>();
        List<MustInline> mustInline = new ArrayList<>();
        Map<String, List<GoScanner.Token>> tokens = new LinkedHashMap<>();
        files.forEach((path, src) -> {
            if (!new String(src, StandardCharsets.ISO_8859_1).contains("gcassert:")) {
                return;
            }
            List<GoScanner.Token> toks = GoScanner.scan(src);
            tokens.put(path, toks);
            directives(path, src, toks, out, mustInline);
        });
        if (!mustInline.isEmpty()) {
            files.forEach((path, src) -> callSites(path, tokens.computeIfAbsent(path, p -> GoScanner.scan(src)),
                    mustInline, out));
        }
        return out;
    }

    private static void directives(String path, byte[] src, List<GoScanner.Token> toks, List<FunctionLimit> out,
                                   List<MustInline> mustInline) {
        Map<Integer, List<GoScanner.Token>> byLine = new TreeMap<>();
        for (GoScanner.Token t : toks) {
            if (t.kind() != GoScanner.Kind.SEMI && t.kind() != GoScanner.Kind.EOF) {
                byLine.computeIfAbsent(t.line(), l -> new ArrayList<>()).add(t);
            }
        }
        String pkgName = packageName(toks);
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        for (GoScanner.Comment c : GoScanner.comments(src)) {
            Matcher m = c.block() ? null : DIRECTIVE.matcher(c.text());
            if (m == null || !m.find()) {
                continue; // gcassert takes the first directive of each comment
            }
            final int cl = c.line();
            final int col = c.col() + c.text().substring(0, m.start()).getBytes(StandardCharsets.UTF_8).length;
            String names = m.group(1);
            List<GoScanner.Token> here = byLine.getOrDefault(cl, List.of());
            boolean trailing = here.stream().anyMatch(t -> t.col() < col);
            Integer target = trailing ? Integer.valueOf(cl) : ((TreeMap<Integer, List<GoScanner.Token>>) byLine).higherKey(cl);
            if (target == null) {
                continue;
            }
            List<GoScanner.Token> node = byLine.get(target);
            boolean funcDecl = !trailing && node.get(0).is("func") && node.get(0).col() == 1;
            for (String d : names.split(",")) {
                String property = switch (d) {
                    case "inline" -> "inline";
                    case "bce" -> "bounds-checks";
                    case "noescape" -> "escapes";
                    default -> FunctionLimit.UNKNOWN; // gcassert reports it as an error: so does the pack
                };
                if (funcDecl && property.equals("inline")) {
                    MustInline f = declared(node, pkgName, dir, path, cl, col);
                    if (f != null) {
                        mustInline.add(f);
                    }
                    continue;
                }
                out.add(new FunctionLimit("gcassert", d, "", property, "//gcassert:" + d, path, target, 0, path, cl,
                        col));
            }
        }
    }

    /** {@code func name(} or {@code func (r T) name(}: the declared function. */
    private static MustInline declared(List<GoScanner.Token> decl, String pkgName, String dir, String path, int line,
                                       int col) {
        int i = 1;
        boolean method = false;
        if (i < decl.size() && decl.get(i).is("(")) {
            method = true;
            int depth = 0;
            for (; i < decl.size(); i++) {
                if (decl.get(i).is("(")) {
                    depth++;
                } else if (decl.get(i).is(")") && --depth == 0) {
                    break;
                }
            }
            i++;
        }
        if (i >= decl.size() || !decl.get(i).isIdent()) {
            return null;
        }
        return new MustInline(decl.get(i).text(), method, pkgName, dir, path, line, col);
    }

    private static String packageName(List<GoScanner.Token> toks) {
        for (int i = 0; i + 1 < toks.size(); i++) {
            if (toks.get(i).is("package")) {
                return toks.get(i + 1).text();
            }
        }
        return "";
    }

    private static void callSites(String path, List<GoScanner.Token> toks, List<MustInline> mustInline,
                                  List<FunctionLimit> out) {
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        for (int i = 1; i + 1 < toks.size(); i++) {
            GoScanner.Token t = toks.get(i);
            if (t.kind() != GoScanner.Kind.IDENT || !toks.get(i + 1).is("(")) {
                continue;
            }
            GoScanner.Token prev = toks.get(i - 1);
            for (MustInline f : mustInline) {
                if (!f.name().equals(t.text()) || prev.is("func") || prev.is(")") && isDecl(toks, i)) {
                    continue;
                }
                boolean call;
                if (f.method()) {
                    call = prev.is(".");
                } else if (f.dir().equals(dir)) {
                    call = !prev.is(".");
                } else {
                    call = prev.is(".") && i >= 2 && toks.get(i - 2).is(f.pkgName());
                }
                if (call) {
                    GoScanner.Token paren = toks.get(i + 1);
                    out.add(new FunctionLimit("gcassert", "inline", "", "inline",
                            "//gcassert:inline on " + f.name() + " (" + f.file() + ":" + f.line() + ")", path,
                            paren.line(), paren.col(), f.file(), f.line(), f.col()));
                }
            }
        }
    }

    /** Whether the name at {@code i} is a method declaration's name ({@code func (r T) name(}). */
    private static boolean isDecl(List<GoScanner.Token> toks, int i) {
        int depth = 0;
        for (int j = i - 1; j >= 0; j--) {
            GoScanner.Token t = toks.get(j);
            if (t.is(")")) {
                depth++;
            } else if (t.is("(")) {
                depth--;
                if (depth == 0) {
                    return j > 0 && toks.get(j - 1).is("func");
                }
            }
        }
        return false;
    }
}
