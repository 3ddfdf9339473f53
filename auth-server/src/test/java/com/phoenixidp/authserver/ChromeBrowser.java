package com.phoenixidp.authserver;

import java.io.File;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Headless Debian Chromium driven by chromedriver, with a WebAuthn virtual authenticator (CTAP2,
 * internal transport, resident keys, user verification): a real browser running the pages' real
 * JavaScript ceremonies. Tests are skipped only when Chromium or chromedriver is not installed.
 */
public final class ChromeBrowser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";

    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    public final ChromeDriver driver;

    public final VirtualAuthenticator authenticator;

    private final String baseUrl;

    private ChromeBrowser(ChromeDriver driver, VirtualAuthenticator authenticator, String baseUrl) {
        this.driver = driver;
        this.authenticator = authenticator;
        this.baseUrl = baseUrl;
    }

    public static void assumeInstalled() {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute(), "chromium is not installed at " + CHROMIUM);
        Assumptions.assumeTrue(new File(CHROMEDRIVER).canExecute(), "chromedriver is not installed at " + CHROMEDRIVER);
    }

    public static ChromeBrowser start(String baseUrl) {
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
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) driver)
                    .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                            .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                            .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                            .setHasResidentKey(true)
                            .setHasUserVerification(true)
                            .setIsUserVerified(true));
            return new ChromeBrowser(driver, authenticator, baseUrl);
        } catch (RuntimeException ex) {
            driver.quit();
            throw ex;
        }
    }

    public void open(String pathOrUrl) {
        this.driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : this.baseUrl + pathOrUrl);
    }

    public String currentUrl() {
        return this.driver.getCurrentUrl();
    }

    public WebElement element(String id) {
        return waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    public void click(String id) {
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    public void passwordLogin(String username, String password) {
        element("username").sendKeys(username);
        element("password").sendKeys(password);
        click("login-submit");
    }

    /** Waits until the browser's URL starts with {@code prefix}; returns it. */
    public String waitForUrlStartingWith(String prefix) {
        waitFor().until((d) -> d.getCurrentUrl() != null && d.getCurrentUrl().startsWith(prefix));
        return this.driver.getCurrentUrl();
    }

    /** Waits until the path (no query) of the current page is {@code path}. */
    public void waitForPath(String path) {
        waitFor().until((d) -> {
            String url = d.getCurrentUrl();
            return url != null
                    && url.startsWith(this.baseUrl)
                    && java.net.URI.create(url).getPath().equals(path);
        });
    }

    public List<WebElement> passkeyItems() {
        return this.driver.findElements(By.cssSelector("#passkeys > li"));
    }

    /**
     * Waits until the element with this id shows {@code text} (on the page after a form post). The
     * text is read by one script call rather than through an element handle, which the page being
     * replaced can take away mid-call (Chrome reports that as a stale element, or as "Node with
     * given id does not belong to the document").
     */
    public void waitForText(String id, String text) {
        waitFor()
                .until((d) -> this.driver.executeScript(
                                        "const e = document.getElementById(arguments[0]); return e ? e.innerText : null;",
                                        id)
                                instanceof String shown
                        && shown.contains(text));
    }

    /**
     * The attribute of the first element matching {@code cssSelector}, or {@code null} when there is
     * none; read by one script call, like {@link #waitForText}, so a page being replaced cannot take
     * the element away mid-call.
     */
    public @Nullable String attributeOf(String cssSelector, String attribute) {
        return this.driver.executeScript(
                                "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                                cssSelector,
                                attribute)
                        instanceof String value
                ? value
                : null;
    }

    public WebDriverWait waitFor() {
        return new WebDriverWait(this.driver, Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        this.driver.quit();
    }
}
