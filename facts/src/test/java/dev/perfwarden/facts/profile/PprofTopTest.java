package dev.perfwarden.facts.profile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * HotTable against the real {@code go tool pprof -top [-cum] -nodecount=40 [-sample_index=SI]}
 * tables committed next to real profiles: every {@code pprof-top*.txt} of the repository (the
 * ground truth of testdata/regen.sh next to rule and example captures and under
 * testdata/captured/corpus-pprof, and this test's own under facts/src/test/resources/pprof, made
 * by its regen-top.sh). The sample index is the table's {@code Type:} line; {@code -cum} tables
 * are named {@code pprof-top-cum*}. The top 20 rows must name the same functions (as sets where
 * pprof's printed sort value ties) with flat and cum equal within pprof's rounding.
 */
class PprofTopTest {
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(?<flat>\\S+)\\s+\\S+%\\s+\\S+%\\s+(?<cum>\\S+)\\s+\\S+%\\s\\s(?<name>.+?)(?: \\((?:partial-)?inline\\))?$");
    private static final Pattern VALUE = Pattern.compile("^(?<num>-?[0-9]+(?:\\.[0-9]+)?)(?<unit>[A-Za-zµμ*]*)$");
    private static final Pattern TOTAL = Pattern.compile("^Showing nodes accounting for \\S+, \\S+ of (?<total>\\S+) total$");
    private static final Pattern CORPUS = Pattern.compile("(?:corpus-pprof|pprof/corpus)/(?<ver>go[0-9.]+)/(?<prog>t[0-9]+)$");
    private static final Map<String, Double> UNITS = Map.ofEntries(Map.entry("", 1.0), Map.entry("ns", 1.0),
            Map.entry("us", 1e3), Map.entry("µs", 1e3), Map.entry("μs", 1e3), Map.entry("ms", 1e6),
            Map.entry("s", 1e9), Map.entry("hrs", 3.6e12), Map.entry("B", 1.0), Map.entry("kB", 1024.0),
            Map.entry("MB", (double) (1L << 20)), Map.entry("GB", (double) (1L << 30)),
            Map.entry("TB", (double) (1L << 40)), Map.entry("PB", (double) (1L << 50)));
    private static final int TOP = 20;

    record Case(Path table, Path profileDir, boolean cum) {
        String name() {
            return Repo.root().relativize(table).toString();
        }
    }

    record PRow(String name, String flatText, String cumText, double flat, double flatTol, double cum,
                double cumTol) {
    }

    @TestFactory
    Stream<DynamicTest> topMatchesGoToolPprof() {
        List<Case> cases = discover();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    @Test
    void groundTruthCoversGo119Go123AndTheMachinesGo() {
        Set<String> names = discover().stream().map(Case::name).collect(Collectors.toSet());
        assertThat(names).anyMatch(n -> n.contains("go1.19/t3/pprof-top.txt"));
        assertThat(names).anyMatch(n -> n.contains("go1.19/t3/pprof-top-cum.txt"));
        assertThat(names).anyMatch(n -> n.contains("go1.19/t3/pprof-top-alloc_space.txt"));
        assertThat(names).anyMatch(n -> n.contains("go1.23/t3/pprof-top.txt"));
        assertThat(names).anyMatch(n -> n.contains("go1.23/t3/pprof-top-alloc_space.txt"));
        assertThat(names).anyMatch(n -> n.contains("go1.26") && n.endsWith("pprof-top.txt"));
        assertThat(names).anyMatch(n -> n.contains("go1.26") && n.endsWith("pprof-top-cum.txt"));
        assertThat(names).anyMatch(n -> n.contains("go1.26") && n.endsWith("pprof-top-alloc_space.txt"));
    }

    static List<Case> discover() {
        Path root = Repo.root();
        List<Case> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(root) && (n.startsWith(".") || n.equals("target") || n.equals("node_modules"))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String n = file.getFileName().toString();
                    if (n.startsWith("pprof-top") && n.endsWith(".txt")) {
                        Path dir = file.getParent();
                        Matcher m = CORPUS.matcher(root.relativize(dir).toString().replace('\\', '/'));
                        Path profiles = m.find() ? root.resolve("testdata/corpus/" + m.group("ver") + "/" + m.group("prog"))
                                : dir;
                        if (hasProtobufProfile(profiles)) { // legacy text profiles: LegacyHeapProfileTest
                            out.add(new Case(file, profiles, n.startsWith("pprof-top-cum")));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort((a, b) -> a.table().compareTo(b.table()));
        return out;
    }

    private static void check(Case c) throws Exception {
        List<String> lines = Files.readAllLines(c.table());
        Assumptions.assumeFalse(lines.isEmpty(), c.table() + " is empty (being regenerated?)");
        String type = lines.stream().filter(l -> l.startsWith("Type: ")).map(l -> l.substring(6).strip())
                .findFirst().orElseThrow(() -> new AssertionError(c.table() + ": no Type: line"));
        ProfileData data = profileWith(c.profileDir(), type);
        HotTable table = HotTable.of(data, type, c.cum(), 40);
        String unit = table.sampleType().unit();

        List<PRow> expected = rows(lines);
        assertThat(table.rows()).as("rows shown").hasSize(expected.size());
        lines.stream().map(TOTAL::matcher).filter(Matcher::matches).findFirst().ifPresent(m -> {
            double[] total = value(m.group("total"));
            assertThat((double) table.total()).as("total").isCloseTo(total[0], within(total[1]));
        });

        int n = Math.min(TOP, expected.size());
        int i = 0;
        while (i < n) {
            String key = c.cum() ? expected.get(i).cumText() : expected.get(i).flatText();
            int j = i;
            while (j < expected.size() && (c.cum() ? expected.get(j).cumText() : expected.get(j).flatText()).equals(key)) {
                j++;
            }
            Set<String> want = new HashSet<>();
            Set<String> got = new HashSet<>();
            for (int x = i; x < j; x++) {
                want.add(expected.get(x).name());
                got.add(asPprofPrints(table.rows().get(x).symbol()));
            }
            assertThat(got).as("functions at rows %d..%d (%s %s)", i + 1, j, c.cum() ? "cum" : "flat", key)
                    .isEqualTo(want);
            i = j;
        }
        Map<String, HotTable.Row> ours = table.rows().stream()
                .collect(Collectors.toMap(r -> asPprofPrints(r.symbol()), r -> r, (a, b) -> a));
        for (PRow e : expected.subList(0, n)) {
            HotTable.Row r = ours.get(e.name());
            assertThat((double) r.flat()).as("flat of %s (%s, pprof prints %s)", e.name(), unit, e.flatText())
                    .isCloseTo(e.flat(), within(e.flatTol()));
            assertThat((double) r.cum()).as("cum of %s (%s, pprof prints %s)", e.name(), unit, e.cumText())
                    .isCloseTo(e.cum(), within(e.cumTol()));
        }
    }

    /**
     * A function name as {@code go tool pprof} prints it: without empty parameter lists. The profile holds
     * {@code Index[go.shape.interface { Name() string }]} (objdump's TEXT symbol too); pprof's -top and -raw print
     * {@code Index[go.shape.interface { Name string }]} (testdata/captured/go1.x/shapes).
     */
    private static String asPprofPrints(String name) {
        return name.contains("go.shape.interface") ? name.replace("()", "") : name;
    }

    private static boolean hasProtobufProfile(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.toString().endsWith(".pprof"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The profile in {@code dir} that has sample type {@code type} (cpu.pprof, mem.pprof, …). */
    private static ProfileData profileWith(Path dir, String type) throws Exception {
        List<Path> candidates;
        try (Stream<Path> s = Files.list(dir)) {
            candidates = s.filter(p -> p.toString().endsWith(".pprof")).sorted().toList();
        }
        for (Path p : candidates) {
            ProfileData d = new ProfileReader().read(p);
            if (d.sampleTypes().stream().anyMatch(t -> t.type().equals(type))) {
                return d;
            }
        }
        throw new AssertionError("no profile with sample type " + type + " in " + dir);
    }

    static List<PRow> rows(List<String> lines) {
        List<PRow> out = new ArrayList<>();
        boolean table = false;
        for (String l : lines) {
            if (!table) {
                table = l.matches("^\\s*flat\\s+flat%\\s+sum%\\s+cum\\s+cum%\\s*$");
                continue;
            }
            Matcher m = ROW.matcher(l);
            if (!m.matches()) {
                throw new AssertionError("not a pprof -top row: " + l);
            }
            double[] flat = value(m.group("flat"));
            double[] cum = value(m.group("cum"));
            out.add(new PRow(m.group("name"), m.group("flat"), m.group("cum"), flat[0], flat[1], cum[0], cum[1]));
        }
        return out;
    }

    /** A printed pprof value in its base unit, and the rounding tolerance of its two decimals. */
    static double[] value(String text) {
        Matcher m = VALUE.matcher(text);
        if (!m.matches() || !UNITS.containsKey(m.group("unit"))) {
            throw new AssertionError("not a pprof value: " + text);
        }
        double factor = UNITS.get(m.group("unit"));
        double v = Double.parseDouble(m.group("num")) * factor;
        return new double[] {v, 0.005 * factor + Math.abs(v) * 1e-12};
    }

    @Test
    void rowParserReadsPprofRows() {
        List<PRow> r = rows(List.of("      flat  flat%   sum%        cum   cum%",
                "     580ms 68.24% 68.24%      620ms 72.94%  example.com/t3.Work (inline)",
                "    0.55kB 0.00083% 99.28%  1236.97kB  1.88%  runtime.main",
                "         0     0%   100%     2.37us 2.3e-05%  type:.eq.[2]interface {}"));
        assertThat(r).extracting(PRow::name).containsExactly("example.com/t3.Work", "runtime.main",
                "type:.eq.[2]interface {}");
        assertThat(r.get(0).flat()).isEqualTo(580e6);
        assertThat(r.get(1).cum()).isCloseTo(1236.97 * 1024, within(1e-6));
        assertThat(r.get(2).cum()).isCloseTo(2370, within(1e-6));
    }
}
