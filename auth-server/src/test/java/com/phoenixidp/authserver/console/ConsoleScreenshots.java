package com.phoenixidp.authserver.console;

import static com.phoenixidp.authserver.TestData.*;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.ChromeBrowser;
import com.phoenixidp.authserver.OAuthTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.OutputType;

/**
 * Writes the README's screenshots (docs/screenshots/*.png) of the dashboard, the users list, a
 * user's page, the clients list and the account page; runs only on demand:
 * {@code mvn -pl auth-server -am test -Dtest=ConsoleScreenshots -Dsurefire.failIfNoSpecifiedTests=false
 * -Dphoenix.screenshots=true}. An hour of sample traffic (audit rows of a client named
 * {@code screenshot-sample}) is added first, so the charts have something to show.
 */
@EnabledIfSystemProperty(named = "phoenix.screenshots", matches = "true")
class ConsoleScreenshots extends AuthServerIntegrationTest {

    private static final Path DIR = Path.of(System.getProperty("phoenix.screenshots.dir", "../docs/screenshots"));

    @Test
    void screenshotsWhenRequestedThenWrittenToDocs() throws IOException {
        sampleTraffic();
        Files.createDirectories(DIR);
        try (ChromeBrowser browser = ChromeBrowser.start(baseUrl())) {
            browser.open("/admin");
            browser.waitForPath("/login");
            browser.passwordLogin(BOB, BOB_PASSWORD);
            browser.waitForPath("/admin");
            browser.element("tokens-chart");
            shoot(browser, "dashboard.png");
            browser.open("/admin/users");
            browser.element("users");
            shoot(browser, "users.png");
            browser.open("/admin/users/alice");
            browser.element("user-name");
            shoot(browser, "user.png");
            browser.open("/admin/clients");
            browser.element("clients");
            shoot(browser, "clients.png");
            browser.open("/account");
            if (browser.passkeyItems().isEmpty()) {
                browser.element("passkey-name").sendKeys("Laptop");
                browser.click("passkey-register");
                browser.waitFor().until((d) -> browser.passkeyItems().size() == 1);
            }
            shoot(browser, "account.png");
        }
    }

    /** Real sign-ins and tokens now, plus backdated sample events over the last hour. */
    private void sampleTraffic() {
        OAuthTestClient client = client();
        for (int i = 0; i < 5; i++) {
            client.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read");
        }
        client().login(CAROL, CAROL_PASSWORD);
        client().login("nobody-" + System.nanoTime(), "wrong-password-123");
        Random random = new Random(42);
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>();
        for (int minute = 59; minute >= 1; minute--) {
            Instant at = now.minusSeconds(minute * 60L);
            double wave = 1 + Math.sin(minute / 7.0);
            add(rows, at, "token.issued", (int) (8 + 10 * wave + random.nextInt(6)));
            add(rows, at, "login.succeeded", (int) (1 + 2 * wave + random.nextInt(2)));
            add(rows, at, "login.failed", (minute % 9 == 0) ? 3 + random.nextInt(3) : random.nextInt(2));
        }
        rows.sort(java.util.Comparator.comparing((Object[] row) -> (Timestamp) row[0]));
        this.jdbc.batchUpdate(
                "INSERT INTO phoenix_audit_event (event_time, event_type, actor, username, client_id, outcome,"
                        + " details) VALUES (?, ?, 'screenshot-sample', NULL, 'screenshot-sample', ?, 'sample=true')",
                rows);
    }

    private static void add(List<Object[]> rows, Instant at, String type, int count) {
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {
                Timestamp.from(at.plusSeconds(i % 60)), type, type.endsWith("failed") ? "failure" : "success"
            });
        }
    }

    /** The whole page at 1280 CSS pixels wide (the viewport is set to the page's height). */
    private static void shoot(ChromeBrowser browser, String name) throws IOException {
        viewport(browser, 800);
        Number height = (Number) browser.driver.executeScript("return document.body.scrollHeight");
        viewport(browser, Math.min(2400, height.intValue()));
        Files.write(DIR.resolve(name), browser.driver.getScreenshotAs(OutputType.BYTES));
        browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private static void viewport(ChromeBrowser browser, int height) {
        browser.driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }
}
