package com.phoenixidp.authserver.federation;

import static com.phoenixidp.authserver.TestData.ADMIN_TOOL;
import static com.phoenixidp.authserver.TestData.ADMIN_TOOL_SECRET;
import static com.phoenixidp.authserver.TestData.WEB;
import static com.phoenixidp.authserver.TestData.WEB_REDIRECT;
import static com.phoenixidp.authserver.TestData.WEB_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.FakeUpstream;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserService;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Identity brokering over real HTTP with {@link FakeUpstream} as the upstream provider: the
 * downstream client's pending authorization request continues after the upstream round trip
 * (authorization code + PKCE, state, nonce), the first sign-in creates and links a local user,
 * later ones find it, and every way an upstream answer can be wrong (ID token for another
 * audience, other issuer, nonce, expired, unknown key; a tampered state; a provider that is down)
 * ends on the sign-in page with one message. The same flow against a real second Phoenix IdP, in
 * a browser, is {@code FederationBrowserIT}.
 */
class FederationSignInIntegrationTest extends AuthServerIntegrationTest {

    @Autowired
    private UserService users;

    @Autowired
    private AuditLog audit;

    /** Where the browser ended: the client's redirect (with a code) or the sign-in page. */
    private record Outcome(String location, Map<String, String> params) {

        String code() {
            return this.params.get("code");
        }
    }

    @Test
    void loginPageWhenProvidersConfiguredThenOneButtonEachStartingItsFlow() {
        Response page = client().browse("/login");

        assertThat(page.body())
                .contains("id=\"idp-fake\"", "href=\"/oauth2/authorization/fake\"", "Sign in with Fake Upstream")
                .contains("id=\"idp-fake-email\"", "id=\"idp-down\"");
    }

    @Test
    void signInWhenFirstTimeThenLocalUserCreatedAndLinkedAndTokensNameTheLocalUser() throws Exception {
        FakeUpstream.signInAs(Map.of(
                "sub", "fake-sub-first",
                "preferred_username", "alice",
                "email", "alice@upstream.example",
                "email_verified", true,
                "name", "Alice Upstream",
                "groups", List.of("upstream-admins", "readers")));
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        String nonce = OAuthTestClient.randomToken();
        AuthorizationRequest request = new AuthorizationRequest(WEB, WEB_REDIRECT, "openid profile email")
                .pkce(pkce)
                .param("nonce", nonce);

        Outcome outcome = signInThroughUpstream(browser, request, "fake", UnaryOperator.identity());

        assertThat(outcome.location()).startsWith(WEB_REDIRECT);
        assertThat(outcome.params()).containsEntry("state", request.state());
        Response tokens = browser.exchangeCodeBasic(WEB, WEB_SECRET, outcome.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        JWTClaimsSet id = OAuthTestClient.verifiedClaims((String) tokens.json().get("id_token"), browser.jwks());
        JWTClaimsSet access =
                OAuthTestClient.verifiedClaims((String) tokens.json().get("access_token"), browser.jwks());
        // "alice" is a local user here: the new user gets a name of its own
        assertThat(id.getSubject()).isEqualTo("alice-2");
        assertThat(id.getIssuer()).isEqualTo(issuer());
        assertThat(id.getAudience()).containsExactly(WEB);
        assertThat(id.getClaim("nonce")).isEqualTo(nonce);
        assertThat(id.getClaim("email")).isEqualTo("alice@upstream.example");
        assertThat(access.getSubject()).isEqualTo("alice-2");
        assertThat(access.getStringListClaim("roles")).containsExactlyInAnyOrder("admin", "readers");
        assertThat(tokens.body()).doesNotContain(FakeUpstream.issuer());

        PhoenixUser user = this.users.getByUsername("alice-2");
        assertThat(user.source()).isEqualTo("fake");
        assertThat(user.passwordHash()).isNull();
        assertThat(this.jdbc.queryForObject(
                        "SELECT user_id FROM phoenix_federated_identity WHERE provider = 'fake' AND subject = ?",
                        String.class,
                        "fake-sub-first"))
                .isEqualTo(user.id());

        // what went upstream: code flow with PKCE S256, state, nonce, our redirect URI; the verifier at the token
        // endpoint
        Map<String, String> upstreamRequest = FakeUpstream.authorizationRequests()
                .get(FakeUpstream.authorizationRequests().size() - 1);
        assertThat(upstreamRequest)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", FakeUpstream.CLIENT_ID)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", issuer() + "/login/oauth2/code/fake")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(upstreamRequest.get("scope").split(" ")).contains("openid");
        Map<String, String> tokenRequest =
                FakeUpstream.tokenRequests().get(FakeUpstream.tokenRequests().size() - 1);
        assertThat(tokenRequest).containsKey("code_verifier");
        assertThat(tokenRequest.get("authorization")).startsWith("Basic ");

        // a later sign-in of the same upstream subject finds the same user, whatever it is called upstream
        FakeUpstream.signInAs(Map.of(
                "sub", "fake-sub-first",
                "preferred_username", "alice-renamed-upstream",
                "email", "alice@upstream.example",
                "email_verified", true,
                "groups", List.of("readers")));
        OAuthTestClient again = client();
        Outcome second = signInThroughUpstream(
                again,
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce),
                "fake",
                UnaryOperator.identity());
        assertThat(second.code()).isNotNull();
        assertThat(this.users.findByUsername("alice-renamed-upstream")).isEmpty();
        assertThat(this.users.getByUsername("alice-2").roles())
                .as("roles follow the provider's groups claim")
                .containsExactly("readers");
        assertThat(events("login.succeeded", "provider=fake")).isNotEmpty();

        String admin = "Bearer "
                + client().clientCredentialsBasic(ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin")
                        .json()
                        .get("access_token");
        Response identity = client().get("/admin/users/alice-2/identity", "Authorization", admin);
        assertThat(identity.status()).as(identity.body()).isEqualTo(200);
        assertThat(identity.json()).containsEntry("source", "fake").doesNotContainKey("ldap");
        assertThat(identity.json().get("links").toString()).contains("provider=fake", "subject=fake-sub-first");
    }

    @Test
    void signInWhenIdTokenForAnotherAudienceThenRefused() {
        assertRefused("fake-sub-aud", (claims) -> claims.audience("some-other-client"), "invalid_id_token:aud");
    }

    @Test
    void signInWhenIdTokenFromAnotherIssuerThenRefused() {
        assertRefused("fake-sub-iss", (claims) -> claims.issuer("https://evil.example"), "invalid_id_token:iss");
    }

    @Test
    void signInWhenIdTokenExpiredThenRefused() {
        Date past = new Date(System.currentTimeMillis() - 600_000);
        assertRefused(
                "fake-sub-exp",
                (claims) -> claims.issueTime(new Date(past.getTime() - 300_000)).expirationTime(past),
                "invalid_id_token");
    }

    @Test
    void signInWhenIdTokenHasAnotherNonceThenRefused() {
        assertRefused("fake-sub-nonce", (claims) -> claims.claim("nonce", "not-the-nonce-sent"), "invalid_nonce");
    }

    @Test
    void signInWhenIdTokenSignedWithKeyNotInJwkSetThenRefused() {
        FakeUpstream.signInAs(Map.of("sub", "fake-sub-key", "preferred_username", "fake-key-user"));
        FakeUpstream.signWithUnknownKey();

        Outcome outcome = signInThroughUpstream(client(), newRequest(), "fake", UnaryOperator.identity());

        assertThat(outcome.location()).endsWith("/login?error=federation");
        assertThat(this.users.findByUsername("fake-key-user")).isEmpty();
        assertThat(events("login.failed", "provider=fake")).last().asString().contains("invalid_id_token");
    }

    @Test
    void signInWhenStateTamperedThenRefused() {
        FakeUpstream.signInAs(Map.of("sub", "fake-sub-state", "preferred_username", "fake-state-user"));

        Outcome outcome = signInThroughUpstream(
                client(),
                newRequest(),
                "fake",
                (callback) -> callback.replaceAll("([?&]state=)[^&]*", "$1" + OAuthTestClient.randomToken()));

        assertThat(outcome.location()).endsWith("/login?error=federation");
        assertThat(this.users.findByUsername("fake-state-user")).isEmpty();
        assertThat(events("login.failed", "provider=fake"))
                .last()
                .asString()
                .contains("reason=authorization_request_not_found");
    }

    @Test
    void signInWhenLinkByVerifiedEmailThenExistingLocalUserOnlyIfTheProviderVerifiedIt() throws Exception {
        FakeUpstream.signInAs(Map.of(
                "sub", "email-sub-verified",
                "preferred_username", "gina-upstream",
                "email", "gina@example.com",
                "email_verified", true));
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        Outcome linked = signInThroughUpstream(
                browser,
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce),
                "fake-email",
                UnaryOperator.identity());
        Response tokens = browser.exchangeCodeBasic(WEB, WEB_SECRET, linked.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(OAuthTestClient.verifiedClaims((String) tokens.json().get("id_token"), browser.jwks())
                        .getSubject())
                .isEqualTo("gina");
        assertThat(this.users.getByUsername("gina").source())
                .as("still a local account")
                .isEqualTo("local");

        FakeUpstream.signInAs(Map.of(
                "sub", "email-sub-unverified",
                "preferred_username", "gina-unverified",
                "email", "gina@example.com",
                "email_verified", false));
        signInThroughUpstream(client(), newRequest(), "fake-email", UnaryOperator.identity());
        PhoenixUser created = this.users.getByUsername("gina-unverified");
        assertThat(created.source()).isEqualTo("fake-email");
        assertThat(created.emailVerified()).isFalse();
    }

    @Test
    void signInWhenLinkedLocalUserDisabledThenRefused() {
        FakeUpstream.signInAs(Map.of("sub", "fake-sub-disabled", "preferred_username", "fake-disabled"));
        assertThat(signInThroughUpstream(client(), newRequest(), "fake", UnaryOperator.identity())
                        .code())
                .isNotNull();
        PhoenixUser user = this.users.getByUsername("fake-disabled");
        this.users.setEnabled(user.id(), false, new Actor("test", "console", null));

        Outcome refused = signInThroughUpstream(client(), newRequest(), "fake", UnaryOperator.identity());

        assertThat(refused.location()).endsWith("/login?error=federation");
        assertThat(events("login.failed", "provider=fake")).last().asString().contains("account_disabled");
    }

    @Test
    void signInWhenProviderDownOrUnknownThenSignInPageWithMessageNotAnError() {
        OAuthTestClient browser = client();
        browser.browse("/oauth2/authorize?" + newRequest().query());

        Response down = browser.browse("/oauth2/authorization/down");
        Response unknown = browser.browse("/oauth2/authorization/no-such-provider");

        assertThat(down.status()).isEqualTo(302);
        assertThat(down.location()).endsWith("/login?error=federation");
        assertThat(unknown.status()).isEqualTo(302);
        assertThat(unknown.location()).endsWith("/login?error=federation");
        Response page = browser.browse("/login?error=federation");
        assertThat(page.body()).contains("Sign-in through the other identity provider did not complete");
        assertThat(events("login.failed", "provider=down")).last().asString().contains("provider_unavailable");
    }

    private void assertRefused(String subject, Consumer<com.nimbusds.jwt.JWTClaimsSet.Builder> tamper, String reason) {
        FakeUpstream.signInAs(Map.of("sub", subject, "preferred_username", subject + "-user"));
        FakeUpstream.tamper(tamper);

        Outcome outcome = signInThroughUpstream(client(), newRequest(), "fake", UnaryOperator.identity());

        assertThat(outcome.location()).endsWith("/login?error=federation");
        assertThat(this.users.findByUsername(subject + "-user")).isEmpty();
        assertThat(this.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM phoenix_federated_identity WHERE subject = ?", Integer.class, subject))
                .isZero();
        assertThat(events("login.failed", "provider=fake")).last().asString().contains("reason=" + reason);
    }

    private static AuthorizationRequest newRequest() {
        return new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(OAuthTestClient.pkce());
    }

    /**
     * The browser's hops: the client's authorization request (sent to the sign-in page), the
     * provider's button, the upstream authorization (the fake answers at once), the callback
     * ({@code callback} may change it), then on to the client's redirect URI or the sign-in page.
     */
    private Outcome signInThroughUpstream(
            OAuthTestClient browser, AuthorizationRequest request, String alias, UnaryOperator<String> callback) {
        Response response = browser.browse("/oauth2/authorize?" + request.query());
        assertThat(response.location()).endsWith("/login");
        response = browser.browse("/oauth2/authorization/" + alias);
        assertThat(response.status()).as(response.body()).isEqualTo(302);
        assertThat(response.location()).startsWith(FakeUpstream.issuer() + "/authorize?");
        response = browser.get(response.location());
        assertThat(response.location()).startsWith(issuer() + "/login/oauth2/code/" + alias + "?");
        response = browser.browse(callback.apply(response.location()));
        for (int hop = 0; hop < 5 && response.isRedirect(); hop++) {
            String location = URI.create(issuer()).resolve(response.location()).toString();
            if (location.startsWith(request.redirectUri()) || location.contains("/login")) {
                return new Outcome(location, OAuthTestClient.queryParams(location));
            }
            response = browser.browse(location);
        }
        throw new AssertionError("the flow ended with " + response.status() + ": " + response.body());
    }

    /** Details of the audit events of this type whose details contain {@code fragment}, oldest first. */
    private List<String> events(String type, String fragment) {
        this.audit.flush();
        return this.jdbc.queryForList(
                "SELECT details FROM phoenix_audit_event WHERE event_type = ? AND details LIKE ? ORDER BY id",
                String.class,
                type,
                "%" + fragment + "%");
    }
}
