package dev.perfwarden.facts.source;

import dev.perfwarden.facts.source.GoScanner.Kind;
import dev.perfwarden.facts.source.GoScanner.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of one folder's test files that have a {@code *testing.B} parameter, by package: the benchmarks and
 * the helpers they call (snappy's {@code benchEncode(b *testing.B, src []byte)}), read with {@link GoScanner}. A
 * helper resets the timer when its own body does ({@link TimerResets}), perhaps through another helper; the calls
 * resolved are those of functions of the same package by their plain name (not methods, not another package's).
 */
final class TimerFunctions {
    private TimerFunctions() {
    }

    /**
     * One top-level function with a {@code *testing.B} parameter.
     *
     * @param recv  the parameter's name
     * @param param its index among the parameters (the argument a caller must pass its own {@code *testing.B} in)
     * @param open  the token of the body's opening brace
     */
    record Func(String rel, String name, String recv, int param, int funcLine, List<Token> t, int[] match, int open) {
    }

    /** The functions of each file ({@code rel} → bytes), with the resetting helpers of their package. */
    record Read(List<Func> funcs, Map<String, Integer> resetting) {
    }

    /** The files' functions with a {@code *testing.B}, grouped by the package their file declares. */
    static List<Read> read(Map<String, byte[]> files) {
        Map<String, List<Func>> byPackage = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            List<Token> t = GoScanner.scan(e.getValue());
            GoFileParser parser = new GoFileParser(e.getKey(), t);
            GoSourceIndex.Parsed parsed = parser.parse();
            byPackage.computeIfAbsent(parsed.pkgName, p -> new ArrayList<>())
                    .addAll(funcs(e.getKey(), t, parser.brackets(), parsed));
        }
        List<Read> out = new ArrayList<>();
        for (List<Func> fs : byPackage.values()) {
            out.add(new Read(fs, resetting(fs)));
        }
        return out;
    }

    /**
     * The functions whose body resets the timer of their {@code *testing.B}: name → that parameter's index. The least
     * fixed point: a helper resets through another only when a real reset lies at the end of the chain.
     */
    static Map<String, Integer> resetting(List<Func> fs) {
        Map<String, Integer> out = new HashMap<>();
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Func f : fs) {
                if (!out.containsKey(f.name()) && new TimerResets(f.recv(), f.t(), f.match(), out)
                        .find(f.open(), f.match()[f.open()], f.funcLine()) != null) {
                    out.put(f.name(), f.param());
                    grew = true;
                }
            }
        }
        return out;
    }

    /**
     * The top-level functions (no methods) of one file with a named {@code *testing.B} parameter and a body, from the
     * source index's own reading of the file's declarations ({@link GoFileParser}).
     */
    private static List<Func> funcs(String rel, List<Token> t, int[] match, GoSourceIndex.Parsed parsed) {
        List<Func> out = new ArrayList<>();
        for (GoSourceIndex.Decl d : parsed.decls) {
            if (!d.recv.isEmpty() || !d.hasBody || d.paramsOpen < 0 || match[d.paramsOpen] < 0) {
                continue;
            }
            String[] b = bParam(t, match, d.paramsOpen, match[d.paramsOpen]);
            if (b != null) {
                out.add(new Func(rel, d.name, b[0], Integer.parseInt(b[1]), d.line, t, match, d.bodyOpen));
            }
        }
        return out;
    }

    /**
     * The name and index of the parameter between the parentheses at {@code open..close} written
     * {@code name *testing.B} (any package name, or {@code *B} after a dot import; not {@code _}), or null.
     */
    static String[] bParam(List<Token> t, int[] match, int open, int close) {
        int index = 0;
        int first = open + 1;
        for (int m = open + 1; m <= close; m++) {
            Token k = t.get(m);
            if (m == close || k.is(",")) {
                int n = m - first;
                boolean typed = (n == 3 || n == 5 && t.get(first + 2).isIdent() && t.get(first + 3).is("."))
                        && t.get(first).isIdent() && t.get(first + 1).is("*") && t.get(m - 1).is("B");
                if (typed && !t.get(first).text().equals("_")) {
                    return new String[]{t.get(first).text(), Integer.toString(index)};
                }
                index++;
                first = m + 1;
            } else if (k.kind() == Kind.OP && (k.is("(") || k.is("[") || k.is("{")) && match[m] > m) {
                m = match[m]; // a func, slice or struct type's own brackets
            }
        }
        return null;
    }
}
