package com.phoenixidp.authserver.observability;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import io.micrometer.tracing.Tracer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /actuator/prometheus} on the main port, scraped as Prometheus does (with the bearer token
 * of an admin client): Phoenix's counters move with sign-ins, token requests, token errors and
 * revocations, Spring Boot's JVM, HTTP server and connection-pool metrics are there, and nothing a
 * caller invents (an unknown client id) nor any secret or token shows up.
 */
class MetricsIntegrationTest extends AuthServerIntegrationTest {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private static final Pattern CSRF_HEADER_META = Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");

    @Autowired
    Tracer tracer;

    @Test
    void tracerWhenNoOtlpEndpointThenMicrometersNoopTracerSoRequestsMakeNoSpans() {
        assertThat(this.tracer).isSameAs(Tracer.NOOP);
    }

    @Test
    void prometheusWhenNoTokenThen401AndWhenTokenWithoutAdminScopeThen403() {
        OAuthTestClient client = client();
        String serviceToken = accessToken(client, SERVICE, SERVICE_SECRET, "api.read");

        Response anonymous = client.get("/actuator/prometheus");
        Response notAdmin = client.get("/actuator/prometheus", "Authorization", "Bearer " + serviceToken);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate"))
                .hasValueSatisfying((v) -> assertThat(v).startsWith("Bearer"));
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(client.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(client.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void prometheusWhenSignInsAndTokenRequestsThenCountersMoveAndNoSecretsOrUnknownClientIds() {
        OAuthTestClient client = client();
        String adminToken = accessToken(client, ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin");
        PrometheusScrape before = scrape(client, adminToken);

        String serviceToken = accessToken(client, SERVICE, SERVICE_SECRET, "api.read");
        assertThat(client.clientCredentialsBasic(SERVICE, "wrong-secret-0123456789-0123456789", "api.read")
                        .status())
                .isEqualTo(401);
        assertThat(client.clientCredentialsBasic("made-up-client-4711", "made-up-secret-0123456789-012345", null)
                        .status())
                .isEqualTo(401);
        assertThat(client.refreshBasic(WEB, WEB_SECRET, "not-a-refresh-token").status())
                .isEqualTo(400);
        OAuthTestClient browser = client();
        assertThat(OAuthTestClient.loginSucceeded(browser.login("nobody-metrics", "not-the-password-1")))
                .isFalse();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), ALICE, ALICE_PASSWORD);
        Response tokens = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String refreshToken = (String) tokens.json().get("refresh_token");
        Response refreshed = browser.refreshBasic(WEB, WEB_SECRET, refreshToken);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(client.revoke(SERVICE, SERVICE_SECRET, serviceToken, "access_token")
                        .status())
                .isEqualTo(200);
        failedPasskeySignIn();

        PrometheusScrape after = scrape(client, adminToken);

        assertThat(delta(
                        before,
                        after,
                        "phoenix_tokens_issued_total",
                        "client_id",
                        SERVICE,
                        "grant_type",
                        "client_credentials"))
                .isEqualTo(1);
        assertThat(delta(
                        before,
                        after,
                        "phoenix_tokens_issued_total",
                        "client_id",
                        WEB,
                        "grant_type",
                        "authorization_code"))
                .isEqualTo(1);
        assertThat(delta(before, after, "phoenix_tokens_issued_total", "client_id", WEB, "grant_type", "refresh_token"))
                .isEqualTo(1);
        assertThat(delta(before, after, "phoenix_token_errors_total", "error", "invalid_client"))
                .isEqualTo(2);
        assertThat(delta(before, after, "phoenix_token_errors_total", "error", "invalid_grant"))
                .isEqualTo(1);
        assertThat(delta(before, after, "phoenix_logins_total", "method", "password", "outcome", "success"))
                .isEqualTo(1);
        assertThat(delta(before, after, "phoenix_logins_total", "method", "password", "outcome", "bad_credentials"))
                .isEqualTo(1);
        assertThat(delta(before, after, "phoenix_logins_total", "method", "passkey", "outcome", "failure"))
                .isEqualTo(1);
        assertThat(delta(before, after, "phoenix_revocations_total", "kind", "token"))
                .isEqualTo(1);
        assertThat(delta(before, after, "phoenix_password_hash_seconds_count", "operation", "verify"))
                .isGreaterThanOrEqualTo(2);
        assertThat(after.value("phoenix_password_hash_seconds_sum", "operation", "verify"))
                .isGreaterThan(before.value("phoenix_password_hash_seconds_sum", "operation", "verify"));
        assertThat(after.has("phoenix_certificates_issued_total")).isTrue();
        assertThat(after.samples("phoenix_revocations_total", "kind", "certificate"))
                .hasSize(1);

        assertThat(after.has("jvm_memory_used_bytes")).as("JVM metrics").isTrue();
        assertThat(after.has("http_server_requests_seconds_count"))
                .as("HTTP server metrics")
                .isTrue();
        assertThat(after.has("hikaricp_connections_active"))
                .as("connection pool metrics")
                .isTrue();

        assertThat(after.text())
                .doesNotContain("made-up-client-4711")
                .doesNotContain("nobody-metrics")
                .doesNotContain(SERVICE_SECRET)
                .doesNotContain(WEB_SECRET)
                .doesNotContain(serviceToken)
                .doesNotContain(refreshToken);
        assertThat(after.samples("phoenix_tokens_issued_total").stream()
                        .map((s) -> s.labels().get("grant_type"))
                        .distinct())
                .allMatch(PhoenixMetrics.GRANT_TYPES::contains);
    }

    /** A passkey sign-in with a garbage assertion: answered 400, counted as a passkey failure. */
    private void failedPasskeySignIn() {
        OAuthTestClient browser = client();
        String page = browser.browse("/login").body();
        Matcher token = CSRF_META.matcher(page);
        Matcher header = CSRF_HEADER_META.matcher(page);
        assertThat(token.find() && header.find())
                .as("csrf meta tags on the login page")
                .isTrue();
        browser.post("/passkey/login/options", "application/json", "{}", header.group(1), token.group(1));
        Response response = browser.post(
                "/passkey/login",
                "application/json",
                "{\"type\":\"public-key\",\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"response\":{}}",
                header.group(1),
                token.group(1));
        assertThat(response.status()).isEqualTo(400);
    }

    static PrometheusScrape scrape(OAuthTestClient client, String adminToken) {
        Response response = client.get("/actuator/prometheus", "Authorization", "Bearer " + adminToken);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying((v) -> assertThat(v).startsWith("text/plain"));
        return PrometheusScrape.parse(response.body());
    }

    static String accessToken(OAuthTestClient client, String clientId, String secret, String scope) {
        Response response = client.clientCredentialsBasic(clientId, secret, scope);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (String) response.json().get("access_token");
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
