package com.phoenixidp.samples.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.samples.testsupport.AuthServerProcess;
import com.phoenixidp.samples.testsupport.Bootstrap;
import com.phoenixidp.samples.testsupport.Browser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web-app against the real auth-server (child process), in a real headless browser: sign-in
 * on the IdP's login page (authorization code + PKCE: the IdP requires PKCE of every client, so a
 * sign-in without it would fail), the user and ID-token claims, the API call with the access token
 * (an in-test stand-in for resource-server-demo that records the bearer tokens it gets), silent
 * refresh, the API-down message, and RP-initiated logout.
 */
class WebAppBrowserTest {

    static final String SECRET = "web-test-secret-0123456789-0123456789";

    static AuthServerProcess idp;

    static HttpServer api;

    static final List<String> bearerTokens = new CopyOnWriteArrayList<>();

    static ConfigurableApplicationContext app;

    static Browser browser;

    static String webUrl;

    @BeforeAll
    static void start() throws IOException {
        Browser.assumeInstalled();
        int webPort = AuthServerProcess.freePort();
        webUrl = "http://localhost:" + webPort;
        idp = AuthServerProcess.start(new Bootstrap()
                .user("wendy", "wendy-password-1")
                .client(
                        "web-test",
                        "client-secret: " + Bootstrap.q(SECRET),
                        "grant-types: [authorization_code, refresh_token]",
                        "auth-methods: [client_secret_basic]",
                        "redirect-uris: [" + Bootstrap.q(webUrl + "/login/oauth2/code/phoenix") + "]",
                        "post-logout-redirect-uris: [" + Bootstrap.q(webUrl + "/") + "]",
                        "scopes: [openid, profile, email, api.read]",
                        "require-consent: false",
                        // shorter than the client's 60 s clock skew: every API call refreshes the token
                        "access-token-ttl: 30s"));
        api = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        api.createContext("/api/items", (exchange) -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] body;
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                exchange.sendResponseHeaders(401, body.length);
            } else {
                bearerTokens.add(authorization.substring(7));
                body = "[{\"id\":1,\"name\":\"passkey starter kit\"}]".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        api.start();
        app = new SpringApplicationBuilder(WebApp.class)
                .run(
                        "--server.port=" + webPort,
                        "--spring.security.oauth2.client.registration.phoenix.client-id=web-test",
                        "--spring.security.oauth2.client.registration.phoenix.client-secret=" + SECRET,
                        "--spring.security.oauth2.client.provider.phoenix.issuer-uri=" + idp.issuer(),
                        "--phoenix.api-url=http://localhost:" + api.getAddress().getPort() + "/api/items");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (api != null) {
            api.stop(0);
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void signInShowUserClaimsCallApiRefreshSilentlyAndLogOut() {
        browser.open(webUrl + "/");
        browser.click("login");
        browser.waitForUrlStartingWith(idp.issuer() + "/login");
        browser.signIn("wendy", "wendy-password-1");

        browser.waitForUrlStartingWith(webUrl + "/");
        assertThat(browser.text("user")).isEqualTo("wendy");
        String claims = browser.text("claims");
        assertThat(claims).contains("sub wendy").contains("iss " + idp.issuer()).contains("aud [web-test]");
        assertThat(browser.text("api")).contains("HTTP 200").contains("passkey starter kit");
        assertThat(bearerTokens).isNotEmpty();

        // silent refresh: the next page view gets a new access token with the refresh token
        int before = bearerTokens.size();
        browser.open(webUrl + "/");
        assertThat(browser.text("user")).isEqualTo("wendy");
        assertThat(browser.text("api")).contains("passkey starter kit");
        assertThat(bearerTokens).hasSizeGreaterThan(before);
        assertThat(bearerTokens.get(bearerTokens.size() - 1)).isNotEqualTo(bearerTokens.get(before - 1));

        // the API is down: a clear message, the page still works
        api.stop(0);
        browser.open(webUrl + "/");
        assertThat(browser.text("api-error")).contains("is not reachable").contains("fleet");
        assertThat(browser.text("user")).isEqualTo("wendy");

        // RP-initiated logout ends the IdP session too, and comes back to the home page
        browser.click("logout");
        browser.waitForUrlStartingWith(webUrl + "/");
        browser.element("login");
        browser.click("login");
        browser.waitForUrlStartingWith(idp.issuer() + "/login");
        browser.element("username");
    }
}
