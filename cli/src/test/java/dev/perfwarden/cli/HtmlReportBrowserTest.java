package dev.perfwarden.cli;

import dev.perfwarden.browsertest.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code analyze examples/captured/orders --format html} opened from {@code file://} in Debian's headless
 * Chromium (no network): no console error, the top finding visible, a click on it opens its source panel at
 * its line, the flame graph zooms. Screenshots are kept in {@code cli/target/screenshots/}.
 */
class HtmlReportBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");
    static Path page;
    static HeadlessChromium browser;

    @BeforeAll
    static void render() throws Exception {
        page = Path.of("target", "html-report", "orders.html").toAbsolutePath();
        Files.createDirectories(page.getParent());
        Cli.Run r = Cli.run("analyze", Cli.root().resolve("examples/captured/orders").toString(), "--format", "html",
                "--out", page.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1); // the example's gate fails, as in text
        browser = HeadlessChromium.start(1400, 1000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void thePageLoadsFromFileWithoutConsoleErrors() {
        browser.open(page);
        assertThat(browser.driver().getTitle()).startsWith("perfwarden report");
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot(SHOTS.resolve("html-report-orders.png"));
    }

    @Test
    void theTopFindingIsVisibleAndAClickShowsItsSourcePanelAtItsLine() {
        browser.open(page);
        WebElement top = browser.visible(By.cssSelector("tr.finding"));
        assertThat(top.getAttribute("id")).isEqualTo("f1");
        // the top finding of the text report: order.go:52, append in ParseOrder's loop
        assertThat(top.getText()).contains("order.go:52").contains("growslice-in-loop");
        String line = top.getAttribute("data-panel") + "-L" + top.getAttribute("data-line");
        WebElement row = browser.driver().findElement(By.id(line));
        assertThat(row.isDisplayed()).as("source line before the click").isFalse();
        top.click();
        WebElement shown = browser.visible(By.id(line));
        assertThat(shown.getText()).contains("append(");
        assertThat(shown.getAttribute("class")).contains("target").contains("has-finding");
        // the panel shows the compiler's decisions and the line's machine code
        assertThat(shown.findElements(By.cssSelector("td.dec .d"))).isNotEmpty();
        assertThat(browser.driver().findElement(By.id(line.replace("-L", "-A"))).isDisplayed()).isTrue();
        assertThat(browser.driver().findElement(By.id("f1-detail")).isDisplayed()).isTrue();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot(SHOTS.resolve("html-report-orders-panel.png"));
    }

    /** A capture whose CPU profile and objdump are of one binary: its hot lines show samples per instruction. */
    @Test
    void hotInstructionsShowTheirSamples() throws Exception {
        Path hot = Path.of("target", "html-report", "hotasm.html").toAbsolutePath();
        Path capture = Cli.root().resolve("testdata/hotasm/go1.26.8");
        Cli.Run r = Cli.run("analyze", capture.resolve("cpu.pprof").toString(), capture.resolve("objdump.txt").toString(),
                "--source", Cli.root().resolve("testdata/hotasm/prog").toString(), "--format", "html", "--out",
                hot.toString(), "--fail-on", "none");
        assertThat(r.exit()).as(r.err()).isZero();
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(hot.toFile());
        org.jsoup.select.Elements sampled = doc.select("table.insns td.heat.cpu:matches(%)");
        assertThat(sampled).as("instructions with their share of the CPU samples").isNotEmpty();
        org.jsoup.nodes.Element open = doc.selectFirst("details.machine[open]");
        assertThat(open).isNotNull();
        browser.open(hot);
        assertThat(browser.consoleErrors()).isEmpty();
        String line = open.closest("tr.asm").id().replace("-A", "-L");
        browser.driver().findElement(By.cssSelector("#" + line.substring(0, line.indexOf("-L")) + " > summary")).click();
        browser.script("document.getElementById(arguments[0]).scrollIntoView({block:'start'})", line);
        assertThat(browser.visible(By.id(line)).isDisplayed()).isTrue();
        browser.screenshot(SHOTS.resolve("html-report-hotasm.png"));
    }

    @Test
    void theFlameGraphZoomsOnAClick() {
        browser.open(page);
        List<WebElement> boxes = browser.driver().findElements(By.cssSelector("#flame1 g.fr"));
        assertThat(boxes).hasSizeGreaterThan(20);
        WebElement box = boxes.stream().filter(b -> b.getAttribute("data-n").contains("ParseOrder"))
                .findFirst().orElseThrow();
        browser.script("arguments[0].scrollIntoView({block:'center'})", box);
        browser.script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", box);
        assertThat(box.findElement(By.tagName("rect")).getAttribute("width")).isEqualTo("1200.00");
        assertThat(browser.driver().findElements(By.cssSelector("#flame1 g.fr.dim"))).isNotEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot(SHOTS.resolve("html-report-orders-flame.png"));
    }
}
