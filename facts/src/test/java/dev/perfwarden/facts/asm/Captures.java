package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real captures for the machine-code and SSA parser tests: the shared Go 1.19/1.23 corpus, this
 * package's own Go 1.24.13, 1.25.14 and 1.26.8 captures, and the captures committed elsewhere in the repository
 * (testdata/captured/go1.&#42;, rules/packs/&#42;/&#42;/captures/go1.&#42;) when they exist.
 */
public final class Captures {
    private Captures() {
    }

    public static Path root() {
        String prop = System.getProperty("perfwarden.root");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Paths.get(prop, "testdata"))) {
            return Paths.get(prop).toAbsolutePath();
        }
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve(".git"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("repository root not found (no perfwarden.root, no .git above cwd)");
        }
        return p;
    }

    /** This package's own Go 1.26.8 captures (see capture.sh there). */
    public static Path own126() {
        return root().resolve("facts/src/test/resources/dev/perfwarden/facts/asm/go1.26.8");
    }

    /** The compilers this package's own programs (t1..t5) are captured with: asm/go&lt;v&gt;/ (capture.sh). */
    public static final List<String> OWN_VERSIONS = List.of("go1.24.13", "go1.25.14", "go1.26.8");

    /** This package's own captures made by {@code version} (one of {@link #OWN_VERSIONS}). */
    public static Path own(String version) {
        return root().resolve("facts/src/test/resources/dev/perfwarden/facts/asm").resolve(version);
    }

    /** Every capture whose file name matches {@code glob}, in the corpus and all capture trees. */
    public static List<Path> all(String glob) {
        List<Path> roots = new ArrayList<>();
        roots.add(root().resolve("testdata/corpus/go1.19"));
        roots.add(root().resolve("testdata/corpus/go1.23"));
        OWN_VERSIONS.forEach(v -> roots.add(own(v)));
        Path captured = root().resolve("testdata/captured");
        Path packs = root().resolve("rules/packs");
        for (Path base : List.of(captured, packs)) {
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(base, 5)) {
                s.filter(Files::isDirectory)
                        .filter(p -> p.getFileName().toString().startsWith("go1."))
                        .filter(p -> base == captured || p.getParent().getFileName().toString().equals("captures"))
                        .sorted().forEach(roots::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        var matcher = root().getFileSystem().getPathMatcher("glob:" + glob);
        List<Path> out = new ArrayList<>();
        for (Path r : roots) {
            if (!Files.isDirectory(r)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(r)) {
                s.filter(Files::isRegularFile).filter(p -> matcher.matches(p.getFileName())).sorted()
                        .forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public static String rel(Path p) {
        return root().relativize(p).toString();
    }

    /** The result of one parse. */
    public record Parsed(List<Fact> facts, ParseContext ctx) {
        public <T extends Fact> List<T> of(Class<T> type) {
            return facts.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
        }
    }

    public static Parsed parse(InputParser parser, Path file) {
        List<Fact> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext(rel(file), parser.kind(), facts::add);
        try {
            parser.parse(InputSource.of(file), ctx);
        } catch (Exception e) {
            throw new AssertionError(rel(file) + ": " + e.getMessage(), e);
        }
        return new Parsed(facts, ctx);
    }

    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long count(List<String> lines, Pattern p) {
        return lines.stream().filter(l -> p.matcher(l).find()).count();
    }

    /** Occurrences of group 1 of {@code p} over all lines, ".abi0" dropped, as a multiset. */
    public static java.util.Map<String, Long> histogram(List<String> lines, Pattern p) {
        java.util.Map<String, Long> m = new java.util.TreeMap<>();
        for (String l : lines) {
            Matcher mm = p.matcher(l);
            if (mm.find()) {
                m.merge(mm.group(1).replaceAll("\\.abi0$", ""), 1L, Long::sum);
            }
        }
        return m;
    }
}
