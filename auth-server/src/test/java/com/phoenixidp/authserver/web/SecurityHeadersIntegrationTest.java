package com.phoenixidp.authserver.web;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Response headers of the pages (PageSecurityHeaders), the session cookie, and the session id at
 * sign-in. "Over HTTPS" is a request that a TLS-terminating proxy forwarded with
 * {@code X-Forwarded-Proto: https} (the test profile believes it from 127.0.0.1, as a deployment
 * behind a proxy with {@code server.forward-headers-strategy=native} does).
 */
class SecurityHeadersIntegrationTest extends AuthServerIntegrationTest {

    private static final Pattern SESSION_COOKIE = Pattern.compile("PHOENIXSESSION=([^;]*)");

    private static final Pattern INLINE = Pattern.compile(
            "<script(?![^>]*\\ssrc=)[^>]*>|<style\\b|\\sstyle=\"|\\son[a-z]+=\"|javascript:", Pattern.CASE_INSENSITIVE);

    @Test
    void pagesWhenServedThenStrictCspNoFramingNoReferrerNosniffAndNoInlineCode() {
        OAuthTestClient browser = client();
        assertThat(OAuthTestClient.loginSucceeded(browser.login("headers-user", "headers-user-password-1")))
                .isTrue();
        Map<String, Response> pages = Map.of(
                "login", client().browse("/login"),
                "home", browser.browse("/"),
                "account", browser.browse("/account"),
                "device", browser.browse("/device"),
                "consent",
                        follow(
                                browser,
                                "/oauth2/authorize?"
                                        + new AuthorizationRequest(CONSENT_APP, CONSENT_APP_REDIRECT, "openid api.read")
                                                .pkce(OAuthTestClient.pkce())
                                                .query()),
                "authorization error", client().browse("/oauth2/authorize?response_type=code&client_id=unknown"),
                "not found", browser.browse("/no-such-page"));

        pages.forEach((name, page) -> {
            String csp = page.header("Content-Security-Policy").orElse("");
            assertThat(csp)
                    .as(name)
                    .contains(
                            "default-src 'self'",
                            "script-src 'self'",
                            "style-src 'self'",
                            "object-src 'none'",
                            "base-uri 'none'",
                            "frame-ancestors 'none'",
                            "form-action 'self'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(page.header("X-Frame-Options")).as(name).hasValue("DENY");
            assertThat(page.header("X-Content-Type-Options")).as(name).hasValue("nosniff");
            assertThat(page.header("Referrer-Policy")).as(name).hasValue("no-referrer");
            assertThat(page.header("Strict-Transport-Security"))
                    .as(name + ": no HSTS over HTTP")
                    .isEmpty();
            if (page.status() == 200 || page.status() >= 400) {
                assertThat(INLINE.matcher(page.body()).find())
                        .as(name + " has inline script or style")
                        .isFalse();
            }
        });
        assertThat(pages.get("consent").body()).contains("id=\"consent-form\"");
    }

    @Test
    void loginPageWhenAuthorizationRequestPendingThenFormActionAllowsThatClientsRedirectOriginOnly() {
        OAuthTestClient browser = client();
        Response authorize = browser.browse("/oauth2/authorize?"
                + new AuthorizationRequest(WEB, WEB_REDIRECT, "openid")
                        .pkce(OAuthTestClient.pkce())
                        .query());
        assertThat(authorize.location()).endsWith("/login");

        String csp = browser.browse("/login").header("Content-Security-Policy").orElseThrow();

        assertThat(csp).endsWith("form-action 'self' http://localhost:8080");
        assertThat(client().browse("/login").header("Content-Security-Policy"))
                .as("no pending request: this origin only")
                .hasValue(csp.substring(0, csp.length() - " http://localhost:8080".length()));
    }

    @Test
    void pagesWhenServedOverHttpsThenHstsAndSecureSessionCookieAndOverHttpNeither() {
        Response https = client().get("/login", "Accept", "text/html", "X-Forwarded-Proto", "https");
        Response http = client().get("/login", "Accept", "text/html");

        assertThat(https.header("Strict-Transport-Security"))
                .hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age="));
        assertThat(sessionCookieHeader(https)).contains("PHOENIXSESSION=", "Secure", "HttpOnly", "SameSite=Lax");
        assertThat(sessionCookieHeader(http))
                .contains("PHOENIXSESSION=", "HttpOnly")
                .doesNotContain("Secure");
    }

    @Test
    void passwordSignInWhenSucceededThenNewSessionIdAndTheOldOneSignsNothingIn() {
        OAuthTestClient browser = client();
        Response page = browser.browse("/login");
        String before = sessionId(page);
        Map<String, String> form = OAuthTestClient.formInputs(page.body(), "login-form");
        form.put("username", "headers-user");
        form.put("password", "headers-user-password-1");

        Response signedIn = browser.postForm("/login", form);

        assertThat(OAuthTestClient.loginSucceeded(signedIn)).isTrue();
        String after = sessionId(signedIn);
        assertThat(after).isNotBlank().isNotEqualTo(before);
        assertThat(client().get("/account", "Accept", "text/html", "Cookie", "PHOENIXSESSION=" + before)
                        .location())
                .as("the pre-sign-in session id is not signed in")
                .endsWith("/login");
        assertThat(client().get("/account", "Accept", "text/html", "Cookie", "PHOENIXSESSION=" + after)
                        .status())
                .isEqualTo(200);
    }

    /** Browses {@code path}, following redirects within this server. */
    private static Response follow(OAuthTestClient browser, String path) {
        Response response = browser.browse(path);
        for (int hop = 0; hop < 5 && response.isRedirect() && ownPage(browser, response.location()); hop++) {
            response = browser.browse(response.location());
        }
        return response;
    }

    private static boolean ownPage(OAuthTestClient browser, String location) {
        return location.startsWith("/") || location.startsWith(browser.baseUrl() + "/");
    }

    private static String sessionCookieHeader(Response response) {
        List<String> cookies = response.headers().entrySet().stream()
                .filter((e) -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap((e) -> e.getValue().stream())
                .filter((c) -> c.startsWith("PHOENIXSESSION="))
                .toList();
        assertThat(cookies).as("a session cookie is set").hasSize(1);
        return cookies.get(0);
    }

    private static String sessionId(Response response) {
        Matcher m = SESSION_COOKIE.matcher(sessionCookieHeader(response));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
