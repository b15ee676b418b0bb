package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.Located;
import dev.perfwarden.facts.core.Origin;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test support shared by the escape, logopt and source tests: where the repository and the real
 * captures are, a canonical one-line-per-fact dump, and golden files that
 * {@code -Dperfwarden.update=true} rewrites.
 */
public final class Captures {
    private Captures() {
    }

    /** A capture to test: its path, the Go sources it was made from, and a short id for goldens. */
    public record Capture(Path file, Path sources, String id) {
        @Override
        public String toString() {
            return id;
        }
    }

    /** The repository root: system property {@code perfwarden.root}, else the nearest dir with .git above user.dir. */
    public static Path root() {
        String p = System.getProperty("perfwarden.root");
        if (p != null && !p.isBlank()) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root not found above " + System.getProperty("user.dir"));
    }

    /** The compilers this package's own programs (t1..t4, nm) are captured with: escape/go&lt;v&gt;/ (capture.sh). */
    public static final List<String> OWN_VERSIONS = List.of("go1.23.5", "go1.24.13", "go1.25.14", "go1.26.8");

    /** This package's test resources (captures of every {@link #OWN_VERSIONS}, the nm program, goldens). */
    public static Path resources() {
        return root().resolve("facts/src/test/resources/dev/perfwarden/facts/escape");
    }

    public static boolean update() {
        return Boolean.getBoolean("perfwarden.update");
    }

    /**
     * Every capture named {@code fileName} (e.g. {@code m2.txt}, {@code json}) in the shared
     * corpus (Go 1.19, 1.23), in this package's own captures ({@link #OWN_VERSIONS}) and in
     * {@code testdata/captured/go*}/PROGRAM (when another capture run has produced it).
     */
    public static List<Capture> all(String fileName) {
        List<Capture> out = new ArrayList<>();
        Path root = root();
        for (String ver : List.of("go1.19", "go1.23")) {
            for (Path prog : dirs(root.resolve("testdata/corpus").resolve(ver))) {
                add(out, prog.resolve(fileName), prog, "corpus-" + ver + "-" + prog.getFileName());
            }
        }
        for (Path verDir : dirs(resources())) {
            String ver = verDir.getFileName().toString();
            if (!ver.startsWith("go1.")) {
                continue;
            }
            for (Path prog : dirs(verDir)) {
                String name = prog.getFileName().toString();
                Path src = name.equals("nm") ? resources().resolve("nm")
                        : root.resolve("testdata/corpus/go1.23").resolve(name);
                add(out, prog.resolve(fileName), src, "own-" + ver + "-" + name);
            }
        }
        for (Path verDir : dirs(root.resolve("testdata/captured"))) {
            String ver = verDir.getFileName().toString();
            if (!ver.startsWith("go1.")) {
                continue;
            }
            for (Path prog : dirs(verDir)) {
                Path src = root.resolve("testdata/go").resolve(prog.getFileName());
                add(out, prog.resolve(fileName), src, "captured-" + ver + "-" + prog.getFileName());
            }
        }
        return out;
    }

    private static void add(List<Capture> out, Path f, Path src, String id) {
        if (Files.exists(f) && (Files.isDirectory(f) || sizeOf(f) > 0)) {
            out.add(new Capture(f, src, id));
        }
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    public static List<Path> dirs(Path d) {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file below {@code d}, sorted. */
    public static List<Path> files(Path d) {
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result of parsing one input. */
    public record Parsed(List<Fact> facts, ParseContext ctx, ParseException error) {
    }

    public static Parsed parse(InputParser parser, Path file) {
        return parse(parser, file, file.getFileName().toString());
    }

    public static Parsed parse(InputParser parser, Path file, String display) {
        List<Fact> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext(display, parser.kind(), facts::add);
        ParseException err = null;
        try {
            parser.parse(new InputSource(display, file), ctx);
        } catch (ParseException e) {
            err = e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Parsed(facts, ctx, err);
    }

    public static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // canonical dump

    /** One sorted line per fact: {@code file:line:col Type{component=value …}}, defaults left out. */
    public static String dump(Collection<? extends Fact> facts) {
        return facts.stream().map(Captures::line).sorted().collect(Collectors.joining("\n", "", "\n"));
    }

    public static String line(Fact f) {
        StringBuilder sb = new StringBuilder();
        if (f instanceof Located l) {
            sb.append(new SourcePos(l.file(), l.line(), l.col()).format()).append(' ');
        }
        render(sb, f, true);
        return sb.toString();
    }

    /** A record's components by name, an {@link Origin}'s spelled out in its place (as the fact's own fields). */
    private static Map<String, Object> components(Record r, boolean top) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (top && v instanceof Origin o) {
                out.putAll(components(o, false));
            } else {
                out.put(c.getName(), v);
            }
        }
        return out;
    }

    private static void render(StringBuilder sb, Object o, boolean top) {
        if (o == null) {
            sb.append("null");
        } else if (o instanceof SourcePos p) {
            sb.append(p.known() || !p.file().isEmpty() ? p.format() : "?");
        } else if (o instanceof Evidence e) {
            sb.append('L').append(e.at() == null ? 0 : e.at().line());
        } else if (o instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append("; ");
                }
                render(sb, l.get(i), false);
            }
            sb.append(']');
        } else if (o instanceof Record r) {
            sb.append(r.getClass().getSimpleName()).append('{');
            boolean first = true;
            for (Map.Entry<String, Object> c : components(r, top).entrySet()) {
                String n = c.getKey();
                if (top && r instanceof Located && (n.equals("file") || n.equals("line") || n.equals("col"))) {
                    continue;
                }
                Object v = c.getValue();
                if (v instanceof String s && s.isEmpty() || v instanceof List<?> l && l.isEmpty()
                        || Boolean.FALSE.equals(v) || v instanceof Integer i && (i == -1 || i == Integer.MIN_VALUE)) {
                    continue;
                }
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                sb.append(n).append('=');
                if (v instanceof String s && (s.indexOf(' ') >= 0 || s.indexOf('"') >= 0)) {
                    sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                } else {
                    render(sb, v, false);
                }
            }
            sb.append('}');
        } else {
            sb.append(o);
        }
    }

    /** Compares {@code actual} with the golden file, or rewrites it with -Dperfwarden.update=true. */
    public static void golden(Path golden, String actual) {
        try {
            if (update() || !Files.exists(golden)) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                if (!update()) {
                    throw new AssertionError("golden file was missing and has been written: " + golden
                            + " (review it and run again)");
                }
                return;
            }
            String want = Files.readString(golden, StandardCharsets.UTF_8);
            if (!want.equals(actual)) {
                Path tmp = Files.createTempFile("golden", ".facts.txt");
                Files.writeString(tmp, actual, StandardCharsets.UTF_8);
                assertThat(actual).as("golden %s differs (actual written to %s; rerun with -Dperfwarden.update=true "
                        + "to accept)", golden, tmp).isEqualTo(want);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kind id every test expects for its parser. */
    public static InputKind kindOf(InputParser p) {
        return p.kind();
    }
}
