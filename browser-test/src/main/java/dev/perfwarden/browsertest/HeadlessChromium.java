package dev.perfwarden.browsertest;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven by Selenium through Debian's {@code chromedriver}, for tests of the pages
 * perfwarden writes (the HTML report, the debt board). Pages are opened from {@code file://}; every network
 * request is refused (the host resolver maps every name to nothing), so a page that needs the network shows
 * a console error. Typical use:
 *
 * <pre>{@code
 * try (HeadlessChromium browser = HeadlessChromium.start()) {
 *     browser.open(Path.of("target/report.html"));
 *     assertThat(browser.consoleErrors()).isEmpty();
 *     browser.driver().findElement(By.id("top-finding")).click();
 *     browser.screenshot(Path.of("target/screenshots/report.png"));
 * }
 * }</pre>
 *
 * <p>The binaries are {@code $PERFWARDEN_CHROMIUM} and {@code $PERFWARDEN_CHROMEDRIVER} when set, else
 * {@code chromium} and {@code chromedriver} on the PATH (Debian: packages {@code chromium} and
 * {@code chromium-driver}). When they are missing, {@link #start()} fails saying how to install them: a
 * browser test never skips silently. {@code bash .ci/run} installs them when missing.
 */
public final class HeadlessChromium implements AutoCloseable {
    /** What to run to get the browser on Debian (what .ci/run does). */
    public static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";

    private final WebDriver driver;
    private final ChromeDriverService service;

    private HeadlessChromium(WebDriver driver, ChromeDriverService service) {
        this.driver = driver;
        this.service = service;
    }

    /**
     * Starts a headless browser (window 1400×1000, no sandbox so it runs as root in CI, no network).
     *
     * @throws IllegalStateException when chromium or chromedriver is not installed, saying how to install them
     */
    public static HeadlessChromium start() {
        return start(1400, 1000);
    }

    /** As {@link #start()}, with the window's size in CSS pixels. */
    public static HeadlessChromium start(int width, int height) {
        Path chromium = binary("PERFWARDEN_CHROMIUM", "chromium").orElseThrow(() -> missing("chromium"));
        Path chromedriver = binary("PERFWARDEN_CHROMEDRIVER", "chromedriver")
                .orElseThrow(() -> missing("chromedriver"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-extensions", "--no-first-run", "--window-size=" + width + "," + height,
                "--host-resolver-rules=MAP * ~NOTFOUND", "--allow-file-access-from-files");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            return new HeadlessChromium(driver, service);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    private static IllegalStateException missing(String what) {
        return new IllegalStateException(what + " not found (looked at $PERFWARDEN_" + what.toUpperCase()
                + " and the PATH): the browser tests need Debian's headless Chromium; install it with '" + INSTALL
                + "' (bash .ci/run does that when it is missing)");
    }

    /** {@code $env} if set and executable, else {@code name} on the PATH. */
    static Optional<Path> binary(String env, String name) {
        String set = System.getenv(env);
        if (set != null && !set.isBlank()) {
            Path p = Path.of(set);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Whether both binaries are installed (for a message; tests call {@link #start()} and let it fail). */
    public static boolean installed() {
        return binary("PERFWARDEN_CHROMIUM", "chromium").isPresent()
                && binary("PERFWARDEN_CHROMEDRIVER", "chromedriver").isPresent();
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens {@code file} as a {@code file://} URL and waits until its document has loaded. */
    public void open(Path file) {
        driver.get(file.toAbsolutePath().normalize().toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "complete".equals(
                ((ChromeDriver) d).executeScript("return document.readyState")));
    }

    /** The element of {@code locator}, once it is displayed (waits up to 30 s). */
    public WebElement visible(By locator) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /**
     * The browser's console log since the last call (each entry is read once): messages the page logged,
     * uncaught exceptions, resources that failed to load.
     */
    public List<LogEntry> browserLog() {
        return new ArrayList<>(driver.manage().logs().get(LogType.BROWSER).getAll());
    }

    /** The console entries of level SEVERE (errors) since the last read, as {@code LEVEL message} lines. */
    public List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : browserLog()) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(e.getLevel() + " " + e.getMessage());
            }
        }
        return out;
    }

    /** Runs {@code script} in the page and returns its result. */
    public Object script(String script, Object... args) {
        return ((ChromeDriver) driver).executeScript(script, args);
    }

    /** Saves a PNG of the window to {@code target} (folders created) and returns it. */
    public Path screenshot(Path target) {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            Path abs = target.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Files.write(abs, png);
            return abs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
