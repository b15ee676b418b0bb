package dev.perfwarden.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text report's {@code N notes (--all shows them)} promises what {@code --all} shows: on real modules
 * (testdata/modules) the notes of one line fold into one finding, or into the line's warning, so counting each
 * note before the fold promised more (chi: 213 counted, 201 shown; fastjson: 92, 88; toml v1.6.0: 566, 513).
 */
class HiddenNotesCountTest {
    private static final Pattern NOTES = Pattern.compile("(\\d+) notes \\(--all shows them\\)");
    /** A finding's first line: {@code file:line[:col]: severity: message}. */
    private static final Pattern FINDING = Pattern.compile("^\\S+:\\d+(:\\d+)?: (error|warning|note): .*");

    @ParameterizedTest
    @ValueSource(strings = {"chi", "fastjson"})
    void theHiddenNotesAreTheFindingsAllShowsInAddition(String module) {
        Path d = Cli.root().resolve("testdata/modules").resolve(module);
        List<String> args = new ArrayList<>(List.of("analyze"));
        for (String f : List.of("m2.txt", "json", "bce.txt", "objdump.txt", "cpu.pprof", "mem.pprof", "bench.txt")) {
            args.add(d.resolve(f).toString());
        }
        args.addAll(List.of("--source", d.resolve("src").toString(), "--format", "text", "--fail-on", "none",
                "--no-config"));
        Cli.Run text = Cli.run(args.toArray(String[]::new));
        args.add("--all");
        Cli.Run all = Cli.run(args.toArray(String[]::new));
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(all.exit()).as(all.err()).isZero();
        Matcher m = NOTES.matcher(text.out());
        assertThat(m.find()).as("no hidden notes in %s's text report", module).isTrue();
        int promised = Integer.parseInt(m.group(1));
        List<String> shown = findings(text.out());
        List<String> withNotes = findings(all.out());
        assertThat(shown).noneMatch(l -> l.contains(": note: "));
        assertThat(withNotes.stream().filter(l -> l.contains(": note: ")).count())
                .as("notes --all shows, against the %d the summary promised", promised).isEqualTo(promised);
        assertThat(withNotes).hasSize(shown.size() + promised);
        assertThat(all.out()).doesNotContain("notes (--all shows them)");
    }

    private static List<String> findings(String report) {
        return report.lines().filter(l -> FINDING.matcher(l).matches()).toList();
    }
}
