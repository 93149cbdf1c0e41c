package org.idempiere.subscription.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven by Selenium WebDriver, from the system's packages ({@code chromium} and
 * {@code chromium-driver}; {@code .ci/run} installs them when missing): never a downloaded driver
 * or browser. Pages are checked with axe-core, and screenshots are kept in
 * {@code target/portal-screenshots}.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts a browser with a fresh profile. Without the browser or its driver the calling tests
     * are skipped with a message saying what to install, except in CI ({@code CI=true}), where that
     * is a failure.
     */
    static Browser start() throws IOException {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            String message = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort("skipped: " + message);
        }
        Path profile = Files.createTempDirectory("portal-browser-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Browser.class.getClassLoader()); // Selenium finds its parts by service loader
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Sets the size of the page's viewport (the window, as headless Chromium has no frame). */
    void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * Waits up to 10 s for the page's {@code h1} to read {@code expected} (after a click, the next
     * page loads on its own time). @return the heading's text, whatever it was at the end
     */
    String awaitHeading(String expected) throws InterruptedException {
        String text = "";
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(50)) {
            try {
                List<org.openqa.selenium.WebElement> h1 = driver.findElements(org.openqa.selenium.By.tagName("h1"));
                text = h1.isEmpty() ? "" : h1.get(0).getText();
                if (text.startsWith(expected)) {
                    break;
                }
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                // the page changed under us: look again
            }
        }
        return text;
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Saves a screenshot of the viewport as {@code <name>.png}. @return the file */
    Path screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("portal.screenshots", "target/portal-screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /**
     * Saves a screenshot of the whole page as {@code <name>.png}: the viewport is made as tall as
     * the page (at most 6,000 px) for the shot, then set back. @return the file
     */
    Path fullPageScreenshot(String name) throws IOException {
        Dimension before = driver.manage().window().getSize();
        long height = ((Number) script("return Math.ceil(document.documentElement.scrollHeight);")).longValue();
        long chrome = ((Number) script("return window.outerHeight - window.innerHeight;")).longValue();
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(6000, Math.max(height + chrome,
                before.getHeight()))));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /**
     * Runs axe-core on the current page. @return its serious and critical violations, one line each
     * ({@code rule: help [targets]}); empty when there is none
     */
    List<String> seriousAccessibilityViolations() throws IOException {
        script(axeSource());
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(r => done(JSON.stringify(r.violations))).catch(e => done('ERROR ' + e));");
        String text = String.valueOf(result);
        if (text.startsWith("ERROR")) {
            throw new IllegalStateException("axe-core failed: " + text);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : JSON.readTree(text)) {
            String impact = v.path("impact").asText();
            if ("serious".equals(impact) || "critical".equals(impact)) {
                List<String> targets = new ArrayList<>();
                v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                out.add(v.path("id").asText() + " (" + impact + "): " + v.path("help").asText() + " " + targets);
            }
        }
        return out;
    }

    private static String axeSource() throws IOException {
        try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(AXE)) {
            if (in == null) {
                throw new IOException("axe-core is not on the class path: " + AXE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
