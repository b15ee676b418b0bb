package dev.perfwarden.facts.input;

import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.asm.AsmBody;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.objdump.ObjdumpParser;
import dev.perfwarden.facts.core.ParseException;

import dev.perfwarden.facts.profile.PprofParser;
import dev.perfwarden.facts.profile.UntimedLines;
import dev.perfwarden.facts.source.BenchmarkTimers;
import dev.perfwarden.facts.source.FunctionResolver;
import dev.perfwarden.facts.source.GoTree;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Turns command-line paths into parsed inputs: walks directories, buffers standard input, sniffs
 * each file's format by content, runs its parser, and keeps per-input statistics. One bad input
 * never stops the others: its error is recorded in its {@link InputStats}.
 */
public final class InputReader {
    /** What reading gave: all facts (in input order), per-input stats, Go source roots, skipped files. */
    public record Result(List<Fact> facts, List<InputStats> inputs, List<Path> sourceRoots, List<Skipped> skipped,
                         Map<Path, GoTree> sourceTrees) {
        /**
         * @param sourceTrees the Go source trees the function resolver walked, by absolute root, for later
         *                    readers of the same roots (suppressions) to use instead of walking them again
         */
        public Result {
            sourceTrees = Map.copyOf(sourceTrees);
        }
    }

    /** A file met while walking a directory that is no known capture format (go.mod, README, …). */
    public record Skipped(String path, String reason) {
    }

    private final List<InputParser> parsers;
    private final int threads;

    public InputReader() {
        this(Parsers.all(), Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public InputReader(List<InputParser> parsers, int threads) {
        this.parsers = List.copyOf(parsers);
        this.threads = threads;
    }

    public Result read(List<String> args, InputStream stdin) throws IOException {
        return read(args, List.of(), stdin);
    }

    /**
     * Reads every argument ({@code -} is standard input). {@code sourceDirs} are extra folders of
     * Go sources for attributing facts to functions, searched before the arguments' own folders.
     */
    public Result read(List<String> args, List<Path> sourceDirs, InputStream stdin) throws IOException {
        List<InputSource> sources = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Set<Path> roots = new LinkedHashSet<>();
        for (Path d : sourceDirs) {
            roots.add(d.toAbsolutePath().normalize());
        }
        List<InputStats> missing = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-")) {
                readStdin(stdin, sources, roots, missing);
                continue;
            }
            Path p = Path.of(arg);
            if (!Files.exists(p)) {
                missing.add(InputStats.failed(arg, "unknown", arg + ": no such file or directory"));
                continue;
            }
            Optional<String> special = InputFiles.special(p);
            if (special.isPresent()) {
                missing.add(InputStats.failed(arg, "unknown", InputFiles.refusal(arg, special.get())));
                continue;
            }
            if (Files.isDirectory(p)) {
                roots.add(p.toAbsolutePath().normalize());
                walk(p, sources, skipped, roots);
            } else {
                roots.add(p.toAbsolutePath().normalize().getParent());
                sources.add(InputSource.of(p));
            }
        }
        List<InputStats> stats = new ArrayList<>(missing);
        ArrayList<Fact> facts = new ArrayList<>();
        HotInstructionInputs hot; // CPU profile x objdump of the same binary
        List<InputStats> bySlot = new ArrayList<>();
        List<Path> sourceRoots = List.copyOf(moduleRoots(roots));
        // profiles leave out benchmarks' untimed setup (from the sources), in facts and hot instructions alike
        BenchmarkTimers untimed = BenchmarkTimers.of(sourceRoots);
        List<Parsed> all = withUntimed(untimed).parseAll(sources, skipped, hot = new HotInstructionInputs(untimed));
        for (int i = 0; i < all.size(); i++) {
            Parsed parsed = all.set(i, null); // this list holds no fact once read: resolving replaces them in place
            bySlot.add(parsed == null ? null : parsed.stats);
            if (parsed == null) {
                continue;
            }
            stats.add(parsed.stats);
            facts.addAll(parsed.facts);
        }
        // skipped files are listed in the report: nothing is dropped silently
        skipped.forEach(s -> stats.add(InputStats.skipped(s.path(), s.reason())));
        hot.finish(bySlot, stats, facts);
        // Attribute compiler facts to their functions and make files module-relative.
        FunctionResolver resolver = FunctionResolver.of(sourceRoots, null);
        // facts is resolved's list now; a large input's facts are resolved on every core
        List<Fact> resolved = resolver.resolveInPlace(facts, threads).facts();
        // several profiles of one sample type (scan --bench: one per test binary): shares of their merge, as pprof's
        resolved = dev.perfwarden.facts.profile.ProfileMerge.merge(resolved);
        ProfileInputNotes.add(resolved, stats); // a CPU profile mostly in assembly: no rule sees that code
        return new Result(resolved, stats, sourceRoots, skipped, resolver.trees());
    }

    /** A reader whose profile parser leaves out the samples of the {@code untimed} lines. */
    private InputReader withUntimed(UntimedLines untimed) {
        return new InputReader(parsers.stream().map(p -> p instanceof PprofParser pp ? pp.withUntimed(untimed) : p)
                .toList(), threads);
    }

    /** Standard input: its head is sniffed before spooling, so junk is refused without copying it to disk. */
    private void readStdin(InputStream stdin, List<InputSource> sources, Set<Path> roots, List<InputStats> missing)
            throws IOException {
        byte[] head = stdin.readNBytes(InputHead.SIZE);
        InputHead h = new InputHead("<stdin>", false, head);
        Optional<String> refusal = chooser(h).isPresent() ? Optional.empty() : refusal(h, "<stdin>");
        if (refusal.isPresent() || (!InputFiles.blank(head) && !InputFiles.utf8Bom(head) && chooser(h).isEmpty())) {
            missing.add(InputStats.failed("<stdin>", "unknown", refusal.orElse(unrecognized("<stdin>"))));
            return;
        }
        Path tmp = InputFiles.spool(head, stdin);
        sources.add(new InputSource("<stdin>", tmp));
        roots.add(Path.of("").toAbsolutePath());
    }

    private record Parsed(InputStats stats, List<Fact> facts) {
    }

    /**
     * What sniffing decided for one input: a result already (refused, empty), its parser (with the source to parse,
     * past a byte order mark), or neither (a walked file of no known format, skipped; {@code binary}: its head is not
     * text). The head is not kept: thousands of 64 KiB heads would all be live at once.
     */
    private record Choice(Parsed done, InputSource src, InputParser parser, boolean binary) {
    }

    /** Sniffs one input (reads its head); depends on nothing but the input, so inputs are sniffed in parallel. */
    private Choice choose(InputSource src) throws IOException {
        InputHead head = head(src);
        String display = src.displayPath();
        Optional<InputParser> parser = chooser(head);
        Optional<String> refusal = parser.isPresent() ? Optional.empty() : refusal(head, display);
        if (refusal.isPresent()) {
            return new Choice(new Parsed(InputStats.failed(display, "unknown", refusal.get()), List.of()), src, null,
                    false);
        }
        if (InputFiles.utf8Bom(head.bytes())) {
            src = src.skipping(3);
            head = new InputHead(head.name(), false, Arrays.copyOfRange(head.bytes(), 3, head.bytes().length));
            parser = chooser(head);
        }
        if (InputFiles.blank(head.bytes()) && head.bytes().length < InputHead.SIZE) {
            return new Choice(new Parsed(new InputStats(display, InputStats.EMPTY, 0, 0, List.of(), null,
                    "empty input"), List.of()), src, null, false);
        }
        if (parser.isEmpty() && src.walked()) {
            InputHead h = head;
            parser = parsers.stream().filter(pp -> pp.claims(h)).findFirst();
        }
        if (parser.isEmpty() && !src.walked()) {
            return new Choice(new Parsed(InputStats.failed(display, "unknown", unrecognized(display)), List.of()), src,
                    null, false);
        }
        return new Choice(null, src, parser.orElse(null), parser.isEmpty() && head.binary());
    }

    private List<Parsed> parseAll(List<InputSource> sources, List<Skipped> skipped, HotInstructionInputs hot)
            throws IOException {
        // Each input is sniffed and parsed in one task, all inputs on a pool of one worker per core (a -json tree is
        // thousands of files, each head read and tried by every parser in turn; its sniffing and parsing run beside
        // the -m text's parsing); the choices are then taken in input order, so skipped files are reported in a
        // stable order. With a profile and objdump text among the inputs, the objdump inputs are parsed last, joined
        // to the profiles' samples as they are parsed (HotInstructionInputs): objdump inputs wait for all choices.
        List<InputSource> toParse = new ArrayList<>();
        List<InputParser> chosen = new ArrayList<>();
        List<Parsed> out = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, sources.size())));
        try {
            List<Future<Parsed>> deferred = new ArrayList<>();
            List<Step> steps = steps(sources, pool);
            for (Step st : steps) {
                Choice c = st.choice();
                if (c.done() != null) {
                    out.add(c.done());
                } else if (c.parser() != null) {
                    slots.add(out.size());
                    out.add(st.parsed());
                    toParse.add(c.src());
                    chosen.add(c.parser());
                    deferred.add(null);
                } else {
                    skipped.add(new Skipped(c.src().displayPath(), c.binary() ? "binary file of no known format"
                            : "not a known capture format"));
                }
            }
            steps.clear();
            objdumpLast(toParse, chosen, slots, out, deferred, hot, pool);
        } finally {
            pool.shutdown();
        }
        return out;
    }

    /** Parses the objdump inputs, joined to the profiles' samples when both are among the inputs. */
    private static void objdumpLast(List<InputSource> toParse, List<InputParser> chosen, List<Integer> slots,
                                    List<Parsed> out, List<Future<Parsed>> deferred, HotInstructionInputs hot,
                                    ExecutorService pool) throws IOException {
        boolean join = HotInstructionInputs.wanted(chosen);
        if (join) {
            for (int i = 0; i < toParse.size(); i++) {
                Parsed p = out.get(slots.get(i));
                if (chosen.get(i).kind() == InputKind.PPROF && !p.stats.failed()) {
                    hot.profile(toParse.get(i), p.stats.path());
                }
            }
        }
        for (int i = 0; i < toParse.size(); i++) {
            InputSource src = toParse.get(i);
            InputParser parser = chosen.get(i);
            if (HotInstructionInputs.objdump(parser)) {
                Consumer<AsmBody> observer = join ? hot.objdump(slots.get(i), src.displayPath()) : null;
                deferred.set(i, pool.submit(() -> parseOne(src, parser, observer)));
            }
        }
        collect(deferred, toParse, chosen, slots, out);
    }

    /** One input sniffed, and parsed unless it is objdump text ({@code parsed} null: not parsed yet). */
    private record Step(Choice choice, Parsed parsed) {
    }

    /** {@link #choose} and (but objdump text) {@link #parseOne} for every source, in their order, on {@code pool}. */
    private List<Step> steps(List<InputSource> sources, ExecutorService pool) throws IOException {
        Choice[] choices = new Choice[sources.size()]; // what a task chose before it parsed: names a failed parse
        List<Future<Step>> futures = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            InputSource src = sources.get(i);
            int slot = i;
            futures.add(pool.submit(() -> {
                Choice c = choose(src);
                choices[slot] = c;
                boolean now = c.done() == null && c.parser() != null && !HotInstructionInputs.objdump(c.parser());
                return new Step(c, now ? parseOne(c.src(), c.parser(), null) : null);
            }));
        }
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.add(futures.get(i).get());
            } catch (ExecutionException e) {
                futures.forEach(x -> x.cancel(true));
                Choice c = choices[i];
                if (e.getCause() instanceof IOException io) {
                    throw io; // reading a head: as when sniffing one by one
                }
                if (c != null) { // not an input error (those are in the stats): a parser bug, or out of memory/stack
                    throw new ParserFailure(c.src().displayPath(), c.parser().kind().id(), e.getCause());
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return out;
    }

    /** Waits for the submitted parses (null: not submitted) and puts their results in their slots. */
    private static void collect(List<Future<Parsed>> futures, List<InputSource> toParse, List<InputParser> chosen,
                                List<Integer> slots, List<Parsed> out) throws IOException {
        for (int i = 0; i < futures.size(); i++) {
            if (futures.get(i) == null) {
                continue;
            }
            try {
                out.set(slots.get(i), futures.get(i).get());
            } catch (ExecutionException e) {
                // not an input error (those are in the stats): a parser bug, or out of memory/stack
                for (Future<Parsed> f : futures) {
                    if (f != null) {
                        f.cancel(true);
                    }
                }
                throw new ParserFailure(toParse.get(i).displayPath(), chosen.get(i).kind().id(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private Optional<InputParser> chooser(InputHead head) {
        return parsers.stream().filter(pp -> pp.sniff(head)).findFirst();
    }

    /** Why an input no parser recognises is refused by name (a UTF-16 text), or empty. */
    private static Optional<String> refusal(InputHead head, String display) {
        return InputFiles.encodingProblem(head.bytes()).map(m -> display + ": " + m);
    }

    private static String unrecognized(String display) {
        return display + ": unrecognized input format (expected -m/-m=2 text, -json log, -S listing, objdump, "
                + "SSA dump, pprof profile or go test -bench output)";
    }

    /** Parses one input; never throws for bad content, which becomes the stats' error. */
    public static ParsedInput parse(InputSource src, InputParser parser) {
        return parse(src, parser, null);
    }

    /** As {@link #parse(InputSource, InputParser)}; objdump text also hands each function to {@code functions} (or null). */
    static ParsedInput parse(InputSource src, InputParser parser,
                             Consumer<AsmBody> functions) {
        List<Fact> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext(src.displayPath(), parser.kind(), facts::add);
        String error = null;
        try {
            if (functions != null && parser instanceof ObjdumpParser objdump) {
                objdump.parse(src, ctx, functions);
            } else {
                parser.parse(src, ctx);
            }
        } catch (ParseException e) {
            error = e.getMessage();
        } catch (IOException | UncheckedIOException e) {
            error = src.displayPath() + ": cannot read: " + e.getMessage();
        }
        List<String> notes = new ArrayList<>(ctx.notes());
        if (ctx.repeatedCount() > 0) {
            notes.add(0, ctx.repeatedCount() + " facts repeat a package's output printed earlier in this input"
                    + " (same # header, same lines): merged into their first copy");
        }
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        return new ParsedInput(new InputStats(src.displayPath(), parser.kind().id(), ctx.records(),
                ctx.unparsedCount(), ctx.unparsedSamples(), error, note), facts);
    }

    /** One input's facts and statistics. */
    public record ParsedInput(InputStats stats, List<Fact> facts) {
    }

    private static Parsed parseOne(InputSource src, InputParser parser,
                                   Consumer<AsmBody> functions) {
        ParsedInput p = parse(src, parser, functions);
        return new Parsed(p.stats(), p.facts());
    }

    static InputHead head(InputSource src) throws IOException {
        if (src.directory()) {
            return new InputHead(src.path().getFileName().toString(), true, new byte[0]);
        }
        try (InputStream in = src.open()) {
            byte[] bytes = in.readNBytes(InputHead.SIZE);
            Path name = src.path().getFileName();
            return new InputHead(src.displayPath().equals("<stdin>") ? "<stdin>" : String.valueOf(name), false,
                    bytes);
        }
    }

    private static void walk(Path dir, List<InputSource> sources, List<Skipped> skipped, Set<Path> roots)
            throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                String n = d.getFileName() == null ? "" : d.getFileName().toString();
                if (!d.equals(dir) && (n.startsWith(".") || n.equals("vendor") || n.equals("testdata"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(f);
                } else if (!attrs.isDirectory() && !attrs.isSymbolicLink()) {
                    skipped.add(new Skipped(f.toString(), InputFiles.special(f).orElse("a special file")
                            + ", not a regular file: not read"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                skipped.add(new Skipped(f.toString(), "cannot read: " + e.getMessage()));
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(Path::toString));
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".go") || name.equals("go.mod") || name.equals("go.sum")) {
                continue; // sources feed the function index, they are not captures
            }
            if (name.startsWith(".")) { // like hidden folders: markers (a batch corpus's .done) and settings
                skipped.add(new Skipped(f.toString(), "a hidden file: not read"));
                continue;
            }
            if (name.equals("capture.json")) {
                Optional<Path> named = captureSource(f);
                Optional<Path> inside = named.filter(d -> withinRepository(f, d));
                if (inside.isPresent()) {
                    roots.add(inside.get());
                } else if (named.isPresent() && !roots.contains(named.get())) {
                    skipped.add(new Skipped(f.toString(), "capture metadata: its source folder " + named.get()
                            + " lies outside the repository that holds the capture, so it is not read (give it with"
                            + " --source if it is yours)"));
                } else if (named.isEmpty()) {
                    skipped.add(new Skipped(f.toString(), "capture metadata (its source folder was not found, or holds no go.mod)"));
                }
                continue;
            }
            sources.add(new InputSource(f.toString(), f, true));
        }
    }

    /**
     * The Go sources a capture folder was made from, as its {@code capture.json} names them
     * ({@code "source"}: absolute, or relative to the capture folder or to one of its ancestors, e.g.
     * the repository root for {@code examples/orders}).
     */
    static Optional<Path> captureSource(Path captureJson) {
        String src;
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(captureJson.toFile());
            src = n == null ? null : n.path("source").asText(null);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (src == null || src.isBlank()) {
            return Optional.empty();
        }
        Path s;
        try {
            s = Path.of(src);
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        if (s.isAbsolute()) {
            return module(s.normalize());
        }
        for (Path a = captureJson.toAbsolutePath().getParent(); a != null; a = a.getParent()) {
            Optional<Path> c = module(a.resolve(s).normalize());
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code source}, the folder a capture folder's {@code capture.json} names, lies inside the repository
     * holding that capture folder: the nearest ancestor of the capture folder with {@code .git} or
     * {@code .perfwarden.yaml}, else the capture folder's parent (a {@code scan --keep DIR} beside its module), compared
     * as real paths. A capture comes from the repository under analysis: naming another module on the machine (a
     * second checkout, the module cache) put that module's sources in the HTML report (attack6 probe 05).
     */
    static boolean withinRepository(Path captureJson, Path source) {
        try {
            Path cap = captureJson.toAbsolutePath().getParent();
            Path repo = cap.getParent() == null ? cap : cap.getParent();
            for (Path a = cap; a != null; a = a.getParent()) {
                if (Files.exists(a.resolve(".git"), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        || Files.exists(a.resolve(".perfwarden.yaml"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    repo = a;
                    break;
                }
            }
            return source.toRealPath().startsWith(repo.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * {@code dir} when it is a Go module's folder (it holds a {@code go.mod}) and not under {@code /proc}, {@code /sys}
     * or {@code /dev}: a capture folder's {@code capture.json} comes from the repository under analysis
     * ({@code "source": "/proc/self"} made the HTML report show the process environment, attack5 probe 01).
     */
    private static Optional<Path> module(Path dir) {
        try {
            if (!Files.isRegularFile(dir.resolve("go.mod"))
                    || dev.perfwarden.facts.source.GoFiles.special(dir.toRealPath())) {
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(dir);
    }

    /** The module roots (folders holding go.mod) above each root, plus the roots themselves. */
    static List<Path> moduleRoots(Set<Path> roots) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path r : roots) {
            out.add(r);
            for (Path p = r; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("go.mod"))) {
                    out.add(p);
                    break;
                }
            }
        }
        return new ArrayList<>(out);
    }
}
