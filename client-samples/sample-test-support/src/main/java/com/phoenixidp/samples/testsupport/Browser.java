package com.phoenixidp.samples.testsupport;

import java.io.File;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by chromedriver: the samples' pages and the IdP's login,
 * device and consent pages with their real JavaScript. One per test class (it is not cheap).
 * Tests are skipped only when Chromium or chromedriver is not installed.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";

    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static void assumeInstalled() {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute(), "chromium is not installed at " + CHROMIUM);
        Assumptions.assumeTrue(new File(CHROMEDRIVER).canExecute(), "chromedriver is not installed at " + CHROMEDRIVER);
    }

    public static Browser start() {
        assumeInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--remote-debugging-pipe",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return this.driver;
    }

    public void open(String url) {
        this.driver.get(url);
    }

    public String currentUrl() {
        return this.driver.getCurrentUrl();
    }

    public WebElement element(String id) {
        return waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /** Waits until the element's text is not blank; returns it. */
    public String text(String id) {
        WebElement element = element(id);
        waitFor().until((d) -> !element.getText().isBlank());
        return element.getText();
    }

    public void click(String id) {
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    public void type(String id, String text) {
        WebElement element = element(id);
        element.clear();
        element.sendKeys(text);
    }

    /** Fills and submits the IdP's sign-in form (ids {@code username}, {@code password}). */
    public void signIn(String username, String password) {
        type("username", username);
        type("password", password);
        click("login-submit");
    }

    /** Waits until the browser's URL starts with {@code prefix}; returns it. */
    public String waitForUrlStartingWith(String prefix) {
        try {
            waitFor()
                    .until((d) -> d.getCurrentUrl() != null && d.getCurrentUrl().startsWith(prefix));
        } catch (org.openqa.selenium.TimeoutException ex) {
            throw new AssertionError(
                    "expected a page at " + prefix + "... but the browser is at " + currentUrl() + " showing:\n"
                            + this.driver.findElement(By.tagName("body")).getText(),
                    ex);
        }
        return this.driver.getCurrentUrl();
    }

    /** Forgets every cookie of the IdP and the sample (a fresh user), by visiting each origin. */
    public void clearCookies(String... origins) {
        for (String origin : origins) {
            this.driver.get(origin + "/favicon.ico");
            this.driver.manage().deleteAllCookies();
        }
    }

    public WebDriverWait waitFor() {
        return new WebDriverWait(this.driver, Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        this.driver.quit();
    }
}
