package com.phoenixidp.authserver.web;

import static com.phoenixidp.authserver.TestData.ADMIN_TOOL;
import static com.phoenixidp.authserver.TestData.ADMIN_TOOL_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.ChromeBrowser;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

/**
 * Sign-in in a real browser (headless Chromium) under the pages' Content-Security-Policy: the
 * password form's answer redirects to a client on another origin, which Chromium allows only
 * because {@code form-action} names that client's origin; a passkey signs the user in while
 * password attempts keep the account in its back-off; each sign-in gives the browser a new
 * session id.
 */
class SignInBrowserTest extends AuthServerIntegrationTest {

    private ChromeBrowser browser;

    private HttpServer clientApp;

    private final AtomicInteger callbacks = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        this.browser = ChromeBrowser.start(baseUrl());
        this.clientApp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.clientApp.createContext("/cb", (exchange) -> {
            this.callbacks.incrementAndGet();
            byte[] body = "<!DOCTYPE html><title>client</title><p id=\"client-page\">client app</p>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        this.clientApp.start();
    }

    @AfterEach
    void stop() {
        if (this.browser != null) {
            this.browser.close();
        }
        if (this.clientApp != null) {
            this.clientApp.stop(0);
        }
    }

    @Test
    void passwordSignInWhenClientOnAnotherOriginThenTheRedirectReachesItUnderTheCsp() {
        String redirect = "http://127.0.0.1:" + this.clientApp.getAddress().getPort() + "/cb";
        String clientId = registerClient(redirect);
        AuthorizationRequest request =
                new AuthorizationRequest(clientId, redirect, "openid profile").pkce(OAuthTestClient.pkce());
        this.browser.open("/oauth2/authorize?" + request.query());
        this.browser.waitForPath("/login");
        Cookie before = this.browser.driver.manage().getCookieNamed("PHOENIXSESSION");

        this.browser.passwordLogin("headers-user", "headers-user-password-1");

        String landed = this.browser.waitForUrlStartingWith(redirect);
        assertThat(OAuthTestClient.queryParams(landed))
                .containsEntry("state", request.state())
                .containsKey("code");
        this.browser.element("client-page");
        assertThat(this.callbacks.get()).as("the client's page was loaded").isPositive();
        this.browser.open("/");
        Cookie after = this.browser.driver.manage().getCookieNamed("PHOENIXSESSION");
        assertThat(after.getValue()).as("new session id at sign-in").isNotEqualTo(before.getValue());
    }

    @Test
    void passkeySignInWhenPasswordAttemptsKeepTheAccountThrottledThenSignsInWithNewSessionId() {
        String user = "headers-passkey";
        // register a passkey (password sign-in, account page), then sign out
        this.browser.open("/login");
        this.browser.passwordLogin(user, "headers-passkey-password-1");
        this.browser.waitForPath("/");
        this.browser.open("/account");
        this.browser.element("passkey-name").sendKeys("Laptop");
        this.browser.click("passkey-register");
        this.browser.waitFor().until((d) -> this.browser.passkeyItems().size() == 1);
        this.browser.click("logout");
        this.browser.waitForPath("/login");
        // an attacker's wrong password starts the account's back-off; as if they had kept guessing for
        // a while, it lasts ten minutes
        assertThat(client().withHeader("X-Forwarded-For", "203.0.113.60")
                        .login(user, "guess-1")
                        .location())
                .endsWith("/login?error");
        this.jdbc.update(
                "UPDATE phoenix_login_throttle SET blocked_until = ? WHERE throttle_key = ?",
                System.currentTimeMillis() + 600_000,
                "account:" + user);
        Response refused =
                client().withHeader("X-Forwarded-For", "203.0.113.70").login(user, "headers-passkey-password-1");
        assertThat(refused.location())
                .as("password sign-in refused while throttled")
                .endsWith("/login?error");
        this.browser.open("/login");
        Cookie before = this.browser.driver.manage().getCookieNamed("PHOENIXSESSION");

        this.browser.click("passkey-login");

        this.browser.waitForPath("/");
        assertThat(this.browser.element("signed-in-user").getText()).isEqualTo(user);
        Cookie after = this.browser.driver.manage().getCookieNamed("PHOENIXSESSION");
        assertThat(after.getValue()).as("new session id at sign-in").isNotEqualTo(before.getValue());
        assertThat(this.jdbc.queryForObject(
                        "SELECT blocked_until FROM phoenix_login_throttle WHERE throttle_key = ?",
                        Long.class,
                        "account:" + user))
                .as("the passkey did not need the back-off to end, nor end it")
                .isGreaterThan(System.currentTimeMillis());
    }

    private String registerClient(String redirectUri) {
        String clientId = "csp-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client-id", clientId);
        body.put("grant-types", List.of("authorization_code"));
        body.put("auth-methods", List.of("none"));
        body.put("redirect-uris", List.of(redirectUri));
        body.put("scopes", List.of("openid", "profile"));
        body.put("require-consent", false);
        Response token = client().clientCredentialsBasic(ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin");
        Response created = client().send(
                        "POST",
                        "/admin/clients",
                        "application/json",
                        OAuthTestClient.toJson(body),
                        "Authorization",
                        "Bearer " + token.json().get("access_token"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return clientId;
    }
}
