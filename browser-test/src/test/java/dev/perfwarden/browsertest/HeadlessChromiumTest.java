package dev.perfwarden.browsertest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness on small pages: console errors are seen, the network is refused, clicks and screenshots work. */
class HeadlessChromiumTest {
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start(800, 600);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aCleanPageHasNoConsoleErrorsAndAClickRunsItsScript(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("clean.html");
        Files.writeString(page, "<!doctype html><title>t</title><button id=b onclick=\"document.getElementById('o')"
                + ".textContent='clicked'\">go</button><p id=o></p>");
        browser.open(page);
        browser.driver().findElement(By.id("b")).click();
        assertThat(browser.visible(By.id("o")).getText()).isEqualTo("clicked");
        assertThat(browser.consoleErrors()).isEmpty();
        Path png = browser.screenshot(Path.of("target", "screenshots", "harness-clean.png"));
        assertThat(Files.size(png)).isGreaterThan(100);
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void anUncaughtExceptionIsAConsoleError(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("throws.html");
        Files.writeString(page, "<!doctype html><title>t</title><script>null.boom();</script>");
        browser.open(page);
        assertThat(browser.consoleErrors()).singleElement().asString().contains("TypeError");
    }

    @Test
    void aRequestToTheNetworkFailsAndIsSeen(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("net.html");
        Files.writeString(page, "<!doctype html><title>t</title><img src=\"https://example.com/x.png\">");
        browser.open(page);
        assertThat(browser.consoleErrors()).anySatisfy(e -> assertThat(e).contains("example.com/x.png"));
    }

    @Test
    void aMissingBinaryIsNamedWithHowToInstallIt() {
        assertThat(HeadlessChromium.binary("PERFWARDEN_NO_SUCH_VARIABLE", "no-such-browser-binary")).isEmpty();
        assertThat(HeadlessChromium.INSTALL).contains("apt-get install -y chromium chromium-driver");
    }
}
