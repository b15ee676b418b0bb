package dev.perfwarden.debt;

import dev.perfwarden.browsertest.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board in a real headless Chromium (the browser-test harness): it loads from file:// with the network
 * refused and no console error, the heat map and the top debt are visible, the hostile names are shown as text.
 * The screenshot is kept as target/debt-board.png.
 */
class BoardBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void theBoardLoadsCleanAndShowsTheHeatMapAndTheTopDebt() throws Exception {
        BoardPageTest.board(tmp);
        try (HeadlessChromium browser = HeadlessChromium.start(1400, 1800)) {
            browser.open(tmp.resolve("board.html"));
            assertThat(browser.consoleErrors()).isEmpty();

            WebElement heat = browser.visible(By.id("heatmap"));
            List<WebElement> cells = heat.findElements(By.cssSelector("td.cell"));
            assertThat(cells).isNotEmpty().allSatisfy(c -> assertThat(c.getText()).matches("\\d+\\.\\d"));
            assertThat(heat.findElement(By.cssSelector("td.cell")).isDisplayed()).isTrue();

            WebElement first = browser.visible(By.cssSelector("#top-debts tbody tr"));
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#top-debts tbody tr"));
            double top = points(first);
            assertThat(rows).hasSize(BoardPage.TOP).allSatisfy(r -> assertThat(points(r)).isLessThanOrEqualTo(top));
            assertThat(first.getText()).startsWith("1 ");

            // the attack strings are text on the page, and no script came with them
            assertThat(browser.visible(By.id("trend")).getText()).contains(BoardPageTest.HOSTILE_SERVICE);
            assertThat(browser.script("return document.scripts.length + document.images.length")).isEqualTo(0L);
            // one trend per service, each a line through its runs
            assertThat(browser.visible(By.cssSelector("svg.trend")).getSize().getHeight()).isGreaterThan(50);
            assertThat(browser.driver().findElements(By.cssSelector("svg.trend polyline"))).hasSize(2);

            Path shot = browser.screenshot(Path.of("target", "debt-board.png"));
            assertThat(shot).isNotEmptyFile();
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private static double points(WebElement row) {
        return Double.parseDouble(row.findElements(By.tagName("td")).get(1).getText());
    }
}
