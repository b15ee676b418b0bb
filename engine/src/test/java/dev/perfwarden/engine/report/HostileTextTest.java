package dev.perfwarden.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.Unparsed;
import dev.perfwarden.facts.input.InputStats;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text a pack (or an input) controls, carrying terminal controls in every field a report shows: the text report
 * (with and without -v) writes none of them raw, and forges no line; JSON, SARIF and HTML keep them as data.
 */
class HostileTextTest {
    /** ESC sequences (title, clear screen, conceal), BEL, CR, a line break, C1 CSI, DEL and the bidi override. */
    static final String BAD = "\u001b]0;owned\u0007\u001b[2J\r\n0 findings; gate: pass (fail on error)\n\u001b[8m"
            + "\u009b31m\u007f\u202egnp.exe";

    private static AnalysisResult hostile() throws Exception {
        AnalysisResult base = ReportFixtures.result(FailOn.ERROR);
        Finding lead = base.findings().get(0);
        Evidence ev = new Evidence("escape-text" + BAD, "x" + BAD, InputPos.line("forged" + BAD, 1L));
        Evidence json = new Evidence("logopt-json", "{\"code\":\"c" + BAD.replace("\n", "\\n").replace("\r", "\\r")
                .replace("\u001b", "\\u001b").replace("\u0007", "\\u0007") + "\",\"message\":\"m\"}",
                InputPos.line("j" + BAD, 2L));
        Finding f = new Finding("boxed-value" + BAD, lead.pack(), Severity.ERROR, "sym" + BAD, "f" + BAD + ".go", 3, 1,
                "short" + BAD + ". Rest" + BAD, List.of(ev, json), lead.fingerprint(), lead.cost(), List.of("in" + BAD),
                List.of(new Finding.Related("rel" + BAD, lead.pack(), Severity.NOTE, 2, "related" + BAD, lead.cost(),
                        "fp")));
        List<RuleInfo> rules = new ArrayList<>(base.rules());
        RuleInfo r0 = rules.get(0);
        rules.add(new RuleInfo("boxed-value" + BAD, r0.pack(), r0.packVersion(), r0.severity(), r0.hotSeverity(),
                r0.scope(), "summary" + BAD, r0.tags(), r0.inputs(), r0.doc(), r0.file(), r0.line(), r0.cost(),
                r0.precedence()));
        List<InputStats> inputs = List.of(
                new InputStats("in" + BAD, "escape-text", 1, 1,
                        List.of(new Unparsed(InputPos.line("u" + BAD, 1), "why" + BAD, "text" + BAD)), null, "n" + BAD),
                new InputStats("bad" + BAD, "pprof", 0, 0, List.of(), "error" + BAD));
        return new AnalysisResult(base.tool(), base.packs(), inputs, List.of(f), base.summary(), rules);
    }

    @Test
    void theTextReportWritesNoControlCharacterAndForgesNoLine() throws Exception {
        AnalysisResult r = hostile();
        for (boolean verbose : new boolean[]{false, true}) {
            String text = new TextReporter(verbose).render(r);
            assertThat(text.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t' || c == 0x7f
                    || c >= 0x80 && c <= 0x9f || c == 0x202e)).as("raw controls, verbose=" + verbose).isEmpty();
            assertThat(text.lines()).as("a forged gate line").noneMatch(l -> l.startsWith("0 findings"));
            assertThat(text).contains("\\x1b]0;owned\\x07\\x1b[2J\\r\\n0 findings; gate: pass").contains("\\u202egnp.exe")
                    .contains("\\x9b31m\\x7f");
        }
        String verbose = new TextReporter(true).render(r);
        // the fields the -v details and the summaries show, each escaped (the evidence position was printed raw)
        assertThat(verbose).contains("  (forged\\x1b]0;owned").contains("    in sym\\x1b").contains("also inlined into in\\x1b")
                .contains("    Rest\\x1b").contains("also note [rel\\x1b").contains("    escape-text\\x1b]0;owned")
                .contains("  (j\\x1b").contains("  [boxed-value\\x1b").contains("] summary\\x1b")
                .contains("  in\\x1b]0;owned").contains("error: error\\x1b").contains("    u\\x1b");
    }

    @Test
    void jsonSarifAndHtmlKeepTheTextAsData() throws Exception {
        AnalysisResult r = hostile();
        ObjectMapper m = new ObjectMapper();
        String json = new JsonReporter().render(r);
        assertThat(json.chars().filter(c -> c < 0x20 && c != '\n')).as("raw C0 controls in JSON").isEmpty();
        JsonNode j = m.readTree(json);
        assertThat(j.at("/findings/0/message").asText()).isEqualTo("short" + BAD + ". Rest" + BAD);
        String sarif = new SarifReporter().render(r);
        assertThat(sarif.chars().filter(c -> c < 0x20 && c != '\n')).as("raw C0 controls in SARIF").isEmpty();
        assertThat(m.readTree(sarif).at("/runs/0/results/0/message/text").asText()).startsWith("short" + BAD);
        StringWriter html = new StringWriter();
        new HtmlReporter().write(r, html);
        assertThat(html.toString()).doesNotContain("<script>alert");
        assertThat(Jsoup.parse(html.toString()).text()).contains("short" + BAD.replace("\r\n", " ").replace("\n", " ")
                .substring(0, 10));
    }
}
