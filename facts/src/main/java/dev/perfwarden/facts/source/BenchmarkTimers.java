package dev.perfwarden.facts.source;

import dev.perfwarden.facts.profile.UntimedLines;
import dev.perfwarden.facts.source.GoScanner.Kind;
import dev.perfwarden.facts.source.GoScanner.Token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The untimed parts of the benchmark functions of a module's {@code *_test.go} files ({@link UntimedLines}), read with
 * {@link GoScanner} (the one Go lexer). A benchmark function is a top-level {@code func BenchmarkXxx(b *testing.B)}
 * (the testing package's naming rule: {@code Benchmark} alone or followed by a non-lower-case letter; any name for the
 * {@code *testing.B} parameter, any package name before {@code .B}). Its untimed parts:
 * <ul>
 *   <li>from the line of {@code func} to the line of its last {@code b.ResetTimer()} call among the body's own
 *       statements (a call inside an {@code if} or a loop is not counted);</li>
 *   <li>from each {@code b.StopTimer()} call to the next {@code b.StartTimer()} call in the text (at any depth), or to
 *       the function's closing brace when none follows (the timer stays stopped until the benchmark returns).</li>
 * </ul>
 * Calls inside function literals (a {@code b.Run} closure) belong to the literal, a function of its own in a profile
 * ({@code BenchmarkX.func1}), and are not read. A file is read when a profile first asks about one of its lines, and
 * kept; the source trees are walked once, on the first question.
 */
public final class BenchmarkTimers implements UntimedLines {
    private final List<Path> roots;
    private volatile List<GoTree> trees;
    private final Map<String, Optional<FileParts>> byProfileFile = new ConcurrentHashMap<>();

    private record FileParts(String rel, List<Span> spans) {
    }

    /** Lines {@code from..to} of {@code part.benchmark()}. */
    record Span(int from, int to, Part part) {
    }

    private BenchmarkTimers(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The untimed lines of the benchmarks below {@code sourceRoots} (each root's module, as {@link GoTree#of}). */
    public static BenchmarkTimers of(List<Path> sourceRoots) {
        return new BenchmarkTimers(sourceRoots);
    }

    @Override
    public Part at(String function, String file, long line) {
        String name = shortName(function);
        if (!name.startsWith("Benchmark") || !file.endsWith("_test.go")) {
            return null;
        }
        Optional<FileParts> parts = byProfileFile.computeIfAbsent(file, this::read);
        if (parts.isEmpty()) {
            return null;
        }
        for (Span s : parts.get().spans()) {
            if (named(s.part().benchmark(), name) && line >= s.from() && line <= s.to()) {
                return s.part();
            }
        }
        return null;
    }

    /**
     * Whether a profile's function {@code name} is the span's: the benchmark itself, or for a span of a closure
     * ({@code BenchmarkX.func}, a {@code b.Run} body) one of its first-level closures ({@code BenchmarkX.func1}; the
     * lines tell which).
     */
    static boolean named(String benchmark, String name) {
        if (!benchmark.endsWith(CLOSURE)) {
            return benchmark.equals(name);
        }
        if (!name.startsWith(benchmark) || name.length() == benchmark.length()) {
            return false;
        }
        return name.substring(benchmark.length()).chars().allMatch(Character::isDigit);
    }

    /** What a closure's span adds to its benchmark's name: the profile names it {@code BenchmarkX.func1}. */
    static final String CLOSURE = ".func";

    /** {@code example.com/m.BenchmarkX} → {@code BenchmarkX}; a closure keeps its suffix ({@code BenchmarkX.func1}). */
    static String shortName(String function) {
        String last = function.substring(function.lastIndexOf('/') + 1);
        return last.substring(last.indexOf('.') + 1);
    }

    private List<GoTree> trees() {
        List<GoTree> t = trees;
        if (t == null) {
            synchronized (this) {
                if (trees == null) {
                    trees = GoTree.of(roots, Map.of());
                }
                t = trees;
            }
        }
        return t;
    }

    /** The source file a profile's file is (the longest module-relative path it ends with), lexed. */
    private Optional<FileParts> read(String profileFile) {
        String p = profileFile.replace('\\', '/');
        for (int cut = -1; ; cut = p.indexOf('/', cut + 1)) {
            if (cut == -1 && p.startsWith("/")) {
                continue;
            }
            String rel = p.substring(cut + 1);
            for (GoTree tree : trees()) {
                Path f = tree.files().get(rel);
                if (f != null) {
                    try {
                        return Optional.of(new FileParts(rel, spans(rel, Files.readAllBytes(f))));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + f, e);
                    }
                }
            }
            if (p.indexOf('/', cut + 1) < 0) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The untimed spans of the benchmark functions of one Go file ({@code rel}: its module-relative path). */
    static List<Span> spans(String rel, byte[] src) {
        List<Token> t = GoScanner.scan(src);
        int[] match = GoScanner.brackets(t);
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            Token k = t.get(i);
            if (open(k) && match[i] > i) {
                i = match[i];
                continue;
            }
            if (!k.is("func") || i + 2 >= t.size() || !t.get(i + 1).isIdent() || !benchmark(t.get(i + 1).text())
                    || !t.get(i + 2).is("(") || match[i + 2] < 0) {
                continue;
            }
            int params = i + 2;
            int body = match[params] + 1;
            if (body >= t.size() || !t.get(body).is("{") || match[body] < 0) {
                continue; // results, or no body: no benchmark
            }
            String recv = receiver(t, params + 1, match[params]);
            if (recv != null) {
                new Body(rel, t.get(i + 1).text(), recv, k.line(), t, match).read(body, match[body], out);
            }
            i = match[body];
        }
        return out;
    }

    /** The testing package's rule: {@code Benchmark}, or {@code Benchmark} followed by a non-lower-case letter. */
    static boolean benchmark(String name) {
        if (!name.startsWith("Benchmark")) {
            return false;
        }
        return name.length() == 9 || !Character.isLowerCase(name.codePointAt(9));
    }

    /** The name of the sole {@code *testing.B} parameter between tokens {@code from} and {@code to}, or null. */
    private static String receiver(List<Token> t, int from, int to) {
        if (to - from < 3 || !t.get(from).isIdent() || !t.get(from + 1).is("*")) {
            return null;
        }
        int j = from + 2;
        if (t.get(j).isIdent() && t.get(j + 1).is(".")) {
            j += 2;
        }
        boolean b = t.get(j).is("B") && j + 1 == to;
        return b && !t.get(from).text().equals("_") ? t.get(from).text() : null;
    }

    private static boolean open(Token k) {
        return k.kind() == Kind.OP && (k.is("(") || k.is("[") || k.is("{"));
    }

    /**
     * One benchmark function's body: its timer calls and its {@code for b.Loop()} loop, outside function literals; a
     * function literal of a {@code *testing.B} in the benchmark itself (a {@code b.Run} body) is read as a body of its
     * own, once (its closures are not).
     */
    private record Body(String rel, String name, String recv, int funcLine, List<Token> t, int[] match) {
        void read(int open, int close, List<Span> out) {
            int lastReset = -1;
            List<int[]> stops = new ArrayList<>(); // {line, token index}
            List<int[]> starts = new ArrayList<>();
            int depth = 0;
            for (int j = open + 1; j < close; j++) {
                Token k = t.get(j);
                if (k.is("func") && t.get(j + 1).is("(")) {
                    int end = literalEnd(j + 1, close);
                    closure(j, end, out);
                    j = end - 1;
                    continue;
                }
                if (depth == 0 && k.is("for") && loop(j + 1) && match[j + 6] > j + 6) {
                    // for b.Loop() { ... } (Go 1.24+): the timer runs inside the loop only
                    int end = t.get(match[j + 6]).line();
                    if (k.line() > funcLine) {
                        out.add(new Span(funcLine, k.line() - 1, new Part(name, "before " + recv + ".Loop", rel,
                                k.line(), k.line())));
                    }
                    if (t.get(close).line() > end) {
                        out.add(new Span(end + 1, t.get(close).line(), new Part(name, "after " + recv + ".Loop", rel,
                                end, end)));
                    }
                }
                if (k.is("{")) {
                    depth++;
                } else if (k.is("}")) {
                    depth--;
                }
                String call = call(j);
                if ("ResetTimer".equals(call) && depth == 0) {
                    lastReset = k.line();
                } else if ("StopTimer".equals(call)) {
                    stops.add(new int[]{k.line(), j});
                } else if ("StartTimer".equals(call)) {
                    starts.add(new int[]{k.line(), j});
                }
            }
            if (lastReset > 0) {
                out.add(new Span(funcLine, lastReset,
                        new Part(name, "before " + recv + ".ResetTimer", rel, lastReset, lastReset)));
            }
            for (int[] stop : stops) {
                int[] start = starts.stream().filter(s -> s[1] > stop[1]).findFirst().orElse(null);
                String what = start == null ? "after " + recv + ".StopTimer"
                        : "between " + recv + ".StopTimer and " + recv + ".StartTimer";
                int end = start == null ? t.get(close).line() : start[0];
                out.add(new Span(stop[0], end, new Part(name, what, rel, stop[0], start == null ? stop[0] : end)));
            }
        }

        /** Whether tokens at {@code j} are {@code recv . Loop ( ) {}. */
        private boolean loop(int j) {
            return j + 4 < t.size() && "Loop".equals(call(j)) && t.get(j + 4).is(")") && t.get(j + 5).is("{");
        }

        /** A function literal at {@code func} (ending before {@code end}) of a {@code *testing.B}: read as a body. */
        private void closure(int func, int end, List<Span> out) {
            int params = func + 1;
            if (name.endsWith(CLOSURE) || match[params] < 0 || match[params] + 1 >= end) {
                return;
            }
            int body = match[params] + 1;
            String inner = receiver(t, params + 1, match[params]);
            if (inner != null && t.get(body).is("{") && match[body] > body) {
                new Body(rel, name + CLOSURE, inner, t.get(func).line(), t, match).read(body, match[body], out);
            }
        }

        /** The method name when tokens at {@code j} are {@code recv . Name (}, not preceded by a dot; else null. */
        private String call(int j) {
            Token k = t.get(j);
            if (k.kind() != Kind.IDENT || !k.text().equals(recv) || j + 3 >= t.size() || t.get(j - 1).is(".")
                    || !t.get(j + 1).is(".") || t.get(j + 2).kind() != Kind.IDENT || !t.get(j + 3).is("(")) {
                return null;
            }
            return t.get(j + 2).text();
        }

        /**
         * The index after a function literal (or type) whose parameters open at {@code params}: after its body's
         * closing brace, or at the first token that ends a type ({@code ,}, {@code )}, {@code ;}…) when it has none.
         */
        private int literalEnd(int params, int limit) {
            int m = match[params] < 0 ? limit : match[params] + 1;
            while (m < limit) {
                Token k = t.get(m);
                if (k.is("{") && !t.get(m - 1).is("struct") && !t.get(m - 1).is("interface")) {
                    return match[m] < 0 ? limit : match[m] + 1;
                }
                if (open(k)) {
                    m = match[m] < 0 ? limit : match[m] + 1;
                } else if (k.kind() == Kind.SEMI || k.is(",") || k.is(")") || k.is("]") || k.is("}") || k.is("=")) {
                    return m;
                } else {
                    m++;
                }
            }
            return limit;
        }
    }
}
