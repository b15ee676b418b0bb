package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Several CPU profiles of different test binaries, read together, give one fact per site and sample type whose
 * values are summed and whose shares are of the summed totals: the real {@code go tool pprof -top [-lines]
 * A B C} of the three committed profiles (merge/pprof-top*.txt, written by regen-top.sh: 700 + 1400 + 4900 ms =
 * 7000 ms) is the ground truth.
 */
class ProfileMergeTest {
    static final List<String> PROFILES = List.of("testdata/captured/go1.26.8/sites/cpu.pprof",
            "testdata/captured/go1.26.8/shapes/cpu.pprof", "testdata/modules/uuid/cpu.pprof");
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(?<flat>[0-9.]+)(?<fu>m?s)\\s+(?<fp>[0-9.]+)%\\s+\\S+%\\s+(?<cum>[0-9.]+)(?<cu>m?s)\\s+(?<cp>[0-9.]+)%"
                    + "\\s\\s(?<name>\\S+)(?: (?<file>\\S+):(?<line>[0-9]+))?(?: \\((?:partial-)?inline\\))?$");

    static List<Fact> read() throws Exception {
        List<String> args = PROFILES.stream().map(p -> Repo.resolve(p).toString()).toList();
        return new InputReader().read(args, new ByteArrayInputStream(new byte[0])).facts();
    }

    static List<Matcher> rows(String table) throws Exception {
        List<Matcher> out = new ArrayList<>();
        for (String l : Files.readAllLines(Repo.resolve("facts/src/test/resources/pprof/merge/" + table))) {
            Matcher m = ROW.matcher(l);
            if (m.matches()) {
                out.add(m);
            }
        }
        assertThat(out).as(table).hasSizeGreaterThanOrEqualTo(15);
        return out;
    }

    private static double nanos(Matcher m, String v, String u) {
        return Double.parseDouble(m.group(v)) * (m.group(u).equals("ms") ? 1e6 : 1e9);
    }

    @Test
    void hotFunctionsAreThoseOfPprofsMerge() throws Exception {
        List<Fact> facts = read();
        assertThat(facts.stream().filter(f -> f instanceof ProfileSummary s && s.sampleType().equals("cpu")))
                .hasSize(3);
        for (Matcher m : rows("pprof-top.txt")) {
            List<HotFunction> fs = facts.stream().filter(f -> f instanceof HotFunction h && h.sampleType().equals("cpu")
                    && h.symbol().equals(m.group("name"))).map(f -> (HotFunction) f).toList();
            assertThat(fs).as(m.group()).hasSize(1); // one fact for the three profiles
            HotFunction h = fs.get(0);
            assertThat((double) h.flat()).as(m.group()).isCloseTo(nanos(m, "flat", "fu"), within(5e6));
            assertThat((double) h.cum()).as(m.group()).isCloseTo(nanos(m, "cum", "cu"), within(5e6));
            assertThat(h.flatShare() * 100).as(m.group()).isCloseTo(Double.parseDouble(m.group("fp")), within(0.006));
            assertThat(h.cumShare() * 100).as(m.group()).isCloseTo(Double.parseDouble(m.group("cp")), within(0.006));
        }
    }

    @Test
    void hotLinesOfTheModuleAreThoseOfPprofsMergeByLine() throws Exception {
        List<Fact> facts = read();
        int checked = 0;
        for (Matcher m : rows("pprof-top-lines.txt")) {
            if (m.group("name").startsWith("runtime.") || m.group("file") == null) {
                continue; // the runtime's files are named two ways (trimmed or not) by these binaries
            }
            String base = m.group("file").substring(m.group("file").lastIndexOf('/') + 1);
            int line = Integer.parseInt(m.group("line"));
            List<HotLine> ls = facts.stream().filter(f -> f instanceof HotLine h && h.sampleType().equals("cpu")
                    && h.symbol().equals(m.group("name")) && h.line() == line && h.file().endsWith(base))
                    .map(f -> (HotLine) f).toList();
            assertThat(ls).as(m.group()).hasSize(1);
            assertThat((double) ls.get(0).flat()).as(m.group()).isCloseTo(nanos(m, "flat", "fu"), within(5e6));
            assertThat((double) ls.get(0).cum()).as(m.group()).isCloseTo(nanos(m, "cum", "cu"), within(5e6));
            assertThat(ls.get(0).flatShare() * 100).as(m.group())
                    .isCloseTo(Double.parseDouble(m.group("fp")), within(0.006));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
    }

    @Test
    void lineCostsAreSharesOfTheSummedTotal() throws Exception {
        List<Fact> merged = read();
        long total = merged.stream().filter(f -> f instanceof ProfileSummary s && s.sampleType().equals("cpu"))
                .mapToLong(f -> ((ProfileSummary) f).total()).sum();
        assertThat(total).isEqualTo(7_000_000_000L);
        List<LineCost> lines = merged.stream().filter(f -> f instanceof LineCost l && l.sampleType().equals("cpu"))
                .map(f -> (LineCost) f).toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines.stream().map(l -> l.file() + ":" + l.line()).distinct().count()).isEqualTo(lines.size());
        for (LineCost l : lines) {
            assertThat(l.selfShare()).isCloseTo((double) l.self() / total, within(1e-12));
            assertThat(l.cumShare()).isCloseTo((double) l.cum() / total, within(1e-12));
        }
    }

    @Test
    void oneProfileIsLeftAsItIs() {
        List<Fact> facts = List.of(new ProfileSummary("a", "cpu", "nanoseconds", 100, 0, 10, 0, 0, 0, 0),
                new LineCost("a.go", 1, "cpu", "nanoseconds", 10, 0.1, 20, 0.2, 10, 0.1, 1));
        assertThat(ProfileMerge.merge(facts)).isSameAs(facts);
    }

    @Test
    void twoProfilesSumValuesOverSummedTotals() {
        List<Fact> facts = List.of(new ProfileSummary("a", "cpu", "nanoseconds", 40, 0, 10, 0, 0, 0, 0),
                new ProfileSummary("b", "cpu", "nanoseconds", 9000, 0, 10, 0, 0, 0, 0),
                new LineCost("small.go", 1, "cpu", "nanoseconds", 12, 0.3, 12, 0.3, 12, 0.3, 1),
                new LineCost("main.go", 7, "cpu", "nanoseconds", 900, 0.1, 900, 0.1, 900, 0.1, 1),
                new LineCost("main.go", 7, "cpu", "nanoseconds", 4, 0.1, 4, 0.1, 4, 0.1, 2));
        List<LineCost> out = ProfileMerge.merge(facts).stream().filter(f -> f instanceof LineCost)
                .map(f -> (LineCost) f).toList();
        assertThat(out).containsExactly(
                new LineCost("small.go", 1, "cpu", "nanoseconds", 12, 12 / 9040.0, 12, 12 / 9040.0, 12, 12 / 9040.0, 1),
                new LineCost("main.go", 7, "cpu", "nanoseconds", 904, 904 / 9040.0, 904, 904 / 9040.0, 904,
                        904 / 9040.0, 2));
    }

    /**
     * Each merged site keeps what its own profile says of it ({@link ProfileSite}, with the profile's binary): a
     * finding's cost is a share of one test binary's profile. Only for the sample types a cost reads (a heap
     * profile's inuse_space is merged, not kept per profile).
     */
    @Test
    void eachProfileKeepsItsOwnFiguresOfAMergedSite() {
        List<Fact> facts = List.of(
                new ProfileSummary("a", "cpu", "nanoseconds", 40, 0, 10, 0, 0, 0, 0, 0, List.of(), "id-a", 0),
                new ProfileSummary("b", "cpu", "nanoseconds", 9000, 0, 10, 0, 0, 0, 0, 0, List.of(), "id-b", 0),
                new ProfileSummary("a", "inuse_space", "bytes", 40, 0, 10, 0, 0, 0, 0),
                new ProfileSummary("b", "inuse_space", "bytes", 40, 0, 10, 0, 0, 0, 0),
                new LineCost("small.go", 1, "cpu", "nanoseconds", 12, 0.3, 12, 0.3, 12, 0.3, 1, "a"),
                new HotFunction("m.F", "cpu", "nanoseconds", 900, 0.1, 900, 0.1, "m.F", 0, "b"),
                new LineCost("x.go", 2, "inuse_space", "bytes", 4, 0.1, 4, 0.1, 4, 0.1, 1, "b"));
        List<Fact> out = ProfileMerge.merge(facts);
        assertThat(out).filteredOn(f -> f instanceof ProfileSite).containsExactly(
                new ProfileSite("a", "id-a", "cpu", "small.go", 1, "", "", (LineCost) facts.get(4), null),
                new ProfileSite("b", "id-b", "cpu", "", 0, "m.F", "m.F", null, (HotFunction) facts.get(5)));
        assertThat(out).filteredOn(f -> f instanceof LineCost l && l.file().equals("small.go"))
                .containsExactly(new LineCost("small.go", 1, "cpu", "nanoseconds", 12, 12 / 9040.0, 12, 12 / 9040.0,
                        12, 12 / 9040.0, 1));
    }
}
