package com.phoenixidp.authserver.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * CORS for browser apps: only the origins of PUBLIC clients' redirect URIs (the test profile's
 * {@code spa}: {@code http://localhost:8081}) may call the token (with a DPoP header), PAR, JWK
 * set, UserInfo, revocation and discovery endpoints from JavaScript — never with credentials, never other endpoints or origins.
 */
class CorsIntegrationTest extends AuthServerIntegrationTest {

    static final String SPA_ORIGIN = "http://localhost:8081";

    /** The confidential {@code web} client's origin: a server-side app needs no CORS. */
    static final String WEB_ORIGIN = "http://localhost:8080";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void preflightFromAPublicClientsOriginIsAllowed() throws Exception {
        HttpResponse<String> token = preflight("/oauth2/token", SPA_ORIGIN, "POST", "content-type");
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA_ORIGIN);
        assertThat(token.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();

        HttpResponse<String> userinfo = preflight("/userinfo", SPA_ORIGIN, "GET", "authorization");
        assertThat(userinfo.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA_ORIGIN);
        assertThat(userinfo.headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElse("")
                        .toLowerCase())
                .contains("authorization");
    }

    @Test
    void preflightWhenBrowserAppSendsDPoPProofOrPushesRequestThenAllowed() throws Exception {
        HttpResponse<String> token = preflight("/oauth2/token", SPA_ORIGIN, "POST", "content-type, dpop");
        HttpResponse<String> par = preflight("/oauth2/par", SPA_ORIGIN, "POST", "content-type");

        assertThat(token.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA_ORIGIN);
        assertThat(token.headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElse("")
                        .toLowerCase())
                .contains("dpop");
        assertThat(par.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA_ORIGIN);
    }

    @Test
    void preflightFromAnyOtherOriginOrToOtherEndpointsIsNotAllowed() throws Exception {
        assertThat(preflight("/oauth2/token", "https://evil.example", "POST", "content-type")
                        .headers()
                        .firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(preflight("/oauth2/token", WEB_ORIGIN, "POST", "content-type")
                        .headers()
                        .firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(preflight("/oauth2/introspect", SPA_ORIGIN, "POST", "content-type")
                        .headers()
                        .firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(preflight("/login", SPA_ORIGIN, "POST", "content-type")
                        .headers()
                        .firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    @Test
    void actualRequestsFromThePublicClientsOriginCanReadTheAnswer() throws Exception {
        HttpResponse<String> discovery = this.http.send(
                HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                        .header("Origin", SPA_ORIGIN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(SPA_ORIGIN);

        HttpResponse<String> jwks = this.http.send(
                HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/jwks"))
                        .header("Origin", "https://evil.example")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(jwks.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        // an error answer of the token endpoint is readable too (the SPA shows the error)
        HttpResponse<String> token = this.http.send(
                HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                        .header("Origin", SPA_ORIGIN)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=authorization_code&client_id=spa&code=nope&code_verifier=" + "x".repeat(43)
                                        + "&redirect_uri=http%3A%2F%2Flocalhost%3A8081%2Fcallback"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(token.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA_ORIGIN);
    }

    private HttpResponse<String> preflight(String path, String origin, String method, String headers)
            throws IOException, InterruptedException {
        return this.http.send(
                HttpRequest.newBuilder(URI.create(issuer() + path))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", method)
                        .header("Access-Control-Request-Headers", headers)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
