package org.shuxiang.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (never a downloaded browser), with the
 * screen of a phone. Without the two programs the browser tests are skipped, except in CI, where
 * {@code .ci/run} installs them and their absence is a failure.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    private final WebDriver driver;
    private final String base;
    private final WebDriverWait wait;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    static void assumeInstalled() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " (.ci/run installs "
                    + "Debian's chromium and chromium-driver)");
        }
        Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
    }

    /** A phone-sized browser (a reader's) in {@code language}, at {@code base}. */
    static Browser open(String base, String language) {
        return open(base, language, "390,1200");
    }

    /** A browser with a desk's screen (1280 × 900), as staff work. */
    static Browser desk(String base, String language) {
        return open(base, language, "1280,900");
    }

    static Browser open(String base, String language, String windowSize) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + windowSize, "--lang=" + language);
        int width = Integer.parseInt(windowSize.substring(0, windowSize.indexOf(',')));
        if (width < 600) {
            // a window is at least 500 pixels wide: a phone's screen is emulated instead, touch and all
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics", java.util.Map.of(
                    "width", width, "height", Integer.parseInt(windowSize.substring(windowSize.indexOf(',') + 1)),
                    "pixelRatio", 2.0, "touch", true)));
        }
        // what the browser asks for in Accept-Language (headless Chromium asks for English otherwise)
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), base);
    }

    void go(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** Waits until the element shows {@code text}, and returns all of its text. */
    String waitForText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return driver.findElement(By.cssSelector(css)).getText();
    }

    String text(String css) {
        return find(css).getText();
    }

    /** Runs a script in the page and returns its answer. */
    Object script(String script) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    WebDriver driver() {
        return driver;
    }

    /** Keeps the page as it is now as {@code target/browser-screenshots/<name>.png}, the journey's evidence. */
    void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    /** The page as it was when a journey failed: {@code FAILED-<name>.png} and {@code .html}. */
    void keepFailure(String name) throws Exception {
        screenshot("FAILED-" + name);
        Files.writeString(SCREENSHOTS.resolve("FAILED-" + name + ".html"), driver.getPageSource());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
