package com.phoenixidp.samples.spa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.phoenixidp.samples.testsupport.AuthServerProcess;
import com.phoenixidp.samples.testsupport.Bootstrap;
import com.phoenixidp.samples.testsupport.Browser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SPA in a real headless browser against the real auth-server (child process): the page does
 * code + PKCE itself, calling the IdP's discovery, token, JWK set and UserInfo endpoints from
 * JavaScript (so this also proves the IdP's CORS for public clients' origins).
 */
class SpaBrowserTest {

    static AuthServerProcess idp;

    static HttpServer spa;

    static Browser browser;

    static String spaUrl;

    @BeforeAll
    static void start() throws IOException {
        Browser.assumeInstalled();
        int spaPort = AuthServerProcess.freePort();
        spaUrl = "http://localhost:" + spaPort;
        idp = AuthServerProcess.start(new Bootstrap()
                .user("sam", "sam-password-123")
                .client(
                        "spa-test",
                        "grant-types: [authorization_code]",
                        "auth-methods: [none]",
                        "redirect-uris: [" + Bootstrap.q(spaUrl + "/callback") + "]",
                        "post-logout-redirect-uris: [" + Bootstrap.q(spaUrl + "/") + "]",
                        "scopes: [openid, profile]",
                        "require-consent: false"));
        spa = SpaServer.start(spaPort, idp.issuer(), "spa-test", "openid profile");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (spa != null) {
            spa.stop(0);
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void signInWithCodeAndPkceFromThePage() {
        browser.open(spaUrl + "/");
        browser.click("login");
        browser.waitForUrlStartingWith(idp.issuer() + "/login");
        browser.signIn("sam", "sam-password-123");

        browser.waitForUrlStartingWith(spaUrl + "/");
        String claims = browser.text("claims");
        assertThat(claims)
                .contains("\"sub\": \"sam\"")
                .contains("\"iss\": \"" + idp.issuer() + "\"")
                .contains("\"aud\"")
                .contains("spa-test");
        assertThat(browser.text("user")).isEqualTo("sam");
        browser.waitFor().until((d) -> browser.element("userinfo").getText().contains("\"sub\": \"sam\""));

        // the code left the address bar; nothing is left in browser storage
        assertThat(browser.currentUrl()).isEqualTo(spaUrl + "/");
        assertThat(browser.driver().executeScript("return sessionStorage.length + localStorage.length"))
                .isEqualTo(0L);
        assertThat(browser.driver()
                        .findElement(org.openqa.selenium.By.id("error"))
                        .isDisplayed())
                .isFalse();
    }

    @Test
    void settingsFromFlagsAndEnvironment() {
        Map<String, String> settings = SpaServer.settings(
                new String[] {"--server.port=9999", "--phoenix.client-id", "my-spa"},
                Map.of("PHOENIX_ISSUER", "https://id.example.com"));
        assertThat(settings)
                .containsEntry("server.port", "9999")
                .containsEntry("phoenix.client-id", "my-spa")
                .containsEntry("phoenix.issuer", "https://id.example.com")
                .containsEntry("phoenix.scope", "openid profile");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SpaServer.settings(new String[] {"--client-secret=x"}, Map.of()))
                .withMessageContaining("unknown option");
    }
}
