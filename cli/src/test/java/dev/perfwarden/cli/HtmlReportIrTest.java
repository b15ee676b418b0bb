package dev.perfwarden.cli;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report shows, on a finding's source line, the compiler's -m=2 decision next to the -m=3/-m=4 IR of
 * the same line, each with the real line it came from as its tooltip (the interface-escape fixture's Go 1.26.8 captures:
 * {@code ./main.go:15:11: n * 1000 escapes to heap} in m2.txt, {@code CONVIFACE Implicit any tc(1) # main.go:15:11}
 * in m4.txt's escAnalyze tree of boxInt).
 */
class HtmlReportIrTest {
    @Test
    void aFindingsLineShowsItsEscapeTextAndItsIr(@TempDir Path tmp) throws Exception {
        Path rule = Cli.root().resolve("rules/packs/go-perf/interface-escape");
        Path cap = rule.resolve("captures/go1.26.8");
        Path page = tmp.resolve("report.html");
        Cli.Run r = Cli.run("analyze", cap.resolve("m2.txt").toString(), cap.resolve("m4.txt").toString(),
                "--source", rule.resolve("fixture").toString(), "--format", "html", "--out", page.toString());
        assertThat(r.exit()).as(r.err()).isIn(0, 1);
        Document doc = Jsoup.parse(Files.readString(page));
        Element finding = doc.select("tr.finding").stream()
                .filter(f -> f.text().contains("interface-escape") && f.attr("data-line").equals("15"))
                .findFirst().orElseThrow(() -> new AssertionError("no interface-escape finding at line 15 in "
                        + doc.select("tr.finding").eachText()));
        Element row = doc.getElementById(finding.attr("data-panel") + "-L15");
        assertThat(row).as("the finding's source line in its function's panel").isNotNull();
        assertThat(row.selectFirst("td.code").text()).contains("sink = n * 1000");
        Element m2 = row.select("td.dec span.d").stream()
                .filter(d -> d.attr("title").contains("./main.go:15:11: n * 1000 escapes to heap")).findFirst()
                .orElseThrow(() -> new AssertionError("no -m=2 decision on line 15: " + row.select("td.dec")));
        Element ir = row.select("td.dec span.d.ir").stream()
                .filter(d -> d.attr("title").contains(".   .   .   CONVIFACE Implicit any tc(1) # main.go:15:11"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no IR decision on line 15: " + row.select("td.dec")));
        assertThat(ir.text()).isEqualTo("IR: CONVIFACE int → any");
        assertThat(ir.attr("title")).startsWith("ir-dump: "); // the tooltip: input kind and the line
        // the -m=2 decision comes first, the IR next to it
        assertThat(m2.elementSiblingIndex()).isLessThan(ir.elementSiblingIndex());
    }
}
