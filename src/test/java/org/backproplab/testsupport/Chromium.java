package org.backproplab.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Selenium, for real-browser tests.
 *
 * <p>The browser is taken from the system property {@code chromium.binary} (default {@code /usr/bin/chromium})
 * and the driver from {@code chromedriver.binary} (default {@code /usr/bin/chromedriver}). Both paths are handed
 * to Selenium explicitly, so Selenium Manager never runs and nothing is downloaded. When either is missing the
 * calling test is aborted (reported as skipped) with a message naming the path, unless the system property
 * {@code browser.tests.required=true} (set by CI), in which case it fails.
 *
 * <p>Each instance has its own temporary profile directory, deleted by {@link #close()}. Use it with
 * try-with-resources or close it in {@code @AfterAll}.
 */
public final class Chromium implements AutoCloseable {

    /** Where {@link #screenshot(String)} writes its PNG files. */
    public static final Path SCREENSHOT_DIRECTORY = Paths.get("target", "screenshots");

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profileDirectory;

    private Chromium(ChromeDriver driver, Path profileDirectory) {
        this.driver = driver;
        this.profileDirectory = profileDirectory;
    }

    /**
     * Starts a headless Chromium with a 1366×768 window.
     *
     * @throws org.opentest4j.TestAbortedException if the browser or driver is missing and browser tests are not
     *                                             required
     */
    public static Chromium start() {
        Path browser = Paths.get(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        Path chromedriver = Paths.get(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
        requireExecutable(browser, "Chromium");
        requireExecutable(chromedriver, "chromedriver");

        Path profile = createProfileDirectory();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1366,768",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new Chromium(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            deleteRecursively(profile);
            throw e;
        }
    }

    /** Whether browser tests must run (CI) rather than be skipped when Chromium is missing. */
    public static boolean browserTestsRequired() {
        return Boolean.getBoolean("browser.tests.required");
    }

    private static void requireExecutable(Path path, String what) {
        if (Files.isExecutable(path)) {
            return;
        }
        String message = what + " not found at " + path + "; browser tests skipped"
                + " (set -Dchromium.binary / -Dchromedriver.binary, or install Debian's chromium and"
                + " chromium-driver)";
        if (browserTestsRequired()) {
            Assertions.fail(message.replace("browser tests skipped", "browser tests are required"));
        }
        System.err.println(message);
        Assumptions.abort(message);
    }

    /** The Selenium driver. */
    public WebDriver driver() {
        return driver;
    }

    /** Opens a URL and waits until the document has loaded. */
    public void open(String url) {
        driver.get(url);
    }

    /** Runs JavaScript in the page ({@code arguments[i]} are the extra arguments) and returns its result. */
    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * Waits until the condition returns a non-null, non-false value, for at most 20 seconds.
     *
     * @return the condition's last value
     */
    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return waitUntil(condition, DEFAULT_WAIT);
    }

    /** Waits until the condition returns a non-null, non-false value, for at most {@code timeout}. */
    public <T> T waitUntil(Function<WebDriver, T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(condition);
    }

    /** Waits until the JavaScript expression (the body of a function, with a {@code return}) is truthy. */
    public void waitForScript(String script, Object... arguments) {
        waitUntil(ignored -> isTruthy(script(script, arguments)) ? Boolean.TRUE : null);
    }

    /** Waits until Vaadin's client has booted and has no request in flight. */
    public void waitForVaadin() {
        waitForScript("""
                const clients = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;
                if (!clients) { return false; }
                const ids = Object.keys(clients).filter(id => id !== 'TypeScript');
                return ids.length > 0 && ids.every(id => !clients[id].isActive());""");
    }

    /**
     * Clicks the element with this id once it is in the page (a script click: no scrolling it into view or waiting
     * for animations).
     */
    public void click(String id) {
        waitForElement(id);
        script("document.getElementById(arguments[0]).click();", id);
    }

    /**
     * Waits until the element with this id is in the page. {@link #click}, {@link #text} and {@link #selectedLabel}
     * call it: on a busy server the client can be idle before a freshly opened view has attached every element.
     */
    public void waitForElement(String id) {
        waitForScript("return document.getElementById(arguments[0]) !== null;", id);
    }

    /** The trimmed text content of the element with this id. */
    public String text(String id) {
        waitForElement(id);
        return String.valueOf(script("return document.getElementById(arguments[0]).textContent.trim();", id));
    }

    /** The label a Vaadin select with this id shows for its current value. */
    public String selectedLabel(String id) {
        waitForElement(id);
        return String.valueOf(script("""
                const select = document.getElementById(arguments[0]);
                const shown = select.querySelector('vaadin-select-value-button');
                return (shown ? shown.textContent : select.textContent).trim();""", id));
    }

    /**
     * Saves a PNG of the current viewport as {@code target/screenshots/<name>.png}.
     *
     * @return the file written
     */
    public Path screenshot(String name) {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            Files.createDirectories(SCREENSHOT_DIRECTORY);
            Path file = SCREENSHOT_DIRECTORY.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    /** Quits the browser and deletes its profile directory. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profileDirectory);
        }
    }

    private static boolean isTruthy(Object value) {
        return value != null && !Boolean.FALSE.equals(value);
    }

    private static Path createProfileDirectory() {
        try {
            return Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Chromium profile directory", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }
}
