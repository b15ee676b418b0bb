package dev.perfwarden.engine.suppress;

import dev.perfwarden.engine.analysis.Analysis;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.analysis.Suppression;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A baseline made from a real capture (the examples/orders module's -m=2 output, with its sources) keeps
 * hiding the same findings after lines are added above them: the sources get three lines at the top of
 * report.go and the capture's positions in report.go move by three, as a rebuild would print them. A new
 * finding is still reported.
 */
class BaselineLineShiftTest {
    static final int SHIFT = 3;
    static final Pattern REPORT_POS = Pattern.compile("(report\\.go):(\\d+)");

    @TempDir
    Path tmp;

    static RuleSet userpack() throws Exception {
        Path dir = Path.of(BaselineLineShiftTest.class.getResource("/packs/userpack/pack.yaml").toURI()).getParent();
        return RuleSet.build(List.of(PackLoader.load(dir)));
    }

    AnalysisResult analyse(Path capture, Path sources, Options options) throws Exception {
        InputReader.Result read = new InputReader().read(List.of(capture.toString()), List.of(sources),
                InputStream.nullInputStream());
        return Analysis.run(read.facts(), read.inputs(), userpack(), options);
    }

    static void copyTree(Path src, Path dst) throws IOException {
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    @Test
    void addingLinesAboveKeepsFindingsBaselinedAndANewFindingStillReports() throws Exception {
        Path sources = tmp.resolve("orders");
        copyTree(Path.of("../examples/orders"), sources);
        Path capture = tmp.resolve("m2.txt");
        Files.copy(Path.of("../examples/captured/orders/m2.txt"), capture);

        AnalysisResult before = analyse(capture, sources, Options.defaults());
        List<Finding> inReport = before.findings().stream().filter(f -> f.file().equals("report.go")).toList();
        assertThat(inReport).as("the capture gives findings in report.go").isNotEmpty();
        assertThat(inReport).allSatisfy(f -> assertThat(f.symbol()).startsWith("main."));
        Baseline baseline = Baseline.of(before.findings(), "perfwarden.baseline.json");

        // edit: three lines above everything in report.go; the toolchain would now print shifted positions
        Path report = sources.resolve("report.go");
        Files.writeString(report, "// added\n// added\n// added\n" + Files.readString(report));
        String text = Files.readString(capture);
        Matcher m = REPORT_POS.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, m.group(1) + ":" + (Integer.parseInt(m.group(2)) + SHIFT));
        }
        m.appendTail(sb);
        // and one new problem: a function just added at the end of report.go that is too complex to inline
        int last = (int) Files.lines(report).count() + 1;
        sb.append("./report.go:").append(last).append(":6: cannot inline freshlyAdded: function too complex: cost 97 exceeds budget 80\n");
        Files.writeString(capture, sb.toString());

        AnalysisResult plain = analyse(capture, sources, Options.defaults());
        List<Finding> shifted = plain.findings().stream().filter(f -> f.file().equals("report.go")
                && !f.message().contains("freshlyAdded")).toList();
        assertThat(shifted).extracting(Finding::line)
                .containsExactlyElementsOf(inReport.stream().map(f -> f.line() + SHIFT).toList());
        assertThat(shifted).extracting(Finding::fingerprint)
                .containsExactlyElementsOf(inReport.stream().map(Finding::fingerprint).toList());

        AnalysisResult withBaseline = analyse(capture, sources, Options.defaults().withSuppressor(baseline));
        assertThat(withBaseline.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("inline-reason");
            assertThat(f.message()).contains("freshlyAdded");
            assertThat(f.line()).isEqualTo(last);
        });
        assertThat(withBaseline.summary().hidden()).containsEntry("baseline", before.findings().size());
        assertThat(withBaseline.suppressed()).hasSize(before.findings().size())
                .allSatisfy(s -> assertThat(s.suppression().kind()).isEqualTo(Suppression.Kind.EXTERNAL));
    }
}
