package com.phoenixidp.authserver.config;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** No input yields a 500 or a stack trace: odd requests get the RFC error (JSON) or an error page. */
class BadInputIntegrationTest extends AuthServerIntegrationTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private static final String BASIC_SERVICE = OAuthTestClient.basicAuth(SERVICE, SERVICE_SECRET);

    @Test
    void tokenEndpointWhenGarbageRequestsThenJsonClientErrorsOnly() {
        OAuthTestClient c = client();
        String huge = "x".repeat(100_000);

        assertJsonError(c.post(
                "/oauth2/token",
                "application/json",
                "{\"grant_type\":\"client_credentials\"}",
                "Authorization",
                BASIC_SERVICE));
        assertJsonError(
                c.post(
                        "/oauth2/token",
                        FORM,
                        "grant_type=client_credentials&grant_type=client_credentials",
                        "Authorization",
                        BASIC_SERVICE),
                "invalid_request");
        assertJsonError(
                c.post(
                        "/oauth2/token",
                        FORM,
                        "grant_type=client_credentials&scope=a&scope=b",
                        "Authorization",
                        BASIC_SERVICE),
                "invalid_request");
        assertJsonError(c.post("/oauth2/token", FORM, "grant_type=client_credentials", "Authorization", "Basic %%%"));
        assertJsonError(c.post(
                "/oauth2/token",
                FORM,
                "grant_type=client_credentials",
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))));
        assertJsonError(c.post(
                "/oauth2/token",
                FORM,
                "grant_type=client_credentials",
                "Authorization",
                "Basic "
                        + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, ':', (byte) 0xc3})));
        Response bearer = c.post("/oauth2/token", FORM, "grant_type=client_credentials", "Authorization", "Bearer x");
        assertClientError(bearer);
        assertThat(bearer.header("WWW-Authenticate"))
                .hasValueSatisfying((h) -> assertThat(h).startsWith("Bearer"));
        assertJsonError(
                c.post(
                        "/oauth2/token",
                        FORM,
                        "grant_type=client_credentials&scope=" + huge,
                        "Authorization",
                        BASIC_SERVICE),
                "invalid_scope");
        assertJsonError(
                c.post("/oauth2/token", FORM, "grant_type=" + huge, "Authorization", BASIC_SERVICE),
                "unsupported_grant_type");
        assertJsonError(c.post(
                "/oauth2/token",
                FORM,
                "grant_type=authorization_code&code=" + huge + "&redirect_uri=%00&code_verifier=%zz",
                "Authorization",
                OAuthTestClient.basicAuth(WEB, WEB_SECRET)));
        assertJsonError(
                c.post(
                        "/oauth2/token",
                        FORM,
                        "grant_type=refresh_token&refresh_token=sha256:AAAA",
                        "Authorization",
                        OAuthTestClient.basicAuth(WEB, WEB_SECRET)),
                "invalid_grant");
        assertJsonError(c.post(
                "/oauth2/token",
                FORM,
                "grant_type=client_credentials&client_id=" + SERVICE + "&client_id=" + WEB + "&client_secret="
                        + SERVICE_SECRET));
        assertJsonError(c.post("/oauth2/token", "text/plain", "\u0000\u0001\u0002"));
        assertJsonError(c.post("/oauth2/token", FORM, ""));
    }

    @Test
    void introspectionAndRevocationWhenGarbageRequestsThenClientErrorsOnly() {
        OAuthTestClient c = client();

        assertJsonError(c.post("/oauth2/introspect", FORM, "", "Authorization", BASIC_SERVICE), "invalid_request");
        assertJsonError(
                c.post("/oauth2/introspect", FORM, "token=a&token=b", "Authorization", BASIC_SERVICE),
                "invalid_request");
        assertJsonError(c.post("/oauth2/introspect", FORM, "token=abc"), "invalid_client");
        assertJsonError(c.post(
                "/oauth2/introspect", "application/json", "{\"token\":\"abc\"}", "Authorization", BASIC_SERVICE));
        assertJsonError(c.post("/oauth2/revoke", FORM, "", "Authorization", BASIC_SERVICE), "invalid_request");
        assertJsonError(c.post("/oauth2/revoke", FORM, "token=abc", "Authorization", "Basic !!"));
        Response unknownToken = c.post(
                "/oauth2/revoke",
                FORM,
                "token=" + "y".repeat(5000) + "&token_type_hint=bogus",
                "Authorization",
                BASIC_SERVICE);
        assertThat(unknownToken.status()).as(unknownToken.body()).isLessThan(500);
        assertNoStackTrace(unknownToken);
        Response inactive =
                c.post("/oauth2/introspect", FORM, "token=" + "%E2%82%AC".repeat(300), "Authorization", BASIC_SERVICE);
        assertThat(inactive.status()).isEqualTo(200);
        assertThat(inactive.json()).containsEntry("active", false);
    }

    @Test
    void authorizeWhenGarbageRequestsThenClientErrorsOnly() {
        OAuthTestClient c = client();

        assertClientError(c.browse("/oauth2/authorize"));
        assertClientError(c.browse("/oauth2/authorize?client_id=" + WEB + "&client_id=" + SPA
                + "&response_type=code&redirect_uri=" + WEB_REDIRECT));
        assertClientError(c.browse("/oauth2/authorize?response_type=code&client_id=%00%01&redirect_uri=%C3%28"));
        assertClientError(c.browse("/oauth2/authorize?response_type=code&client_id=" + "w".repeat(6000)));
        assertClientError(c.browse("/oauth2/authorize?response_type=code&client_id=" + "w".repeat(20000)));
        // a valid request with the same scope repeated: on to the login page
        assertNoServerError(c.browse("/oauth2/authorize?response_type=code&client_id=" + WEB + "&scope="
                + "openid%20".repeat(200) + "&redirect_uri=" + WEB_REDIRECT));
        // not signed in: these send the browser to the login page, which is fine, but never a 500
        assertNoServerError(c.post(
                "/oauth2/authorize", FORM, "client_id=" + WEB + "&state=zzz&scope=openid", "Accept", "text/html"));
        assertNoServerError(c.get("/oauth2/consent?client_id=nope&state=x"));
        assertThat(OAuthTestClient.loginSucceeded(c.login(ALICE, ALICE_PASSWORD)))
                .isTrue();
        assertClientError(c.post(
                "/oauth2/authorize", FORM, "client_id=" + WEB + "&state=zzz&scope=openid", "Accept", "text/html"));
        assertClientError(c.browse("/oauth2/consent?client_id=nope&state=x"));
        assertClientError(c.browse("/oauth2/consent?scope=openid"));
    }

    private static void assertJsonError(Response response, String error) {
        assertJsonError(response);
        assertThat(response.json()).as(response.body()).containsEntry("error", error);
    }

    private static void assertJsonError(Response response) {
        assertClientError(response);
        assertThat(response.header("Content-Type"))
                .as("content type of %s %s", response.status(), response.body())
                .hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
        assertThat(response.json()).containsKey("error");
    }

    private static void assertClientError(Response response) {
        assertThat(response.status()).as(response.body()).isBetween(400, 499);
        assertNoStackTrace(response);
    }

    private static void assertNoServerError(Response response) {
        assertThat(response.status()).as(response.body()).isLessThan(500);
        assertNoStackTrace(response);
    }

    private static void assertNoStackTrace(Response response) {
        assertThat(response.body())
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContainPattern("at (java|org|com)\\.[a-z]");
    }
}
