package com.phoenixidp.authserver.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.ChromeBrowser;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.PhoenixAuthServerApplication;
import com.phoenixidp.authserver.TestKeys;
import com.phoenixidp.authserver.TestPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Brokering between two real Phoenix IdPs: the upstream is the built auth-server jar in its own
 * process (its own port, data, users and clients, session cookie {@code UPSTREAMSESSION}); the
 * downstream runs in this JVM with {@code phoenix.federation.providers.upstream} (client secret)
 * and {@code upstream-pkj} (private_key_jwt) pointing at it. In headless Chromium, a downstream
 * client's authorization request is signed in through the {@code idp-upstream} button and the
 * upstream's login page; the tokens name the linked local user. Over plain HTTP, the same round
 * trip with a tampered {@code state} is refused, and private_key_jwt client authentication works.
 * (ID tokens for another audience, issuer or nonce cannot come from a correct provider; they are
 * refused in {@code FederationSignInIntegrationTest} against a scripted one.)
 */
class FederationBrowserIT {

    private static final String CLIENT_SECRET = "downstream-secret-0123456789-0123456789";

    private static final String URSULA_PASSWORD = "ursula-upstream-pw-1";

    private static final String UWE_PASSWORD = "uwe-upstream-pw-123";

    private static UpstreamPhoenix upstream;

    private static ConfigurableApplicationContext downstream;

    private static String downstreamUrl;

    @BeforeAll
    static void startBoth() throws Exception {
        int downstreamPort = TestPorts.findFreePort();
        downstreamUrl = "http://localhost:" + downstreamPort;
        Path dir = Files.createTempDirectory("phoenix-downstream-");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair clientKey = generator.generateKeyPair();
        Path keyFile = dir.resolve("upstream-client.pem");
        Files.writeString(
                keyFile,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(clientKey.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        String jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) clientKey.getPublic())
                        .keyID("downstream-key-1")
                        .build())
                .toString();

        upstream = UpstreamPhoenix.start(String.join(
                "\n",
                "  bootstrap:",
                "    users:",
                "      - username: ursula",
                "        password: \"" + URSULA_PASSWORD + "\"",
                "        email: ursula@upstream.example",
                "        display-name: Ursula Upstream",
                "        roles: [user]",
                "      - username: uwe",
                "        password: \"" + UWE_PASSWORD + "\"",
                "        email: uwe@upstream.example",
                "        roles: [user]",
                "    clients:",
                "      - client-id: downstream",
                "        client-secret: \"" + CLIENT_SECRET + "\"",
                "        grant-types: [authorization_code]",
                "        auth-methods: [client_secret_basic]",
                "        redirect-uris: [\"" + downstreamUrl + "/login/oauth2/code/upstream\"]",
                "        scopes: [openid, profile, email]",
                "        require-consent: false",
                "      - client-id: downstream-pkj",
                "        grant-types: [authorization_code]",
                "        auth-methods: [private_key_jwt]",
                "        jwks: '" + jwks + "'",
                "        redirect-uris: [\"" + downstreamUrl + "/login/oauth2/code/upstream-pkj\"]",
                "        scopes: [openid, profile, email]",
                "        require-consent: false",
                ""));

        Path masterKey = dir.resolve("master.key");
        Files.writeString(masterKey, TestKeys.MASTER_KEY_BASE64);
        String provider = "--phoenix.federation.providers.upstream.";
        String pkj = "--phoenix.federation.providers.upstream-pkj.";
        downstream = new SpringApplicationBuilder(PhoenixAuthServerApplication.class)
                .profiles("test")
                .run(
                        "--server.port=" + downstreamPort,
                        "--phoenix.issuer=" + downstreamUrl,
                        "--phoenix.data-dir=" + dir.resolve("data"),
                        "--phoenix.master-key-file=" + masterKey,
                        provider + "issuer-uri=" + upstream.issuer(),
                        provider + "client-id=downstream",
                        provider + "client-secret=" + CLIENT_SECRET,
                        provider + "display-name=Upstream Phoenix",
                        pkj + "issuer-uri=" + upstream.issuer(),
                        pkj + "client-id=downstream-pkj",
                        pkj + "client-authentication=private_key_jwt",
                        pkj + "private-key-file=" + keyFile,
                        pkj + "key-id=downstream-key-1");
    }

    @AfterAll
    static void stopBoth() {
        if (downstream != null) {
            downstream.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void browserWhenSignedInThroughUpstreamButtonThenTokensNameTheLinkedLocalUser() throws Exception {
        String redirect = downstreamUrl + "/passkey-test/callback";
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationRequest request = new AuthorizationRequest("passkey-test", redirect, "openid profile").pkce(pkce);
        try (ChromeBrowser browser = ChromeBrowser.start(downstreamUrl)) {
            browser.open("/oauth2/authorize?" + request.query());
            browser.waitForPath("/login");
            assertThat(browser.element("idp-upstream").getText()).isEqualTo("Sign in with Upstream Phoenix");
            browser.click("idp-upstream");
            browser.waitForUrlStartingWith(upstream.issuer() + "/login");
            browser.passwordLogin("ursula", URSULA_PASSWORD);
            String callback = browser.waitForUrlStartingWith(redirect);

            Map<String, String> params = OAuthTestClient.queryParams(callback);
            assertThat(params).containsEntry("state", request.state()).containsKey("code");
            OAuthTestClient http = new OAuthTestClient(downstreamUrl);
            Response tokens = http.exchangeCodePublic("passkey-test", params.get("code"), redirect, pkce.verifier());
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
            JWTClaimsSet id =
                    OAuthTestClient.verifiedClaims((String) tokens.json().get("id_token"), http.jwks());
            assertThat(id.getIssuer()).isEqualTo(downstreamUrl);
            assertThat(id.getSubject()).isEqualTo("ursula");
            assertThat(id.getClaim("name")).isEqualTo("Ursula Upstream");
        }
        JdbcTemplate jdbc = downstream.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT source FROM phoenix_user WHERE username = 'ursula'", String.class))
                .isEqualTo("upstream");
        assertThat(jdbc.queryForObject(
                        "SELECT u.username FROM phoenix_federated_identity f JOIN phoenix_user u ON u.id = f.user_id"
                                + " WHERE f.provider = 'upstream'",
                        String.class))
                .isEqualTo("ursula");
    }

    @Test
    void roundTripWhenStateTamperedThenRefusedWhilePrivateKeyJwtRoundTripSucceeds() throws Exception {
        String tampered = roundTrip(
                "upstream",
                (callback) -> callback.replaceAll("([?&]state=)[^&]*", "$1" + OAuthTestClient.randomToken()));
        assertThat(tampered).endsWith("/login?error=federation");
        assertThat(new OAuthTestClient(downstreamUrl).browse(tampered).body())
                .contains("Sign-in through the other identity provider did not complete");

        String signedIn = roundTrip("upstream-pkj", (callback) -> callback);
        assertThat(signedIn).startsWith(downstreamUrl + "/passkey-test/callback?");
        JdbcTemplate jdbc = downstream.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT source FROM phoenix_user WHERE username = 'uwe'", String.class))
                .isEqualTo("upstream-pkj");
    }

    /**
     * The round trip as two user agents (one per server: their cookies never mix): the client's
     * request at the downstream, the provider's button, the upstream's login page, the callback
     * ({@code callback} may change it), and on to where the downstream sends the browser.
     */
    private static String roundTrip(String alias, java.util.function.UnaryOperator<String> callback) {
        OAuthTestClient down = new OAuthTestClient(downstreamUrl);
        OAuthTestClient up = new OAuthTestClient(upstream.issuer());
        AuthorizationRequest request = new AuthorizationRequest(
                        "passkey-test", downstreamUrl + "/passkey-test/callback", "openid")
                .pkce(OAuthTestClient.pkce());
        assertThat(down.browse("/oauth2/authorize?" + request.query()).location())
                .endsWith("/login");
        Response toUpstream = down.browse("/oauth2/authorization/" + alias);
        assertThat(toUpstream.location()).startsWith(upstream.issuer() + "/oauth2/authorize?");
        Map<String, String> upstreamRequest = OAuthTestClient.queryParams(toUpstream.location());
        assertThat(upstreamRequest)
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(up.browse(toUpstream.location()).location()).endsWith("/login");
        Response signedIn = up.login("uwe", UWE_PASSWORD);
        Response back = up.browse(signedIn.location());
        assertThat(back.location()).as(upstream.log()).startsWith(downstreamUrl + "/login/oauth2/code/" + alias);
        Response response = down.browse(callback.apply(back.location()));
        for (int hop = 0; hop < 5 && response.isRedirect(); hop++) {
            String location = java.net
                    .URI
                    .create(downstreamUrl)
                    .resolve(response.location())
                    .toString();
            if (location.contains("/passkey-test/callback") || location.contains("/login")) {
                return location;
            }
            response = down.browse(location);
        }
        throw new AssertionError("the round trip ended with " + response.status() + ": " + response.body());
    }
}
