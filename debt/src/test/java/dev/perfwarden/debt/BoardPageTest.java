package dev.perfwarden.debt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BoardPageTest {
    static final String HOSTILE_SERVICE = "<script>alert('service')</script>";
    static final String HOSTILE_FUNCTION = "example.com/x.\"><img src=x onerror=alert(1)>";

    @TempDir
    Path tmp;

    /** A board of the three orders runs plus one run of a service whose names are attacks; returns the page. */
    static String board(Path tmp) throws Exception {
        String db = tmp.resolve("debt.db").toString();
        DebtStore store = DebtStore.open(db, Map.of());
        store.record(DebtStoreContract.run("orders", "aaaa1111", DebtStoreContract.T1), Reports.read(Reports.V1));
        store.record(DebtStoreContract.run("orders", "bbbb1111", DebtStoreContract.T2), Reports.read(Reports.V2));
        store.record(new RunInfo("orders", "cccc1111", "main", DebtStoreContract.T3, "file:///ci/orders/report.json"),
                Reports.read(Reports.V3));
        ObjectNode report = (ObjectNode) new ObjectMapper().readTree(Reports.path(Reports.CONTRACT).toFile());
        ObjectNode first = (ObjectNode) report.get("findings").get(0);
        first.put("function", HOSTILE_FUNCTION);
        first.put("file", "</td></tr></table><h1>owned</h1>");
        first.put("rule", "rule\"<b>");
        first.put("severity", "error");
        Path hostile = tmp.resolve("hostile.json");
        new ObjectMapper().writeValue(hostile.toFile(), report);
        DebtService.record(db, Map.of(), new RunDefaults(Map.of(), tmp), HOSTILE_SERVICE, "dddd", "main",
                "2026-12-01T10:00:00Z", "javascript:alert('link')", hostile);
        Path out = tmp.resolve("board.html");
        int runs = DebtService.board(db, Map.of(), null, null, DebtWeights.DEFAULTS, "Debt <of> team", out);
        assertThat(runs).isEqualTo(4);
        return Files.readString(out);
    }

    @Test
    void everyStringFromAReportIsEscaped() throws Exception {
        String html = board(tmp);
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<h1>owned")
                .doesNotContain("<b>").doesNotContain("javascript:").doesNotContain("Debt <of>")
                .contains("&lt;script&gt;alert(&#39;service&#39;)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("<title>Debt &lt;of&gt; team</title>");
        // the hostile run's link is dropped, not neutralised into something clickable
        assertThat(html).contains("<a href=\"file:///ci/orders/report.json\">run 3</a>");
    }

    @Test
    void thePageHasTrendsHeatMapAndTopDebtsAndNothingFromTheNetwork() throws Exception {
        String html = board(tmp);
        assertThat(html).contains("<section id=\"trend\"", "<section id=\"heatmap\"", "<section id=\"top-debts\"",
                "<section id=\"contracts\"");
        // one trend line per service, one point per run
        assertThat(html.split("<polyline", -1)).hasSize(3);
        assertThat(html.split("<circle", -1)).hasSize(5);
        assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//").doesNotContain("@import")
                .doesNotContain("url(");
        // the heat map has a row for the pricing package of the orders example
        assertThat(html).contains("<th class=\"pkg\">example.com/orders/internal/pricing</th>");
        // the new finding of v3 is marked
        assertThat(html).contains("<span class=\"new\">new</span>");
        assertThat(html.split("<tr class=\"", -1).length - 1).isGreaterThanOrEqualTo(BoardPage.TOP);
    }

    @Test
    void escapingCoversTheFiveCharacters() {
        assertThat(BoardPage.esc("<a href='x'>\"&\"</a>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
        assertThat(BoardPage.safeLink(" JavaScript:alert(1)")).isNull();
        assertThat(BoardPage.safeLink("data:text/html,x")).isNull();
        assertThat(BoardPage.safeLink("https://ci/r.json")).isEqualTo("https://ci/r.json");
    }
}
