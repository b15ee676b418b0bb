package dev.perfwarden.engine.report;

import dev.perfwarden.browsertest.HeadlessChromium;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.ToolInfo;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.model.Cost;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.input.InputStats;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.LineCost;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The page escapes every string that comes from the inputs, the packs or the sources. */
class HtmlReporterTest {
    /** Markup that would run script, load an image or break out of an attribute if it were not escaped. */
    static final String HOSTILE = "</td></tr><script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">"
            + "\"'&amp;<!--";
    static final String SYMBOL = "example.com/m.(*T" + HOSTILE + ").M";

    @TempDir
    Path src;

    AnalysisResult result() {
        Finding f = new Finding("evil-rule", "evil@1.0.0", Severity.ERROR, SYMBOL, "box.go", 4, 2,
                "escapes " + HOSTILE + ". The fix: " + HOSTILE,
                List.of(new Evidence("escape-text", "./box.go:4:2: " + HOSTILE + " escapes to heap", null)),
                "ab" + HOSTILE, new Cost(0.25, null, Scope.LINE, "self"), List.of("other" + HOSTILE));
        RuleInfo rule = new RuleInfo("evil-rule", "evil", "1.0.0", Severity.WARNING, null, Scope.LINE,
                "summary " + HOSTILE, List.of(), List.of(), "# evil-rule\n\n<script>window.pwned=3</script>\n\n"
                + "![logo](https://example.com/logo.png) [click](javascript:window.pwned=4) `" + HOSTILE + "`\n",
                "evil-rule/rule.drl", 1);
        List<InputStats> inputs = List.of(new InputStats("in/" + HOSTILE + ".txt", "escape-text", 1, 0, List.of(),
                null));
        return AnalysisResult.of(new ToolInfo("perfwarden", "0.1.0"), List.of(), inputs, List.of(f), FailOn.ERROR,
                Map.of(), List.of(rule));
    }

    List<Fact> facts() {
        return List.of(new HotFunction(SYMBOL, "cpu", "nanoseconds", 25, 0.25, 50, 0.5),
                new LineCost("box.go", 4, "cpu", "nanoseconds", 25, 0.25, 25, 0.25, 25, 0.25, 1));
    }

    Path page() throws Exception {
        Files.writeString(src.resolve("go.mod"), "module example.com/m\n");
        Files.writeString(src.resolve("box.go"), "package m\n\nfunc (t *T) M() string {\n\ts := \"</script>"
                + "<script>window.pwned=5</script>\"\n\treturn s\n}\n");
        Path out = src.resolve("report.html");
        Files.writeString(out, new HtmlReporter(facts(), List.of(src)).render(result()));
        return out;
    }

    @Test
    void hostileStringsAreTextNotMarkup() throws Exception {
        Document doc = Jsoup.parse(page().toFile());
        assertThat(doc.select("script")).as("only the page's own script").hasSize(1);
        assertThat(doc.select("script").first().data()).doesNotContain("pwned");
        assertThat(doc.select("img")).isEmpty();
        assertThat(doc.select("a[href^=javascript]")).isEmpty();
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey()).as("event handler attribute on <" + e.tagName() + ">").doesNotStartWith("on");
            }
        }
        // the strings come back as they were
        assertThat(doc.selectFirst("#f1 td.msg").text()).isEqualTo("escapes " + HOSTILE);
        assertThat(doc.selectFirst("details.panel").attr("data-symbol")).isEqualTo(SYMBOL);
        assertThat(doc.selectFirst("details.panel .sym").text()).isEqualTo(SYMBOL);
        assertThat(doc.selectFirst("#p1-L4 td.code").text()).contains("<script>window.pwned=5</script>");
        assertThat(doc.selectFirst("#f1-detail ul.evidence code").text()).contains(HOSTILE);
        assertThat(doc.selectFirst("#rule-1 .doc").text()).contains("<script>window.pwned=3</script>")
                .contains("[image: logo]");
        assertThat(doc.selectFirst("#inputs td").text()).isEqualTo("in/" + HOSTILE + ".txt");
    }

    @Test
    void hostileStringsRunNothingInARealBrowser() throws Exception {
        Path page = page();
        try (HeadlessChromium browser = HeadlessChromium.start(1000, 700)) {
            browser.open(page);
            assertThat(browser.script("return typeof window.pwned")).isEqualTo("undefined");
            assertThat(browser.consoleErrors()).isEmpty();
            browser.driver().findElement(org.openqa.selenium.By.id("f1")).click();
            assertThat(browser.visible(org.openqa.selenium.By.id("p1-L4")).getText()).contains("window.pwned=5");
            assertThat(browser.script("return typeof window.pwned")).isEqualTo("undefined");
            browser.screenshot(Path.of("target", "screenshots", "html-report-hostile.png"));
        }
    }

    @Test
    void withoutFactsThePageHasFindingsAndRulesButNoPanels() {
        Document doc = Jsoup.parse(Format.HTML.reporter().render(result()));
        assertThat(doc.select("tr.finding")).hasSize(1);
        assertThat(doc.select("details.panel")).isEmpty();
        assertThat(doc.select("#rule-1")).hasSize(1);
        assertThat(doc.selectFirst("#f1 td.loc").text()).isEqualTo("box.go:4:2");
    }
}
