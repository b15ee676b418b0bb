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
 * The untimed parts of the benchmark functions of a module's {@code *_test.go} files, and of the helpers they call
 * ({@link UntimedLines}), read with {@link GoScanner} (the one Go lexer). Every top-level function (no method) of a
 * test file with a parameter {@code name *testing.B} is read alike: a benchmark {@code func BenchmarkXxx(b *testing.B)}
 * and a helper such as snappy's {@code benchEncode(b *testing.B, src []byte)} (a {@code *testing.B} exists only in a
 * benchmark, so a helper's frame in a profile is a benchmark's work, whoever called it). Its untimed parts:
 * <ul>
 *   <li>from the line of {@code func} to its setup's end ({@link TimerResets}): its last own statement that resets the
 *       timer, a {@code b.ResetTimer()}, a {@code for b.Loop()} loop, a call passing {@code b} to a helper of the same
 *       package that resets it (the caller's setup ends before the call's line), or an {@code if} whose every branch
 *       resets; a reset inside a loop or an {@code if} without {@code else} is not counted;</li>
 *   <li>the lines after a top-level {@code for b.Loop()} loop;</li>
 *   <li>from each {@code b.StopTimer()} call to the next {@code b.StartTimer()} call in the text (at any depth), or to
 *       the function's closing brace when none follows (the timer stays stopped until the function returns); a
 *       helper's StopTimer says nothing about its caller's lines.</li>
 * </ul>
 * Calls inside function literals belong to the literal, a function of its own in a profile ({@code BenchmarkX.func1});
 * a literal of a {@code *testing.B} in the function (a {@code b.Run} body) is read the same way. A folder's test files
 * are read when a profile first asks about a line of one of them, and kept; the source trees are walked once, on the
 * first question.
 */
public final class BenchmarkTimers implements UntimedLines {
    private final List<Path> roots;
    private volatile List<GoTree> trees;
    private final Map<String, Optional<FileParts>> byProfileFile = new ConcurrentHashMap<>();
    /** Tree root and folder → the spans of its test files. */
    private final Map<String, Map<String, List<Span>>> byFolder = new ConcurrentHashMap<>();

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
        if (!file.endsWith("_test.go")) {
            return null;
        }
        String name = shortName(function);
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

    /**
     * {@code example.com/m.BenchmarkX} → {@code BenchmarkX}; a closure keeps its suffix ({@code BenchmarkX.func1}); a
     * generic helper loses its {@code [...]} ({@code example.com/m.bench[...]} → {@code bench}).
     */
    static String shortName(String function) {
        String f = function.endsWith("[...]") ? function.substring(0, function.length() - 5) : function;
        String last = f.substring(f.lastIndexOf('/') + 1);
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
                    return Optional.of(new FileParts(rel, folder(tree, rel).get(rel)));
                }
            }
            if (p.indexOf('/', cut + 1) < 0) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The spans of the test files in {@code rel}'s folder of {@code tree}, read once: module-relative path → spans. */
    private Map<String, List<Span>> folder(GoTree tree, String rel) {
        String dir = rel.substring(0, rel.lastIndexOf('/') + 1);
        return byFolder.computeIfAbsent(tree.root() + "\u0000" + dir, k -> {
            Map<String, byte[]> files = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Path> e : tree.files().entrySet()) {
                String name = e.getKey();
                if (name.startsWith(dir) && name.indexOf('/', dir.length()) < 0 && name.endsWith("_test.go")) {
                    try {
                        files.put(name, Files.readAllBytes(e.getValue()));
                    } catch (IOException x) {
                        throw new UncheckedIOException("cannot read " + e.getValue(), x);
                    }
                }
            }
            return spans(files);
        });
    }

    /** The untimed spans of the functions of one Go file ({@code rel}: its module-relative path), alone in its package. */
    static List<Span> spans(String rel, byte[] src) {
        return spans(Map.of(rel, src)).get(rel);
    }

    /**
     * The untimed spans of the functions with a {@code *testing.B} of one folder's test files ({@code rel} → bytes):
     * benchmarks and the helpers they call, which may be in another file of the package.
     */
    static Map<String, List<Span>> spans(Map<String, byte[]> files) {
        Map<String, List<Span>> out = new java.util.LinkedHashMap<>();
        files.keySet().forEach(rel -> out.put(rel, new ArrayList<>()));
        for (TimerFunctions.Read pkg : TimerFunctions.read(files)) {
            for (TimerFunctions.Func f : pkg.funcs()) {
                new Body(f.rel(), f.name(), f.funcLine(), new TimerResets(f.recv(), f.t(), f.match(), pkg.resetting()))
                        .read(f.open(), f.match()[f.open()], out.get(f.rel()));
            }
        }
        return out;
    }

    private static boolean open(Token k) {
        return k.kind() == Kind.OP && (k.is("(") || k.is("[") || k.is("{"));
    }

    /**
     * One function's body: where its setup ends ({@link TimerResets}), its {@code StopTimer}/{@code StartTimer} calls
     * and what follows its {@code for b.Loop()} loop, outside function literals; a function literal of a
     * {@code *testing.B} in the function itself (a {@code b.Run} body) is read as a body of its own, once (its
     * closures are not).
     */
    private record Body(String rel, String name, int funcLine, TimerResets r) {
        void read(int open, int close, List<Span> out) {
            TimerResets.Reset reset = r.find(open, close, funcLine);
            if (reset != null) {
                Part p = new Part(name, reset.what(), rel, reset.line(), reset.line());
                reset.ranges().forEach(range -> out.add(new Span(range[0], range[1], p)));
            }
            List<int[]> stops = new ArrayList<>(); // {line, token index}
            List<int[]> starts = new ArrayList<>();
            int depth = 0;
            for (int j = open + 1; j < close; j++) {
                Token k = r.t().get(j);
                if (k.is("func") && r.t().get(j + 1).is("(")) {
                    int end = literalEnd(j + 1, close);
                    closure(j, end, out);
                    j = end - 1;
                    continue;
                }
                if (depth == 0 && k.is("for") && r.loop(j + 1)) {
                    // for b.Loop() { ... } (Go 1.24+): the timer runs inside the loop only
                    int end = r.t().get(r.match()[j + 6]).line();
                    if (r.t().get(close).line() > end) {
                        out.add(new Span(end + 1, r.t().get(close).line(), new Part(name,
                                "after " + r.recv() + ".Loop", rel, end, end)));
                    }
                }
                if (k.is("{")) {
                    depth++;
                } else if (k.is("}")) {
                    depth--;
                }
                String call = call(j);
                if ("StopTimer".equals(call)) {
                    stops.add(new int[]{k.line(), j});
                } else if ("StartTimer".equals(call)) {
                    starts.add(new int[]{k.line(), j});
                }
            }
            stopped(stops, starts, close, out);
        }

        /** From each StopTimer call to the next StartTimer call in the text, or to the closing brace. */
        private void stopped(List<int[]> stops, List<int[]> starts, int close, List<Span> out) {
            String recv = r.recv();
            for (int[] stop : stops) {
                int[] start = starts.stream().filter(s -> s[1] > stop[1]).findFirst().orElse(null);
                String what = start == null ? "after " + recv + ".StopTimer"
                        : "between " + recv + ".StopTimer and " + recv + ".StartTimer";
                int end = start == null ? r.t().get(close).line() : start[0];
                out.add(new Span(stop[0], end, new Part(name, what, rel, stop[0], start == null ? stop[0] : end)));
            }
        }

        /** A function literal at {@code func} (ending before {@code end}) of a {@code *testing.B}: read as a body. */
        private void closure(int func, int end, List<Span> out) {
            List<Token> t = r.t();
            int[] match = r.match();
            int params = func + 1;
            if (name.endsWith(CLOSURE) || match[params] < 0 || match[params] + 1 >= end) {
                return;
            }
            int body = match[params] + 1;
            String[] inner = TimerFunctions.bParam(t, match, params, match[params]);
            if (inner != null && t.get(body).is("{") && match[body] > body) {
                new Body(rel, name + CLOSURE, t.get(func).line(), new TimerResets(inner[0], t, match, r.helpers()))
                        .read(body, match[body], out);
            }
        }

        /** The method name when tokens at {@code j} are {@code recv . Name (}, not preceded by a dot; else null. */
        private String call(int j) {
            List<Token> t = r.t();
            Token k = t.get(j);
            if (k.kind() != Kind.IDENT || !k.text().equals(r.recv()) || j + 3 >= t.size() || t.get(j - 1).is(".")
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
            List<Token> t = r.t();
            int[] match = r.match();
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
